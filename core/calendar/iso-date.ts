// A calendar date written yyyy-mm-dd that exists: `Date.parse` rolls 2024-02-30 over to 1 March and takes
// 0000-01-01, so submissions are checked here instead. Pure, no imports: the workflows' update validators use it.

/** The years a submitted date may fall in (the years the calendars of dondoc cover). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function leap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether `s` is yyyy-mm-dd naming a day that exists, in FIRST_YEAR..LAST_YEAR. */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  const last = month === 2 && leap(year) ? 29 : (DAYS[month - 1] ?? 0);
  return day <= last;
}
