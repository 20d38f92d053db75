// `dondoc validate <file> --schedule --format csv|json|ics`, and the table's safety on a terminal: what a
// spreadsheet, a script and a calendar application get.
import ICAL from 'ical.js';
import { DRY_RUN, dondoc, dryRunJson, fixtureVariant } from './validate-schedule-run';

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

const HOSTILE_NAME = '=HYPERLINK("http://evil.example","Xã, Một")';
const HOSTILE_TITLE = '@SUM(1+1)';

describe('csv', () => {
  const file = fixtureVariant([
    ['name: Xã Một,', `name: '${HOSTILE_NAME}',`],
    ['title: Đăng ký điểm tổ chức', `title: "${HOSTILE_TITLE}"`],
  ]);

  it('neutralises formula-leading cells and quotes cells with commas and quotes', async () => {
    const r = await dondoc('validate', file, '--schedule', '--format', 'csv', '--unit', 'xa-1');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('\uFEFF')).toBe(true);
    // The raw text: the cell is quoted (it holds commas and quotes), its quotes doubled, an apostrophe first.
    expect(r.out).toContain(`"'=HYPERLINK(""http://evil.example"",""Xã, Một"")"`);
    const [header, ...rows] = parseCsv(r.out.slice(1));
    expect(rows).toHaveLength(6);
    const col = (name: string) => (header ?? []).indexOf(name);
    for (const row of rows) {
      expect(row).toHaveLength(header?.length ?? 0);
      expect(row[col('unitName')]).toBe(`'${HOSTILE_NAME}`);
      expect(row[col('milestoneTitle')]).toBe(`'${HOSTILE_TITLE}`);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const moved = rows.find((row) => row[col('local')] === '26/04/2024 08:00');
    expect(moved?.[col('at')]).toBe('2024-04-26T08:00:00+07:00');
    expect(moved?.[col('movedFrom')]).toBe('2024-04-30');
    expect(moved?.[col('note')]).toContain('29/04 ngày nghỉ theo thông báo: Nghỉ hoán đổi dịp 30/4 - 1/5');
    expect(rows.find((row) => row[col('kind')] === 'opened')?.[col('emails')]).toBe('ubnd@xa-1.example.org');
  });
});

describe('json', () => {
  const KEYS = [
    'at',
    'local',
    'kind',
    'seq',
    'unit',
    'milestone',
    'dueAt',
    'reminder',
    'escalation',
    'recipients',
    'to',
    'emails',
    'cc',
    'role',
    'moved',
    'madeUpWorkingDay',
    'listed',
    'messageId',
  ];

  it('has the same keys for every kind of notice, null where one does not apply', async () => {
    const run = await dryRunJson(DRY_RUN);
    expect(Object.keys(run)).toEqual(['campaign', 'start', 'filter', 'count', 'notices']);
    expect(new Set(run.notices.map((n) => n.kind))).toEqual(
      new Set(['opened', 'reminder', 'last-day', 'overdue', 'escalation', 'digest']),
    );
    for (const n of run.notices) expect(Object.keys(n)).toEqual(KEYS);
    const digest = run.notices.find((n) => n.kind === 'digest') as unknown as Record<string, unknown>;
    expect([digest.milestone, digest.reminder, digest.escalation, digest.dueAt]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const reminder = run.notices.find((n) => n.kind === 'reminder') as unknown as Record<string, unknown>;
    expect(reminder.reminder).toEqual({ phase: 'before-due', offset: 'P7D' });
    expect([reminder.escalation, reminder.listed, reminder.cc, reminder.role]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(new Set(run.notices.map((n) => n.messageId)).size).toBe(run.notices.length);
  });

  it('--json with --schedule means --format json', async () => {
    const r = await dondoc('validate', DRY_RUN, '--schedule', '--json');
    expect(JSON.parse(r.out)).toEqual(await dryRunJson(DRY_RUN));
  });
});

describe('ics', () => {
  it('parses, with one event per notice at its instant', async () => {
    const json = await dryRunJson(DRY_RUN);
    const r = await dondoc('validate', DRY_RUN, '--schedule', '--format', 'ics');
    expect(r.code).toBe(0);
    const cal = new ICAL.Component(ICAL.parse(r.out));
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(json.count);
    const starts = events.map((e) => e.startDate.toJSDate().toISOString()).sort();
    expect(starts).toEqual(json.notices.map((n) => new Date(n.at).toISOString()).sort());
    // 07/02/2024 08:00 in Hà Nội is 01:00 UTC; the make-up Saturday's two reminders are there too.
    expect(starts).toContain('2024-02-07T01:00:00.000Z');
    expect(starts.filter((s) => s === '2024-05-04T01:00:00.000Z')).toHaveLength(2);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    const tet = events.find((e) => e.startDate.toJSDate().toISOString() === '2024-02-07T01:00:00.000Z');
    expect(tet?.summary).toContain('nhắc hạn 1');
    expect(tet?.summary).toContain('Ban Chỉ đạo huyện A');
    expect(tet?.description).toContain('bcd@huyen-a.example.org');
    expect(tet?.description).toContain('dời từ 13/02/2024');
  });
});

describe('table', () => {
  it('refuses control characters typed into the campaign file, and never prints them', async () => {
    const file = fixtureVariant([['name: Xã Một,', 'name: "Xã \\e[31mMột\\u202e\\r\\nđỏ",']]);
    const r = await dondoc('validate', file, '--schedule', '--unit', 'xa-1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/name: chứa ký tự điều khiển U\+001B/);
    for (const ch of ['\u001b', '\u202e', '\r']) expect(`${r.out}${r.err}`.includes(ch)).toBe(false);
  });

  it('is in English for a campaign in English', async () => {
    const file = fixtureVariant([['language: vi', 'language: en']]);
    const r = await dondoc('validate', file, '--schedule', '--unit', 'xa-1');
    expect(r.out).toContain('Schedule dry run: thu-lich-2024');
    const line = r.out.split('\n').find((l) => l.startsWith('26/04/2024 08:00'));
    expect(line).toContain('reminder 1');
    expect(line).toContain('moved from 30/04/2024');
    expect(line).toContain('public holiday');
  });
});
