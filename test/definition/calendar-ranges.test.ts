// Ranges of dates in a campaign file's calendar section (`2024-02-08..2024-02-14`, `08/02/2024..14/02/2024`):
// expanded to one entry per day, and a bad range reported with the file and its place in it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkCalendar } from '../../core/calendar/workdays';
import { type DefinitionIssue, formatIssue } from '../../core/definition/issues';
import { loadCampaignFile } from '../../core/definition/load';
import type { Campaign } from '../../core/definition/types';

const MINIMAL = readFileSync(path.join(__dirname, '..', 'fixtures', 'good', 'minimal.yaml'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-ranges-'));
let count = 0;

/** minimal.yaml with `calendar` appended, loaded from a file of its own. */
async function load(
  calendar: string,
): Promise<{ file: string; r: Awaited<ReturnType<typeof loadCampaignFile>> }> {
  const file = path.join(dir, `campaign-${++count}.yaml`);
  writeFileSync(file, `${MINIMAL}\ncalendar:\n${calendar}`);
  return { file, r: await loadCampaignFile(file) };
}

async function campaign(calendar: string): Promise<Campaign> {
  const { r } = await load(calendar);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.campaign;
}

async function issues(calendar: string): Promise<{ file: string; issues: DefinitionIssue[] }> {
  const { file, r } = await load(calendar);
  if (r.ok) throw new Error('should not load');
  return { file, issues: r.issues };
}

describe('calendar ranges', () => {
  it('expand a range written as a string or with a name, in either date form, to one entry per day', async () => {
    const c = await campaign(
      [
        '  tetDays: [2024-02-08..2024-02-09, 12/02/2024..14/02/2024]',
        '  daysOff:',
        '    - 2024-04-29',
        '    - { date: 27/12/2024..30/12/2024, name: Nghỉ cuối năm }',
        '  workingDays:',
        '    - 2024-05-04 .. 2024-05-05',
        '',
      ].join('\n'),
    );
    expect(c.calendar.tetDays).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
    expect(c.calendar.daysOff).toEqual([
      { date: '2024-04-29' },
      { date: '2024-12-27', name: 'Nghỉ cuối năm' },
      { date: '2024-12-28', name: 'Nghỉ cuối năm' },
      { date: '2024-12-29', name: 'Nghỉ cuối năm' },
      { date: '2024-12-30', name: 'Nghỉ cuối năm' },
    ]);
    expect(c.calendar.workingDays).toEqual([{ date: '2024-05-04' }, { date: '2024-05-05' }]);
    const cal = new WorkCalendar(c.calendar);
    expect(cal.isWorkingDay('2024-12-30')).toBe(false);
    expect(cal.isWorkingDay('2024-12-31')).toBe(true);
    expect(cal.isWorkingDay('2024-05-05')).toBe(true);
  });

  it('take a one-day range', async () => {
    const c = await campaign('  daysOff: [2024-04-29..2024-04-29]\n');
    expect(c.calendar.daysOff).toEqual([{ date: '2024-04-29' }]);
  });

  it('reject an inverted range with the file and the entry', async () => {
    const { file, issues: found } = await issues(
      '  daysOff:\n    - 2024-04-29\n    - 2024-05-03..2024-04-30\n',
    );
    expect(found).toEqual([
      expect.objectContaining({ file, path: ['calendar', 'daysOff', 1], code: 'range_reversed' }),
    ]);
    expect(formatIssue(found[0] as DefinitionIssue)).toBe(
      `${file}: calendar.daysOff[1]: '2024-05-03..2024-04-30': khoảng ngày bị đảo ngược (2024-05-03 sau 2024-04-30)`,
    );
  });

  it('reject a range with a day that does not exist, in the object form, at its date', async () => {
    const { file, issues: found } = await issues(
      '  workingDays:\n    - 2024-05-04\n    - { date: 2024-02-28..2024-02-30, name: Làm bù }\n',
    );
    expect(found).toEqual([
      expect.objectContaining({ file, path: ['calendar', 'workingDays', 1, 'date'], code: 'invalid_range' }),
    ]);
    expect(found[0]?.message).toContain("'2024-02-30' không phải là ngày");
  });

  it('reject a malformed or too long range, also in tetDays', async () => {
    const { issues: found } = await issues(
      '  tetDays: [2024-02-08..2024-02-10..2024-02-12, 2024-01-01..]\n  daysOff: [2024-01-01..2025-06-30]\n',
    );
    expect(found.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['calendar.tetDays.0', 'invalid_range'],
      ['calendar.tetDays.1', 'invalid_range'],
      ['calendar.daysOff.0', 'range_too_long'],
    ]);
  });

  it('report a day both off (in a range) and worked at the entries as written', async () => {
    const { file, issues: found } = await issues(
      '  daysOff: [2024-04-27..2024-05-05]\n  workingDays: [2024-04-20, 2024-05-04]\n',
    );
    expect(found).toEqual([
      {
        file,
        path: ['calendar', 'workingDays', 1],
        code: 'calendar_conflict',
        message: 'ngày 04/05/2024 vừa là ngày làm việc bù vừa là ngày nghỉ (calendar.daysOff[0])',
      },
    ]);
  });
});
