// Issue 15, defects 5, 9, 10 and 12, and the bounds on input size: the files a hostile campaign may point to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_INPUT_BYTES, MAX_UNITS } from '../../core/definition/limits';
import { runCli } from '../support/run-cli';
import { issuesOf, MINIMAL, put, tempDir, UNITS_CSV, WITH_CSV } from './definition-support';

jest.setTimeout(30_000);

const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_'))),
  HOME: mkdtempSync(path.join(tmpdir(), 'dondoc-hostile-home-')),
};

/** Windows-1258 bytes for "Huyện" in a name: "Huy" 0xEA 0xF2 "n" (ê, then the combining dot below). */
const CP1258_NAME = Buffer.from([0x48, 0x75, 0x79, 0xea, 0xf2, 0x6e]);

describe('encodings (defect 9)', () => {
  const cases: [string, () => Buffer, string][] = [
    [
      'UTF-16 LE with a BOM',
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, 'utf16le')]),
      'UTF-16 LE',
    ],
    [
      'UTF-16 BE with a BOM',
      () => Buffer.from(Buffer.from(`\uFEFF${MINIMAL}`, 'utf16le').swap16()),
      'UTF-16 BE',
    ],
    ['UTF-16 without a BOM', () => Buffer.from(MINIMAL.replace(/[^\n -~]/g, 'a'), 'utf16le'), 'UTF-16'],
    ['UTF-32 LE with a BOM', () => Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), 'UTF-32 LE'],
    [
      'Windows-1258',
      () => Buffer.concat([Buffer.from(MINIMAL.split('Huyện A')[0] ?? ''), CP1258_NAME, Buffer.from(' A')]),
      'Windows-1258',
    ],
  ];
  it.each(cases)('a campaign file in %s is refused as not UTF-8, by name', async (_what, bytes, says) => {
    const file = put(tempDir(), 'c.yaml', bytes());
    expect(await issuesOf(file)).toEqual([
      expect.stringMatching(
        new RegExp(`^.* \\| not_utf8 \\| tệp không phải UTF-8 \\(.*${says}.*\\).* @ c\\.yaml$`),
      ),
    ]);
  });

  it('a UTF-8 BOM is fine', async () => {
    expect(await issuesOf(put(tempDir(), 'c.yaml', `\uFEFF${MINIMAL}`))).toEqual([]);
  });

  it('a units CSV in Windows-1258 is refused as not UTF-8, by name', async () => {
    const dir = tempDir();
    put(dir, 'units.csv', Buffer.concat([Buffer.from(UNITS_CSV.replace(/Huyện B/, '')), CP1258_NAME]));
    const issues = await issuesOf(put(dir, 'c.yaml', WITH_CSV));
    expect(issues).toEqual([expect.stringMatching(/units\.csv: tệp không phải UTF-8/)]);
  });
});

describe('unitsFile (defect 10)', () => {
  it('an absolute path is reported as it is, not under the campaign folder', async () => {
    const other = put(tempDir(), 'missing-dir-units.csv', '');
    const absent = `${other}.absent`;
    const issues = await issuesOf(
      put(tempDir(), 'c.yaml', WITH_CSV.replace('unitsFile: units.csv', `unitsFile: ${absent}`)),
    );
    expect(issues).toEqual([
      expect.stringMatching(new RegExp(`^unitsFile \\| file_not_found \\| ${absent}: `)),
    ]);
  });

  it.each(['/dev/stdin', '/dev/zero', 'fifo', '.'])(
    '%s is refused, not read, as not a regular file',
    async (name) => {
      const dir = tempDir();
      if (name === 'fifo') execFileSync('mkfifo', [path.join(dir, 'fifo')]);
      const issues = await issuesOf(
        put(dir, 'c.yaml', WITH_CSV.replace('unitsFile: units.csv', `unitsFile: '${name}'`)),
      );
      expect(issues).toEqual([
        expect.stringMatching(/file_not_regular \| .*không phải là một tệp thông thường/),
      ]);
    },
    10_000,
  );
});

describe('bounds', () => {
  it(`a campaign file over ${MAX_INPUT_BYTES} bytes is refused before it is parsed`, async () => {
    const file = put(tempDir(), 'c.yaml', `${MINIMAL}\n#${'x'.repeat(MAX_INPUT_BYTES)}\n`);
    expect(await issuesOf(file)).toEqual([
      expect.stringMatching(/file_too_large \| tệp quá lớn: 20 MiB, giới hạn là 20 MiB/),
    ]);
  });

  it(`more than ${MAX_UNITS} units are refused`, async () => {
    const dir = tempDir();
    const rows = Array.from(
      { length: MAX_UNITS },
      (_, i) => `u${i},Đơn vị ${i},district,tinh,u${i}@x.example.org,`,
    );
    put(dir, 'units.csv', [UNITS_CSV.trimEnd(), ...rows].join('\n'));
    const issues = await issuesOf(put(dir, 'c.yaml', WITH_CSV));
    expect(issues).toEqual([
      `units | too_many_units | quá nhiều đơn vị: ${MAX_UNITS + 3}, giới hạn là ${MAX_UNITS} @ c.yaml`,
    ]);
  });
});

describe('YAML', () => {
  it('an alias bomb is a clear error naming the file (defect 5)', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [prev, next] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
    ]) {
      levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const file = put(tempDir(), 'bomb.yaml', `${levels.join('\n')}\n`);
    const r = await runCli(ENV, 'validate', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bomb\.yaml.*quá nhiều bí danh YAML/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('100,000 keys are checked for repeats in a few seconds, and a repeat is still found (defect 12)', async () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: 1`);
    const text = MINIMAL.replace('levels:', `extra:\n${keys.join('\n')}\n  k7: 2\n\nlevels:`);
    const started = Date.now();
    const issues = await issuesOf(put(tempDir(), 'c.yaml', text));
    // Quadratic, it took minutes; linear, about a second here (bounded loosely: the machine may be busy).
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(issues).toEqual([
      expect.stringMatching(
        /^\(cấp cao nhất\) \| syntax \| lỗi cú pháp: khóa bị lặp lại .* @ c\.yaml:100012:3$/,
      ),
    ]);
  }, 20_000);
});
