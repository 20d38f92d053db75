// The body of a plan as numbered items ("III.", "1.", "1.2.", "-", "+"), each with its heading when its first line
// is one, its section, its enclosing item, and its text as one flow; sentences and clauses of a flow. Pure.
import { type Flow, flow, type Line } from './text';

export interface Item {
  /** "III.", "1.", "1.2.", "-", "+", or "" for a paragraph before the first marker. */
  marker: string;
  /** 0 for a roman section, the number of parts for "1.2.", one more than the enclosing item for a bullet. */
  depth: number;
  /** The item's lines, the marker taken off the first. */
  lines: Line[];
  /** The first line, when it is a heading (a short line that ends no sentence, e.g. "3. Sở Nội vụ"). */
  heading?: string;
  /** The roman section the item is in (its heading), e.g. "TỔ CHỨC THỰC HIỆN". */
  section?: string;
  /** The enclosing item (by numbering), if any. */
  parent?: Item;
  text: Flow;
}

const ROMAN = /^([IVX]{1,4})\.\s*(?=\S)/;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.)\s*(?=\S)/;
const BULLET = /^([-+•–—*])\s*(?=\S)/;
const LETTER = /^([a-zđ]\))\s*(?=\S)/;

/** The marker at the start of a line and its depth (bullets get theirs from the enclosing item). */
export function markerOf(text: string): { marker: string; depth: number; rest: string } | undefined {
  const roman = ROMAN.exec(text);
  if (roman) return { marker: `${roman[1]}.`, depth: 0, rest: text.slice(roman[0].length) };
  const num = NUMBERED.exec(text);
  if (num?.[1]) {
    const marker = num[1].endsWith('.') ? num[1] : `${num[1]}.`;
    return { marker, depth: marker.split('.').filter(Boolean).length, rest: text.slice(num[0].length) };
  }
  const bullet = BULLET.exec(text) ?? LETTER.exec(text);
  if (bullet?.[1]) return { marker: bullet[1], depth: -1, rest: text.slice(bullet[0].length) };
  return undefined;
}

/** A first line that is a heading: short, ending no sentence or clause, followed by a new sentence or item. */
function isHeading(first: string, next: string | undefined, width: number): boolean {
  if (first === '' || /[.;,:!?]$/.test(first)) return false;
  if (first.length >= Math.min(width * 0.85, 100) && !/^[\p{Lu}\d\s,.\-–()“”"/&]+$/u.test(first))
    return false;
  return next === undefined || /^[\p{Lu}“"(]/u.test(next) || markerOf(next) !== undefined;
}

function enclosing(numbered: readonly Item[], depth: number): Item | undefined {
  for (let i = numbered.length - 1; i >= 0; i--) {
    const it = numbered[i];
    if (it && it.depth < depth) return it;
  }
  return undefined;
}

function group(lines: readonly Line[]): { marker: string; depth: number; lines: Line[] }[] {
  const groups: { marker: string; depth: number; lines: Line[] }[] = [];
  for (const line of lines) {
    const m = markerOf(line.text);
    const current = groups[groups.length - 1];
    if (m || !current) {
      const first = { n: line.n, text: m ? m.rest : line.text };
      groups.push({ marker: m?.marker ?? '', depth: m?.depth ?? 1, lines: [first] });
    } else {
      current.lines.push(line);
    }
  }
  return groups;
}

/** Splits body lines into items. `width` is the body's usual line width (see layout). */
export function items(lines: readonly Line[], width: number): Item[] {
  const out: Item[] = [];
  const numbered: Item[] = [];
  let section: string | undefined;
  for (const g of group(lines)) {
    const bullet = g.depth < 0;
    const parent = bullet ? numbered[numbered.length - 1] : enclosing(numbered, g.depth);
    const depth = bullet ? (parent?.depth ?? 0) + 1 : g.depth;
    const first = g.lines[0]?.text ?? '';
    const heading = isHeading(first, g.lines[1]?.text, width) ? first : undefined;
    if (g.depth === 0) section = heading ?? first;
    const item: Item = {
      marker: g.marker,
      depth,
      lines: g.lines,
      text: flow(g.lines, heading ? g.lines[0]?.n : undefined),
    };
    if (heading) item.heading = heading;
    if (section !== undefined && g.depth !== 0) item.section = section;
    if (parent) item.parent = parent;
    out.push(item);
    if (!bullet) numbered.push(item);
  }
  return out;
}

/** "III.6" for item 6 of section III, "II.2.5" for item 2.5 of section II; bullets take their enclosing item's. */
export function itemPath(item: Item): string {
  let roman: string | undefined;
  let deepest: string | undefined;
  for (let it: Item | undefined = item; it; it = it.parent) {
    const m = it.marker.replace(/\.$/, '');
    if (/^[IVX]+$/u.test(m)) roman ??= m;
    else if (/^\d/u.test(m)) deepest ??= m;
  }
  return [roman, deepest].filter(Boolean).join('.');
}

/** The item's text without its heading line. */
export function bodyOf(item: Item): string {
  if (!item.heading) return item.text.text;
  return item.text.text.slice(item.heading.length).trim();
}

export interface Span {
  start: number;
  end: number;
}

/** Sentences of a flow: ends at ".", "!", "?" or "./." before a capital, a quote, a bullet or the end. */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const re = /(?:\.\/\.|[.!?…])(?=\s+[-+\p{Lu}“"(\d]|\s*$)|\n/gu;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (text.slice(start, end).trim() !== '') out.push(trimSpan(text, { start, end }));
    start = end;
  }
  if (text.slice(start).trim() !== '') out.push(trimSpan(text, { start, end: text.length }));
  return out;
}

/** Clauses of a sentence: split at ";" (outside parentheses). */
export function clauses(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let start = span.start;
  for (let i = span.start; i < span.end; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      out.push(trimSpan(text, { start, end: i }));
      start = i + 1;
    }
  }
  out.push(trimSpan(text, { start, end: span.end }));
  return out.filter((s) => s.end > s.start);
}

function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

export function spanOf(spans: readonly Span[], index: number): Span | undefined {
  return spans.find((s) => index >= s.start && index < s.end);
}
