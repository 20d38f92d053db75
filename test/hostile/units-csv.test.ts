// Hostile units CSVs (a campaign's `unitsFile`, read by core/definition/units-csv.ts through loadCampaignFile):
// encodings, line breaks inside quoted cells, header injection in the emails column, formula-looking names,
// prototype-member and path-like ids, NFC/NFD twins, rows of the wrong width, empty rows and a huge field. Each
// is refused with issues naming the CSV file, its line and the field in Vietnamese, within a bounded time, or
// read as text when it is legitimate. Loading starts and writes nothing: it only reads the two files.

import { readdirSync } from 'node:fs';
import { mailTemplateChecker } from '../../activities/mail/templates';
import { loadCampaignFile } from '../../core/definition/load';
import { MAX_NAME_CHARS } from '../../core/definition/schema';
import type { Campaign } from '../../core/definition/types';
import { issuesOf, put, tempDir, UNITS_CSV, WITH_CSV } from './definition-support';

jest.setTimeout(20_000);

// Bounds that catch a hang or a quadratic blow-up, loose enough for a busy 2-core machine.
const PER_FILE_MS = 10_000;
const HEADER = 'id,name,level,parent,emails,tags\n';
const TINH = 'tinh,Ban Chỉ đạo tỉnh,province,,bcd@tinh.example.org,\n';
const HUYEN_A = 'huyen-a,Huyện A,district,tinh,bcd@huyen-a.example.org,diem\n';
/** A good list (line 2: tinh, line 3: huyen-a) followed by `rows` from line 4. */
const withRows = (rows: string) => `${HEADER}${TINH}${HUYEN_A}${rows}`;
const row = (id: string, name = 'Huyện X', email = 'x@huyen-x.example.org') =>
  `${id},${name},district,tinh,${email},\n`;

/** The issues of the campaign with-csv.yaml reading `csv` as its units.csv, in bounded time, and nothing written. */
async function csvIssues(csv: string | Uint8Array): Promise<string[]> {
  const dir = tempDir();
  put(dir, 'units.csv', csv);
  const file = put(dir, 'c.yaml', WITH_CSV);
  const started = Date.now();
  const issues = await issuesOf(file);
  expect(Date.now() - started).toBeLessThan(PER_FILE_MS);
  expect(readdirSync(dir).sort()).toEqual(['c.yaml', 'units.csv']);
  return issues;
}

/** The units of the accepted campaign (the test fails with its issues otherwise). */
async function csvUnits(csv: string | Uint8Array): Promise<Campaign['units']> {
  const dir = tempDir();
  put(dir, 'units.csv', csv);
  const r = await loadCampaignFile(put(dir, 'c.yaml', WITH_CSV), mailTemplateChecker);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.campaign.units;
}

const NOT_UTF8 = /^unitsFile \| not_utf8 \| .*units\.csv: tệp không phải UTF-8 \(.*\).* @ c\.yaml$/;

describe('units CSV encodings', () => {
  it('a UTF-8 BOM is accepted and dropped from the first column name', async () => {
    const units = await csvUnits(`\uFEFF${UNITS_CSV}`);
    expect(units.map((u) => u.id)).toEqual(['tinh', 'huyen-a', 'huyen-b']);
  });

  it.each<[string, () => Buffer]>([
    [
      'UTF-16 LE with a BOM',
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UNITS_CSV, 'utf16le')]),
    ],
    ['UTF-16 BE with a BOM', () => Buffer.from(`\uFEFF${UNITS_CSV}`, 'utf16le').swap16()],
    ['UTF-16 LE without a BOM', () => Buffer.from(UNITS_CSV.replace(/[^\n -~]/g, 'a'), 'utf16le')],
    [
      'Windows-1258 in an e-mail cell',
      () =>
        Buffer.concat([Buffer.from(withRows('huyen-b,B,district,tinh,')), Buffer.from([0xea, 0xf2, 0x40])]),
    ],
    [
      'an overlong UTF-8 "/" (C0 AF)',
      () =>
        Buffer.concat([
          Buffer.from(withRows('x,')),
          Buffer.from([0xc0, 0xaf]),
          Buffer.from(',district,,a@b.vn,\n'),
        ]),
    ],
    [
      'a UTF-8-encoded lone surrogate (ED A0 80)',
      () =>
        Buffer.concat([
          Buffer.from(withRows('x,')),
          Buffer.from([0xed, 0xa0, 0x80]),
          Buffer.from(',district,,a@b.vn,\n'),
        ]),
    ],
  ])('%s is refused as not UTF-8, naming the CSV file', async (_what, bytes) => {
    expect(await csvIssues(bytes())).toEqual([expect.stringMatching(NOT_UTF8)]);
  });

  it('CRLF line endings throughout are accepted', async () => {
    const units = await csvUnits(UNITS_CSV.replace(/\n/g, '\r\n'));
    expect(units.map((u) => [u.id, u.name])).toContainEqual(['huyen-b', 'Huyện B']);
  });
});

describe('line breaks and control characters inside cells', () => {
  it.each([
    ['a tab inside a quoted name', '"Huyện\tB"', 'U+0009'],
    ['a NUL byte in a name', 'Huyện\u0000B', 'U+0000'],
    ['a right-to-left override in a name', 'Huyện \u202EB', 'U+202E'],
  ])('%s is refused by file and line', async (_what, name, code) => {
    expect(await csvIssues(withRows(row('huyen-b', name)))).toEqual([
      `name | control_character | chứa ký tự điều khiển ${code} (xuống dòng, ESC, đảo chiều văn bản…), không được phép ở đây @ units.csv:4`,
    ]);
  });

  // A row broken over lines 4 and 5 by its quoted cell is named by the line where it ends.
  it.each([
    ['LF inside a quoted name', '"Huyện\nB"', 'U+000A'],
    ['a lone CR inside a quoted name', '"Huyện\rB"', 'U+000D'],
  ])('%s is refused by file and line', async (_what, name, code) => {
    expect(await csvIssues(withRows(row('huyen-b', name)))).toEqual([
      `name | control_character | chứa ký tự điều khiển ${code} (xuống dòng, ESC, đảo chiều văn bản…), không được phép ở đây @ units.csv:5`,
    ]);
  });

  it('CR LF inside a quoted name is refused by file', async () => {
    expect(await csvIssues(withRows(row('huyen-b', '"Huyện\r\nB"')))).toEqual([
      expect.stringMatching(
        /^name \| control_character \| chứa ký tự điều khiển U\+000A .* @ units\.csv:\d+$/,
      ),
    ]);
  });

  // Was a defect: named as units.csv:6, a line the 5-line file does not have (csv-parse counted CR LF as two
  // line breaks inside quotes).
  it('CR LF inside a quoted name is named by a line the row is on', async () => {
    const issues = await csvIssues(withRows(row('huyen-b', '"Huyện\r\nB"')));
    expect(issues).toEqual([expect.stringMatching(/ @ units\.csv:[45]$/)]);
  });

  it('an ESC sequence in an id is refused by file and line', async () => {
    expect(await csvIssues(withRows(row('x\x1b[2J')))).toContainEqual(
      expect.stringMatching(/^id \| control_character \| chứa ký tự điều khiển U\+001B .* @ units\.csv:4$/),
    );
  });
});

describe('header injection in the emails column', () => {
  it('"a@b.c\\r\\nBcc: x@y.z" is refused, every piece named by its index, file and line', async () => {
    const issues = await csvIssues(withRows(row('huyen-b', 'Huyện B', '"a@b.c\r\nBcc: x@y.z"')));
    expect(issues).toContainEqual(
      expect.stringMatching(/^emails\[1\] \| invalid_email \| 'Bcc:' không phải/),
    );
    for (const i of issues) expect(i).toMatch(/^emails\[\d\] \| invalid_email \| .* @ units\.csv:\d+$/);
  });

  it('a display name with an address in angle brackets is refused, not parsed as a header', async () => {
    expect(await csvIssues(withRows(row('huyen-b', 'Huyện B', '"Evil <x@y.example.org>"')))).toEqual([
      "emails[0] | invalid_email | 'Evil' không phải là địa chỉ email hợp lệ @ units.csv:4",
      "emails[1] | invalid_email | '<x@y.example.org>' không phải là địa chỉ email hợp lệ @ units.csv:4",
    ]);
  });

  it('an address that is not one is refused by its index', async () => {
    expect(await csvIssues(withRows(row('huyen-b', 'Huyện B', 'not-an-email')))).toEqual([
      "emails[0] | invalid_email | 'not-an-email' không phải là địa chỉ email hợp lệ @ units.csv:4",
    ]);
  });

  it('an empty emails cell is refused: a unit needs a contact', async () => {
    expect(await csvIssues(withRows('huyen-b,Huyện B,district,tinh,,\n'))).toEqual([
      'emails | too_small | đơn vị cần ít nhất một email liên hệ @ units.csv:4',
    ]);
  });
});

describe('formula-looking names', () => {
  it('=1+1, +SUM(A1:A9), @cmd and -2+3 are accepted as text, kept exactly', async () => {
    const names = ['=1+1', '+SUM(A1:A9)', '@cmd', '-2+3'];
    const rows = names.map((n, i) => row(`h${i}`, n, `h${i}@x.example.org`)).join('');
    const units = await csvUnits(withRows(rows));
    expect(units.slice(2).map((u) => u.name)).toEqual(names);
  });
});

describe('prototype-member, reserved and path-like ids', () => {
  it.each(['__proto__', 'constructor', 'hasOwnProperty'])(
    'an id %s is refused as reserved, by line',
    async (id) => {
      expect(await csvIssues(withRows(row(id)))).toContainEqual(
        expect.stringMatching(new RegExp(`^id \\| reserved_id \\| mã '${id}' trùng tên .* @ units\\.csv:4$`)),
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('a parent __proto__ is refused by line', async () => {
    expect(await csvIssues(withRows('x,X,district,__proto__,x@x.example.org,\n'))).toEqual([
      expect.stringMatching(/^parent \| invalid_format \| '__proto__' chỉ được gồm .* @ units\.csv:4$/),
    ]);
  });

  it.each(['../../etc/passwd', '..', 'a/b', 'huyen b', 'huyen\u200B-a'])(
    'an id %j is refused by its format, by line',
    async (id) => {
      expect(await csvIssues(withRows(row(id)))).toEqual([
        `id | invalid_format | '${id}' chỉ được gồm chữ, chữ số, “.”, “_” hoặc “-” (không có dấu cách hay “/”) @ units.csv:4`,
      ]);
    },
  );

  it('an id of 100,000 characters is refused by its length', async () => {
    expect(await csvIssues(withRows(row('x'.repeat(100_000))))).toEqual([
      'id | too_big | dài tối đa 80 ký tự @ units.csv:4',
    ]);
  });

  it('"prototype" (not an Object.prototype member) is an ordinary id, accepted', async () => {
    expect((await csvUnits(withRows(row('prototype')))).map((u) => u.id)).toContain('prototype');
  });
});

describe('duplicate and twin ids', () => {
  it('a repeated id is refused on its second line, naming the first', async () => {
    expect(await csvIssues(withRows(row('huyen-a')))).toEqual([
      "id | duplicate_id | mã đơn vị 'huyen-a' bị trùng (đã có ở units[1].id) @ units.csv:4",
    ]);
  });

  it('an NFD id and its NFC twin are one id, refused on the second line', async () => {
    const rows =
      row('hòa'.normalize('NFD'), 'Hòa 1', 'a@x.example.org') +
      row('hòa'.normalize('NFC'), 'Hòa 2', 'b@x.example.org');
    expect(await csvIssues(withRows(rows))).toEqual([
      "id | duplicate_id | mã đơn vị 'hòa' bị trùng (đã có ở units[2].id) @ units.csv:5",
    ]);
  });

  it('an NFD name is accepted and read as NFC', async () => {
    const units = await csvUnits(withRows(row('huyen-b', 'Huyện Hòa'.normalize('NFD'))));
    expect(units[2]?.name).toBe('Huyện Hòa'.normalize('NFC'));
  });
});

describe('rows and columns', () => {
  it('blank lines between rows are skipped and the rest accepted', async () => {
    const units = await csvUnits(`${HEADER}\n${TINH}\n\n${HUYEN_A}\n\n`);
    expect(units.map((u) => u.id)).toEqual(['tinh', 'huyen-a']);
  });

  it('a row of empty cells is refused, each required field named, by line', async () => {
    const issues = await csvIssues(withRows(',,,,,\n'));
    expect(issues).toEqual(
      expect.arrayContaining([
        'name | too_small | không được để trống @ units.csv:4',
        'level | too_small | không được để trống @ units.csv:4',
        'emails | too_small | đơn vị cần ít nhất một email liên hệ @ units.csv:4',
      ]),
    );
  });

  it('a row with a cell too many is refused by line', async () => {
    expect(await csvIssues(withRows('x,X,district,tinh,x@x.example.org,,thừa\n'))).toEqual([
      expect.stringMatching(
        /^\(cấp cao nhất\) \| csv_extra_column \| cần 6 cột .*, nhưng có 7: thừa ô .* @ units\.csv:4$/,
      ),
    ]);
  });

  it('a row with cells missing is refused by line', async () => {
    expect(await csvIssues(withRows('x,X,district\n'))).toEqual([
      expect.stringMatching(
        /^\(cấp cao nhất\) \| csv_missing_column \| cần 6 cột .*, chỉ có 3: thiếu một ô .* @ units\.csv:4$/,
      ),
    ]);
  });

  it('an unclosed quote is a syntax error by line, not a stack trace', async () => {
    expect(await csvIssues(withRows('x,"Huyện X,district,tinh,x@x.example.org,\n'))).toEqual([
      expect.stringMatching(/^\(cấp cao nhất\) \| syntax \| lỗi cú pháp CSV .* @ units\.csv:4$/),
    ]);
  });

  it('a quote in the middle of a cell is a syntax error by line', async () => {
    expect(await csvIssues(withRows('x,Hu"yen,district,tinh,x@x.example.org,\n'))).toEqual([
      expect.stringMatching(
        /^\(cấp cao nhất\) \| syntax \| lỗi cú pháp CSV .*Invalid Opening Quote.* @ units\.csv:4$/,
      ),
    ]);
  });
});

describe('headers and whole files', () => {
  it('an empty file and a header alone are refused as empty', async () => {
    expect(await csvIssues('')).toEqual([
      '(cấp cao nhất) | csv_empty | tệp CSV không có nội dung @ units.csv:1',
    ]);
    expect(await csvIssues(HEADER)).toEqual([
      '(cấp cao nhất) | csv_empty | tệp CSV có dòng tiêu đề nhưng không có đơn vị nào @ units.csv:1',
    ]);
  });

  it('an unknown column (bcc) is refused by the header line', async () => {
    expect(await csvIssues(`id,name,level,parent,emails,tags,bcc\n${TINH.trim()},x\n`)).toEqual([
      expect.stringMatching(
        /^\(cấp cao nhất\) \| csv_unknown_column \| cột 'bcc' không có trong định dạng .* @ units\.csv:1$/,
      ),
    ]);
  });

  it('a header separated by semicolons is refused, each missing column named', async () => {
    const issues = await csvIssues('id;name;level;parent;emails;tags\ntinh;T;province;;a@x.example.org;\n');
    expect(issues).toContainEqual(
      expect.stringMatching(/csv_missing_column \| dòng tiêu đề thiếu cột 'emails'/),
    );
  });

  it('a header repeated as a row is refused by line, not taken as a unit', async () => {
    expect(await csvIssues(withRows(HEADER))).toContainEqual(
      "emails[0] | invalid_email | 'emails' không phải là địa chỉ email hợp lệ @ units.csv:4",
    );
  });

  it('cells padded with spaces are accepted, trimmed', async () => {
    const units = await csvUnits(withRows(' huyen-b ,  Huyện B  ,district,tinh, b@x.example.org ,\n'));
    expect(units[2]).toMatchObject({ id: 'huyen-b', name: 'Huyện B', emails: ['b@x.example.org'] });
  });

  it('a header in capitals is accepted', async () => {
    const units = await csvUnits(`ID,NAME,LEVEL,PARENT,EMAILS,TAGS\n${TINH}${HUYEN_A}`);
    expect(units.map((u) => u.id)).toEqual(['tinh', 'huyen-a']);
  });
});

describe('the tree a CSV draws', () => {
  it.each([
    [
      'an unknown parent',
      'x,X,district,khong-co,x@x.example.org,\n',
      /^parent \| unknown_parent \| .*'khong-co'/,
    ],
    [
      'a unit its own parent',
      'x,X,district,x,x@x.example.org,\n',
      /^parent \| cycle \| đơn vị 'x' lại là cấp trên/,
    ],
    [
      'a cycle of two',
      'x,X,district,y,x@x.example.org,\ny,Y,district,x,y@x.example.org,\n',
      /^parent \| cycle \| cây đơn vị có vòng lặp: x → y → x/,
    ],
    [
      'an unknown level',
      'x,X,hamlet,tinh,x@x.example.org,\n',
      /^level \| unknown_level \| cấp 'hamlet' không có/,
    ],
  ])('%s is refused by line', async (_what, rows, message) => {
    const issues = await csvIssues(withRows(rows));
    expect(issues).toContainEqual(expect.stringMatching(message));
    for (const i of issues) expect(i).toMatch(/ @ units\.csv:\d+$/);
  });
});

describe('a huge field', () => {
  it('a name of MAX_NAME_CHARS characters is taken; a 100,000-character one is refused in bounded time', async () => {
    const units = await csvUnits(withRows(row('huyen-b', 'Ă'.repeat(MAX_NAME_CHARS))));
    expect(units[2]?.name).toHaveLength(MAX_NAME_CHARS);
    const issues = await csvIssues(withRows(row('huyen-b', 'Ă'.repeat(100_000))));
    expect(issues).toContainEqual(expect.stringMatching(/^name \| too_big \| .* @ units\.csv:4$/));
  });

  // Was a defect: a unit name of 3,000,000 characters (6 MB of UTF-8, under the 20 MiB file limit) was accepted.
  it('a 3,000,000-character name is refused by its length, naming the file and line', async () => {
    const issues = await csvIssues(withRows(row('huyen-b', 'Ă'.repeat(3_000_000))));
    expect(issues).toContainEqual(expect.stringMatching(/^name \| too_big \| .* @ units\.csv:4$/));
  });
});
