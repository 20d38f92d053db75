// Why a scheduled instant is not on its nominal day: the days schedule.ts stepped over (weekends, holidays by
// name, announced days off) between the nominal day (`movedFrom`) and the day it kept, and whether the day it
// kept is an announced make-up working day (a Saturday worked in exchange for a bridge day off). Pure.
import type { LocalDate } from './phrases';
import type { DayInfo, WorkCalendar } from './workdays';

/** A day as the explanation names it: DayInfo plus the English name of a public holiday. */
export interface DayNote extends DayInfo {
  nameEn?: string;
}

export interface Move {
  /** The nominal day. */
  from: LocalDate;
  /** The day the instant kept. */
  to: LocalDate;
  /** `from` and every day after it (or before it, for a move earlier) up to `to`, excluded. */
  skipped: DayNote[];
}

const DAY_MS = 86_400_000;

function shift(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The day as the calendar sees it, with the English name of a public holiday when there is one. */
export function dayNote(cal: WorkCalendar, date: LocalDate): DayNote {
  const info = cal.dayInfo(date);
  if (info.reason !== 'holiday') return info;
  const year = Number(date.slice(0, 4));
  const holiday = cal.holidays(year).find((h) => h.date === date);
  return holiday && holiday.kind !== 'announced' ? { ...info, nameEn: holiday.nameEn } : info;
}

/** The days stepped over from `from` to `to` (either direction), `to` excluded; empty when they are equal. */
export function explainMove(cal: WorkCalendar, from: LocalDate, to: LocalDate): Move {
  const step = from < to ? 1 : -1;
  const skipped: DayNote[] = [];
  // A move never spans more than the calendar's own search limit (a year): bound the walk the same way.
  for (let d = from, i = 0; d !== to && i <= 366; d = shift(d, step), i++) skipped.push(dayNote(cal, d));
  return { from, to, skipped };
}

/** The day's note when it is an announced make-up working day (a working day although a weekend day). */
export function madeUpWorkingDay(cal: WorkCalendar, date: LocalDate): DayNote | undefined {
  const info = cal.dayInfo(date);
  return info.reason === 'make-up-working-day' ? info : undefined;
}
