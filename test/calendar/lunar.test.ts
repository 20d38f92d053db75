import fc from 'fast-check';
import {
  isoFromJd,
  jdFromDate,
  jdFromIso,
  jdToDate,
  lastDayOfLunarYearBefore,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
} from '../../core/calendar/lunar';

const iso = ({ year, month, day }: { year: number; month: number; day: number }) =>
  isoFromJd(jdFromDate(day, month, year));

describe('lunar calendar (UTC+7)', () => {
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    // New moon at 23:07 Vietnam time on 2 Feb; China (UTC+8) celebrates on 3 Feb.
    [2030, '2030-02-02'],
    // Same situation in 2007: Vietnam 17 Feb, China 18 Feb.
    [2007, '2007-02-17'],
  ])('Tết %i falls on %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
    expect(solarToLunar(...(date.split('-').map(Number).reverse() as [number, number, number]))).toEqual({
      day: 1,
      month: 1,
      year,
      leap: false,
    });
  });

  it.each([
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])("Hùng Kings' day %i falls on %s", (year, date) => {
    expect(iso(lunarToSolar(10, 3, year))).toBe(date);
  });

  it('finds the eve of Tết, 29 or 30 of month 12', () => {
    expect(lastDayOfLunarYearBefore(2024)).toBe('2024-02-09');
    expect(solarToLunar(9, 2, 2024)).toEqual({ day: 30, month: 12, year: 2023, leap: false });
    expect(lastDayOfLunarYearBefore(2025)).toBe('2025-01-28');
    expect(solarToLunar(28, 1, 2025)).toEqual({ day: 29, month: 12, year: 2024, leap: false });
  });

  it('converts known dates', () => {
    expect(solarToLunar(1, 1, 2024)).toEqual({ day: 20, month: 11, year: 2023, leap: false });
    expect(iso(lunarToSolar(15, 8, 2024))).toBe('2024-09-17');
    expect(iso(lunarToSolar(15, 8, 2025))).toBe('2025-10-06');
  });

  it('handles leap months both ways', () => {
    expect(iso(lunarToSolar(1, 2, 2023))).toBe('2023-02-20');
    expect(iso(lunarToSolar(1, 2, 2023, true))).toBe('2023-03-22');
    expect(solarToLunar(22, 3, 2023)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(20, 4, 2023)).toEqual({ day: 1, month: 3, year: 2023, leap: false });
    expect(iso(lunarToSolar(1, 6, 2025, true))).toBe('2025-07-25');
    expect(iso(lunarToSolar(1, 4, 2020, true))).toBe('2020-05-23');
    expect(iso(lunarToSolar(1, 11, 2033, true))).toBe('2033-12-22');
    for (let d = jdFromIso('2025-07-25'); d < jdFromIso('2025-08-23'); d++) {
      const s = jdToDate(d);
      const l = solarToLunar(s.day, s.month, s.year);
      expect(l).toMatchObject({ month: 6, year: 2025, leap: true });
      expect(lunarToSolar(l.day, l.month, l.year, l.leap)).toEqual(s);
    }
  });

  it('rejects impossible lunar dates', () => {
    expect(() => lunarToSolar(1, 3, 2024, true)).toThrow('no leap month 3');
    expect(() => lunarToSolar(30, 12, 2024)).toThrow('has 29 days');
    expect(() => lunarToSolar(1, 13, 2024)).toThrow('Invalid lunar month');
    expect(() => solarToLunar(30, 2, 2024)).toThrow('no such calendar day');
    expect(() => lunarToSolar(1, 1, 2500)).toThrow('outside the supported range');
  });

  const days = fc.integer({ min: jdFromDate(1, 1, 1900), max: jdFromDate(31, 12, 2100) });

  it('round-trips solar → lunar → solar', () => {
    fc.assert(
      fc.property(days, (jd) => {
        const s = jdToDate(jd);
        const l = solarToLunar(s.day, s.month, s.year);
        expect(lunarToSolar(l.day, l.month, l.year, l.leap)).toEqual(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('advances one lunar day per solar day', () => {
    fc.assert(
      fc.property(days, (jd) => {
        const a = jdToDate(jd);
        const b = jdToDate(jd + 1);
        const la = solarToLunar(a.day, a.month, a.year);
        const lb = solarToLunar(b.day, b.month, b.year);
        if (lb.day === 1) expect(la.day === 29 || la.day === 30).toBe(true);
        else expect(lb).toEqual({ ...la, day: la.day + 1 });
      }),
      { numRuns: 2000 },
    );
  });
});
