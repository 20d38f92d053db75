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
    expect(loadWorkerConfig({ DONDOC_REPORT_EVERY_MS: '0' }).DONDOC_REPORT_EVERY_MS).toBe(0);
  });

  it('fails fast, naming every bad variable, without echoing values', () => {
    let err: unknown;
    try {
      loadWorkerConfig({
        DONDOC_SMTP_PORT: '99999',
        DONDOC_SMTP_SECURE: 'maybe',
        DONDOC_SMTP_PASS: 'hunter2',
        DONDOC_REPORT_EVERY_MS: '-5',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DONDOC_SMTP_PORT/);
    expect(problems).toMatch(/DONDOC_SMTP_SECURE/);
    expect(problems).toMatch(/DONDOC_REPORT_EVERY_MS/);
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

  it('takes an optional portal URL (http or https, no trailing slash) and a data folder', () => {
    const none = loadWorkerConfig({});
    expect(none.DONDOC_PORTAL_URL).toBeUndefined();
    expect(none.DONDOC_DATA_DIR).toBe('.data');
    expect(describeConfig(none)).toContain('no portal links');
    expect(loadWorkerConfig({ DONDOC_PORTAL_URL: '' }).DONDOC_PORTAL_URL).toBeUndefined();
    const c = loadWorkerConfig({
      DONDOC_PORTAL_URL: 'https://cong.example.org/dondoc/',
      DONDOC_DATA_DIR: '/srv/dondoc',
      DONDOC_PORTAL_LINK_TTL_DAYS: '30',
      DONDOC_PORTAL_SECRET: 'never-printed-secret-of-32-characters',
    });
    expect(c).toMatchObject({
      DONDOC_PORTAL_URL: 'https://cong.example.org/dondoc',
      DONDOC_DATA_DIR: '/srv/dondoc',
      DONDOC_PORTAL_LINK_TTL_DAYS: 30,
    });
    expect(describeConfig(c)).toContain('links to the portal at https://cong.example.org/dondoc');
    expect(describeConfig(c)).not.toContain('never-printed');
    for (const bad of ['not a url', 'ftp://cong.example.org', 'javascript:alert(1)']) {
      expect(() => loadWorkerConfig({ DONDOC_PORTAL_URL: bad })).toThrow(/DONDOC_PORTAL_URL/);
    }
  });
});
