import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../client/cli';
import { loadConnectionSettings } from '../../client/connection';

describe('connection settings (envconfig)', () => {
  it('defaults to the embedded dev server', () => {
    const s = loadConnectionSettings({ HOME: mkdtempSync(path.join(tmpdir(), 'dondoc-home-')) });
    expect(s.summary).toEqual({
      address: 'localhost:7233',
      namespace: 'default',
      profile: 'default',
      tls: false,
      apiKey: false,
    });
  });

  it('takes TEMPORAL_* variables for an existing cluster and never exposes the API key', () => {
    const s = loadConnectionSettings({
      HOME: mkdtempSync(path.join(tmpdir(), 'dondoc-home-')),
      TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'my-ns.a1b2c',
      TEMPORAL_API_KEY: 'secret-key-value',
    });
    expect(s.summary).toEqual({
      address: 'my-ns.a1b2c.tmprl.cloud:7233',
      namespace: 'my-ns.a1b2c',
      profile: 'default',
      tls: true,
      apiKey: true,
    });
    expect(JSON.stringify(s.summary)).not.toContain('secret-key-value');
  });

  it('reads a named profile from a temporal.toml file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-cfg-'));
    const file = path.join(dir, 'temporal.toml');
    writeFileSync(
      file,
      ['[profile.prod]', 'address = "temporal.internal:7233"', 'namespace = "dondoc-prod"', ''].join('\n'),
    );
    const s = loadConnectionSettings({ HOME: dir, TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'prod' });
    expect(s.summary).toMatchObject({
      address: 'temporal.internal:7233',
      namespace: 'dondoc-prod',
      profile: 'prod',
    });
  });

  it('`dondoc connection --json` prints the summary', async () => {
    let out = '';
    const saved = process.env.TEMPORAL_NAMESPACE;
    process.env.TEMPORAL_NAMESPACE = 'from-env';
    try {
      const code = await main(['node', 'dondoc', 'connection', '--json'], (s) => {
        out += s;
      });
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ namespace: 'from-env' });
    } finally {
      if (saved === undefined) delete process.env.TEMPORAL_NAMESPACE;
      else process.env.TEMPORAL_NAMESPACE = saved;
    }
  });
});
