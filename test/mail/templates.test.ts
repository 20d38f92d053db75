// Template folders: dondoc's defaults, a campaign's overrides, and every way an override can be wrong.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogFor } from '../../activities/mail/catalog';
import { composeNotice } from '../../activities/mail/compose';
import { noticeScope } from '../../activities/mail/context';
import {
  compileTemplates,
  DEFAULT_TEMPLATE_DIR,
  loadTemplates,
  readTemplateDir,
  templateSetFor,
  validateTemplates,
} from '../../activities/mail/templates';
import { NOTICE_KINDS } from '../../contract/notices';
import { DefinitionError, type DefinitionIssue, formatWhere } from '../../core/definition/issues';
import { FROM, notice } from './notices';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'mail');

function show(issues: DefinitionIssue[]): string[] {
  return issues.map((i) => `${i.file} | ${formatWhere(i)} | ${i.code} | ${i.message}`);
}

describe('the default templates', () => {
  it('compile without an issue, every kind in both languages', () => {
    const r = compileTemplates();
    if (!r.ok) throw new Error(show(r.issues).join('\n'));
    for (const lang of ['vi', 'en'] as const) {
      expect(Object.keys(r.set.notices[lang]).sort()).toEqual([...NOTICE_KINDS].sort());
      for (const kind of NOTICE_KINDS) {
        const n = r.set.notices[lang][kind];
        expect([n.subject.length, n.text.length, n.html.length].every((l) => l > 0)).toBe(true);
      }
    }
  });

  it('are the set loadTemplates() gives without a folder', () => {
    expect(loadTemplates().notices.vi.reminder).toEqual(templateSetFor().notices.vi.reminder);
  });
});

describe('the placeholders', () => {
  it.each(NOTICE_KINDS)('of %s all have a value, and templates/README.md lists them', (kind) => {
    const readme = readFileSync(path.join(DEFAULT_TEMPLATE_DIR, 'README.md'), 'utf8');
    const scope = noticeScope(notice(kind, 'vi'));
    for (const [name, entry] of Object.entries(catalogFor(kind, 'subject'))) {
      expect(readme).toMatch(new RegExp(`\\{\\{(#each )?${name.replace(/\./g, '\\.')}\\}\\}`));
      expect([name, scope[name] === undefined]).toEqual([name, false]);
      if (entry === 'value') continue;
      for (const f of entry.fields ?? [entry.item]) {
        expect(readme).toContain(entry.fields ? `{{${entry.item}.${f}}}` : `{{${f}}}`);
      }
    }
  });
});

describe('a campaign folder overriding some templates', () => {
  const dir = path.join(FIXTURES, 'override');

  it('reads only template files (README.md is the administrator’s own)', () => {
    const { files, issues } = readTemplateDir(dir, 'override');
    expect(issues).toEqual([]);
    expect(Object.keys(files).sort()).toEqual(['vi/_footer.txt', 'vi/reminder.subject.txt']);
  });

  it('replaces those templates and keeps the defaults for the rest', () => {
    const set = loadTemplates(dir);
    const reminder = composeNotice(notice('reminder', 'vi'), set, { from: FROM });
    expect(reminder.subject).toBe('[Khẩn] Xã An Bình — Báo cáo kết quả — hạn trước ngày 20/08/2026');
    expect(reminder.text).toContain('Phòng PV05 - Công an tỉnh, điện thoại Phòng PV05, 0204.3854.000');
    expect(reminder.text).toContain('Còn 7 ngày đến hạn.');
    const overdue = composeNotice(notice('overdue', 'vi'), set, { from: FROM });
    expect(overdue.subject).toBe('[Quá hạn] Xã An Bình: Báo cáo kết quả, hạn trước ngày 20/08/2026');
    expect(overdue.text).toContain('Phòng PV05 - Công an tỉnh');
    expect(composeNotice(notice('reminder', 'en'), set, { from: FROM }).subject).toMatch(/^\[Reminder\]/);
  });
});

describe('helpers', () => {
  const text =
    '{{#each receipt.values}}{{number value.value}};{{/each}} {{date due.at}} {{time asOf.at}} {{date asOf.at}}';

  it.each([
    ['vi', '3;1.250;Tổ chức tại 3 thôn; 20/08/2026 09:30 18/08/2026'],
    ['en', '3;1,250;Tổ chức tại 3 thôn; 20/08/2026 09:30 18/08/2026'],
  ] as const)('write dates in the campaign zone and numbers the %s way', (lang, expected) => {
    const set = templateSetFor({ [`${lang}/receipt.txt`]: text }, 'x');
    expect(composeNotice(notice('receipt', lang), set, { from: FROM }).text).toBe(`${expected}\n`);
  });
});

describe('a folder holding subfolders and links', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dondoc-templates-'));
    const shared = path.join(dir, 'shared');
    mkdirSync(shared);
    writeFileSync(path.join(shared, 'reminder.subject.txt'), 'Nhắc: {{unit.name}}');
    mkdirSync(path.join(dir, 'campaign'));
    symlinkSync(shared, path.join(dir, 'campaign', 'vi'));
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'campaign', 'broken.txt'));
    symlinkSync(path.join(dir, 'campaign'), path.join(shared, 'loop'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows a linked folder, names a broken link, and does not loop', () => {
    const { files, issues } = readTemplateDir(path.join(dir, 'campaign'), 'mau-thu', 'en');
    expect(Object.keys(files)).toEqual(['vi/reminder.subject.txt']);
    expect(show(issues)).toEqual([
      'mau-thu/broken.txt | (tệp) | unreadable_file | the file cannot be read (a broken link, a folder or no permission)',
    ]);
    const set = templateSetFor(files, 'mau-thu');
    expect(composeNotice(notice('reminder', 'vi'), set, { from: FROM }).subject).toBe('Nhắc: Xã An Bình');
  });
});

describe('a folder with an unknown placeholder', () => {
  const dir = path.join(FIXTURES, 'unknown-placeholder');

  it('is rejected naming the file, the line and the placeholder', () => {
    const { files } = readTemplateDir(dir, 'my-templates');
    expect(show(validateTemplates(files, 'my-templates', 'en'))).toEqual([
      'my-templates/vi/reminder.txt | dòng 3, cột 8 | unknown_placeholder | unknown placeholder {{unit.nmae}} (did you mean {{unit.name}}, {{unit.id}}, {{unit.emails}}?)',
    ]);
  });

  it('makes loadTemplates throw a DefinitionError with that issue', () => {
    expect(() => loadTemplates(dir)).toThrow(DefinitionError);
    expect(() => loadTemplates(dir)).toThrow(
      /vi\/reminder\.txt: dòng 3, cột 8: không có chỗ điền \{\{unit\.nmae\}\} \(có phải là \{\{unit\.name\}\}/,
    );
  });

  it('words it in Vietnamese unless English is asked for', () => {
    const { files } = readTemplateDir(dir, 'my-templates');
    expect(validateTemplates(files, 'my-templates').map((i) => i.message)).toEqual([
      'không có chỗ điền {{unit.nmae}} (có phải là {{unit.name}}, {{unit.id}}, {{unit.emails}}?)',
    ]);
    expect(readTemplateDir(path.join(FIXTURES, 'no-such-folder'), 'x').issues[0]?.message).toBe(
      'không tìm thấy thư mục mẫu thư',
    );
  });
});

describe('a broken folder', () => {
  it('reports every problem at once, each in its own file', () => {
    const { files } = readTemplateDir(path.join(FIXTURES, 'broken'), 'broken');
    expect(show(validateTemplates(files, 'broken', 'en')).sort()).toEqual(
      [
        'broken/en/remider.txt | (tệp) | unknown_template_file | not a template file: name it vi/ or en/ then <kind>.subject.txt, <kind>.txt, <kind>.html or _<partial>.txt/.html, with a kind among opened, reminder, last-day, overdue, escalation, digest, receipt, returned, extended, waived, link',
        "broken/en/waived.subject.txt | dòng 1, cột 10 | unclosed_tag | '{{' is never closed with '}}'",
        'broken/vi/returned.txt | dòng 2, cột 1 | unclosed_block | {{#if actor}} is never closed with {{/if}}',
        'broken/vi/digest.html | dòng 1, cột 4 | not_a_value | {{digest.rows}} is a list: go through it with {{#each digest.rows}}…{{/each}}',
        'broken/vi/digest.html | dòng 2, cột 1 | not_a_list | {{#each unit.name}}: unit.name is not a list',
        'broken/vi/digest.html | dòng 2, cột 23 | unknown_placeholder | unknown placeholder {{row.unit}}',
        // A partial is checked in every notice that includes it (extended has a reason), reported once.
        'broken/vi/_what.txt | dòng 1, cột 38 | unknown_placeholder | unknown placeholder {{reason}}; included by templates/vi/opened.txt, templates/vi/reminder.txt, templates/vi/last-day.txt, templates/vi/overdue.txt',
      ].sort(),
    );
  });

  it.each([
    [
      '{{#each digest.rows}}{{row.unit}}{{/if}}',
      'mismatched_block',
      '{{/if}} closes {{#each digest.rows}} (line 1): write {{/each}}',
    ],
    ['{{/each}}', 'unopened_block', '{{/each}} closes nothing'],
    ['{{else}}', 'misplaced_else', '{{else}} outside {{#if}}'],
    ['{{#if unit.id}}a{{else}}b{{else}}c{{/if}}', 'misplaced_else', '{{else}} appears twice in one {{#if}}'],
    ['{{#with unit}}{{/with}}', 'malformed_tag', "'{{#with unit}}' is not a block"],
    ['{{unit name}}', 'unknown_helper', "unknown helper 'unit': the helpers are date, time, number"],
    ['{{{unit.name}}}', 'raw_output', "'{{{unit.name}}}': raw output (not HTML-escaped) is not allowed"],
    ['{{&unit.name}}', 'raw_output', "'{{&unit.name}}': raw output"],
    ['{{#> footer}}x{{/footer}}', 'malformed_tag', 'is not allowed in mail templates'],
    ['{{> (unit.id)}}', 'malformed_tag', 'is not allowed in mail templates'],
    ['{{*inline}}', 'malformed_tag', 'is not allowed in mail templates'],
    ['{{#each digest.rows as |r|}}{{/each}}', 'malformed_tag', 'is not a block'],
    ['{{"text"}}', 'malformed_tag', 'is not a placeholder'],
    ['{{this}}', 'unknown_placeholder', 'unknown placeholder {{this}}'],
    ['{{@index}}', 'unknown_placeholder', 'unknown placeholder {{@index}}'],
    ['{{../unit.name}}', 'unknown_placeholder', 'unknown placeholder {{../unit.name}}'],
    ['{{date unit.nmae}}', 'unknown_placeholder', 'unknown placeholder {{unit.nmae}}'],
    ['{{date due.at "x"}}', 'unknown_helper', "unknown helper 'date'"],
    ['{{> nope}}', 'unknown_partial', 'unknown partial {{> nope}}'],
    ['{{digest.count}}', 'unknown_placeholder', 'unknown placeholder {{digest.count}}'],
  ])('%s in vi/overdue.txt: %s', (text, code, message) => {
    const issues = validateTemplates({ 'vi/overdue.txt': text }, 'x', 'en');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'x/vi/overdue.txt', code });
    expect(issues[0]?.message).toContain(message);
  });

  it.each([
    ['vi/digest.html', '{{#each digest.rows}}{{@index}} {{../unit.name}} {{row.unit}}{{else}}none{{/each}}'],
    [
      'vi/digest.txt',
      '{{#if unit.id}}a{{else if unit.name}}b{{else}}c{{/if}}{{!-- note --}} {{~asOf.date~}}',
    ],
    [
      'vi/overdue.txt',
      '{{date due.at}} {{time asOf.at}} {{number daysOverdue}} {{#unless due.exactTime}}x{{/unless}}',
    ],
    [
      'vi/extended.txt',
      '{{date previousDue.at}} {{#each milestone.fields}}{{#if @first}}{{field.label}}{{/if}}{{/each}}',
    ],
  ])('%s accepts what Handlebars allows and dondoc offers: %s', (file, text) => {
    expect(validateTemplates({ [file]: text }, 'x', 'en')).toEqual([]);
  });

  it('a missing folder is an issue, not an exception', () => {
    expect(readTemplateDir(path.join(FIXTURES, 'no-such-folder'), 'no-such-folder', 'en').issues).toEqual([
      {
        file: 'no-such-folder',
        path: [],
        subject: 'folder',
        code: 'file_not_found',
        message: 'template folder not found',
      },
    ]);
  });
});
