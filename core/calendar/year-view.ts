// One year's working calendar as `dondoc calendar` shows it: every weekday off and every weekend day worked,
// why, and where that comes from (the Government's announcements, the campaign's own dates, or the Labor
// Code rules computed), plus the working days of each month. Pure: no I/O.
import { type AnnouncedEntry, announcedEntry } from './announced';
import type { Holiday, HolidayKind } from './holidays';
import { isoFromJd, isoWeekday, jdFromDate } from './lunar';
import type { WorkCalendar, YearRules, YearSource } from './workdays';

export type DaySource = 'announced' | 'rules' | 'computed';

export type ExceptionReason = 'holiday' | 'compensatory' | 'day-off' | 'make-up-working-day';

/** A day that breaks the weekly pattern: a weekday off or a weekend day worked. */
export interface CalendarException {
  date: string;
  /** ISO weekday, 1 = Monday .. 7 = Sunday. */
  weekday: number;
  working: boolean;
  reason: ExceptionReason;
  /** For a public holiday (reason `holiday` or `compensatory`): which one. */
  kind?: HolidayKind;
  /** A day next to 2 September. */
  adjacent?: boolean;
  name: string;
  nameEn: string;
  source: DaySource;
}

export interface YearView {
  year: number;
  weekend: number[];
  publicHolidays: boolean;
  source: YearSource;
  /** The announcements table's entry for the year (established or not), when it has one. */
  table?: AnnouncedEntry;
  rules: YearRules;
  exceptions: CalendarException[];
  months: { month: number; workingDays: number }[];
  workingDays: number;
}

const DEFAULT_NAMES = {
  dayOff: { name: 'Ngày nghỉ theo thông báo', nameEn: 'Announced day off' },
  makeUp: { name: 'Ngày làm bù', nameEn: 'Make-up working day' },
};

function isAdjacent(h: Holiday): boolean {
  return h.kind === 'national-day' && !h.date.endsWith('-09-02');
}

/** Where a listed exception comes from: the year's announced or listed dates, else the computed rules. */
function sourceOf(date: string, h: Holiday | undefined, rules: YearRules): DaySource {
  const own: DaySource = rules.source;
  if (!h || h.kind === 'announced') return own;
  if (h.kind === 'tet' && rules.tetDays.includes(date)) return own;
  const adjacent = rules.nationalDayAdjacent;
  if (isAdjacent(h) && adjacent !== 'none' && adjacent.includes(date)) return own;
  return 'computed';
}

function exception(
  date: string,
  weekday: number,
  cal: WorkCalendar,
  holidays: Map<string, Holiday>,
  rules: YearRules,
): CalendarException {
  const info = cal.dayInfo(date);
  const h = holidays.get(date);
  const base = { date, weekday, working: info.working, source: sourceOf(date, h, rules) };
  if (info.reason === 'make-up-working-day') {
    const table = rules.announced?.workingDays.find((d) => d.date === date);
    return {
      ...base,
      reason: 'make-up-working-day',
      name: info.name ?? DEFAULT_NAMES.makeUp.name,
      nameEn: table?.nameEn ?? info.name ?? DEFAULT_NAMES.makeUp.nameEn,
    };
  }
  if (info.reason === 'day-off' || !h) {
    return {
      ...base,
      reason: 'day-off',
      name: h?.name ?? info.name ?? DEFAULT_NAMES.dayOff.name,
      nameEn: h?.nameEn ?? DEFAULT_NAMES.dayOff.nameEn,
    };
  }
  return {
    ...base,
    reason: h.kind === 'compensatory' ? 'compensatory' : 'holiday',
    kind: h.kind,
    ...(isAdjacent(h) ? { adjacent: true } : {}),
    name: h.name,
    nameEn: h.nameEn,
  };
}

/** The year's calendar under `cal`, whose weekly rest days are `weekend` (ISO weekdays). */
export function yearView(
  cal: WorkCalendar,
  year: number,
  weekend: readonly number[],
  publicHolidays = true,
): YearView {
  const rest = new Set(weekend);
  const rules = cal.yearRules(year);
  const holidays = new Map<string, Holiday>();
  for (const h of cal.holidays(year)) if (!holidays.has(h.date)) holidays.set(h.date, h);
  const exceptions: CalendarException[] = [];
  const months: { month: number; workingDays: number }[] = [];
  for (let jd = jdFromDate(1, 1, year); jd < jdFromDate(1, 1, year + 1); jd++) {
    const date = isoFromJd(jd);
    const month = Number(date.slice(5, 7));
    if (months.length < month) months.push({ month, workingDays: 0 });
    const weekday = isoWeekday(jd);
    const working = cal.isWorkingDay(date);
    if (working) (months[month - 1] as { workingDays: number }).workingDays++;
    if (working === rest.has(weekday)) exceptions.push(exception(date, weekday, cal, holidays, rules));
  }
  const table = announcedEntry(year);
  return {
    year,
    weekend: [...weekend].sort(),
    publicHolidays,
    source: rules.source,
    ...(table ? { table } : {}),
    rules,
    exceptions,
    months,
    workingDays: months.reduce((n, m) => n + m.workingDays, 0),
  };
}
