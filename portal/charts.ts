// Charts for the staff pages as inline SVG: no JavaScript and no inline styles (the CSP allows neither), only
// SVG presentation attributes and classes of PORTAL_CSS. Every figure is also written out as text beside the
// chart or in a table under it, for screen readers and for copying.
import { DateTime } from 'luxon';
import type { Tally } from '../core/report/aggregate';
import { type Html, html } from './html';
import type { Lang } from './layout';

/** The parts of a completeness bar, in drawing order: together they make up `expected`. */
export const BAR_PARTS = ['onTime', 'late', 'waived', 'missing'] as const;
export type BarPart = (typeof BAR_PARTS)[number];

export const BAR_COLORS: Record<BarPart, string> = {
  onTime: '#16a34a',
  late: '#f59e0b',
  waived: '#6366f1',
  missing: '#ef4444',
};

/** The classes PORTAL_CSS gives the legend's swatches. */
export const BAR_CLASSES: Record<BarPart, string> = {
  onTime: 'on-time',
  late: 'late',
  waived: 'waived',
  missing: 'missing',
};

export const BAR_TEXT: Record<Lang, Record<BarPart | 'expected', string>> = {
  vi: { expected: 'phải nộp', onTime: 'đúng hạn', late: 'muộn', waived: 'được miễn', missing: 'chưa nộp' },
  en: { expected: 'expected', onTime: 'on time', late: 'late', waived: 'waived', missing: 'missing' },
};

export interface BarSegment {
  part: BarPart;
  count: number;
  /** Left edge and width on a 0–100 scale. */
  x: number;
  width: number;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * The segments of a completeness bar: each non-empty part of the tally, its width proportional to its share
 * of what is expected; together they fill 0–100 exactly. No segment when nothing is expected.
 */
export function barSegments(t: Tally): BarSegment[] {
  const total = BAR_PARTS.reduce((s, p) => s + Math.max(0, t[p]), 0);
  if (total === 0) return [];
  const out: BarSegment[] = [];
  let done = 0;
  for (const part of BAR_PARTS) {
    const count = Math.max(0, t[part]);
    if (count === 0) continue;
    const x = round3((done / total) * 100);
    done += count;
    const end = done === total ? 100 : round3((done / total) * 100);
    out.push({ part, count, x, width: round3(end - x) });
  }
  return out;
}

/** "12/40 (30%)": done (submitted or waived) out of expected. */
export function doneText(t: Tally): string {
  if (t.expected === 0) return '—';
  const done = t.submitted + t.waived;
  return `${done}/${t.expected} (${Math.round((done / t.expected) * 1000) / 10}%)`;
}

/** What a bar shows, in words: "40 phải nộp: 10 đúng hạn, 2 muộn, 1 được miễn, 27 chưa nộp". */
export function tallyText(t: Tally, lang: Lang): string {
  const w = BAR_TEXT[lang];
  return `${t.expected} ${w.expected}: ${BAR_PARTS.map((p) => `${t[p]} ${w[p]}`).join(', ')}`;
}

/** A horizontal stacked bar of a milestone's tally (on time, late, waived, missing). */
export function tallyBar(t: Tally, input: { lang: Lang; label?: string; small?: boolean }): Html {
  const text = tallyText(t, input.lang);
  const label = input.label ? `${input.label}: ${text}` : text;
  const w = BAR_TEXT[input.lang];
  const segments = barSegments(t);
  return html`<svg class="${input.small ? 'bar-chart small' : 'bar-chart'}" viewBox="0 0 100 6" preserveAspectRatio="none" width="100%" height="${input.small ? 10 : 18}" role="img" aria-label="${label}" focusable="false"><title>${label}</title><rect x="0" y="0" width="100" height="6" fill="#e5e7eb"/>${segments.map(
    (s) =>
      html`<rect x="${s.x}" y="0" width="${s.width}" height="6" fill="${BAR_COLORS[s.part]}" class="${BAR_CLASSES[s.part]}"><title>${w[s.part]}: ${s.count}</title></rect>`,
  )}</svg>`;
}

/** The colours' key, once per page. */
export function barLegend(lang: Lang): Html {
  const w = BAR_TEXT[lang];
  return html`<p class="legend">${BAR_PARTS.map(
    (p) => html`<span><i class="${BAR_CLASSES[p]}"></i>${w[p]}</span>`,
  )}</p>`;
}

// ---------------------------------------------------------------------------------------------------------
// Submissions per day against due dates.

export type MarkKind = 'due' | 'opens' | 'extended';

export interface DayMark {
  /** The instant (ISO): a deadline, a window's opening, an extended deadline. */
  at: string;
  kind: MarkKind;
  /** Short text over the line, e.g. "hạn 10/05". */
  label: string;
}

export interface DayChartInput {
  /** Local date (yyyy-mm-dd) → number of first submissions that day. */
  counts: Record<string, number>;
  marks: DayMark[];
  zone: string;
  lang: Lang;
  /** What the chart shows (its accessible name). */
  title: string;
  /** Also show this local date (e.g. today) inside the range. */
  today?: string;
}

const MARK_COLORS: Record<MarkKind, string> = { due: '#b91c1c', opens: '#15803d', extended: '#7c3aed' };
const MAX_DAYS = 800;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(iso: string, zone: string): DateTime {
  return DateTime.fromISO(iso, { zone });
}

/** A local date as a day count (the UTC midnight of the same digits): calendar days, whatever the zone. */
function dayNumber(date: string): number {
  return Math.round(DateTime.fromISO(date, { zone: 'UTC' }).toMillis() / 86_400_000);
}

function dateOfDayNumber(n: number): string {
  return DateTime.fromMillis(n * 86_400_000, { zone: 'UTC' }).toISODate() as string;
}

export interface DayChartLayout {
  /** Every local date of the range, in order. */
  days: string[];
  /** Where each mark falls, in days from the start of the first day (fractions for times of day). */
  marks: (DayMark & { pos: number })[];
  /** The y axis' top value (a round number at least the largest count). */
  yMax: number;
}

/** A round number at least `n`: 1, 2, 5 × 10^k. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/**
 * The chart's range and positions: the days from a day before the first submission or mark to a day after
 * the last (at most MAX_DAYS, the latest kept), each mark at its local day plus the fraction of the day.
 */
export function dayChartLayout(
  input: Pick<DayChartInput, 'counts' | 'marks' | 'zone' | 'today'>,
): DayChartLayout {
  const { zone } = input;
  const countDays = Object.keys(input.counts).filter((d) => DATE.test(d));
  const markTimes = input.marks.map((m) => ({ m, dt: dayOf(m.at, zone) })).filter((x) => x.dt.isValid);
  const numbers = [
    ...countDays.map((d) => dayNumber(d)),
    ...markTimes.map((x) => dayNumber(x.dt.toISODate() as string)),
    ...(input.today && DATE.test(input.today) ? [dayNumber(input.today)] : []),
  ];
  if (numbers.length === 0) return { days: [], marks: [], yMax: 1 };
  let first = Math.min(...numbers) - 1;
  const last = Math.max(...numbers) + 1;
  if (last - first + 1 > MAX_DAYS) first = last - MAX_DAYS + 1;
  const days: string[] = [];
  for (let n = first; n <= last; n++) days.push(dateOfDayNumber(n));
  const marks = markTimes
    .map(({ m, dt }) => {
      const start = dt.startOf('day');
      const fraction = dt.diff(start).toMillis() / start.plus({ days: 1 }).diff(start).toMillis();
      return { ...m, pos: dayNumber(dt.toISODate() as string) - first + fraction };
    })
    .filter((m) => m.pos >= 0 && m.pos <= days.length);
  const top = Math.max(0, ...countDays.map((d) => input.counts[d] ?? 0));
  return { days, marks, yMax: niceMax(top) };
}

function shortDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

function fullDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

const CHART_TEXT = {
  vi: { none: 'Chưa có bài nộp nào.', data: 'Số liệu theo ngày', day: 'Ngày', count: 'Số bài nộp' },
  en: { none: 'No submissions yet.', data: 'Figures per day', day: 'Day', count: 'Submissions' },
} as const;

/**
 * Submissions per day as columns, with each deadline (and a window's opening, an extended deadline) as a
 * vertical line at its instant; the figures in a table under it.
 */
export function dayChart(input: DayChartInput): Html {
  const layout = dayChartLayout(input);
  const t = CHART_TEXT[input.lang];
  const W = 640;
  const H = 170;
  const left = 36;
  const right = 8;
  const top = 30;
  const bottom = 24;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const n = Math.max(1, layout.days.length);
  const step = plotW / n;
  const gap = step > 4 ? step * 0.15 : 0;
  const y = (v: number) => round3(top + plotH - (v / layout.yMax) * plotH);
  const total = Object.values(input.counts).reduce((s, v) => s + v, 0);

  const bars = layout.days.map((day, i) => {
    const count = input.counts[day] ?? 0;
    if (count <= 0) return '';
    return html`<rect x="${round3(left + i * step + gap / 2)}" y="${y(count)}" width="${round3(Math.max(0.5, step - gap))}" height="${round3(top + plotH - y(count))}" fill="#1d4ed8"><title>${fullDate(day)}: ${count}</title></rect>`;
  });
  const gridValues = layout.yMax >= 2 ? [0, layout.yMax / 2, layout.yMax] : [0, layout.yMax];
  const grid = gridValues.map(
    (v) =>
      html`<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb" stroke-width="1"/><text x="${left - 4}" y="${round3(y(v) + 4)}" text-anchor="end" font-size="10" fill="#6b7280">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`,
  );
  const tickEvery = Math.max(1, Math.ceil(n / 8));
  const ticks = layout.days.map((day, i) =>
    i % tickEvery === 0 || i === n - 1
      ? html`<text x="${round3(left + i * step + step / 2)}" y="${H - 8}" text-anchor="middle" font-size="10" fill="#374151">${shortDate(day)}</text>`
      : '',
  );
  const marks = layout.marks.map((m, i) => {
    const x = round3(left + m.pos * step);
    const row = i % 2;
    return html`<line x1="${x}" x2="${x}" y1="${top - 6}" y2="${top + plotH}" stroke="${MARK_COLORS[m.kind]}" stroke-width="1.5"${m.kind === 'extended' ? html` stroke-dasharray="4 3"` : ''}><title>${m.label}</title></line><text x="${round3(x + 2)}" y="${10 + row * 11}" font-size="10" fill="${MARK_COLORS[m.kind]}">${m.label}</text>`;
  });
  const rows = layout.days.filter((d) => (input.counts[d] ?? 0) > 0);
  return html`<figure class="chart">
<svg class="day-chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${input.title}" focusable="false"><title>${input.title}</title>
<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#9ca3af" stroke-width="1"/>
${grid}${bars}${marks}${ticks}
</svg>
${
  total === 0
    ? html`<figcaption class="muted">${t.none}</figcaption>`
    : html`<details><summary>${t.data}</summary><table><thead><tr><th>${t.day}</th><th>${t.count}</th></tr></thead><tbody>${rows.map(
        (d) => html`<tr><td>${fullDate(d)}</td><td>${input.counts[d] ?? 0}</td></tr>`,
      )}</tbody></table></details>`
}
</figure>`;
}
