// The corpus of bad campaign files (test/fixtures/bad/): each one is a small variation of
// test/fixtures/good/minimal.yaml (or with-csv.yaml) and must be rejected with exactly the issues listed
// here, naming the file, the path and what is wrong, both by loadCampaignFile and by `dondoc validate`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { mailTemplateChecker } from '../../activities/mail/templates';
import { main } from '../../client/cli';
import { type IssueJson, issueJson } from '../../core/definition/issues';
import { loadCampaignFile } from '../../core/definition/load';

const BAD = path.join(__dirname, '..', 'fixtures', 'bad');
const GOOD = path.join(__dirname, '..', 'fixtures', 'good');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const CAMPAIGN_FILE = /\.(ya?ml|json)$/;

interface Expected {
  /** Basename of the file the issue names; defaults to the bad campaign file itself. */
  file?: string;
  path: string;
  code: string;
  /** A substring of the message. */
  message: string;
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
    message: "duplicate unit id 'huyen-a' (first at units[1].id)",
  },
  { name: 'unknown-parent.yaml', path: 'units[2].parent', code: 'unknown_parent', message: "'huyen-c'" },
  {
    name: 'parent-cycle.yaml',
    path: 'units[1].parent',
    code: 'cycle',
    message: 'huyen-a → huyen-b → huyen-a',
  },
  { name: 'own-parent.yaml', path: 'units[2].parent', code: 'cycle', message: "'huyen-b' is its own parent" },
  {
    name: 'several-roots.yaml',
    path: 'units[2].parent',
    code: 'several_roots',
    message: "'huyen-b' has no parent, but 'tinh' is already the root",
  },
  {
    name: 'no-root.yaml',
    path: 'units',
    code: 'no_root',
    message: 'the tree needs one root',
    also: [{ path: 'units[0].parent', code: 'unknown_parent', message: "'bo-cong-an'" }],
  },
  {
    name: 'no-units.yaml',
    path: 'units',
    code: 'required',
    message: 'a campaign needs units, inline or from unitsFile',
  },
  {
    name: 'issuer-not-root.yaml',
    path: 'campaign.issuer',
    code: 'issuer_not_root',
    message: "the issuer 'huyen-a' must be the root of the unit tree ('tinh')",
  },
  {
    name: 'unit-level-not-in-levels.yaml',
    path: 'units[2].level',
    code: 'unknown_level',
    message: "unknown level 'commune' (levels: province, district)",
  },
  // Units, header and keys
  {
    name: 'invalid-email.yaml',
    path: 'units[2].emails[0]',
    code: 'invalid_email',
    message: "'bcd.huyen-b.example.org' is not a valid email address",
  },
  {
    name: 'unit-key-typo.yaml',
    path: 'units[2].email',
    code: 'unknown_key',
    message: "unknown key 'email'",
    also: [{ path: 'units[2].emails', code: 'required', message: 'is required' }],
  },
  {
    name: 'unknown-top-level-key.yaml',
    path: 'reminder',
    code: 'unknown_key',
    message: "unknown key 'reminder'",
  },
  { name: 'missing-campaign-title.yaml', path: 'campaign.title', code: 'required', message: 'is required' },
  {
    name: 'unknown-time-zone.yaml',
    path: 'campaign.timeZone',
    code: 'unknown_time_zone',
    message: "unknown time zone 'Asia/Hanoi'",
  },
  {
    name: 'invalid-date.yaml',
    path: 'campaign.document.issued',
    code: 'invalid_date',
    message: "'31/02/2024' is not a date",
  },
  // Dates, windows and due phrases
  {
    name: 'due-before-issue.yaml',
    path: 'milestones[0].due',
    code: 'due_before_issue',
    message: "due before 2024-04-10 (00:00 that day) leaves no time after the plan's issue date 2024-04-16",
  },
  {
    name: 'due-on-issue-date.yaml',
    path: 'milestones[0].due',
    code: 'due_before_issue',
    message: "due before 2024-04-16 (00:00 that day) leaves no time after the plan's issue date 2024-04-16",
  },
  {
    name: 'unparseable-due.yaml',
    path: 'milestones[0].due',
    code: 'invalid_due',
    message: "'cuối tháng 5/2024' is not a due date",
  },
  {
    name: 'window-reversed.yaml',
    path: 'milestones[0].window',
    code: 'window_reversed',
    message: 'the window ends (2024-08-01) before it starts (2024-08-19)',
  },
  {
    name: 'window-malformed.yaml',
    path: 'milestones[0].window',
    code: 'invalid_window',
    message: "'từ ngày 01/8/2024 tới 19/8/2024' is not a window",
  },
  // Which units a milestone applies to
  {
    name: 'applies-to-no-unit.yaml',
    path: 'milestones[0].appliesTo',
    code: 'no_units',
    message: "milestone 'ke-hoach' applies to no unit",
  },
  {
    name: 'applies-to-unknown-level.yaml',
    path: 'milestones[0].appliesTo.levels[1]',
    code: 'unknown_level',
    message: "no unit has level 'commune'",
  },
  {
    name: 'applies-to-unknown-tag.yaml',
    path: 'milestones[1].appliesTo.tags[1]',
    code: 'unknown_tag',
    message: "no unit has tag 'diem-tinh'",
  },
  {
    name: 'applies-to-unknown-unit.yaml',
    path: 'milestones[0].appliesTo.units[1]',
    code: 'unknown_unit',
    message: "unknown unit 'huyen-c'",
  },
  // Reminders and escalation
  {
    name: 'reminder-offset-malformed.yaml',
    path: 'reminders.offsets[1]',
    code: 'invalid_duration',
    message: "'3D' is not an ISO-8601 duration",
  },
  {
    name: 'escalation-step-malformed.yaml',
    path: 'escalation.steps[0].after',
    code: 'invalid_duration',
    message: "'1 ngày' is not an ISO-8601 duration",
  },
  {
    name: 'reminder-offset-zero.yaml',
    path: 'reminders.offsets[1]',
    code: 'invalid_duration',
    message: "'P0D' must be longer than zero",
  },
  {
    name: 'negative-duration.yaml',
    path: 'milestones[1].escalation.steps[0].after',
    code: 'invalid_duration',
    message: "'-P1D' must not be negative",
  },
  {
    name: 'invalid-send-at.yaml',
    path: 'reminders.sendAt',
    code: 'invalid_time',
    message: "'25:00' is not a time of day (HH:mm)",
  },
  {
    name: 'unknown-recipient.yaml',
    path: 'escalation.steps[0].to[1]',
    code: 'invalid_value',
    message: "'director' is not one of: unit, parent, issuer",
  },
  // Milestones and report outlines
  {
    name: 'unknown-milestone-kind.yaml',
    path: 'milestones[1].kind',
    code: 'invalid_value',
    message: "'report' is not one of: draft-plan, plan, site-registration, event-window, result-report",
  },
  {
    name: 'missing-milestone-kind.yaml',
    path: 'milestones[0].kind',
    code: 'required',
    message: 'is required (one of: draft-plan, plan,',
  },
  {
    name: 'duplicate-milestone-id.yaml',
    path: 'milestones[1].id',
    code: 'duplicate_id',
    message: "duplicate milestone id 'ke-hoach' (first at milestones[0].id)",
  },
  {
    name: 'duplicate-outline-field-id.yaml',
    path: 'milestones[1].outline[1].id',
    code: 'duplicate_id',
    message: "duplicate outline field id 'sites' (first at milestones[1].outline[0].id)",
  },
  {
    name: 'empty-outline.yaml',
    path: 'milestones[1].outline',
    code: 'too_small',
    message: 'must have at least 1 item',
  },
  {
    name: 'sum-of-text-field.yaml',
    path: 'milestones[1].outline[1].aggregate',
    code: 'invalid_aggregate',
    message: 'cannot sum a text field',
  },
  // Calendar
  {
    name: 'calendar-day-both-working-and-off.yaml',
    path: 'calendar.workingDays[0]',
    code: 'calendar_conflict',
    message: '2024-05-04 is both a make-up working day and a day off (calendar.daysOff[0])',
  },
  {
    name: 'calendar-invalid-date.yaml',
    path: 'calendar.daysOff[1].date',
    code: 'invalid_date',
    message: "'30/02/2024' is not a date",
  },
  // Units from CSV: issues name the CSV file and its line
  {
    name: 'csv-row-missing-column.yaml',
    file: 'csv-row-missing-column.csv',
    path: 'line 5',
    code: 'csv_missing_column',
    message: 'expected 6 columns (id, name, level, parent, emails, tags), found 5: a cell is missing',
  },
  {
    name: 'csv-header-missing-column.yaml',
    file: 'csv-header-missing-column.csv',
    path: 'line 1',
    code: 'csv_missing_column',
    message: "the header has no 'level' column",
  },
  {
    name: 'csv-unknown-column.yaml',
    file: 'csv-unknown-column.csv',
    path: 'line 1: column 5',
    code: 'csv_unknown_column',
    message: "unknown column 'email'",
    also: [
      {
        file: 'csv-unknown-column.csv',
        path: 'line 1',
        code: 'csv_missing_column',
        message: "no 'emails' column",
      },
    ],
  },
  {
    name: 'csv-bad-email.yaml',
    file: 'csv-bad-email.csv',
    path: 'line 3: emails[1]',
    code: 'invalid_email',
    message: "'vp.huyen-a.example.org' is not a valid email address",
  },
  {
    name: 'csv-no-rows.yaml',
    file: 'csv-no-rows.csv',
    path: 'line 1',
    code: 'csv_empty',
    message: 'a header row but no units',
  },
  {
    name: 'csv-file-not-found.yaml',
    path: 'unitsFile',
    code: 'file_not_found',
    message: 'no-such-units.csv: file not found',
  },
  // Mail templates: issues name the template file, its line and the placeholder
  {
    name: 'templates-unknown-placeholder.yaml',
    file: 'reminder.txt',
    path: 'line 3, column 8',
    code: 'unknown_placeholder',
    message: 'unknown placeholder {{unit.nmae}} (did you mean {{unit.name}}',
  },
  {
    name: 'templates-unclosed-block.yaml',
    file: 'returned.html',
    path: 'line 3, column 1',
    code: 'unclosed_block',
    message: '{{#if actor}} is never closed with {{/if}}',
  },
  {
    name: 'templates-folder-not-found.yaml',
    path: 'templates',
    code: 'file_not_found',
    message: 'no-such-templates: template folder not found',
  },
  // The file itself
  {
    name: 'yaml-syntax-error.yaml',
    path: 'line 4, column 10',
    code: 'syntax',
    message: 'Nested mappings are not allowed',
  },
  {
    name: 'duplicate-yaml-key.yaml',
    path: 'line 6, column 3',
    code: 'syntax',
    message: 'Map keys must be unique',
  },
  { name: 'json-syntax-error.json', path: 'line 26, column 7', code: 'syntax', message: 'Missing ,' },
  {
    name: 'json-invalid.json',
    path: 'units[2].parent',
    code: 'unknown_parent',
    message: "unknown parent 'huyen-c'",
    also: [{ path: 'milestones[0].due', code: 'due_before_issue', message: 'due before 2024-04-10' }],
  },
  {
    name: 'top-level-list.yaml',
    path: '(top level)',
    code: 'invalid_type',
    message: 'a campaign file must be a mapping',
  },
  // Everything at once
  {
    name: 'several-errors.yaml',
    path: 'campaign.timeZone',
    code: 'unknown_time_zone',
    message: "'Asia/Hanoi'",
    also: [
      { path: 'reminders.offsets[1]', code: 'invalid_duration', message: "'3D'" },
      { path: 'units[1].emails[0]', code: 'invalid_email', message: "'bcd.huyen-a.example.org'" },
      { path: 'units[2].parent', code: 'unknown_parent', message: "'huyen-c'" },
      { path: 'milestones[0].due', code: 'due_before_issue', message: 'due before 2024-04-10' },
      { path: 'milestones[1].id', code: 'duplicate_id', message: "duplicate milestone id 'ke-hoach'" },
      {
        path: 'milestones[1].outline[1].aggregate',
        code: 'invalid_aggregate',
        message: 'cannot sum a text field',
      },
    ],
  },
];

/** `issue` as printed: by --json, or an issue of loadCampaignFile through issueJson (`path` its printed place). */
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

async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    ['node', 'dondoc', ...args],
    (s) => {
      out += s;
    },
    (s) => {
      err += s;
    },
  );
  return { code, out, err };
}

function campaignFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => CAMPAIGN_FILE.test(f))
    .sort();
}

describe('the bad corpus', () => {
  it('has at least 35 files, each one in the table below (and nothing in the table is missing)', () => {
    const files = campaignFiles(BAD);
    expect(files.length).toBeGreaterThanOrEqual(35);
    expect(CASES.map((c) => c.name).sort()).toEqual(files);
  });

  it.each(CASES)('$name is rejected: $path ($code)', async (c) => {
    const r = await loadCampaignFile(path.join(BAD, c.name), mailTemplateChecker);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const expected = [c, ...(c.also ?? [])];
    const printed = r.issues.map(issueJson);
    const shown = printed.map(show);
    for (const e of expected) {
      if (!printed.some((i) => matches(i, e, c.name))) {
        throw new Error(`no issue ${JSON.stringify(e)} among:\n${shown.join('\n')}`);
      }
    }
    // Exactly these: a mistake must not drag spurious issues along with it.
    expect(shown).toHaveLength(expected.length);
    for (const i of printed) {
      expect(i.message.trim()).not.toBe('');
      expect(i.path.trim()).not.toBe('');
    }
  });

  it.each(CASES)('dondoc validate $name exits 1 and prints $path', async (c) => {
    const { code, out, err } = await runCli('validate', path.join(BAD, c.name));
    expect(code).toBe(1);
    expect(out).toBe('');
    const line = err.split('\n').find((l) => l.includes(`: ${c.path}: `));
    expect(line).toBeDefined();
    expect(line).toContain(c.file ?? c.name);
    expect(line).toContain(c.message);
    expect(err).toContain('nothing was started');
  });

  it.each(CASES)('dondoc validate --json $name lists the same issues', async (c) => {
    const { code, out } = await runCli('validate', path.join(BAD, c.name), '--json');
    expect(code).toBe(1);
    const r = JSON.parse(out) as { ok: boolean; issues: IssueJson[] };
    expect(r.ok).toBe(false);
    expect(r.issues.some((i) => matches(i, c, c.name))).toBe(true);
    for (const i of r.issues) expect(Array.isArray(i.pathSegments)).toBe(true);
    expect(r.issues).toHaveLength(1 + (c.also?.length ?? 0));
  });

  it('reports all seven mistakes of several-errors.yaml in one run', async () => {
    const { code, err } = await runCli('validate', path.join(BAD, 'several-errors.yaml'));
    expect(code).toBe(1);
    const lines = err.trimEnd().split('\n');
    expect(lines.pop()).toBe('7 errors: nothing was started.');
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
  });
});

describe('good campaign files', () => {
  it.each(campaignFiles(GOOD))('test/fixtures/good/%s validates', async (name) => {
    const { code, out, err } = await runCli('validate', path.join(GOOD, name));
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
    const { code, out, err } = await runCli('validate', path.join(EXAMPLES, name));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/\nOK\n$/);
  });
});
