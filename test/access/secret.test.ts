// The portal's signing secret: configured, or generated once into the data folder (mode 0600), the same for
// every process that asks, even two at once.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dataDirOf, loadPortalSecret } from '../../access/secret';

const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), 'dondoc-secret-')), 'data');

describe('the portal secret', () => {
  it('is DONDOC_PORTAL_SECRET when set, refused when shorter than 32 characters (without echoing it)', async () => {
    const dataDir = fresh();
    const text = 'x'.repeat(32);
    expect(Buffer.from(await loadPortalSecret({ env: { DONDOC_PORTAL_SECRET: text }, dataDir }))).toEqual(
      Buffer.from(text),
    );
    const short = 'tooShortSecret123';
    const err = await loadPortalSecret({ env: { DONDOC_PORTAL_SECRET: short }, dataDir }).catch((e) => e);
    expect(String(err)).toMatch(/at least 32 characters/);
    expect(String(err)).not.toContain(short);
  });

  it('is generated once into the data folder, mode 0600, and read back the same', async () => {
    const dataDir = fresh();
    const first = await loadPortalSecret({ env: {}, dataDir });
    const file = path.join(dataDir, 'portal-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(await loadPortalSecret({ env: {}, dataDir }))).toEqual(Buffer.from(first));
    // The file's content as DONDOC_PORTAL_SECRET is the same key.
    const asEnv = await loadPortalSecret({
      env: { DONDOC_PORTAL_SECRET: readFileSync(file, 'utf8') },
      dataDir: fresh(),
    });
    expect(Buffer.from(asEnv)).toEqual(Buffer.from(first));
  });

  it('is the same for callers racing to create it', async () => {
    const dataDir = fresh();
    const all = await Promise.all(Array.from({ length: 8 }, () => loadPortalSecret({ env: {}, dataDir })));
    for (const s of all) expect(Buffer.from(s)).toEqual(Buffer.from(all[0] as Uint8Array));
  });

  it('is the same for separate processes racing to create it', async () => {
    const dataDir = fresh();
    const module = path.join(__dirname, '..', '..', 'access', 'secret.ts');
    const script = `require(${JSON.stringify(module)}).loadPortalSecret({ env: {}, dataDir: ${JSON.stringify(dataDir)} }).then((s) => process.stdout.write(Buffer.from(s).toString()))`;
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DONDOC_PORTAL_SECRET'));
    const run = () =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', '-e', script], { env }, (err, stdout) =>
          err ? reject(err) : resolve(stdout),
        ),
      );
    const all = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(all).size).toBe(1);
    expect(all[0]).toBe(readFileSync(path.join(dataDir, 'portal-secret'), 'utf8').trim());
  }, 30_000);

  it('lives in DONDOC_DATA_DIR, else .data', () => {
    expect(dataDirOf({ DONDOC_DATA_DIR: '/srv/dondoc' })).toBe('/srv/dondoc');
    expect(dataDirOf({})).toBe(path.resolve('.data'));
  });
});
