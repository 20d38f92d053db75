import { type AnnouncedYear, announcedTetDays, announcedYear } from './announced';
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
  /**
   * Use the built-in table of the Government's announcements (announced.ts) for a year these rules date
   * nothing in (no tetDays, nationalDayAdjacent, daysOff or workingDays of that year). Default true; it
   * applies only with `publicHolidays: 'vn'` and a Saturday-Sunday weekend (whom the announcements are for).
   */
  announcedTable?: boolean;
}

export interface DayInfo {
  date: string;
  working: boolean;
  reason: 'working' | 'weekend' | 'holiday' | 'day-off' | 'make-up-working-day';
  name?: string;
}

/** Where a year's calendar comes from: the campaign's rules, the announcements table, or the Labor Code alone. */
export type YearSource = 'rules' | 'announced' | 'computed';

/** What applies to one year, as WorkCalendar resolved it. */
export interface YearRules {
  year: number;
  source: YearSource;
  /** With `source: 'announced'`: the table's entry. */
  announced?: AnnouncedYear;
  /** The announced (or listed) Tết days of the year; empty when computed. */
  tetDays: string[];
  /** The announced (or listed) day(s) next to 2 September; `none` when 2 September stands alone. */
  nationalDayAdjacent: string[] | 'none';
  daysOff: { date: string; name?: string }[];
  workingDays: { date: string; name?: string }[];
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

type Named = Map<string, string | undefined>;

/** One year's resolved calendar: its days off and make-up days, and its public holidays. */
interface YearState {
  rules: YearRules;
  daysOff: Named;
  workingDays: Named;
  list: Holiday[];
  byDate: Map<string, Holiday>;
}

export class WorkCalendar {
  private readonly vn: boolean;
  private readonly useTable: boolean;
  private readonly weekendDays: number[];
  private readonly weekend: Set<number>;
  private readonly tetDays: string[];
  private readonly nationalDayAdjacent: string[];
  private readonly daysOff: Named;
  private readonly workingDays: Named;
  /** The years the rules date something in: the table does not apply to them. */
  private readonly listedYears = new Set<number>();
  private readonly byYear = new Map<number, YearState>();

  constructor(rules: CalendarRules) {
    for (const d of rules.weekend) {
      if (!Number.isInteger(d) || d < 1 || d > 7) throw new Error(`Invalid weekend day ${d}: expected 1..7`);
    }
    this.vn = rules.publicHolidays === 'vn';
    this.weekendDays = [...rules.weekend];
    this.weekend = new Set(rules.weekend);
    this.useTable =
      this.vn &&
      rules.announcedTable !== false &&
      this.weekend.size === 2 &&
      this.weekend.has(6) &&
      this.weekend.has(7);
    this.tetDays = [...rules.tetDays];
    this.nationalDayAdjacent = [...rules.nationalDayAdjacent];
    this.daysOff = byDate(rules.daysOff);
    this.workingDays = byDate(rules.workingDays);
    for (const d of [
      ...this.tetDays,
      ...this.nationalDayAdjacent,
      ...this.daysOff.keys(),
      ...this.workingDays.keys(),
    ])
      this.listedYears.add(yearOf(d));
  }

  dayInfo(date: string): DayInfo {
    const jd = jdFromIso(date);
    const y = this.year(jdToDate(jd).year);
    if (y.workingDays.has(date)) {
      return withName({ date, working: true, reason: 'make-up-working-day' }, y.workingDays.get(date));
    }
    if (y.daysOff.has(date))
      return withName({ date, working: false, reason: 'day-off' }, y.daysOff.get(date));
    const holiday = y.byDate.get(date);
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
    const y = this.year(year);
    const extra: Holiday[] = [];
    for (const [date, name] of y.daysOff) {
      if (yearOf(date) !== year) continue;
      const announced = y.rules.announced?.daysOff.find((d) => d.date === date);
      extra.push({
        date,
        kind: 'announced',
        name: name ?? 'Ngày nghỉ theo thông báo',
        nameEn: announced?.nameEn ?? name ?? 'Announced day off',
      });
    }
    const replaced = new Set(extra.map((h) => h.date));
    return [...y.list.filter((h) => !replaced.has(h.date)), ...extra].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    );
  }

  /** What applies to `year`: the rules' own dates, the announcements table, or the computed Labor Code rules. */
  yearRules(year: number): YearRules {
    return this.year(year).rules;
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

  private year(year: number): YearState {
    let state = this.byYear.get(year);
    if (!state) {
      state = this.resolve(year);
      this.byYear.set(year, state);
    }
    return state;
  }

  private resolve(year: number): YearState {
    const table = this.useTable && !this.listedYears.has(year) ? announcedYear(year) : undefined;
    if (table) return this.fromTable(year, table);
    const inYear = (d: string) => yearOf(d) === year;
    const list = this.vn
      ? vietnamPublicHolidays(year, this.options(this.tetDays, this.nationalDayAdjacent))
      : [];
    const rules: YearRules = {
      year,
      source: this.listedYears.has(year) ? 'rules' : 'computed',
      tetDays: this.tetDays.filter(inYear),
      nationalDayAdjacent: this.nationalDayAdjacent.filter(inYear),
      daysOff: entries(this.daysOff).filter((d) => inYear(d.date)),
      workingDays: entries(this.workingDays).filter((d) => inYear(d.date)),
    };
    return withHolidays({ rules, daysOff: this.daysOff, workingDays: this.workingDays }, list);
  }

  private fromTable(year: number, table: AnnouncedYear): YearState {
    const tetDays = announcedTetDays(table);
    const adjacent = table.nationalDayAdjacent ?? [];
    let list = vietnamPublicHolidays(year, this.options(tetDays, adjacent === 'none' ? [] : adjacent));
    // 2 September alone (the Labor Code 2012): no adjacent day, computed or announced.
    if (adjacent === 'none')
      list = list.filter((h) => h.kind !== 'national-day' || h.date.endsWith('-09-02'));
    const rules: YearRules = {
      year,
      source: 'announced',
      announced: table,
      tetDays,
      nationalDayAdjacent: adjacent,
      daysOff: table.daysOff.map(({ date, name }) => ({ date, name })),
      workingDays: table.workingDays.map(({ date, name }) => ({ date, name })),
    };
    return withHolidays(
      { rules, daysOff: byDate(rules.daysOff), workingDays: byDate(rules.workingDays) },
      list,
    );
  }

  private options(tetDays: string[], nationalDayAdjacent: string[]): HolidayOptions {
    return { tetDays, nationalDayAdjacent, weekend: this.weekendDays };
  }
}

function withHolidays(state: Omit<YearState, 'list' | 'byDate'>, list: Holiday[]): YearState {
  const map = new Map<string, Holiday>();
  for (const h of list) if (!map.has(h.date)) map.set(h.date, h);
  return { ...state, list, byDate: map };
}

function yearOf(date: string): number {
  return jdToDate(jdFromIso(date)).year;
}

function byDate(days: { date: string; name?: string }[]): Named {
  const map: Named = new Map();
  for (const d of days) {
    jdFromIso(d.date);
    map.set(d.date, d.name);
  }
  return map;
}

function entries(map: Named): { date: string; name?: string }[] {
  return [...map].map(([date, name]) => (name === undefined ? { date } : { date, name }));
}

function withName(info: DayInfo, name: string | undefined): DayInfo {
  return name === undefined ? info : { ...info, name };
}
