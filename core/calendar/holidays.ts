// Vietnamese public holidays, Labor Code 2019 Art. 112, with compensatory days per Art. 111(3).
import {
  checkedJd,
  isoFromJd,
  isoWeekday,
  jdFromIso,
  jdToDate,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
} from './lunar';

export type HolidayKind =
  | 'new-year'
  | 'tet'
  | 'hung-kings'
  | 'reunification'
  | 'labour'
  | 'national-day'
  | 'compensatory'
  | 'announced';

export interface Holiday {
  date: string;
  kind: HolidayKind;
  name: string;
  nameEn: string;
}

export interface HolidayOptions {
  /** Announced Tết days; they replace the computed Tết of every Gregorian year they fall in. */
  tetDays?: string[];
  /** Announced day(s) next to 2 September; they replace the computed one of their year. */
  nationalDayAdjacent?: string[];
  /** ISO weekdays (1 = Monday .. 7 = Sunday); default [6, 7]. */
  weekend?: number[];
}

const MAX_SEARCH_DAYS = 366;

function holiday(jd: number, kind: HolidayKind, name: string, nameEn: string): Holiday {
  return { date: isoFromJd(jd), kind, name, nameEn };
}

function tetHoliday(jd: number): Holiday {
  const { year, month, day } = jdToDate(jd);
  const lunar = solarToLunar(day, month, year);
  const label =
    lunar.month === 1 ? ` (mùng ${lunar.day} Tết)` : lunar.month === 12 ? ` (${lunar.day} Tết)` : '';
  return holiday(jd, 'tet', `Tết Nguyên đán${label}`, 'Lunar New Year (Tết)');
}

function adjacentHoliday(jd: number): Holiday {
  return holiday(jd, 'national-day', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)');
}

function jdsInYear(dates: string[] | undefined, year: number): number[] {
  return (dates ?? []).map(jdFromIso).filter((jd) => jdToDate(jd).year === year);
}

function checkWeekend(weekend: number[]): Set<number> {
  for (const d of weekend) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new Error(`Invalid weekend day ${d}: expected 1..7`);
  }
  return new Set(weekend);
}

export function vietnamPublicHolidays(year: number, opts: HolidayOptions = {}): Holiday[] {
  const weekend = checkWeekend(opts.weekend ?? [6, 7]);
  const jd = (month: number, day: number) => checkedJd(day, month, year);
  const hung = lunarToSolar(10, 3, year);
  const computed: Holiday[] = [
    holiday(jd(1, 1), 'new-year', 'Tết Dương lịch', "New Year's Day"),
    holiday(
      checkedJd(hung.day, hung.month, hung.year),
      'hung-kings',
      'Giỗ Tổ Hùng Vương',
      "Hùng Kings' Commemoration Day",
    ),
    holiday(jd(4, 30), 'reunification', 'Ngày Giải phóng miền Nam, thống nhất đất nước', 'Reunification Day'),
    holiday(jd(5, 1), 'labour', 'Ngày Quốc tế Lao động', 'International Labour Day'),
    holiday(jd(9, 2), 'national-day', 'Quốc khánh', 'National Day'),
  ];
  const announced: Holiday[] = [];

  const adjacent = jdsInYear(opts.nationalDayAdjacent, year);
  if (adjacent.length > 0) announced.push(...adjacent.map(adjacentHoliday));
  else computed.push(adjacentHoliday(isoWeekday(jd(9, 2)) === 2 ? jd(9, 1) : jd(9, 3)));

  const tet = jdsInYear(opts.tetDays, year);
  if (tet.length > 0) announced.push(...tet.map(tetHoliday));
  else {
    const newYear = jdFromIso(lunarNewYear(year));
    for (let d = newYear - 1; d <= newYear + 3; d++) computed.push(tetHoliday(d));
  }

  computed.sort(byDate);
  const taken = new Set([...computed, ...announced].map((h) => h.date));
  const compensatory: Holiday[] = [];
  for (const h of computed) {
    const start = jdFromIso(h.date);
    if (!weekend.has(isoWeekday(start))) continue;
    const day = nextFreeDay(start, weekend, taken);
    taken.add(isoFromJd(day));
    compensatory.push(
      holiday(day, 'compensatory', `Nghỉ bù ${h.name}`, `Compensatory day off (${h.nameEn})`),
    );
  }
  return [...computed, ...announced, ...compensatory].sort(byDate);
}

function nextFreeDay(jd: number, weekend: Set<number>, taken: Set<string>): number {
  for (let d = jd + 1; d <= jd + MAX_SEARCH_DAYS; d++) {
    if (!weekend.has(isoWeekday(d)) && !taken.has(isoFromJd(d))) return d;
  }
  throw new Error(`No day available for a compensatory day off after ${isoFromJd(jd)}`);
}

function byDate(a: Holiday, b: Holiday): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}
