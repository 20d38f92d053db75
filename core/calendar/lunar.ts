// Vietnamese lunar calendar: Hồ Ngọc Đức's algorithm (https://www.informatik.uni-leipzig.de/~duc/amlich/),
// evaluated for UTC+7. Dates are handled as julian day numbers (proleptic Gregorian), never as Date. Checked
// against his published table of Tết dates 1900-2100 (test/calendar/tet-table.test.ts): the same every year
// from 1968, when Vietnam's calendar moved to UTC+7; four earlier years differ by a day.

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

const TIME_ZONE = 7;
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_1900 = 2415021.076998695;
/** The years the lunisolar table (and so the holiday calendar) covers. */
export const MIN_YEAR = 1800;
export const MAX_YEAR = 2199;
const floor = Math.floor;

export function jdFromDate(day: number, month: number, year: number): number {
  const a = floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - floor(y / 100) + floor(y / 400) - 32045;
}

export function jdToDate(jd: number): SolarDate {
  const a = jd + 32044;
  const b = floor((4 * a + 3) / 146097);
  const c = a - floor((146097 * b) / 4);
  const d = floor((4 * c + 3) / 1461);
  const e = c - floor((1461 * d) / 4);
  const m = floor((5 * e + 2) / 153);
  return {
    year: 100 * b + d - 4800 + floor(m / 10),
    month: m + 3 - 12 * floor(m / 10),
    day: e - floor((153 * m + 2) / 5) + 1,
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Julian day number of a Gregorian date; throws unless it is a real calendar day. */
export function checkedJd(
  day: number,
  month: number,
  year: number,
  shown = `${year}-${month}-${day}`,
): number {
  const jd = jdFromDate(day, month, year);
  const back = jdToDate(jd);
  if (!Number.isInteger(jd) || back.year !== year || back.month !== month || back.day !== day) {
    throw new Error(`Invalid date ${shown}: no such calendar day`);
  }
  return jd;
}

/** Julian day number of a 'yyyy-mm-dd' string. */
export function jdFromIso(iso: string): number {
  const match = typeof iso === 'string' ? ISO_DATE.exec(iso) : null;
  if (!match) throw new Error(`Invalid date ${JSON.stringify(iso)}: expected yyyy-mm-dd`);
  return checkedJd(Number(match[3]), Number(match[2]), Number(match[1]), JSON.stringify(iso));
}

export function isoFromJd(jd: number): string {
  const { year, month, day } = jdToDate(jd);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday, 1 = Monday .. 7 = Sunday. */
export function isoWeekday(jd: number): number {
  return (((jd % 7) + 7) % 7) + 1;
}

function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m);
  c1 = c1 - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - deltaT;
}

/** Sun longitude in radians, normalised to [0, 2π). */
function sunLongitude(jdn: number): number {
  const t = (jdn - 2451545.0) / 36525;
  const t2 = t * t;
  const dr = Math.PI / 180;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m);
  dl = dl + (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.00029 * Math.sin(dr * 3 * m);
  const l = (l0 + dl) * dr;
  return l - Math.PI * 2 * floor(l / (Math.PI * 2));
}

/** Index 0..11 of the 30° sector holding the sun at local midnight starting `dayNumber`. */
function sunSector(dayNumber: number): number {
  return floor((sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

function newMoonDay(k: number): number {
  return floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** Julian day on which lunar month 11 (the one holding the winter solstice) of `year` starts. */
function lunarMonth11(year: number): number {
  const k = floor((jdFromDate(31, 12, year) - 2415021) / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** Months after month 11 (starting `a11`) until the first month without a principal term. */
function leapMonthOffset(a11: number): number {
  const k = floor((a11 - NEW_MOON_1900) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkYear(year: number, min = MIN_YEAR): void {
  if (!Number.isInteger(year) || year < min || year > MAX_YEAR) {
    throw new RangeError(`Year ${year} outside the supported range ${min}..${MAX_YEAR}`);
  }
}

export function solarToLunar(day: number, month: number, year: number): LunarDate {
  checkYear(year);
  const dayNumber = checkedJd(day, month, year);
  // The mean-motion guess can be one month off either way; the original code missed one case (day 0).
  let k = floor((dayNumber - NEW_MOON_1900) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k) > dayNumber) k--;
  while (newMoonDay(k + 1) <= dayNumber) k++;
  const monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const diff = floor((monthStart - a11) / 29);
  let lunarMonth = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: dayNumber - monthStart + 1, month: lunarMonth, year: lunarYear, leap };
}

/** Julian day on which the given lunar month starts, and its length. */
function lunarMonthSpan(
  lunarMonth: number,
  lunarYear: number,
  leap: boolean,
): { start: number; length: number } {
  const [a11, b11] =
    lunarMonth < 11
      ? [lunarMonth11(lunarYear - 1), lunarMonth11(lunarYear)]
      : [lunarMonth11(lunarYear), lunarMonth11(lunarYear + 1)];
  const k = floor(0.5 + (a11 - NEW_MOON_1900) / SYNODIC_MONTH);
  let off = (lunarMonth - 11 + 12) % 12;
  let leapMonth = 0;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    leapMonth = ((leapOff + 9) % 12) + 1;
    if (leap || off >= leapOff) off += 1;
  }
  if (leap && lunarMonth !== leapMonth) {
    throw new RangeError(`Lunar year ${lunarYear} has no leap month ${lunarMonth}`);
  }
  const start = newMoonDay(k + off);
  return { start, length: newMoonDay(k + off + 1) - start };
}

export function lunarToSolar(
  lunarDay: number,
  lunarMonth: number,
  lunarYear: number,
  leap = false,
): SolarDate {
  checkYear(lunarYear, MIN_YEAR - 1); // lunar year 1799 ends in January 1800
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`Invalid lunar month ${lunarMonth}`);
  }
  const { start, length } = lunarMonthSpan(lunarMonth, lunarYear, leap);
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > length) {
    throw new RangeError(
      `Invalid lunar day ${lunarDay}: month ${lunarMonth}${leap ? ' (leap)' : ''}/${lunarYear} has ${length} days`,
    );
  }
  return jdToDate(start + lunarDay - 1);
}

/** Mùng 1 Tết of the lunar year starting in `gregorianYear`, as yyyy-mm-dd. */
export function lunarNewYear(gregorianYear: number): string {
  const { year, month, day } = lunarToSolar(1, 1, gregorianYear);
  return isoFromJd(jdFromDate(day, month, year));
}

/** New Year's Eve (29 or 30 of month 12) preceding the Tết of `gregorianYear`, as yyyy-mm-dd. */
export function lastDayOfLunarYearBefore(gregorianYear: number): string {
  return isoFromJd(jdFromIso(lunarNewYear(gregorianYear)) - 1);
}
