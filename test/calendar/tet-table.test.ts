// The lunar calendar against a published table of Tết dates, 1900-2100 (test/fixtures/tet-1900-2100.tsv,
// from Hồ Ngọc Đức's precomputed year tables; its header cites them). Each row is first checked against its
// own year code, so a typo in the date column cannot pass unnoticed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isoFromJd, jdFromDate, lunarNewYear, solarToLunar } from '../../core/calendar/lunar';

const rows = readFileSync(path.join(__dirname, '..', 'fixtures', 'tet-1900-2100.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => {
    const [year, tet, code] = l.split('\t');
    return { year: Number(year), tet: tet as string, code: Number.parseInt(code as string, 16) };
  });

describe('the published table of Tết dates', () => {
  it('has every year from 1900 to 2100 once, in order', () => {
    expect(rows.map((r) => r.year)).toEqual(Array.from({ length: 201 }, (_, i) => 1900 + i));
  });

  it.each(rows.map((r) => [r.year, r.tet, r.code] as const))('%i: the code gives %s', (year, tet, code) => {
    expect(isoFromJd(jdFromDate(1, 1, year) + (code >> 17))).toBe(tet);
  });
});

/**
 * Years the table puts Tết a day later than dondoc. dondoc computes at UTC+7, as Vietnam's calendar has been
 * since 1968 (it followed UTC+8 before); in each, the new moon falls late in the evening at UTC+7 (dondoc's own
 * new-moon formula: 1903-01-28 23:39, 1925-01-24 21:46, 1935-02-03 23:28, 1965-02-01 23:37), so the month
 * starts that day at UTC+7 and the next day in the calendar then in use, which the table records.
 */
const BEFORE_1968: Record<number, string> = {
  1903: '1903-01-28',
  1925: '1925-01-24',
  1935: '1935-02-03',
  1965: '1965-02-01',
};

describe('dondoc’s lunar calendar', () => {
  it.each(rows.map((r) => [r.year, r.tet] as const))('puts Tết %i where the table does (%s)', (year, tet) => {
    const expected = BEFORE_1968[year] ?? tet;
    expect(lunarNewYear(year)).toBe(expected);
    const [y, m, d] = expected.split('-').map(Number) as [number, number, number];
    expect(solarToLunar(d, m, y)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('differs only before 1968, by one day, in the years listed', () => {
    for (const [year, ours] of Object.entries(BEFORE_1968)) {
      const row = rows.find((r) => r.year === Number(year));
      expect(Number(year)).toBeLessThan(1968);
      expect(isoFromJd(jdFromDate(1, 1, Number(year)) + ((row?.code ?? 0) >> 17) - 1)).toBe(ours);
    }
    const differing = rows.filter((r) => lunarNewYear(r.year) !== r.tet).map((r) => r.year);
    expect(differing).toEqual(Object.keys(BEFORE_1968).map(Number));
  });
});
