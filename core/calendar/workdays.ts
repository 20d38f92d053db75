import { type Holiday, type HolidayOptions, vietnamPublicHolidays } from './holidays';
import { isoFromJd, isoWeekday, jdFromIso, jdToDate } from './lunar';

export interface CalendarRules {
  /** ISO weekdays, 1 = Monday .. 7 = Sunday. */
  weekend: number[];
  publicHolidays: 'vn' | 'none';
  /** Announced Tết days; replace the computed Tết of their Gregorian year. */
  tetDays: string[];
  /** Announced day(s) next to 2 September; replace the computed one of their year. */
  nationalDayAdjacent: string[];
  /** Announced extra days off, e.g. swapped bridge days. */
  daysOff: { date: string; name?: string }[];
  /** Announced make-up working days, e.g. a Saturday. */
  workingDays: { date: string; name?: string }[];
}

export interface DayInfo {
  date: string;
  working: boolean;
  reason: 'working' | 'weekend' | 'holiday' | 'day-off' | 'make-up-working-day';
  name?: string;
}

export const DEFAULT_CALENDAR_RULES: CalendarRules = {
  weekend: [6, 7],
  publicHolidays: 'vn',
  tetDays: [],
  nationalDayAdjacent: [],
  daysOff: [],
  workingDays: [],
};

const MAX_SEARCH_DAYS = 366;

interface YearHolidays {
  list: Holiday[];
  byDate: Map<string, Holiday>;
}

export class WorkCalendar {
  private readonly vn: boolean;
  private readonly holidayOptions: HolidayOptions;
  private readonly weekend: Set<number>;
  private readonly daysOff: Map<string, string | undefined>;
  private readonly workingDays: Map<string, string | undefined>;
  private readonly publicByYear = new Map<number, YearHolidays>();

  constructor(rules: CalendarRules) {
    for (const d of rules.weekend) {
      if (!Number.isInteger(d) || d < 1 || d > 7) throw new Error(`Invalid weekend day ${d}: expected 1..7`);
    }
    for (const d of [...rules.tetDays, ...rules.nationalDayAdjacent]) jdFromIso(d);
    this.vn = rules.publicHolidays === 'vn';
    this.holidayOptions = {
      tetDays: [...rules.tetDays],
      nationalDayAdjacent: [...rules.nationalDayAdjacent],
      weekend: [...rules.weekend],
    };
    this.weekend = new Set(rules.weekend);
    this.daysOff = byDate(rules.daysOff);
    this.workingDays = byDate(rules.workingDays);
  }

  dayInfo(date: string): DayInfo {
    const jd = jdFromIso(date);
    if (this.workingDays.has(date)) {
      return withName({ date, working: true, reason: 'make-up-working-day' }, this.workingDays.get(date));
    }
    if (this.daysOff.has(date))
      return withName({ date, working: false, reason: 'day-off' }, this.daysOff.get(date));
    const holiday = this.publicHolidays(jdToDate(jd).year).byDate.get(date);
    if (holiday) return { date, working: false, reason: 'holiday', name: holiday.name };
    if (this.weekend.has(isoWeekday(jd))) return { date, working: false, reason: 'weekend' };
    return { date, working: true, reason: 'working' };
  }

  isWorkingDay(date: string): boolean {
    return this.dayInfo(date).working;
  }

  /** Last working day strictly before `date`. */
  previousWorkingDay(date: string): string {
    return this.seek(date, -1);
  }

  /** First working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.seek(date, 1);
  }

  /** Public holidays plus announced days off of `year`, sorted by date. */
  holidays(year: number): Holiday[] {
    const extra: Holiday[] = [];
    for (const [date, name] of this.daysOff) {
      if (jdToDate(jdFromIso(date)).year !== year) continue;
      extra.push({
        date,
        kind: 'announced',
        name: name ?? 'Ngày nghỉ theo thông báo',
        nameEn: name ?? 'Announced day off',
      });
    }
    const replaced = new Set(extra.map((h) => h.date));
    return [...this.publicHolidays(year).list.filter((h) => !replaced.has(h.date)), ...extra].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    );
  }

  private seek(date: string, step: 1 | -1): string {
    const start = jdFromIso(date);
    for (let i = 1; i <= MAX_SEARCH_DAYS; i++) {
      const candidate = isoFromJd(start + step * i);
      if (this.isWorkingDay(candidate)) return candidate;
    }
    const direction = step > 0 ? 'after' : 'before';
    throw new Error(`No working day within ${MAX_SEARCH_DAYS} days ${direction} ${date}`);
  }

  private publicHolidays(year: number): YearHolidays {
    let cached = this.publicByYear.get(year);
    if (!cached) {
      const list = this.vn ? vietnamPublicHolidays(year, this.holidayOptions) : [];
      const map = new Map<string, Holiday>();
      for (const h of list) if (!map.has(h.date)) map.set(h.date, h);
      cached = { list, byDate: map };
      this.publicByYear.set(year, cached);
    }
    return cached;
  }
}

function byDate(days: { date: string; name?: string }[]): Map<string, string | undefined> {
  const map = new Map<string, string | undefined>();
  for (const d of days) {
    jdFromIso(d.date);
    map.set(d.date, d.name);
  }
  return map;
}

function withName(info: DayInfo, name: string | undefined): DayInfo {
  return name === undefined ? info : { ...info, name };
}
