// Every dated obligation of a plan as a milestone draft: its kind guessed from the words around the date, its due
// instant or window from the phrase, who owes it from the sentence (or the heading it sits under), and the
// sentence and line it came from, for the administrator to check. Pure.
import { type FoundPhrase, findDatePhrases } from '../calendar/phrase-scan';
import type { MilestoneKind } from '../definition/types';
import { namesIn } from './names';
import { bodyOf, clauses, type Item, itemPath, type Span, sentences, spanOf } from './structure';
import { subjectOf } from './subject';
import type { UnitBook } from './units';

export interface DraftMilestone {
  /** Guessed from the words; empty when they say nothing certain (the kind is then left to fill). */
  kinds: MilestoneKind[];
  result: FoundPhrase['result'];
  phrase: string;
  /** The line the date phrase starts on. */
  line: number;
  sentence: string;
  sentenceLines: number[];
  clause: string;
  /** The item it is in, e.g. "III.6", "II.2.5". */
  item: string;
  /** Keys of the units (and groups) that owe it, and where they were read. */
  owners: string[];
  ownersFrom?: 'câu' | 'mục' | 'tiêu đề mục';
  /** A title per kind. */
  titles: string[];
  description?: string;
  /** For a periodic report: "6 tháng đầu năm 2024". */
  period?: string;
}

function lowerClause(text: string): string {
  return text.toLowerCase().replace(/kế hoạch này/gu, '');
}

const PERIOD =
  /(0?6|sáu)\s+tháng|(0?9|chín)\s+tháng|quý\s+([IV]+|\d)|(0?1|một)\s+năm|hằng năm|hàng năm|cả năm/giu;

function periodBefore(text: string, year: number | undefined): string | undefined {
  const found = [...text.matchAll(PERIOD)].pop();
  if (!found) return undefined;
  const y = year ? ` năm ${year}` : '';
  if (found[1]) return `6 tháng đầu${y}`;
  if (found[2]) return `9 tháng${y}`;
  if (found[3]) return `quý ${found[3]}${y}`;
  return year ? `năm ${year}` : 'cả năm';
}

/** The kinds the words of a clause point to; `before` is the clause up to the date phrase. */
export function guessKinds(clause: string, before: string, result: FoundPhrase['result']): MilestoneKind[] {
  if (result.kind === 'window') return ['event-window'];
  const c = lowerClause(clause);
  if (/dự thảo/u.test(c)) return ['draft-plan'];
  if (/báo cáo/u.test(c) && (/định kỳ/u.test(c) || periodBefore(before, undefined)))
    return ['periodic-report'];
  if (/kết quả/u.test(c)) return ['result-report'];
  const plan = /kế hoạch/u.test(c);
  const sites = /đăng ký|danh sách|địa điểm/u.test(c);
  if (plan && sites) return ['plan', 'site-registration'];
  if (plan) return ['plan'];
  if (sites) return ['site-registration'];
  return [];
}

const KEYWORD: Record<MilestoneKind, RegExp> = {
  'draft-plan': /dự thảo/iu,
  plan: /kế hoạch(?! này)/iu,
  'site-registration': /đăng ký|danh sách/iu,
  'event-window': /^/u,
  'result-report': /báo cáo kết quả|kết quả/iu,
  'periodic-report': /báo cáo/iu,
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A milestone's title from its clause: from the kind's keyword to where the clause turns to where and when. */
export function titleFor(
  kind: MilestoneKind,
  clause: string,
  before: string,
  campaignTitle: string,
  period?: string,
): string {
  const context = campaignTitle.charAt(0).toLowerCase() + campaignTitle.slice(1);
  if (kind === 'periodic-report') return `Báo cáo ${period ?? 'định kỳ'}`;
  let text: string;
  if (kind === 'event-window') {
    text = before.replace(/^Thời gian(?: tổ chức)?\s*:\s*/u, '').replace(/[\s,:;]+$/u, '');
  } else {
    const at = KEYWORD[kind].exec(clause)?.index ?? 0;
    const stop =
      kind === 'plan' ? /\s(?:gửi|về|trước ngày|để)\s|\s\(|[,;]/u : /\s(?:gửi|về|trước ngày|để)\s|\s\(|;/u;
    const rest = clause.slice(at);
    const end = stop.exec(rest)?.index ?? rest.length;
    text = rest.slice(0, end).trim();
  }
  if (text.split(/\s+/).length < 6) {
    if (kind !== 'event-window') return `${capitalise(text)} ${context}`.trim();
    return /^Tổ chức\s/u.test(campaignTitle) ? campaignTitle : `Tổ chức ${context}`;
  }
  return capitalise(text);
}

/** "Gửi về <where>." from a clause (or its sentence): where the plan says to send it. */
function sendTo(text: string): string | undefined {
  const m = /(?:gửi|Gửi|báo cáo)(?:\s[^;()]{0,80}?)?\s+về\s+(.*?)(?=\s+trước ngày|\s+để\s|;|$)/u.exec(text);
  if (!m?.[1]) return undefined;
  let where = m[1];
  let depth = 0;
  for (let i = 0; i < where.length; i++) {
    if (where[i] === '(') depth++;
    else if (where[i] === ')' && --depth < 0) {
      where = where.slice(0, i);
      break;
    }
  }
  return `Gửi về ${where.replace(/[\s,.]+$/u, '')}.`;
}

interface Owners {
  keys: string[];
  from?: DraftMilestone['ownersFrom'];
}

function ownersIn(book: UnitBook, text: string, line: number, how: string): string[] {
  const keys = namesIn(subjectOf(text)).flatMap((m) => book.add(m, { line, how }) ?? []);
  return [...new Set(keys)];
}

function firstClause(text: string): string {
  const s = sentences(text)[0];
  if (!s) return '';
  const c = clauses(text, s)[0];
  return c ? text.slice(c.start, c.end) : '';
}

/** Who owes it: the clause's subject, else its sentence's, else its item's, else the headings above it. */
function ownersOf(book: UnitBook, item: Item, sentence: string, clause: string, line: number): Owners {
  const how = `mục ${itemPath(item)}`;
  for (const [text, from] of [
    [clause, 'câu'],
    [firstClause(sentence), 'câu'],
    [firstClause(bodyOf(item)), 'mục'],
  ] as const) {
    const keys = ownersIn(book, text, line, how);
    if (keys.length > 0) return { keys, from };
  }
  for (let it: Item | undefined = item; it; it = it.parent) {
    const head = it.heading ? namesIn(it.heading) : [];
    const keys = head.flatMap(
      (m) => book.add(m, { line: it?.lines[0]?.n ?? line, how: `tiêu đề mục ${itemPath(it as Item)}` }) ?? [],
    );
    if (keys.length > 0) return { keys: [...new Set(keys)], from: 'tiêu đề mục' };
    if (it !== item && it.depth >= 1) {
      const more = ownersIn(book, firstClause(bodyOf(it)), it.lines[0]?.n ?? line, `mục ${itemPath(it)}`);
      if (more.length > 0) return { keys: more, from: 'mục' };
    }
  }
  return { keys: [] };
}

function phrasesOf(item: Item, year: number | undefined): FoundPhrase[] {
  // The scanner finds only phrases a deadline word introduces, never a bare date (a document's own).
  return findDatePhrases(item.text.text, year ? { year } : {});
}

function draftOne(ctx: Context, item: Item, p: FoundPhrase, spans: Span[]): DraftMilestone {
  const text = item.text.text;
  const s = spanOf(spans, p.index) ?? { start: 0, end: text.length };
  const c = spanOf(clauses(text, s), p.index) ?? s;
  const sentence = text.slice(s.start, s.end);
  const clause = text.slice(c.start, c.end);
  const before = text.slice(c.start, p.index);
  const line = item.text.lineAt(p.index);
  const kinds = guessKinds(clause, before, p.result);
  const period = kinds.includes('periodic-report') ? periodBefore(before, ctx.year) : undefined;
  const owners = ownersOf(ctx.book, item, sentence, clause, line);
  const description = sendTo(clause) ?? sendTo(sentence);
  return {
    kinds,
    result: p.result,
    phrase: p.text,
    line,
    sentence,
    sentenceLines: item.text.linesOf(s.start, s.end),
    clause,
    item: itemPath(item),
    owners: owners.keys,
    ...(owners.from ? { ownersFrom: owners.from } : {}),
    titles: kinds.map((k) => titleFor(k, clause, before, ctx.title, period)),
    ...(description ? { description } : {}),
    ...(period ? { period } : {}),
  };
}

interface Context {
  book: UnitBook;
  year: number | undefined;
  title: string;
}

/** Every obligation with a date in the items, in order. */
export function draftMilestones(items: readonly Item[], ctx: Context): DraftMilestone[] {
  return items.flatMap((item) => {
    const phrases = phrasesOf(item, ctx.year);
    if (phrases.length === 0) return [];
    const spans = sentences(item.text.text);
    return phrases.map((p) => draftOne(ctx, item, p, spans));
  });
}

/** "Mỗi xã, thị trấn tổ chức ít nhất 02 “điểm”": the least number of sites or events a unit must hold. */
export function minimumSites(
  items: readonly Item[],
): { n: number; line: number; sentence: string } | undefined {
  for (const item of items) {
    const text = item.text.text;
    const m = /ít nhất\s+(\d{1,3})\s+[“"]?(?:điểm|địa điểm|buổi|lượt)/u.exec(text);
    if (!m || m[1] === undefined) continue;
    const s = spanOf(sentences(text), m.index);
    return {
      n: Number(m[1]),
      line: item.text.lineAt(m.index),
      sentence: s ? text.slice(s.start, s.end) : m[0],
    };
  }
  return undefined;
}
