// Issue 15, defects 6, 7 and 8: impossible dates, Vietnamese thousands separators and CSV rows of the wrong width
// in submissions. The dates are checked by the update validator every submission meets (the CLI's, the portal's,
// one forged through the Temporal API); the CSVs by the CLI before anything is sent.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../../client/errors';
import { readSubmission } from '../../client/payload';
import { isCalendarDate } from '../../core/calendar/iso-date';
import type { Milestone } from '../../core/definition/types';
import { checkSubmission } from '../../workflows/submission-check';
import { plan } from '../support/campaigns';
import { tempDir } from './definition-support';

const WINDOW = {
  ...plan('ngay-hoi', { kind: 'before', date: '2024-06-01' }),
  kind: 'event-window',
  window: { from: '2024-02-01', to: '2024-05-31' },
  minEvents: 1,
} as Milestone;
const BOUNDS = { opensAt: '2024-02-01T00:00:00+07:00', dueAt: '2024-06-01T00:00:00+07:00' };
const SITES = {
  ...plan('dang-ky', { kind: 'before', date: '2024-06-01' }),
  kind: 'site-registration',
  minSites: 1,
  siteFields: [
    { id: 'name', label: 'Tên điểm', type: 'text', required: true },
    { id: 'opened', label: 'Ngày mở', type: 'date', required: false },
    { id: 'attendance', label: 'Số người', type: 'integer', required: true, min: 0 },
  ],
} as Milestone;

const event = (date: string) => ({ events: [{ date, place: 'Nhà văn hóa', attendance: 10 }] });

describe('impossible dates (defect 6)', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-04-31', '0000-01-01', '2024-13-01', '2024-00-10'])(
    '%s is refused by the validator, naming the field',
    (date) => {
      expect(checkSubmission(WINDOW, event(date), BOUNDS)).toEqual([
        expect.stringMatching(/^payload\.events\[0\]\.date: .*phải là một ngày có thật dạng yyyy-mm-dd/),
      ]);
      const sites = { sites: [{ name: 'Điểm 1', opened: date, attendance: 5 }] };
      expect(checkSubmission(SITES, sites, BOUNDS)).toEqual([
        expect.stringMatching(/^payload\.sites\[0\]\.opened: Ngày mở phải là một ngày có thật/),
      ]);
    },
  );

  it('real days are taken, 29 February of a leap year among them', () => {
    expect(checkSubmission(WINDOW, event('2024-02-29'), BOUNDS)).toEqual([]);
    expect(checkSubmission(WINDOW, event('2024-04-30'), BOUNDS)).toEqual([]);
    for (const d of ['2000-02-29', '2024-12-31', '1900-01-01', '2199-12-31'])
      expect(isCalendarDate(d)).toBe(true);
    for (const d of ['1900-02-29', '2100-02-29', '1899-12-31', '2200-01-01', '2024-2-1']) {
      expect(isCalendarDate(d)).toBe(false);
    }
  });
});

async function csvSubmission(text: string, milestone: Milestone = SITES) {
  const file = path.join(tempDir(), 'dang-ky.csv');
  writeFileSync(file, text);
  try {
    return { file, payload: await readSubmission({ file, milestone }) };
  } catch (err) {
    if (err instanceof CliError) return { file, error: err.message };
    throw err;
  }
}

describe('submission CSVs', () => {
  it('read 1.000 as a thousand and 1.500 as fifteen hundred, as a Vietnamese writes them (defect 7)', async () => {
    const r = await csvSubmission('name,attendance\nĐiểm 1,1.000\nĐiểm 2,1.500\nĐiểm 3,"12.345"\n');
    expect(r.payload).toEqual({
      sites: [
        { name: 'Điểm 1', attendance: 1000 },
        { name: 'Điểm 2', attendance: 1500 },
        { name: 'Điểm 3', attendance: 12345 },
      ],
    });
    const events = await csvSubmission('date,place,attendance\n01/03/2024,Thôn 1,2.500\n', WINDOW);
    expect(events.payload).toEqual({ events: [{ date: '2024-03-01', place: 'Thôn 1', attendance: 2500 }] });
  });

  it('leave "1,5" people as 1.5, which the validator refuses for a count rather than guessing', async () => {
    const r = await csvSubmission('name,attendance\nĐiểm 1,"1,5"\n');
    expect(r.payload).toEqual({ sites: [{ name: 'Điểm 1', attendance: 1.5 }] });
    expect(checkSubmission(SITES, r.payload, BOUNDS)).toEqual([expect.stringMatching(/attendance/)]);
  });

  it('refuse rows with too many or too few cells, naming each line, and send nothing (defect 8)', async () => {
    const r = await csvSubmission('name,attendance\nĐiểm 1,10\nĐiểm 2,20,thừa\nĐiểm 3\n');
    expect(r.error?.split('\n')).toEqual([
      `${r.file}: dòng 3: dòng này cần 2 ô, có 3`,
      `${r.file}: dòng 4: dòng này cần 2 ô, có 1`,
    ]);
  });
});
