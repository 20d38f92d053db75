// `dondoc draft` on files it cannot read, and on text it must not print as is: a clear Vietnamese error naming the
// file (exit 1), never a stack trace; nothing from the document reaches the terminal with its control characters.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { dondoc, SEED_DIR, tempDir } from './support';

const dir = tempDir();
/** Control and format characters (ESC, BEL, bidi overrides…), the newline and the tab aside. */
const CONTROL = /(?![\n\t])[\p{Cc}\p{Cf}]/u;

function file(name: string, content: string | Buffer): string {
  const f = path.join(dir, name);
  writeFileSync(f, content);
  return f;
}

describe('a plan that cannot be read', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => path.join(dir, 'khong-co.pdf'), /không tìm thấy tệp .*khong-co\.pdf/u],
    [
      'a folder',
      () => {
        const d = path.join(dir, 'thu-muc');
        mkdirSync(d, { recursive: true });
        return d;
      },
      /thu-muc là một thư mục/u,
    ],
    [
      'a corrupt DOCX',
      () => file('hong.docx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)])),
      /không đọc được .*hong\.docx như một tệp DOCX/u,
    ],
    [
      'a corrupt PDF',
      () => file('hong.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'),
      /không đọc được .*hong\.pdf như một tệp PDF/u,
    ],
    [
      'an old Word file',
      () => file('cu.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])),
      /cu\.doc là tệp Word cũ/u,
    ],
    [
      'text that is not UTF-8',
      () => file('latin1.txt', Buffer.from([0x4b, 0xea, 0x20, 0x68, 0xff, 0xfe, 0x6f])),
      /latin1\.txt không phải văn bản UTF-8/u,
    ],
    ['an empty file', () => file('rong.txt', '  \n\n'), /rong\.txt \(văn bản\) không có chữ nào/u],
  ];

  it.each(cases)(
    '%s: exit 1, the file named, in Vietnamese, no stack trace',
    async (_name, make, message) => {
      const target = make();
      const out = path.join(dir, `${path.basename(target)}.yaml`);
      const r = await dondoc('draft', target, '--out', out);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^Lỗi: /u);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /u);
      const j = await dondoc('draft', target, '--json');
      expect(j.code).toBe(1);
      expect(JSON.parse(j.out)).toMatchObject({
        ok: false,
        exitCode: 1,
        error: expect.stringMatching(message),
      });
    },
  );
});

describe('a plan that cannot be read, with --lang en', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => path.join(dir, 'missing.pdf'), /^Error: file not found: .*missing\.pdf$/u],
    [
      'a folder',
      () => {
        const d = path.join(dir, 'a-folder');
        mkdirSync(d, { recursive: true });
        return d;
      },
      /^Error: .*a-folder is a folder, not a plan file$/u,
    ],
    [
      'a corrupt DOCX',
      () => file('bad-en.docx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)])),
      /^Error: cannot read .*bad-en\.docx as a DOCX file \(damaged, or not a DOCX file\): /u,
    ],
    [
      'a corrupt PDF',
      () => file('bad-en.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'),
      /^Error: cannot read .*bad-en\.pdf as a PDF file \(damaged, password-protected, or not a PDF file\): /u,
    ],
    [
      'an old Word file',
      () => file('old-en.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])),
      /^Error: .*old-en\.doc is an old Word file \(\.doc\), which dondoc cannot read/u,
    ],
    [
      'text that is not UTF-8',
      () => file('latin1-en.txt', Buffer.from([0x4b, 0xea, 0x20, 0x68, 0xff, 0xfe, 0x6f])),
      /^Error: .*latin1-en\.txt is not UTF-8 text, DOCX or PDF: save the plan as/u,
    ],
    ['an empty file', () => file('empty-en.txt', '  \n\n'), /^Error: .*empty-en\.txt \(text\) has no text$/u],
  ];

  it.each(cases)('%s: exit 1, the file named, in English', async (_name, make, message) => {
    const r = await dondoc('draft', make(), '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.trimEnd()).toMatch(message);
    expect(r.err).not.toMatch(/Lỗi|tệp|không/u);
  });
});

describe('what the plan says reaches the terminal without control characters', () => {
  it('strips them from the summary and from the draft', async () => {
    const plan = file(
      'ke\u001b[31mhoach\u0007.txt',
      [
        'UBND HUYỆN AN\u001b[2J LÃO',
        'Số: 12/KH-UBND',
        'An Lão, ngày 02 tháng 5 năm 2024',
        'KẾ HOẠCH',
        'Tổ chức\u202e “Ngày hội” năm 2024\u0007',
        'Căn cứ Kế hoạch số 7/KH-UBND ngày 01/4/2024 của UBND tỉnh; UBND huyện An Lão ban hành Kế hoạch như sau:',
        'I. TỔ CHỨC THỰC HIỆN',
        '1. UBND các xã, thị trấn',
        'Gửi Kế hoạch tổ chức về Công an huyện trước ngày 20/5/2024.',
      ].join('\n'),
    );
    const out = path.join(dir, 'dieu-khien.yaml');
    const r = await dondoc('draft', plan, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(CONTROL);
    // The whole escape sequence goes, not only its ESC (core/text/printable.ts).
    expect(r.out).toContain('kehoach.txt');
    expect(r.out).toContain('Số văn bản: 12/KH-UBND');
    expect(r.out).toContain('Tổ chức “Ngày hội” năm 2024');
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).not.toMatch(CONTROL);
    expect(parse(yaml).campaign.document).toEqual({ number: '12/KH-UBND', issued: '02/05/2024' });
  });
});

describe('where the draft goes', () => {
  const seed = path.join(SEED_DIR, 'binh-son-district-2024.txt');

  it('without --out: the draft on standard output, the summary on standard error', async () => {
    const r = await dondoc('draft', seed);
    expect(r.code).toBe(0);
    expect(parse(r.out).campaign.title).toBe('Tổ chức “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” năm 2024');
    expect(r.err).toContain('Cơ quan ban hành: UBND huyện Bình Sơn');
  });

  it('never overwrites a file unless told to', async () => {
    const out = file('da-co.yaml', 'campaign: {}\n');
    const r = await dondoc('draft', seed, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/da-co\.yaml đã có: không ghi đè \(thêm --force để ghi đè\)/u);
    expect(readFileSync(out, 'utf8')).toBe('campaign: {}\n');
    const forced = await dondoc('draft', seed, '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(parse(readFileSync(out, 'utf8')).campaign.issuer).toBe('co-quan-ban-hanh');
  });
});
