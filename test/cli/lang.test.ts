// `--lang vi|en` on validate and draft (start: failures.test.ts): what `dondoc validate` prints is Vietnamese by
// default, English for a file that says `campaign.language: en` or with `--lang en`, and `--lang` wins over the
// file. `dondoc draft --lang en` drafts a campaign whose language is English, so that its check speaks English, and
// prints its summary and its errors in English.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderIssues } from '../../client/validate-command';
import type { DefinitionIssue } from '../../core/definition/issues';
import { runCli } from '../support/run-cli';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const SEED = path.join(__dirname, '..', 'draft', 'seeds', 'binh-son-district-2024.txt');
const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-lang-'));

const dondoc = (...args: string[]) => runCli(process.env, ...args);

/** A fixture with `language: <lang>` written in its campaign header. */
function withLanguage(fixture: string, lang: string): string {
  const text = readFileSync(path.join(FIXTURES, fixture), 'utf8');
  const file = path.join(dir, `${lang}-${path.basename(fixture)}`);
  writeFileSync(file, text.replace(/^campaign:\n/m, `campaign:\n  language: ${lang}\n`));
  return file;
}

describe('dondoc validate', () => {
  const bad = path.join(FIXTURES, 'bad', 'duplicate-unit-id.yaml');
  const vi = `${bad}: units[2].id: mã đơn vị 'huyen-a' bị trùng (đã có ở units[1].id)\n1 lỗi: chưa khởi động gì.\n`;
  const en = (file: string) =>
    `${file}: units[2].id: duplicate unit id 'huyen-a' (first at units[1].id)\n1 error: nothing was started.\n`;

  it('prints a bad file’s issues in Vietnamese by default, in English with --lang en', async () => {
    expect(await dondoc('validate', bad)).toEqual({ code: 1, out: '', err: vi });
    expect(await dondoc('validate', bad, '--lang', 'en')).toEqual({ code: 1, out: '', err: en(bad) });
  });

  it('prints them in English when the file says language: en, unless --lang vi', async () => {
    const file = withLanguage('bad/duplicate-unit-id.yaml', 'en');
    expect(await dondoc('validate', file)).toEqual({ code: 1, out: '', err: en(file) });
    const asked = await dondoc('validate', file, '--lang', 'vi');
    expect(asked.err).toContain("mã đơn vị 'huyen-a' bị trùng");
    expect(asked.err).toContain('1 lỗi: chưa khởi động gì.');
  });

  it('--json: the place and the message in the language, the code and the path as data the same', async () => {
    const issue = async (...lang: string[]) =>
      JSON.parse(
        (await dondoc('validate', path.join(FIXTURES, 'bad', 'csv-no-rows.yaml'), '--json', ...lang)).out,
      ).issues[0];
    const vi = await issue();
    const en = await issue('--lang', 'en');
    expect(vi).toMatchObject({ path: 'dòng 1', code: 'csv_empty', line: 1, pathSegments: [] });
    expect(vi.message).toBe('tệp CSV có dòng tiêu đề nhưng không có đơn vị nào');
    expect(en).toEqual({ ...vi, path: 'line 1', message: 'the CSV file has a header row but no units' });
  });

  it('summarises a good file in the same language', async () => {
    const good = path.join(FIXTURES, 'good', 'minimal.yaml');
    const vi = await dondoc('validate', good);
    expect(vi.code).toBe(0);
    expect(vi.out).toContain('múi giờ Asia/Ho_Chi_Minh; 3 đơn vị\n');
    expect(vi.out).toContain('    hạn 10/05/2024 00:00; 2 đơn vị; 3 lần nhắc mỗi đơn vị\n');
    expect(vi.out).toContain('lần nhắc đầu tiên 03/05/2024 08:00, lần cuối 09/08/2024 08:00\nOK\n');
    const en = await dondoc('validate', withLanguage('good/minimal.yaml', 'en'));
    expect(en.code).toBe(0);
    expect(en.out).toContain('time zone Asia/Ho_Chi_Minh; 3 units\n');
    expect(en.out).toContain('    due 10/05/2024 00:00; 2 units; 3 reminders per unit\n');
    expect(en.out).toContain('first reminder 03/05/2024 08:00, last 09/08/2024 08:00\nOK\n');
  });

  it('refuses a language it does not have, in Vietnamese', async () => {
    const r = await dondoc('validate', bad, '--lang', 'fr');
    expect(r.code).toBe(1);
    expect(r.err).toBe("lỗi: tùy chọn '--lang <lang>' không nhận giá trị 'fr': chọn vi, en.\n");
  });
});

describe('renderIssues', () => {
  const issue: DefinitionIssue = {
    file: 'c.yaml',
    path: [],
    line: 4,
    column: 2,
    code: 'syntax',
    message: 'm',
  };

  it('ends with how many errors and that nothing was started, in Vietnamese by default', () => {
    expect(renderIssues([issue])).toBe('c.yaml: dòng 4, cột 2: m\n1 lỗi: chưa khởi động gì.');
    expect(renderIssues([issue, issue], 'vi').split('\n').pop()).toBe('2 lỗi: chưa khởi động gì.');
  });

  it('in English', () => {
    expect(renderIssues([issue], 'en')).toBe('c.yaml: line 4, column 2: m\n1 error: nothing was started.');
    expect(renderIssues([issue, issue], 'en').split('\n').pop()).toBe('2 errors: nothing was started.');
  });
});

describe('dondoc draft --lang', () => {
  it('en drafts a campaign in English: its placeholders are reported in English', async () => {
    const out = path.join(dir, 'draft-en.yaml');
    const drafted = await dondoc('draft', SEED, '--out', out, '--lang', 'en');
    expect(drafted.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^ {2}language: en$/m);
    const r = await dondoc('validate', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/: campaign\.document\.\w+: not filled in: /);
    expect(r.err).not.toContain('chưa điền');
    expect(r.err).toMatch(/\n\d+ errors: nothing was started\.\n$/);
  });

  it('en prints the summary in English; the draft’s comments and placeholders stay Vietnamese', async () => {
    const out = path.join(dir, 'draft-en-summary.yaml');
    const r = await dondoc('draft', SEED, '--out', out, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Read .*binh-son-district-2024\.txt \(text, \d+ lines; the line numbers below/u);
    expect(r.out).toContain('\nIssued by: UBND huyện Bình Sơn (line 9)\n');
    expect(r.out).toContain('\nDocument number: no "Số:" line — TO FILL\n');
    expect(r.out).toContain('\nMilestones with a deadline: 3\n');
    expect(r.out).toMatch(/^ {2}Line +Kind +Deadline +Units that must do it$/mu);
    expect(r.out).toMatch(
      /^ {2}320 +result report +due 00:00 20\/08\/2024 Vietnam time \(on time if submitted by 23:59 19\/08\/2024\)/mu,
    );
    expect(r.out).toMatch(/\nLeft to fill: \d+ "<<CẦN ĐIỀN: …>>" placeholders: 1 × document number, /u);
    expect(r.out).toContain(
      `\nDraft written to ${out}. Once filled in, check it with: dondoc validate ${out}\n`,
    );
    expect(r.out).not.toMatch(/Đã đọc|Cơ quan ban hành|Mốc có thời hạn|Còn phải điền|giờ Việt Nam/u);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toContain('<<CẦN ĐIỀN: ');
    // Without --out, the summary goes to standard error, the draft to standard output: still in English.
    const piped = await dondoc('draft', SEED, '--lang', 'en');
    expect(piped.err).toMatch(/^Read .*\nIssued by: /su);
    expect(piped.out).toMatch(/^ {2}language: en$/m);
  });

  it('en words the command’s errors in English: a missing file, a file it will not overwrite', async () => {
    const missing = path.join(dir, 'khong-co.pdf');
    expect(await dondoc('draft', missing, '--lang', 'en')).toEqual({
      code: 1,
      out: '',
      err: `Error: file not found: ${missing}\n`,
    });
    expect(JSON.parse((await dondoc('draft', missing, '--lang', 'en', '--json')).out)).toEqual({
      ok: false,
      exitCode: 1,
      error: `file not found: ${missing}`,
    });
    const vi = await dondoc('draft', missing);
    expect(vi.err).toBe(`Lỗi: không tìm thấy tệp ${missing}\n`);
    const taken = path.join(dir, 'taken.yaml');
    writeFileSync(taken, 'x');
    const refused = await dondoc('draft', SEED, '--out', taken, '--lang', 'en');
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: `Error: ${taken} already exists: not overwritten (add --force to overwrite it)\n`,
    });
  });

  it('leaves a draft in Vietnamese without it (and with vi)', async () => {
    for (const args of [[], ['--lang', 'vi']]) {
      const out = path.join(dir, `draft-vi-${args.length}.yaml`);
      expect((await dondoc('draft', SEED, '--out', out, ...args)).code).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/^ {2}language: vi$/m);
      const r = await dondoc('validate', out);
      expect(r.err).toMatch(/: campaign\.document\.\w+: chưa điền: /);
      expect(r.err).toMatch(/\n\d+ lỗi: chưa khởi động gì\.\n$/);
    }
  });
});
