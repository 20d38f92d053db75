// Dates and deadline phrases as the plans write them: "10/5/2024", "trước ngày 10/5/2024", "chậm nhất ngày
// 15/6/2024", "trước 17h00 ngày 15/6/2024", "trong tháng 5/2024", "từ ngày 01/8 đến hết ngày 19/8/2024".
// Pure: no time zone is involved until schedule.ts. The grammar below is shared with phrase-scan.ts, which
// finds the same phrases inside free text. Why a phrase is refused is worded in phrase-errors.ts.
import { WHY, type Why } from './phrase-errors';

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

/** What a phrase may leave out: the year of a date written "20/8" (a campaign's is its plan's year). */
export interface PhraseContext {
  year?: number;
}

/** Why a phrase was refused: `unrecognised` is not a phrase of this kind at all; the others name the fault. */
export type PhraseErrorCode =
  | 'unrecognised'
  | 'invalid_date'
  | 'missing_year'
  | 'invalid_time'
  | 'window_reversed';

/** A phrase read, or why not, naming the phrase or the date at fault: `error` in Vietnamese, `errorEn` in English. */
export type PhraseResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; errorEn: string; code: PhraseErrorCode };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
const YEARS = `${MIN_YEAR}–${MAX_YEAR}`;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < MIN_YEAR || year > MAX_YEAR) return false;
  return day <= daysIn(month, year);
}

/** Parses 'yyyy-mm-dd' or 'dd/mm/yyyy' (day and month may have one digit). Strict: no other form. */
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
  return isValidYmd(y, m, d) ? ymd(y, m, d) : undefined;
}

export function parseTime(text: string): string | undefined {
  const t = TIME.exec(text.trim());
  return t ? `${pad(Number(t[1]))}:${t[2]}` : undefined;
}

/** 'yyyy-mm-dd' → 'dd/mm/yyyy', as Vietnamese documents write dates. */
export function formatVnDate(date: LocalDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** NFC, lower case, one space between words, no trailing full stop: the text the grammar reads. */
export function normalisePhrase(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[.;,]+$/, '');
}

// ---- Dates and times inside a phrase ----

function ymd(y: number, m: number, d: number): LocalDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function daysIn(month: number, year?: number): number {
  if (year === undefined) return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface DateParts {
  d: number;
  m?: number;
  y?: number;
  written: string;
}

function fail<T>(code: PhraseErrorCode, [error, errorEn]: Why): PhraseResult<T> {
  return { ok: false, code, error, errorEn };
}

/** A date token as matched by DATE or START below: its parts, the year only if written. */
function dateParts(token: string): DateParts {
  const written = token.replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(written);
  if (iso) return { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]), written };
  const parts = /^(\d{1,2})(?:\/| tháng )(\d{1,2})(?:(?:\/|,? năm )(\d{2}|\d{4}))?$/.exec(written);
  if (!parts) return { d: Number(written), written };
  const y = parts[3] === undefined ? undefined : Number(parts[3]);
  const year = y !== undefined && parts[3]?.length === 2 ? 2000 + y : y;
  return { d: Number(parts[1]), m: Number(parts[2]), ...(year === undefined ? {} : { y: year }), written };
}

function dayProblem(d: number, m: number, y?: number): Why | undefined {
  if (m < 1 || m > 12) return WHY.noMonth(m);
  if (d < 1) return WHY.noDay(d);
  const max = daysIn(m, y);
  if (d <= max) return undefined;
  return WHY.monthHas(m, max, m === 2 ? y : undefined);
}

/** A date's parts checked, its year from `year` when not written. */
function resolveDate(p: DateParts, year: number | undefined): PhraseResult<LocalDate> {
  const m = p.m ?? 0;
  const problem = dayProblem(p.d, m, p.y);
  if (problem) return fail('invalid_date', WHY.noSuchDate(p.written, problem));
  const y = p.y ?? year;
  if (y === undefined) return fail('missing_year', WHY.dateWithoutYear(p.written));
  if (y < MIN_YEAR || y > MAX_YEAR) return fail('invalid_date', WHY.dateYearOutside(p.written, y, YEARS));
  const late = dayProblem(p.d, m, y);
  if (late) return fail('invalid_date', WHY.noSuchDate(p.written, late));
  return { ok: true, value: ymd(y, m, p.d) };
}

/** 'HH:mm', or '24:00' (the end of the day, as "24 giờ ngày …" says). */
function readTime(token: string): PhraseResult<string> {
  const t = /^(\d{1,2})\s*(?::|h|giờ)\s*(?:(\d{1,2})(?:\s*phút)?)?$/.exec(token);
  const h = Number(t?.[1]);
  const min = Number(t?.[2] ?? 0);
  if (!t || min > 59 || h > 24 || (h === 24 && min > 0)) {
    return fail('invalid_time', WHY.badTime(token));
  }
  return { ok: true, value: `${pad(h)}:${pad(min)}` };
}

// ---- The grammar: each form is a lead (the words that make it a deadline) and a body ----
// Sources read normalised text (normalisePhrase). Leads have no capturing group; bodies capture their dates
// and times in order, so that the scanner and the whole-text check read the same groups.

const NUM_DATE = String.raw`\d{4}-\d{1,2}-\d{1,2}(?!\d)|\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*(?:\d{4}|\d{2}))?(?![\d/])`;
const WORD_DATE = String.raw`\d{1,2}\s+tháng\s+\d{1,2}(?:\s*,?\s*năm\s+\d{4})?(?![\d/])`;
const DATE = `(${NUM_DATE}|${WORD_DATE})`;
/** A window's start may be a day alone, its month and year those of the end: "từ ngày 01 đến ngày 19/8/2024". */
const START = `(${NUM_DATE}|${WORD_DATE}|\\d{1,2}(?![\\d/]))`;
const TIME_TOKEN = String.raw`(\d{1,2}\s*(?::\s*\d{2}|(?:h|giờ)(?:\s*\d{2}(?:\s*phút)?)?)(?![\p{L}\d/]))`;
/** Between a time and its date: "17h00 ngày 15/6", "17h00, ngày 15/6", "17h00 15/6". */
const ON = String.raw`(?:\s*,\s*|\s+)(?:ngày\s+)?`;
const DAY = String.raw`(?:ngày\s+)?`;

const BEFORE = String.raw`(?:(?:hoàn\s+thành|chậm\s+nhất(?:\s+là)?)\s+)?(?:trước|before)`;
const LATEST = String.raw`(?:chậm|muộn)\s+nhất(?:\s+là)?(?:\s+vào)?|no\s+later\s+than`;
const DEADLINE = String.raw`(?:thời\s+)?hạn(?:\s+(?:chót|cuối))?(?:\s+(?:nộp|gửi))?(?:\s+là)?\s*:?`;
const UNTIL_END = String.raw`(?:đến\s+)?hết|(?:by\s+)?(?:the\s+)?end\s+of`;

export interface PhraseForm<T> {
  /** Regex source (no capturing group) of the words that introduce the phrase. */
  readonly lead: string;
  /** Regex source of the rest; its groups are handed to `read`. */
  readonly body: string;
  /** Whether the whole-text check accepts the body without its lead (a bare date in a campaign file). */
  readonly bare: boolean;
  readonly read: (
    groups: readonly (string | undefined)[],
    ctx: PhraseContext,
    opts?: { allowReversed?: boolean },
  ) => PhraseResult<T>;
}

function dueOn(
  kind: 'before' | 'end-of',
  token: string | undefined,
  ctx: PhraseContext,
): PhraseResult<DueSpec> {
  const p = dateParts(token ?? '');
  const date = resolveDate(p, ctx.year);
  return date.ok ? { ok: true, value: { kind, date: date.value } } : date;
}

function dueAt(
  timeToken: string | undefined,
  token: string | undefined,
  ctx: PhraseContext,
): PhraseResult<DueSpec> {
  const date = resolveDate(dateParts(token ?? ''), ctx.year);
  if (!date.ok) return date;
  const time = readTime(timeToken ?? '');
  if (!time.ok) return time;
  if (time.value === '24:00') return { ok: true, value: { kind: 'end-of', date: date.value } };
  return { ok: true, value: { kind: 'at', date: date.value, time: time.value } };
}

function dueInMonth(groups: readonly (string | undefined)[], ctx: PhraseContext): PhraseResult<DueSpec> {
  const [monthText, shortYear, longYear] = groups;
  const m = Number(monthText);
  const written = `${monthText}${shortYear ? `/${shortYear}` : longYear ? `/${longYear}` : ''}`;
  const y = shortYear?.length === 2 ? 2000 + Number(shortYear) : Number(shortYear ?? longYear ?? ctx.year);
  if (m < 1 || m > 12) return fail('invalid_date', WHY.noSuchMonth(written, m));
  if (Number.isNaN(y)) return fail('missing_year', WHY.monthWithoutYear(written));
  if (y < MIN_YEAR || y > MAX_YEAR) return fail('invalid_date', WHY.monthYearOutside(written, y, YEARS));
  return { ok: true, value: { kind: 'end-of', date: ymd(y, m, daysIn(m, y)) } };
}

/** The due forms, most specific first (the whole-text check takes the first that matches). */
export const DUE_FORMS: readonly PhraseForm<DueSpec>[] = [
  // "trước 17h00 ngày 15/6/2024", "chậm nhất 17 giờ ngày …", "17h30 ngày …": due at that instant.
  {
    lead: `${BEFORE}|${LATEST}|${DEADLINE}|đến`,
    body: `${TIME_TOKEN}${ON}${DATE}`,
    bare: true,
    read: (g, ctx) => dueAt(g[0], g[1], ctx),
  },
  // "2024-05-10 17:00", "trước ngày 15/6/2024 lúc 17h00".
  {
    lead: `${BEFORE}|${LATEST}`,
    body: String.raw`${DAY}${DATE}(?:t|\s*,\s*|\s+)(?:(?:vào\s+)?lúc\s+)?${TIME_TOKEN}`,
    bare: true,
    read: (g, ctx) => dueAt(g[1], g[0], ctx),
  },
  // "trước ngày 20/5/2024", "hoàn thành trước 30/6", a bare date: due at 00:00 of that day.
  { lead: BEFORE, body: `${DAY}${DATE}`, bare: true, read: (g, ctx) => dueOn('before', g[0], ctx) },
  // "chậm nhất (là) ngày 15/6/2024", "hết ngày 9/8/2024", "hạn nộp: 15/6/2024": at the latest on that day.
  {
    lead: `${LATEST}|${UNTIL_END}|${DEADLINE}`,
    body: `${DAY}${DATE}`,
    bare: false,
    read: (g, ctx) => dueOn('end-of', g[0], ctx),
  },
  // "trong tháng 5/2024", "trong tháng 5 năm 2024": by the end of the month's last day.
  {
    lead: 'trong',
    body: String.raw`tháng\s+(\d{1,2})(?:\s*/\s*(\d{4}|\d{2})|\s*,?\s*năm\s+(\d{4}))?(?![\d/])`,
    bare: false,
    read: dueInMonth,
  },
];

function readWindow(
  groups: readonly (string | undefined)[],
  ctx: PhraseContext,
  allowReversed: boolean,
): PhraseResult<WindowSpec> {
  const [fromTimeToken, fromToken, toTimeToken, toToken] = groups;
  const start = dateParts(fromToken ?? '');
  const end = dateParts(toToken ?? '');
  const to = resolveDate(end, end.y ?? start.y ?? ctx.year);
  if (!to.ok) return to;
  const from = resolveDate({ ...start, m: start.m ?? end.m }, start.y ?? end.y ?? ctx.year);
  if (!from.ok) return from;
  const w: WindowSpec = { from: from.value, to: to.value };
  for (const [key, token] of [
    ['fromTime', fromTimeToken],
    ['toTime', toTimeToken],
  ] as const) {
    if (token === undefined) continue;
    const t = readTime(token);
    if (!t.ok) return t;
    if (t.value === '24:00' && key === 'fromTime') return fail('invalid_time', WHY.timeCannotOpen(token));
    if (t.value !== '24:00') w[key] = t.value;
  }
  const opens = `${w.from} ${w.fromTime ?? '00:00'}`;
  const closes = `${w.to} ${w.toTime ?? '24:00'}`;
  if (closes <= opens && !allowReversed) {
    const end = (date: string, time?: string) => ({ date: formatVnDate(date), ...(time ? { time } : {}) });
    return fail('window_reversed', WHY.reversed(end(w.to, w.toTime), end(w.from, w.fromTime)));
  }
  return { ok: true, value: w };
}

const CONNECTOR = String.raw`(?:(?:cho\s+)?đến|to|until|through)(?:\s+hết)?|[-–]`;

export const WINDOW_FORMS: readonly PhraseForm<WindowSpec>[] = [
  // "từ ngày 01/8 đến hết ngày 19/8/2024", "từ 7h30 ngày 01/8 đến 17h00 ngày 19/8/2024": the year written once
  // at the end is that of both ends.
  {
    lead: 'từ|from',
    body: String.raw`${DAY}(?:${TIME_TOKEN}${ON})?${START}\s*,?\s*(?:${CONNECTOR})\s*${DAY}(?:${TIME_TOKEN}${ON})?${DATE}`,
    bare: true,
    read: (g, ctx, opts) => readWindow(g, ctx, opts?.allowReversed ?? false),
  },
  // "từ 7h30 đến 11h00 ngày 15/8/2024": hours of one day.
  {
    lead: 'từ|from',
    body: String.raw`${DAY}${TIME_TOKEN}\s*(?:${CONNECTOR})\s*${TIME_TOKEN}${ON}${DATE}`,
    bare: true,
    read: ([t1, t2, date], ctx, opts) => readWindow([t1, date, t2, date], ctx, opts?.allowReversed ?? false),
  },
];

/** The source that finds a form inside free text (phrase-scan.ts): lead required, on a word boundary. */
export function scanSource(form: PhraseForm<unknown>): string {
  return String.raw`(?<![\p{L}\p{N}])(?:${form.lead})(?![\p{L}])\s*${form.body}`;
}

function wholeRegex(form: PhraseForm<unknown>): RegExp {
  const lead = String.raw`(?:(?:${form.lead})(?![\p{L}])\s*)`;
  return new RegExp(`^${lead}${form.bare ? '?' : ''}${form.body}$`, 'u');
}

const DUE_WHOLE = DUE_FORMS.map((form) => ({ form, re: wholeRegex(form) }));
const WINDOW_WHOLE = WINDOW_FORMS.map((form) => ({ form, re: wholeRegex(form) }));

/**
 * Reads a whole due phrase. A bare date and "trước (ngày) D" mean due at the start of D; "chậm nhất (là)
 * ngày D", "hết ngày D" and "trong tháng M/Y" at the end of D (of the month's last day); "trước 17h00 ngày
 * D", "17 giờ ngày D" and "D 17:00" at that time. A date without its year takes `ctx.year`.
 */
export function checkDue(text: string, ctx: PhraseContext = {}): PhraseResult<DueSpec> {
  const s = normalisePhrase(text);
  for (const { form, re } of DUE_WHOLE) {
    const m = re.exec(s);
    if (m) return form.read(m.slice(1), ctx);
  }
  return fail('unrecognised', WHY.notADue(text.trim()));
}

/**
 * Reads "từ ngày A đến (hết) ngày B" (or "from A to B"): both days are inside the window. A window that ends
 * before it starts is an error unless `allowReversed` (validate.ts reports it itself, with its path).
 */
export function checkWindow(
  text: string,
  ctx: PhraseContext = {},
  opts: { allowReversed?: boolean } = {},
): PhraseResult<WindowSpec> {
  const s = normalisePhrase(text);
  for (const { form, re } of WINDOW_WHOLE) {
    const m = re.exec(s);
    if (!m) continue;
    const r = form.read(m.slice(1), ctx, opts);
    if (r.ok || r.code !== 'window_reversed') return r;
    return { ...r, error: `"${text.trim()}": ${r.error}`, errorEn: `"${text.trim()}": ${r.errorEn}` };
  }
  return fail('unrecognised', WHY.notAWindow(text.trim()));
}

/** checkDue, undefined when the phrase is not a due date or names a date that does not exist. */
export function parseDue(text: string, ctx: PhraseContext = {}): DueSpec | undefined {
  const r = checkDue(text, ctx);
  return r.ok ? r.value : undefined;
}

/** checkWindow, undefined when the phrase is not a window, names a date that does not exist or is reversed. */
export function parseWindow(text: string, ctx: PhraseContext = {}): WindowSpec | undefined {
  const r = checkWindow(text, ctx);
  return r.ok ? r.value : undefined;
}
