// The corpus of bad campaign files (test/fixtures/bad/): each one is a small variation of
// test/fixtures/good/minimal.yaml (or with-csv.yaml) and must be rejected with exactly the issues listed
// here, naming the file, the path and what is wrong, both by loadCampaignFile and by `dondoc validate`: in
// Vietnamese by default, in English with `--lang en` (the mail templates' own messages included).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { mailTemplateChecker } from '../../activities/mail/templates';
import { type IssueJson, printIn } from '../../core/definition/issues';
import { loadCampaignFile } from '../../core/definition/load';
import type { Lang } from '../../core/definition/messages';
import { runCli } from '../support/run-cli';

const BAD = path.join(__dirname, '..', 'fixtures', 'bad');
const GOOD = path.join(__dirname, '..', 'fixtures', 'good');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const CAMPAIGN_FILE = /\.(ya?ml|json)$/;

interface Expected {
  /** Basename of the file the issue names; defaults to the bad campaign file itself. */
  file?: string;
  /** The printed place, in Vietnamese (`dòng 5`, `(cấp cao nhất)`); in English, `inEnglish` turns it. */
  path: string;
  code: string;
  /** A substring of the message, in Vietnamese. */
  message: string;
  /** The same in English, when the words differ. */
  en?: string;
}

interface Case extends Expected {
  name: string;
  /** Further issues the file must produce; no issue beyond these and the main one is allowed. */
  also?: Expected[];
}

const CASES: Case[] = [
  // The unit tree
  {
    name: 'duplicate-unit-id.yaml',
    path: 'units[2].id',
    code: 'duplicate_id',
    message: "mã đơn vị 'huyen-a' bị trùng (đã có ở units[1].id)",
    en: "duplicate unit id 'huyen-a' (first at units[1].id)",
  },
  {
    name: 'unknown-parent.yaml',
    path: 'units[2].parent',
    code: 'unknown_parent',
    message: "không có đơn vị cấp trên 'huyen-c'",
    en: "unknown parent 'huyen-c'",
  },
  {
    name: 'parent-cycle.yaml',
    path: 'units[1].parent',
    code: 'cycle',
    message: 'cây đơn vị có vòng lặp: huyen-a → huyen-b → huyen-a',
    en: 'cycle in the unit tree: huyen-a → huyen-b → huyen-a',
  },
  {
    name: 'own-parent.yaml',
    path: 'units[2].parent',
    code: 'cycle',
    message: "đơn vị 'huyen-b' lại là cấp trên của chính nó",
    en: "unit 'huyen-b' is its own parent",
  },
  {
    name: 'several-roots.yaml',
    path: 'units[2].parent',
    code: 'several_roots',
    message: "đơn vị 'huyen-b' không có cấp trên, nhưng 'tinh' đã là gốc",
    en: "'huyen-b' has no parent, but 'tinh' is already the root",
  },
  {
    name: 'no-root.yaml',
    path: 'units',
    code: 'no_root',
    message: 'cây đơn vị cần một gốc',
    en: 'the tree needs one root',
    also: [
      {
        path: 'units[0].parent',
        code: 'unknown_parent',
        message: "không có đơn vị cấp trên 'bo-cong-an'",
        en: "unknown parent 'bo-cong-an'",
      },
    ],
  },
  {
    name: 'no-units.yaml',
    path: 'units',
    code: 'required',
    message: 'chiến dịch cần có đơn vị: liệt kê trong units hoặc lấy từ tệp CSV (unitsFile)',
    en: 'a campaign needs units, inline or from unitsFile',
  },
  {
    name: 'issuer-not-root.yaml',
    path: 'campaign.issuer',
    code: 'issuer_not_root',
    message: "đơn vị ban hành 'huyen-a' phải là gốc của cây đơn vị ('tinh')",
    en: "the issuer 'huyen-a' must be the root of the unit tree ('tinh')",
  },
  {
    name: 'unit-level-not-in-levels.yaml',
    path: 'units[2].level',
    code: 'unknown_level',
    message: "cấp 'commune' không có trong levels (các cấp: province, district)",
    en: "unknown level 'commune' (levels: province, district)",
  },
  // Units, header and keys
  {
    name: 'invalid-email.yaml',
    path: 'units[2].emails[0]',
    code: 'invalid_email',
    message: "'bcd.huyen-b.example.org' không phải là địa chỉ email hợp lệ",
    en: "'bcd.huyen-b.example.org' is not a valid email address",
  },
  {
    name: 'unit-key-typo.yaml',
    path: 'units[2].email',
    code: 'unknown_key',
    message: "khóa 'email' không có trong định dạng tệp chiến dịch",
    en: "unknown key 'email'",
    also: [
      { path: 'units[2].emails', code: 'required', message: 'chưa khai báo (bắt buộc)', en: 'is required' },
    ],
  },
  {
    name: 'unknown-top-level-key.yaml',
    path: 'reminder',
    code: 'unknown_key',
    message: "khóa 'reminder' không có trong định dạng tệp chiến dịch",
    en: "unknown key 'reminder'",
  },
  {
    name: 'missing-campaign-title.yaml',
    path: 'campaign.title',
    code: 'required',
    message: 'chưa khai báo (bắt buộc)',
    en: 'is required',
  },
  {
    name: 'unknown-time-zone.yaml',
    path: 'campaign.timeZone',
    code: 'unknown_time_zone',
    message: "không có múi giờ 'Asia/Hanoi'",
    en: "unknown time zone 'Asia/Hanoi'",
  },
  {
    name: 'invalid-date.yaml',
    path: 'campaign.document.issued',
    code: 'invalid_date',
    message: "'31/02/2024' không phải là ngày",
    en: "'31/02/2024' is not a date",
  },
  // Dates, windows and due phrases
  {
    name: 'due-before-issue.yaml',
    path: 'milestones[0].due',
    code: 'due_before_issue',
    message:
      'hạn "trước ngày 10/04/2024" (tức 0 giờ ngày đó) không còn thời gian nào sau ngày ban hành kế hoạch 16/04/2024',
    en: "due before 2024-04-10 (00:00 that day) leaves no time after the plan's issue date 2024-04-16",
  },
  {
    name: 'due-on-issue-date.yaml',
    path: 'milestones[0].due',
    code: 'due_before_issue',
    message:
      'hạn "trước ngày 16/04/2024" (tức 0 giờ ngày đó) không còn thời gian nào sau ngày ban hành kế hoạch 16/04/2024',
    en: "due before 2024-04-16 (00:00 that day) leaves no time after the plan's issue date 2024-04-16",
  },
  {
    name: 'unparseable-due.yaml',
    path: 'milestones[0].due',
    code: 'invalid_due',
    message: "'cuối tháng 5/2024' không phải là thời hạn",
    en: "'cuối tháng 5/2024' is not a due date",
  },
  {
    name: 'window-reversed.yaml',
    path: 'milestones[0].window',
    code: 'window_reversed',
    message: 'khoảng thời gian kết thúc (01/08/2024) trước khi bắt đầu (19/08/2024)',
    en: 'the window ends (2024-08-01) before it starts (2024-08-19)',
  },
  {
    name: 'window-malformed.yaml',
    path: 'milestones[0].window',
    code: 'invalid_window',
    message: "'từ ngày 01/8/2024 tới 19/8/2024' không phải là khoảng thời gian",
    en: "'từ ngày 01/8/2024 tới 19/8/2024' is not a window",
  },
  // Which units a milestone applies to
  {
    name: 'applies-to-no-unit.yaml',
    path: 'milestones[0].appliesTo',
    code: 'no_units',
    message: "mốc 'ke-hoach' không áp dụng cho đơn vị nào",
    en: "milestone 'ke-hoach' applies to no unit",
  },
  {
    name: 'applies-to-unknown-level.yaml',
    path: 'milestones[0].appliesTo.levels[1]',
    code: 'unknown_level',
    message: "không đơn vị nào thuộc cấp 'commune'",
    en: "no unit has level 'commune'",
  },
  {
    name: 'applies-to-unknown-tag.yaml',
    path: 'milestones[1].appliesTo.tags[1]',
    code: 'unknown_tag',
    message: "không đơn vị nào có nhãn 'diem-tinh'",
    en: "no unit has tag 'diem-tinh'",
  },
  {
    name: 'applies-to-unknown-unit.yaml',
    path: 'milestones[0].appliesTo.units[1]',
    code: 'unknown_unit',
    message: "không có đơn vị 'huyen-c'",
    en: "unknown unit 'huyen-c'",
  },
  // Reminders and escalation
  {
    name: 'reminder-offset-malformed.yaml',
    path: 'reminders.offsets[1]',
    code: 'invalid_duration',
    message: "'3D' không phải là khoảng thời gian ISO-8601",
    en: "'3D' is not an ISO-8601 duration",
  },
  {
    name: 'escalation-step-malformed.yaml',
    path: 'escalation.steps[0].after',
    code: 'invalid_duration',
    message: "'1 ngày' không phải là khoảng thời gian ISO-8601",
    en: "'1 ngày' is not an ISO-8601 duration",
  },
  {
    name: 'reminder-offset-zero.yaml',
    path: 'reminders.offsets[1]',
    code: 'invalid_duration',
    message: "'P0D' phải dài hơn 0",
    en: "'P0D' must be longer than zero",
  },
  {
    name: 'negative-duration.yaml',
    path: 'milestones[1].escalation.steps[0].after',
    code: 'invalid_duration',
    message: "'-P1D' không được là số âm",
    en: "'-P1D' must not be negative",
  },
  {
    name: 'invalid-send-at.yaml',
    path: 'reminders.sendAt',
    code: 'invalid_time',
    message: "'25:00' không phải là giờ trong ngày (HH:mm)",
    en: "'25:00' is not a time of day (HH:mm)",
  },
  {
    name: 'unknown-recipient.yaml',
    path: 'escalation.steps[0].to[1]',
    code: 'invalid_value',
    message: "'director' không phải là một trong các giá trị: unit, parent, issuer",
    en: "'director' is not one of: unit, parent, issuer",
  },
  // Milestones and report outlines
  {
    name: 'unknown-milestone-kind.yaml',
    path: 'milestones[1].kind',
    code: 'invalid_value',
    message:
      "'report' không phải là một trong các giá trị: draft-plan, plan, site-registration, event-window, result-report",
    en: "'report' is not one of: draft-plan, plan, site-registration, event-window, result-report",
  },
  {
    name: 'missing-milestone-kind.yaml',
    path: 'milestones[0].kind',
    code: 'required',
    message: 'chưa khai báo (bắt buộc, một trong: draft-plan, plan,',
    en: 'is required (one of: draft-plan, plan,',
  },
  {
    name: 'duplicate-milestone-id.yaml',
    path: 'milestones[1].id',
    code: 'duplicate_id',
    message: "mã mốc 'ke-hoach' bị trùng (đã có ở milestones[0].id)",
    en: "duplicate milestone id 'ke-hoach' (first at milestones[0].id)",
  },
  {
    name: 'duplicate-outline-field-id.yaml',
    path: 'milestones[1].outline[1].id',
    code: 'duplicate_id',
    message: "mã trường đề cương 'sites' bị trùng (đã có ở milestones[1].outline[0].id)",
    en: "duplicate outline field id 'sites' (first at milestones[1].outline[0].id)",
  },
  {
    name: 'sum-of-text-field.yaml',
    path: 'milestones[1].outline[1].aggregate',
    code: 'invalid_aggregate',
    message: 'không cộng được trường kiểu text',
    en: 'cannot sum a text field',
  },
  // Calendar
  {
    name: 'calendar-day-both-working-and-off.yaml',
    path: 'calendar.workingDays[0]',
    code: 'calendar_conflict',
    message: 'ngày 04/05/2024 vừa là ngày làm việc bù vừa là ngày nghỉ (calendar.daysOff[0])',
    en: '2024-05-04 is both a make-up working day and a day off (calendar.daysOff[0])',
  },
  {
    name: 'calendar-invalid-date.yaml',
    path: 'calendar.daysOff[1].date',
    code: 'invalid_date',
    message: "'30/02/2024' không phải là ngày",
    en: "'30/02/2024' is not a date",
  },
  // Units from CSV: issues name the CSV file and its line
  {
    name: 'csv-row-missing-column.yaml',
    file: 'csv-row-missing-column.csv',
    path: 'dòng 5',
    code: 'csv_missing_column',
    message: 'cần 6 cột (id, name, level, parent, emails, tags), chỉ có 5: thiếu một ô',
    en: 'expected 6 columns (id, name, level, parent, emails, tags), found 5: a cell is missing',
  },
  {
    name: 'csv-header-missing-column.yaml',
    file: 'csv-header-missing-column.csv',
    path: 'dòng 1',
    code: 'csv_missing_column',
    message: "dòng tiêu đề thiếu cột 'level'",
    en: "the header has no 'level' column",
  },
  {
    name: 'csv-unknown-column.yaml',
    file: 'csv-unknown-column.csv',
    path: 'dòng 1: cột 5',
    code: 'csv_unknown_column',
    message: "cột 'email' không có trong định dạng",
    en: "unknown column 'email'",
    also: [
      {
        file: 'csv-unknown-column.csv',
        path: 'dòng 1',
        code: 'csv_missing_column',
        message: "thiếu cột 'emails'",
        en: "no 'emails' column",
      },
    ],
  },
  {
    name: 'csv-bad-email.yaml',
    file: 'csv-bad-email.csv',
    path: 'dòng 3: emails[1]',
    code: 'invalid_email',
    message: "'vp.huyen-a.example.org' không phải là địa chỉ email hợp lệ",
    en: "'vp.huyen-a.example.org' is not a valid email address",
  },
  {
    name: 'csv-no-rows.yaml',
    file: 'csv-no-rows.csv',
    path: 'dòng 1',
    code: 'csv_empty',
    message: 'có dòng tiêu đề nhưng không có đơn vị nào',
    en: 'a header row but no units',
  },
  {
    name: 'csv-file-not-found.yaml',
    path: 'unitsFile',
    code: 'file_not_found',
    message: 'no-such-units.csv: không tìm thấy tệp',
    en: 'no-such-units.csv: file not found',
  },
  // Mail templates: issues name the template file, its line and the placeholder
  {
    name: 'templates-unknown-placeholder.yaml',
    file: 'reminder.txt',
    path: 'dòng 3, cột 8',
    code: 'unknown_placeholder',
    message: 'không có chỗ điền {{unit.nmae}} (có phải là {{unit.name}}',
    en: 'unknown placeholder {{unit.nmae}} (did you mean {{unit.name}}',
  },
  {
    name: 'templates-unclosed-block.yaml',
    file: 'returned.html',
    path: 'dòng 3, cột 1',
    code: 'unclosed_block',
    message: '{{#if actor}} không được đóng bằng {{/if}}',
    en: '{{#if actor}} is never closed with {{/if}}',
  },
  {
    name: 'templates-folder-not-found.yaml',
    path: 'templates',
    code: 'file_not_found',
    message: 'no-such-templates: không tìm thấy thư mục mẫu thư',
    en: 'no-such-templates: template folder not found',
  },
  // The file itself
  {
    name: 'yaml-syntax-error.yaml',
    path: 'dòng 4, cột 10',
    code: 'syntax',
    message: 'lỗi cú pháp: không được viết hai dấu “:” trên cùng một dòng',
    en: 'Nested mappings are not allowed',
  },
  {
    name: 'duplicate-yaml-key.yaml',
    path: 'dòng 6, cột 3',
    code: 'syntax',
    message: 'lỗi cú pháp: khóa bị lặp lại',
    en: 'Map keys must be unique',
  },
  {
    name: 'json-syntax-error.json',
    path: 'dòng 26, cột 7',
    code: 'syntax',
    message: 'lỗi cú pháp: thiếu ký tự',
    en: 'Missing ,',
  },
  {
    name: 'json-invalid.json',
    path: 'units[2].parent',
    code: 'unknown_parent',
    message: "không có đơn vị cấp trên 'huyen-c'",
    en: "unknown parent 'huyen-c'",
    also: [
      {
        path: 'milestones[0].due',
        code: 'due_before_issue',
        message: 'hạn "trước ngày 10/04/2024"',
        en: 'due before 2024-04-10',
      },
    ],
  },
  {
    name: 'top-level-list.yaml',
    path: '(cấp cao nhất)',
    code: 'invalid_type',
    message: 'tệp chiến dịch phải là một nhóm “khóa: giá trị”',
    en: 'a campaign file must be a mapping',
  },
  // Everything at once
  {
    name: 'several-errors.yaml',
    path: 'campaign.timeZone',
    code: 'unknown_time_zone',
    message: "không có múi giờ 'Asia/Hanoi'",
    en: "unknown time zone 'Asia/Hanoi'",
    also: [
      {
        path: 'reminders.offsets[1]',
        code: 'invalid_duration',
        message: "'3D' không phải",
        en: "'3D' is not",
      },
      {
        path: 'units[1].emails[0]',
        code: 'invalid_email',
        message: "'bcd.huyen-a.example.org' không phải",
        en: "'bcd.huyen-a.example.org' is not",
      },
      {
        path: 'units[2].parent',
        code: 'unknown_parent',
        message: "không có đơn vị cấp trên 'huyen-c'",
        en: "unknown parent 'huyen-c'",
      },
      {
        path: 'milestones[0].due',
        code: 'due_before_issue',
        message: 'hạn "trước ngày 10/04/2024"',
        en: 'due before 2024-04-10',
      },
      {
        path: 'milestones[1].id',
        code: 'duplicate_id',
        message: "mã mốc 'ke-hoach' bị trùng",
        en: "duplicate milestone id 'ke-hoach'",
      },
      {
        path: 'milestones[1].outline[1].aggregate',
        code: 'invalid_aggregate',
        message: 'không cộng được trường kiểu text',
        en: 'cannot sum a text field',
      },
    ],
  },
];

/** The expectation in English: the place as English prints it, the English words of the message. */
function inEnglish(e: Expected): Expected {
  const where = e.path
    .replace(/^dòng (\d+)/, 'line $1')
    .replace(/(,|:) cột (\d+)/, '$1 column $2')
    .replace('(cấp cao nhất)', '(top level)');
  return { ...e, path: where, message: e.en ?? e.message };
}

const IN: Record<Lang, (e: Expected) => Expected> = { vi: (e) => e, en: inEnglish };

/** `issue` as printed: by --json, or an issue of loadCampaignFile through `printIn(lang).json`. */
function matches(issue: IssueJson, e: Expected, defaultFile: string): boolean {
  return (
    path.basename(issue.file) === (e.file ?? defaultFile) &&
    issue.path === e.path &&
    issue.code === e.code &&
    issue.message.includes(e.message)
  );
}

/** A readable stand-in for an issue in failure messages. */
function show(i: IssueJson): string {
  return `${path.basename(i.file)} | ${i.path} | ${i.code} | ${i.message}`;
}

const cli = (...args: string[]) => runCli(process.env, ...args);

function campaignFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => CAMPAIGN_FILE.test(f))
    .sort();
}

/** The rows of the table with an English wording of their own: every one. */
const TRANSLATED = CASES.filter((c) => c.en !== undefined);

describe('the bad corpus', () => {
  it('has at least 35 files, each one in the table below (and nothing in the table is missing)', () => {
    const files = campaignFiles(BAD);
    expect(files.length).toBeGreaterThanOrEqual(35);
    expect(CASES.map((c) => c.name).sort()).toEqual(files);
  });

  it('words every issue differently in Vietnamese and in English', () => {
    expect(TRANSLATED).toHaveLength(CASES.length);
    for (const c of TRANSLATED) expect(c.message).not.toBe(c.en);
  });

  it.each(CASES)('$name is rejected: $path ($code), in Vietnamese and with lang en in English', async (c) => {
    for (const lang of ['vi', 'en'] as const) {
      // Vietnamese without asking: the corpus files say no campaign.language.
      const r = await loadCampaignFile(
        path.join(BAD, c.name),
        mailTemplateChecker,
        lang === 'en' ? { lang } : {},
      );
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.lang).toBe(lang);
      const expected = [c, ...(c.also ?? [])].map(IN[lang]);
      const printed = r.issues.map(printIn(lang).json);
      const shown = printed.map(show);
      for (const e of expected) {
        if (!printed.some((i) => matches(i, e, c.name))) {
          throw new Error(`${lang}: no issue ${JSON.stringify(e)} among:\n${shown.join('\n')}`);
        }
      }
      // Exactly these: a mistake must not drag spurious issues along with it.
      expect(shown).toHaveLength(expected.length);
      for (const i of printed) {
        expect(i.message.trim()).not.toBe('');
        expect(i.path.trim()).not.toBe('');
      }
    }
  });

  it.each(CASES)('dondoc validate $name exits 1 and prints $path, in Vietnamese', async (c) => {
    const { code, out, err } = await cli('validate', path.join(BAD, c.name));
    expect(code).toBe(1);
    expect(out).toBe('');
    const line = err.split('\n').find((l) => l.includes(`: ${c.path}: `));
    expect(line).toBeDefined();
    expect(line).toContain(c.file ?? c.name);
    expect(line).toContain(c.message);
    expect(err).toMatch(/\n\d+ lỗi: chưa khởi động gì\.\n$/);
  });

  it.each(CASES)('dondoc validate --lang en $name prints it in English', async (c) => {
    const e = inEnglish(c);
    const { code, out, err } = await cli('validate', path.join(BAD, c.name), '--lang', 'en');
    expect(code).toBe(1);
    expect(out).toBe('');
    const line = err.split('\n').find((l) => l.includes(`: ${e.path}: `));
    expect(line).toBeDefined();
    expect(line).toContain(c.file ?? c.name);
    expect(line).toContain(e.message);
    expect(err).toMatch(/\n\d+ errors?: nothing was started\.\n$/);
  });

  it.each(CASES)('dondoc validate --json $name lists the same issues', async (c) => {
    const { code, out } = await cli('validate', path.join(BAD, c.name), '--json');
    expect(code).toBe(1);
    const r = JSON.parse(out) as { ok: boolean; issues: IssueJson[] };
    expect(r.ok).toBe(false);
    expect(r.issues.some((i) => matches(i, c, c.name))).toBe(true);
    for (const i of r.issues) expect(Array.isArray(i.pathSegments)).toBe(true);
    expect(r.issues).toHaveLength(1 + (c.also?.length ?? 0));
  });

  it('reports all seven mistakes of several-errors.yaml in one run', async () => {
    const { code, err } = await cli('validate', path.join(BAD, 'several-errors.yaml'));
    expect(code).toBe(1);
    const lines = err.trimEnd().split('\n');
    expect(lines.pop()).toBe('7 lỗi: chưa khởi động gì.');
    expect(lines.map((l) => l.split(': ')[1]).sort()).toEqual(
      [
        'campaign.timeZone',
        'reminders.offsets[1]',
        'units[1].emails[0]',
        'units[2].parent',
        'milestones[0].due',
        'milestones[1].outline[1].aggregate',
        'milestones[1].id',
      ].sort(),
    );
    const english = await cli('validate', path.join(BAD, 'several-errors.yaml'), '--lang', 'en');
    expect(english.err.trimEnd().split('\n').pop()).toBe('7 errors: nothing was started.');
  });
});

describe('good campaign files', () => {
  it.each(campaignFiles(GOOD))('test/fixtures/good/%s validates', async (name) => {
    const { code, out, err } = await cli('validate', path.join(GOOD, name));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/\nOK\n$/);
  });

  // Other examples are being written alongside this test: find them when it runs.
  const examples = campaignFiles(EXAMPLES);

  it('examples/ has campaign files', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('examples/%s validates', async (name) => {
    const { code, out, err } = await cli('validate', path.join(EXAMPLES, name));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/\nOK\n$/);
  });
});
