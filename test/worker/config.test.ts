import { ConfigError, describeConfig, loadWorkerConfig } from '../../worker/config';

describe('worker configuration', () => {
  it('has defaults for the embedded setup', () => {
    const c = loadWorkerConfig({});
    expect(c).toMatchObject({
      DONDOC_TASK_QUEUE: 'dondoc',
      DONDOC_SMTP_HOST: '127.0.0.1',
      DONDOC_SMTP_PORT: 1025,
      DONDOC_SMTP_SECURE: false,
      DONDOC_ARCHIVE_DIR: '.data/archive',
    });
  });

  it('fails fast, naming every bad variable, without echoing values', () => {
    let err: unknown;
    try {
      loadWorkerConfig({
        DONDOC_SMTP_PORT: '99999',
        DONDOC_SMTP_SECURE: 'maybe',
        DONDOC_SMTP_PASS: 'hunter2',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DONDOC_SMTP_PORT/);
    expect(problems).toMatch(/DONDOC_SMTP_SECURE/);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('wants SMTP user and password together, and never prints the password', () => {
    expect(() => loadWorkerConfig({ DONDOC_SMTP_USER: 'pv05' })).toThrow(/set both or neither/);
    const c = loadWorkerConfig({
      DONDOC_SMTP_USER: 'pv05',
      DONDOC_SMTP_PASS: 's3cret',
      DONDOC_SMTP_SECURE: 'true',
      DONDOC_SMTP_PORT: '465',
    });
    expect(describeConfig(c)).toContain('as pv05');
    expect(describeConfig(c)).not.toContain('s3cret');
  });
});
