import fc from 'fast-check';
import { vietnamPublicHolidays } from '../../core/calendar/holidays';
import { isoFromJd, jdFromIso } from '../../core/calendar/lunar';
import { type CalendarRules, DEFAULT_CALENDAR_RULES, WorkCalendar } from '../../core/calendar/workdays';

const rules = (overrides: Partial<CalendarRules>): CalendarRules => ({
  ...DEFAULT_CALENDAR_RULES,
  ...overrides,
});
const brief = (year: number, opts?: Parameters<typeof vietnamPublicHolidays>[1]) =>
  vietnamPublicHolidays(year, opts).map((h) => `${h.date} ${h.kind}`);

describe('vietnamPublicHolidays', () => {
  it('computes 2024 (Tết eve 30 Tết, weekend Tết days compensated)', () => {
    expect(brief(2024)).toEqual([
      '2024-01-01 new-year',
      '2024-02-09 tet',
      '2024-02-10 tet',
      '2024-02-11 tet',
      '2024-02-12 tet',
      '2024-02-13 tet',
      '2024-02-14 compensatory',
      '2024-02-15 compensatory',
      '2024-04-18 hung-kings',
      '2024-04-30 reunification',
      '2024-05-01 labour',
      '2024-09-02 national-day',
      '2024-09-03 national-day',
    ]);
  });

  it('computes 2025 (2 September on a Tuesday → 1 September)', () => {
    expect(brief(2025)).toEqual([
      '2025-01-01 new-year',
      '2025-01-28 tet',
      '2025-01-29 tet',
      '2025-01-30 tet',
      '2025-01-31 tet',
      '2025-02-01 tet',
      '2025-02-03 compensatory',
      '2025-04-07 hung-kings',
      '2025-04-30 reunification',
      '2025-05-01 labour',
      '2025-09-01 national-day',
      '2025-09-02 national-day',
    ]);
  });

  it('uses Vietnamese names with diacritics', () => {
    const byDate = new Map(vietnamPublicHolidays(2025).map((h) => [h.date, h]));
    expect(byDate.get('2025-01-01')?.name).toBe('Tết Dương lịch');
    expect(byDate.get('2025-01-28')?.name).toBe('Tết Nguyên đán (29 Tết)');
    expect(byDate.get('2025-01-29')?.name).toBe('Tết Nguyên đán (mùng 1 Tết)');
    expect(byDate.get('2025-02-03')?.name).toBe('Nghỉ bù Tết Nguyên đán (mùng 4 Tết)');
    expect(byDate.get('2025-04-07')?.name).toBe('Giỗ Tổ Hùng Vương');
    expect(byDate.get('2025-04-30')?.name).toBe('Ngày Giải phóng miền Nam, thống nhất đất nước');
    expect(byDate.get('2025-05-01')?.name).toBe('Ngày Quốc tế Lao động');
    expect(byDate.get('2025-09-02')?.name).toBe('Quốc khánh');
  });

  it('gives consecutive weekend holidays distinct compensatory days (2023)', () => {
    expect(brief(2023).filter((h) => h.endsWith('compensatory'))).toEqual([
      '2023-01-02 compensatory',
      '2023-01-26 compensatory',
      '2023-01-27 compensatory',
      '2023-05-02 compensatory',
      '2023-05-03 compensatory',
      '2023-09-04 compensatory',
      '2023-09-05 compensatory',
    ]);
  });

  it('lets announced Tết days replace the computed ones, without compensation', () => {
    const tetDays = ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2025-01-27'];
    const feb = brief(2024, { tetDays }).filter((h) => h.startsWith('2024-02'));
    expect(feb).toEqual([
      '2024-02-08 tet',
      '2024-02-09 tet',
      '2024-02-12 tet',
      '2024-02-13 tet',
      '2024-02-14 tet',
    ]);
    expect(brief(2025, { tetDays }).filter((h) => h.endsWith(' tet'))).toEqual(['2025-01-27 tet']);
    expect(brief(2026, { tetDays }).filter((h) => h.endsWith(' tet'))).toHaveLength(5);
  });

  it('lets an announced adjacent National Day replace the computed one', () => {
    const sept = brief(2023, { nationalDayAdjacent: ['2023-09-01'] }).filter((h) => h.startsWith('2023-09'));
    expect(sept).toEqual(['2023-09-01 national-day', '2023-09-02 national-day', '2023-09-04 compensatory']);
  });

  it('honours a custom weekend', () => {
    expect(brief(2024, { weekend: [7] }).filter((h) => h.endsWith('compensatory'))).toEqual([
      '2024-02-14 compensatory',
    ]);
  });

  it('rejects malformed dates and weekdays', () => {
    expect(() => vietnamPublicHolidays(2024, { tetDays: ['2024-2-8'] })).toThrow('expected yyyy-mm-dd');
    expect(() => vietnamPublicHolidays(2024, { weekend: [0] })).toThrow('Invalid weekend day');
  });
});

describe('WorkCalendar', () => {
  // The Labor Code rules alone: the Government's announcements table (test/calendar/announced.test.ts) off.
  const calendar = new WorkCalendar(rules({ announcedTable: false }));

  it('classifies days', () => {
    expect(calendar.dayInfo('2024-03-06')).toEqual({ date: '2024-03-06', working: true, reason: 'working' });
    expect(calendar.dayInfo('2024-03-09')).toEqual({ date: '2024-03-09', working: false, reason: 'weekend' });
    expect(calendar.dayInfo('2024-04-30')).toEqual({
      date: '2024-04-30',
      working: false,
      reason: 'holiday',
      name: 'Ngày Giải phóng miền Nam, thống nhất đất nước',
    });
    expect(calendar.isWorkingDay('2024-02-15')).toBe(false);
  });

  it('applies announced days off and make-up working days', () => {
    const announced = new WorkCalendar(
      rules({
        daysOff: [{ date: '2025-01-27', name: 'Nghỉ hoán đổi' }],
        workingDays: [{ date: '2025-02-08', name: 'Làm bù' }, { date: '2025-01-01' }],
      }),
    );
    expect(announced.dayInfo('2025-02-08')).toEqual({
      date: '2025-02-08',
      working: true,
      reason: 'make-up-working-day',
      name: 'Làm bù',
    });
    expect(announced.dayInfo('2025-01-27')).toEqual({
      date: '2025-01-27',
      working: false,
      reason: 'day-off',
      name: 'Nghỉ hoán đổi',
    });
    expect(announced.isWorkingDay('2025-01-01')).toBe(true);
    expect(announced.holidays(2025).find((h) => h.date === '2025-01-27')).toMatchObject({
      kind: 'announced',
    });
    expect(announced.holidays(2024).some((h) => h.date === '2025-01-27')).toBe(false);
  });

  it('finds working days across Tết and weekends', () => {
    expect(calendar.nextWorkingDay('2024-02-08')).toBe('2024-02-16');
    expect(calendar.previousWorkingDay('2024-02-16')).toBe('2024-02-08');
    expect(calendar.nextWorkingDay('2024-03-08')).toBe('2024-03-11');
    expect(calendar.previousWorkingDay('2024-03-11')).toBe('2024-03-08');
    expect(calendar.nextWorkingDay('2024-03-05')).toBe('2024-03-06');
    expect(calendar.previousWorkingDay('2024-03-06')).toBe('2024-03-05');
    expect(calendar.nextWorkingDay('2024-12-31')).toBe('2025-01-02');
  });

  it('follows announced Tết days', () => {
    const announced = new WorkCalendar(
      rules({ tetDays: ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'] }),
    );
    expect(announced.previousWorkingDay('2024-02-14')).toBe('2024-02-07');
    expect(announced.nextWorkingDay('2024-02-07')).toBe('2024-02-15');
  });

  it('ignores public holidays when told to', () => {
    const plain = new WorkCalendar(rules({ publicHolidays: 'none' }));
    expect(plain.isWorkingDay('2024-01-01')).toBe(true);
    expect(plain.holidays(2024)).toEqual([]);
  });

  it('rejects malformed dates', () => {
    expect(() => calendar.dayInfo('2024-02-30')).toThrow('no such calendar day');
    expect(() => calendar.nextWorkingDay('24-02-01')).toThrow('expected yyyy-mm-dd');
    expect(() => new WorkCalendar(rules({ daysOff: [{ date: '2024/01/02' }] }))).toThrow(
      'expected yyyy-mm-dd',
    );
  });

  it('gives up when no working day exists', () => {
    const never = new WorkCalendar(rules({ weekend: [1, 2, 3, 4, 5, 6, 7], publicHolidays: 'none' }));
    expect(() => never.nextWorkingDay('2024-01-01')).toThrow('No working day within 366 days');
  });

  it('next working day is working and skips only days off', () => {
    const start = jdFromIso('2020-01-01');
    fc.assert(
      fc.property(fc.integer({ min: start, max: start + 365 * 10 }), (jd) => {
        const date = isoFromJd(jd);
        const next = calendar.nextWorkingDay(date);
        expect(calendar.isWorkingDay(next)).toBe(true);
        for (let d = jd + 1; d < jdFromIso(next); d++)
          expect(calendar.isWorkingDay(isoFromJd(d))).toBe(false);
        expect(calendar.previousWorkingDay(next) <= date).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
