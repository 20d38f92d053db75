// The table of the Government's announced days off (core/calendar/announced.ts) and how WorkCalendar uses it:
// for a year the campaign's calendar dates nothing in, and only for a Saturday-Sunday weekend.
import fc from 'fast-check';
import {
  ANNOUNCED_FIRST_YEAR,
  ANNOUNCED_LAST_YEAR,
  announcedEntry,
  announcedTable,
  announcedTetDays,
} from '../../core/calendar/announced';
import { isoFromJd, isoWeekday, jdFromIso, lunarNewYear } from '../../core/calendar/lunar';
import { type CalendarRules, DEFAULT_CALENDAR_RULES, WorkCalendar } from '../../core/calendar/workdays';

const rules = (overrides: Partial<CalendarRules>): CalendarRules => ({
  ...DEFAULT_CALENDAR_RULES,
  ...overrides,
});

/** The days of `from`..`to` (yyyy-mm-dd) that `cal` says are off. */
function daysOff(cal: WorkCalendar, from: string, to: string): string[] {
  const out: string[] = [];
  for (let jd = jdFromIso(from); jd <= jdFromIso(to); jd++) {
    const d = isoFromJd(jd);
    if (!cal.isWorkingDay(d) && isoWeekday(jd) <= 5) out.push(d);
  }
  return out;
}

describe('the announcements table', () => {
  it('has an entry for every year 2020-2027, and says which it could not establish', () => {
    expect(announcedTable().map((e) => e.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect(ANNOUNCED_FIRST_YEAR).toBe(2020);
    expect(ANNOUNCED_LAST_YEAR).toBe(2027);
    const unknown = announcedEntry(2027);
    expect(unknown?.established).toBe(false);
    expect(announcedEntry(2019)).toBeUndefined();
    const y2026 = announcedEntry(2026);
    expect(y2026?.established && y2026.notEstablished).toContain('Quốc khánh');
  });

  it.each(announcedTable().filter((e) => e.established))('is consistent for $year', (e) => {
    if (!e.established) return;
    // A Tết break holds the lunar New Year and five weekdays off.
    if (e.tetBreak) {
      expect(e.tetBreak[0] <= lunarNewYear(e.year) && lunarNewYear(e.year) <= e.tetBreak[1]).toBe(true);
      expect(announcedTetDays(e)).toHaveLength(5);
    }
    // A swap moves a weekday off onto a Saturday worked.
    expect(e.daysOff.map((d) => isoWeekday(jdFromIso(d.date)) <= 5)).toEqual(e.daysOff.map(() => true));
    expect(e.workingDays.map((d) => isoWeekday(jdFromIso(d.date)))).toEqual(e.workingDays.map(() => 6));
    expect(e.daysOff).toHaveLength(e.workingDays.length);
    for (const d of [...e.daysOff, ...e.workingDays]) expect(d.date.startsWith(`${e.year}-`)).toBe(true);
    // The day next to 2 September is 1 or 3 September.
    if (Array.isArray(e.nationalDayAdjacent)) {
      for (const d of e.nationalDayAdjacent) expect([`${e.year}-09-01`, `${e.year}-09-03`]).toContain(d);
    }
    expect(e.sources.length).toBeGreaterThan(0);
  });
});

describe('WorkCalendar with the announcements table', () => {
  const cal = new WorkCalendar(DEFAULT_CALENDAR_RULES);

  it('follows 2024 as announced: Tết 8-14/2, 29/4 off for Saturday 4/5, 2/9 and 3/9', () => {
    expect(daysOff(cal, '2024-02-01', '2024-02-29')).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
    expect(daysOff(cal, '2024-04-01', '2024-05-31')).toEqual([
      '2024-04-18',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
    ]);
    expect(cal.dayInfo('2024-05-04')).toMatchObject({ working: true, reason: 'make-up-working-day' });
    expect(daysOff(cal, '2024-08-26', '2024-09-30')).toEqual(['2024-09-02', '2024-09-03']);
    expect(cal.nextWorkingDay('2024-02-07')).toBe('2024-02-15');
    expect(cal.yearRules(2024).source).toBe('announced');
  });

  it('follows 2025 as announced: Tết 27-31/1, 2/5 off for Saturday 26/4, 1/9 and 2/9', () => {
    expect(daysOff(cal, '2025-01-20', '2025-02-10')).toEqual([
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
    expect(cal.dayInfo('2025-04-26')).toMatchObject({ working: true, reason: 'make-up-working-day' });
    expect(cal.dayInfo('2025-05-02')).toMatchObject({ working: false, reason: 'day-off' });
    expect(daysOff(cal, '2025-08-25', '2025-09-30')).toEqual(['2025-09-01', '2025-09-02']);
  });

  it('keeps 2 September alone in 2020 (the Labor Code 2012) and the announced Tết', () => {
    expect(daysOff(cal, '2020-08-25', '2020-09-30')).toEqual(['2020-09-02']);
    expect(daysOff(cal, '2020-01-20', '2020-02-05')).toEqual([
      '2020-01-23',
      '2020-01-24',
      '2020-01-27',
      '2020-01-28',
      '2020-01-29',
    ]);
  });

  it('computes a year the table could not establish (2027) or does not cover (2028)', () => {
    const computed = new WorkCalendar(rules({ announcedTable: false }));
    for (const year of [2027, 2028]) {
      expect(cal.yearRules(year).source).toBe('computed');
      expect(cal.holidays(year)).toEqual(computed.holidays(year));
    }
  });

  it('gives way to the campaign file for a year it dates anything in', () => {
    // The file lists one day of 2024: 2024 is the file's (computed Tết, no swap); 2025 stays announced.
    const file = new WorkCalendar(rules({ daysOff: [{ date: '2024-12-31', name: 'Nghỉ riêng' }] }));
    expect(file.yearRules(2024).source).toBe('rules');
    expect(file.isWorkingDay('2024-04-29')).toBe(true);
    expect(file.isWorkingDay('2024-05-04')).toBe(false);
    expect(file.isWorkingDay('2024-02-15')).toBe(false);
    expect(file.isWorkingDay('2024-02-08')).toBe(true);
    expect(file.dayInfo('2024-12-31')).toMatchObject({ working: false, name: 'Nghỉ riêng' });
    expect(file.isWorkingDay('2025-05-02')).toBe(false);
    expect(file.yearRules(2025).source).toBe('announced');
  });

  it('gives way to Tết days or an adjacent day the file lists for that year', () => {
    const tet = new WorkCalendar(rules({ tetDays: ['2025-01-28', '2025-01-29', '2025-01-30'] }));
    expect(daysOff(tet, '2025-01-20', '2025-02-10')).toEqual(['2025-01-28', '2025-01-29', '2025-01-30']);
    expect(tet.isWorkingDay('2025-05-02')).toBe(true);
    expect(tet.isWorkingDay('2024-04-29')).toBe(false);
    const adjacent = new WorkCalendar(rules({ nationalDayAdjacent: ['2024-09-01'] }));
    expect(adjacent.isWorkingDay('2024-09-03')).toBe(true);
    expect(adjacent.isWorkingDay('2024-04-29')).toBe(true);
  });

  it('applies only with Vietnamese holidays, a Saturday-Sunday weekend, and when not turned off', () => {
    for (const r of [{ publicHolidays: 'none' as const }, { weekend: [7] }, { announcedTable: false }]) {
      const other = new WorkCalendar(rules(r));
      expect(other.yearRules(2024).source).toBe('computed');
      expect(other.isWorkingDay('2024-04-29')).toBe(true);
    }
    expect(new WorkCalendar(rules({ weekend: [7, 6] })).isWorkingDay('2024-04-29')).toBe(false);
  });

  it('next working day is working and skips only days off, across the table years', () => {
    const start = jdFromIso('2019-12-01');
    fc.assert(
      fc.property(fc.integer({ min: start, max: start + 365 * 9 }), (jd) => {
        const date = isoFromJd(jd);
        const next = cal.nextWorkingDay(date);
        expect(cal.isWorkingDay(next)).toBe(true);
        for (let d = jd + 1; d < jdFromIso(next); d++) expect(cal.isWorkingDay(isoFromJd(d))).toBe(false);
        expect(cal.previousWorkingDay(next) <= date).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
