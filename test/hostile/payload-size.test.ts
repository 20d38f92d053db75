// Issue 15, limits: a definition over what Temporal takes in one payload (2 MiB, after dondoc's gzip) is refused
// by `dondoc validate` and `dondoc start` with a clear issue, before anything is sent; one just under it is not.
import { randomBytes } from 'node:crypto';
import { validateFile } from '../../client/validate-command';
import { SEND_LIMIT_BYTES, wireBytes } from '../../core/payload-codec';
import { put, tempDir, WITH_CSV } from './definition-support';

jest.setTimeout(120_000);

/** A units CSV of `n` communes whose names are `chars` random (incompressible) characters. */
function units(n: number, chars: number): string {
  const rows = ['id,name,level,parent,emails,tags', 'tinh,Ban Chỉ đạo tỉnh,province,,bcd@tinh.example.org,'];
  rows.push('huyen-a,Huyện A,district,tinh,bcd@huyen-a.example.org,diem');
  for (let i = 0; i < n; i++) {
    const name = randomBytes(chars).toString('base64').slice(0, chars).replace(/[+/]/g, 'x');
    rows.push(`xa-${i},Xã ${name},district,tinh,xa${i}@example.org,`);
  }
  return `${rows.join('\n')}\n`;
}

async function outcome(n: number, chars: number) {
  const dir = tempDir();
  put(dir, 'units.csv', units(n, chars));
  return await validateFile(put(dir, 'c.yaml', WITH_CSV), 'en');
}

it('refuses a definition too large to send, saying by how much', async () => {
  const r = await outcome(3_000, 900);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.issues).toEqual([
    expect.objectContaining({
      code: 'too_large',
      message: expect.stringMatching(
        /^the definition is too large to send to Temporal: \d+(\.\d)? MiB compressed, at most 1\.9 MiB/,
      ),
    }),
  ]);
});

it('takes one under the limit, whose size as sent is measured the same way', async () => {
  const r = await outcome(1_000, 900);
  expect(r.ok).toBe(true);
  expect(await wireBytes({ units: units(1_000, 900) })).toBeLessThan(SEND_LIMIT_BYTES);
});
