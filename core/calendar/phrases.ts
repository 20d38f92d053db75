// Dates and deadline phrases as the plans write them: "10/5/2024", "trước ngày 10/5/2024",
// "từ ngày 01/8/2024 đến hết ngày 19/8/2024". Pure: no time zone is involved until schedule.ts.

/** A calendar date, 'yyyy-mm-dd'. */
export type LocalDate = string;

/** How a due date was stated; resolved to an instant in the campaign's zone by schedule.ts. */
export type DueSpec =
  | { kind: 'before'; date: LocalDate } // due at 00:00 of date
  | { kind: 'end-of'; date: LocalDate } // due at 00:00 of the next day
  | { kind: 'at'; date: LocalDate; time: string }; // due at date time ('HH:mm')

/** The whole of both days: [00:00 of from, 00:00 of to + 1 day); with times, [from fromTime, to toTime). */
export interface WindowSpec {
  from: LocalDate;
  to: LocalDate;
  /** 'HH:mm' */
  fromTime?: string;
  /** 'HH:mm': the window closes at this instant of `to`. */
  toTime?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Parses 'yyyy-mm-dd' or 'dd/mm/yyyy' (day and month may have one digit). */
export function parseLocalDate(text: string): LocalDate | undefined {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = ISO_DATE.exec(s);
  const vn = VN_DATE.exec(s);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (vn) {
    [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  } else {
    return undefined;
  }
  return isValidYmd(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
}

export function parseTime(text: string): string | undefined {
  const t = TIME.exec(text.trim());
  return t ? `${pad(Number(t[1]))}:${t[2]}` : undefined;
}

function normalise(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

const DATE_TOKEN = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})`;
const BEFORE = new RegExp(String.raw`^(?:trước ngày|trước|before)\s+${DATE_TOKEN}$`);
const END_OF = new RegExp(String.raw`^(?:(?:đến )?hết ngày|by the end of|end of)\s+${DATE_TOKEN}$`);
const AT = new RegExp(String.raw`^${DATE_TOKEN}[t ](\d{1,2}:\d{2})$`);
const AT_VN = new RegExp(String.raw`^(?:trước )?(\d{1,2}:\d{2}|\d{1,2}h\d{0,2}) (?:ngày )?${DATE_TOKEN}$`);
const WINDOW = new RegExp(
  String.raw`^(?:từ ngày|từ|from)\s+${DATE_TOKEN}\s+(?:đến hết ngày|đến ngày|đến hết|đến|to|until|through)\s+${DATE_TOKEN}$`,
);

/**
 * Parses a due date. A bare date and "trước ngày D" both mean due at the start of D;
 * "hết ngày D" means due at the end of D; "D HH:mm" or "HH:mm ngày D" is an exact local time.
 */
export function parseDue(text: string): DueSpec | undefined {
  const s = normalise(text);
  const bare = parseLocalDate(s);
  if (bare) return { kind: 'before', date: bare };
  const before = BEFORE.exec(s);
  if (before?.[1]) {
    const date = parseLocalDate(before[1]);
    return date ? { kind: 'before', date } : undefined;
  }
  const endOf = END_OF.exec(s);
  if (endOf?.[1]) {
    const date = parseLocalDate(endOf[1]);
    return date ? { kind: 'end-of', date } : undefined;
  }
  const at = AT.exec(s);
  if (at?.[1] && at[2]) {
    const date = parseLocalDate(at[1]);
    const time = parseTime(at[2]);
    return date && time ? { kind: 'at', date, time } : undefined;
  }
  const atVn = AT_VN.exec(s);
  if (atVn?.[1] && atVn[2]) {
    const date = parseLocalDate(atVn[2]);
    const time = parseTime(atVn[1].replace(/h(\d*)$/, (_m, mm: string) => `:${mm || '00'}`));
    return date && time ? { kind: 'at', date, time } : undefined;
  }
  return undefined;
}

/** Parses "từ ngày A đến (hết) ngày B" or "from A to B": both days are inside the window. */
export function parseWindow(text: string): WindowSpec | undefined {
  const w = WINDOW.exec(normalise(text));
  if (!w?.[1] || !w[2]) return undefined;
  const from = parseLocalDate(w[1]);
  const to = parseLocalDate(w[2]);
  return from && to ? { from, to } : undefined;
}

/** 'yyyy-mm-dd' → 'dd/mm/yyyy', as Vietnamese documents write dates. */
export function formatVnDate(date: LocalDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
