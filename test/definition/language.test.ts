// The language of the messages about a campaign file: Vietnamese by default, English when the file says
// `campaign.language: en` or the caller asks for it (as `--lang en` does), whatever the file says. zod's issues
// (a wrong type, a missing key) and dondoc's own (the unit tree) alike; codes and paths are the same in both.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DefinitionIssue, printIn } from '../../core/definition/issues';
import { type LoadOptions, loadCampaignFile } from '../../core/definition/load';
import type { Lang } from '../../core/definition/messages';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const MINIMAL = readFileSync(path.join(FIXTURES, 'good', 'minimal.yaml'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-language-'));

/** minimal.yaml with `language: <lang>` in its header (none when undefined), edited by `edit`. */
function write(
  name: string,
  language: string | undefined,
  edit: (text: string) => string = (t) => t,
): string {
  const header = language === undefined ? '' : `\n  language: ${language}`;
  const file = path.join(dir, name);
  writeFileSync(file, edit(MINIMAL.replace('  id: mini-2024', `  id: mini-2024${header}`)));
  return file;
}

/** Each issue as `place | code | message`, its place printed in `lang`. */
async function issues(file: string, lang: Lang, opts: LoadOptions = {}): Promise<string[]> {
  const r = await loadCampaignFile(file, undefined, opts);
  if (r.ok) throw new Error(`${file} should not load`);
  expect(r.lang).toBe(lang);
  for (const i of r.issues) expect(i.file).toBe(file);
  return r.issues.map((i: DefinitionIssue) => `${printIn(lang).where(i)} | ${i.code} | ${i.message}`);
}

/** A title of the wrong type, no issuer, a cycle, an unknown parent, a duplicate id, a bad id, no email. */
const UNITS = `units:
  - { id: tinh, name: Ban Chỉ đạo tỉnh, level: province, emails: [bcd@tinh.example.org] }
  - { id: huyen-a, name: Huyện A, level: district, parent: huyen-c, emails: [a@huyen.example.org], tags: [diem] }
  - { id: huyen-b, name: Huyện B, level: district, parent: huyen-z, emails: [b@huyen.example.org] }
  - { id: huyen-c, name: Huyện C, level: district, parent: huyen-a, emails: [c@huyen.example.org] }
  - { id: huyen-b, name: Huyện B (lặp), level: district, parent: tinh, emails: [b2@huyen.example.org] }
  - { id: xa 1, name: Xã 1, level: district, parent: tinh, emails: [] }
`;
const manyMistakes = (text: string) =>
  text
    .replace('title: Chiến dịch thử nghiệm', 'title: 5')
    .replace('  issuer: tinh\n', '')
    .replace(/units:\n(?: {2}- .*\n)+/, UNITS);

const VIETNAMESE = [
  'campaign.title | invalid_type | phải là văn bản, không phải số 5',
  'campaign.issuer | required | chưa khai báo (bắt buộc)',
  "units[5].id | invalid_format | 'xa 1' chỉ được gồm chữ, chữ số, “.”, “_” hoặc “-” (không có dấu cách hay “/”)",
  'units[5].emails | too_small | đơn vị cần ít nhất một email liên hệ',
  "units[4].id | duplicate_id | mã đơn vị 'huyen-b' bị trùng (đã có ở units[2].id)",
  "units[2].parent | unknown_parent | không có đơn vị cấp trên 'huyen-z' trong danh sách đơn vị",
  'units[1].parent | cycle | cây đơn vị có vòng lặp: huyen-a → huyen-c → huyen-a',
];
const ENGLISH = [
  'campaign.title | invalid_type | expected string, got number 5',
  'campaign.issuer | required | is required',
  'units[5].id | invalid_format | \'xa 1\' must be letters, digits, ".", "_" or "-" (no spaces or "/")',
  'units[5].emails | too_small | a unit needs at least one contact email',
  "units[4].id | duplicate_id | duplicate unit id 'huyen-b' (first at units[2].id)",
  "units[2].parent | unknown_parent | unknown parent 'huyen-z'",
  'units[1].parent | cycle | cycle in the unit tree: huyen-a → huyen-c → huyen-a',
];

describe('the messages of a bad campaign file', () => {
  it('are Vietnamese without a campaign.language', async () => {
    expect(await issues(write('vi.yaml', undefined, manyMistakes), 'vi')).toEqual(VIETNAMESE);
  });

  it('are English when the file says language: en, with the same codes and paths', async () => {
    expect(await issues(write('en.yaml', 'en', manyMistakes), 'en')).toEqual(ENGLISH);
  });

  it('follow the language asked for over the file’s (as --lang does)', async () => {
    expect(await issues(write('en-asked-vi.yaml', 'en', manyMistakes), 'vi', { lang: 'vi' })).toEqual(
      VIETNAMESE,
    );
    expect(await issues(write('vi-asked-en.yaml', 'vi', manyMistakes), 'en', { lang: 'en' })).toEqual(
      ENGLISH,
    );
  });

  it('are Vietnamese when campaign.language is not vi or en, which is reported too', async () => {
    expect(await issues(write('fr.yaml', 'fr'), 'vi')).toEqual([
      "campaign.language | invalid_value | 'fr' không phải là một trong các giá trị: vi, en",
    ]);
  });

  it('of a file that does not parse are in the language it says as far as it reads', async () => {
    const twice = (text: string) =>
      text.replace('    title: Kế hoạch tổ chức\n', '    title: Kế hoạch tổ chức\n    title: Kế hoạch\n');
    expect(await issues(write('syntax-vi.yaml', undefined, twice), 'vi')).toEqual([
      expect.stringMatching(
        /^dòng \d+, cột 5 \| syntax \| lỗi cú pháp: khóa bị lặp lại \(.+\) \(thông báo gốc: Map keys must be unique\)$/,
      ),
    ]);
    expect(await issues(write('syntax-en.yaml', 'en', twice), 'en')).toEqual([
      expect.stringMatching(/^line \d+, column 5 \| syntax \| Map keys must be unique$/),
    ]);
  });

  it('name a placeholder left to fill in either language', async () => {
    const fill = (text: string) =>
      text.replace('title: Chiến dịch thử nghiệm', 'title: "<<CẦN ĐIỀN: tên kế hoạch>>"');
    expect(await issues(write('draft-vi.yaml', undefined, fill), 'vi')).toEqual([
      'campaign.title | placeholder | chưa điền: tên kế hoạch',
    ]);
    expect(await issues(write('draft-en.yaml', 'en', fill), 'en')).toEqual([
      'campaign.title | placeholder | not filled in: tên kế hoạch',
    ]);
  });

  it('of units read from CSV name the CSV file and its line in the campaign file’s language', async () => {
    const csvDir = mkdtempSync(path.join(dir, 'csv-'));
    copyFileSync(path.join(FIXTURES, 'bad', 'csv-bad-email.csv'), path.join(csvDir, 'csv-bad-email.csv'));
    const yaml = readFileSync(path.join(FIXTURES, 'bad', 'csv-bad-email.yaml'), 'utf8');
    const load = async (name: string, text: string) => {
      writeFileSync(path.join(csvDir, name), text);
      const r = await loadCampaignFile(path.join(csvDir, name));
      if (r.ok) throw new Error(`${name} should not load`);
      return r.issues.map((i) => `${path.basename(i.file)} | ${printIn(r.lang).where(i)} | ${i.message}`);
    };
    expect(await load('vi.yaml', yaml)).toEqual([
      "csv-bad-email.csv | dòng 3: emails[1] | 'vp.huyen-a.example.org' không phải là địa chỉ email hợp lệ",
    ]);
    expect(
      await load('en.yaml', yaml.replace('  id: mini-csv-2024', '  id: mini-csv-2024\n  language: en')),
    ).toEqual([
      "csv-bad-email.csv | line 3: emails[1] | 'vp.huyen-a.example.org' is not a valid email address",
    ]);
  });

  it('say a file is missing in the language asked for, Vietnamese by default', async () => {
    const missing = path.join(dir, 'khong-co.yaml');
    expect(await issues(missing, 'vi')).toEqual(['(tệp) | file_not_found | không tìm thấy tệp']);
    expect(await issues(missing, 'en', { lang: 'en' })).toEqual(['(file) | file_not_found | file not found']);
  });
});
