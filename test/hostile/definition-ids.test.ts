// Issue 15, defects 3, 19 and 15 (definition side): ids, names and addresses a hostile file may hold.
import { issuesOf, MINIMAL, put, tempDir, UNITS_CSV, WITH_CSV } from './definition-support';

jest.setTimeout(20_000);

describe('ids that are Object.prototype member names (defect 3)', () => {
  it.each(['toString', 'constructor', 'hasOwnProperty', 'valueOf'])(
    'a milestone id %s is refused',
    async (id) => {
      const file = put(tempDir(), 'c.yaml', MINIMAL.replace('id: ke-hoach', `id: ${id}`));
      expect(await issuesOf(file)).toEqual([
        expect.stringMatching(/^milestones\[0\]\.id \| reserved_id \| mã '/),
      ]);
    },
  );

  it('an outline field or unit id __proto__ is refused, and pollutes nothing', async () => {
    const text = MINIMAL.replace('{ id: sites,', "{ id: '__proto__',").replace(
      'id: huyen-b,',
      'id: constructor,',
    );
    const issues = await issuesOf(put(tempDir(), 'c.yaml', text));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^milestones\[1\]\.outline\[0\]\.id \| reserved_id/),
        expect.stringMatching(/^units\[2\]\.id \| reserved_id/),
      ]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a __proto__ key in YAML is refused by its line, and pollutes nothing', async () => {
    const text = MINIMAL.replace(
      'levels:\n',
      'levels:\n  - __proto__: { polluted: true }\n    id: x\n    name: X\n',
    );
    const issues = await issuesOf(put(tempDir(), 'c.yaml', text));
    expect(issues).toContainEqual(
      expect.stringMatching(/\| forbidden_key \| khóa '__proto__'.* @ c\.yaml:12:5$/),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('twin ids (defect 19)', () => {
  it('ids differing only in NFC/NFD are one id, and NFD input is read as NFC', async () => {
    const nfc = 'hòa'.normalize('NFC');
    const nfd = 'hòa'.normalize('NFD');
    const text = MINIMAL.replace('id: huyen-a,', `id: ${nfc},`).replace('id: huyen-b,', `id: ${nfd},`);
    const issues = await issuesOf(put(tempDir(), 'c.yaml', text));
    expect(issues).toEqual([expect.stringMatching(/^units\[2\]\.id \| duplicate_id \|.*units\[1\]\.id/)]);
    const alone = MINIMAL.replace('id: huyen-b,', `id: ${nfd},`).replace(
      'Huyện B',
      'Huyện B'.normalize('NFD'),
    );
    expect(await issuesOf(put(tempDir(), 'd.yaml', alone))).toEqual([]);
  });

  it.each([
    ['hòa', 'hoà'],
    ['thúy', 'thuý'],
    ['khỏe', 'khoẻ'],
    ['Họa', 'Hoạ'],
  ])('%s and %s (tone placement) are one id, both paths named', async (a, b) => {
    const text = MINIMAL.replace('id: huyen-a,', `id: ${a},`).replace('id: huyen-b,', `id: ${b},`);
    const issues = await issuesOf(put(tempDir(), 'c.yaml', text));
    expect(issues).toEqual([
      expect.stringMatching(
        new RegExp(`^units\\[2\\]\\.id \\| duplicate_id \\| .*'${b}'.*'${a}'.*units\\[1\\]\\.id`),
      ),
    ]);
  });

  it('in a units CSV, the twins are named by file and line', async () => {
    const dir = tempDir();
    put(dir, 'units.csv', UNITS_CSV.replace('huyen-a,', 'hòa,').replace('huyen-b,', 'hoà,'));
    const text = WITH_CSV.replace('{ tags: [diem] }', '{ all: true }');
    const issues = await issuesOf(put(dir, 'c.yaml', text));
    expect(issues).toContainEqual(
      expect.stringMatching(/^id \| duplicate_id \| .*units\.csv:3.* @ units\.csv:4$/),
    );
  });
});

describe('control characters (defect 15)', () => {
  it.each([
    [
      'a CR/LF in a unit name',
      'name: Huyện A,',
      'name: "Huyện A\\r\\nBcc: x@evil.example",',
      'units[1].name',
    ],
    [
      'an ESC in a milestone title',
      'title: Kế hoạch tổ chức',
      'title: "Kế hoạch \\e[31m"',
      'milestones[0].title',
    ],
    ['a BEL in an id', 'id: ke-hoach', 'id: "ke\\ahoach"', 'milestones[0].id'],
    [
      'a DEL in an address',
      'bcd@huyen-b.example.org',
      '"bcd\\x7F@huyen-b.example.org"',
      'units[2].emails[0]',
    ],
    ['a C1 in a name', 'name: Huyện B,', 'name: "Huyện\\x85B",', 'units[2].name'],
    [
      'a bidi override in a title',
      'title: Báo cáo kết quả',
      'title: "Báo cáo \\u202Egnoc"',
      'milestones[1].title',
    ],
    ['a bidi isolate in a name', 'name: Tỉnh }', 'name: "Tỉnh\\u2066" }', 'levels[0].name'],
  ])('%s is refused with its path', async (_what, from, to, where) => {
    const text = MINIMAL.replace(from, to);
    expect(text).not.toBe(MINIMAL);
    const issues = await issuesOf(put(tempDir(), 'c.yaml', text));
    expect(issues).toContainEqual(
      expect.stringContaining(`${where} | control_character | chứa ký tự điều khiển U+`),
    );
  });

  it('a unit name with a line break in a quoted CSV cell is refused by file and line', async () => {
    const dir = tempDir();
    put(dir, 'units.csv', UNITS_CSV.replace('Huyện B', '"Huyện\r\nBcc: x@evil.example"'));
    const issues = await issuesOf(put(dir, 'c.yaml', WITH_CSV));
    expect(issues).toContainEqual(
      expect.stringMatching(/^name \| control_character \| .* @ units\.csv:\d+$/),
    );
  });
});
