// The documents a plan implements or cites: "Kế hoạch số 198/KH-BCĐ ngày 05/4/2023 của Ban Chỉ đạo … về …",
// split into type, number, date, issuer and title where they can be, the raw text always kept. Pure.
import { formatVnDate, parseLocalDate } from '../calendar/phrases';

export interface Reference {
  /** As written in the plan (one reference, without the "Thực hiện"/"Căn cứ" before it). */
  raw: string;
  type?: string;
  number?: string;
  /** yyyy-mm-dd */
  date?: string;
  issuer?: string;
  title?: string;
  /** The lines it was read from. */
  lines: number[];
}

export const DOCUMENT_TYPES = [
  'Quyết định',
  'Kế hoạch',
  'Chỉ thị',
  'Nghị quyết',
  'Nghị định',
  'Hướng dẫn',
  'Công văn',
  'Thông tư',
  'Thông báo',
  'Kết luận',
  'Chương trình',
  'Luật',
  'Văn bản',
];

const TYPE = DOCUMENT_TYPES.join('|');
export const REFERENCE_START = new RegExp(String.raw`^(?:${TYPE})\s+(?:số\s+)?\S*\d`, 'u');
const HEAD = new RegExp(
  String.raw`^(${TYPE})\s+(?:số\s+)?(\S*\d\S*?)(?:\s+ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}))?(?=\s|$)`,
  'u',
);

function clean(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/[\s,;.]+$/, '')
    .trim();
}

/** One reference: "Kế hoạch số 78/KH-UBND ngày 28/3/2024 của UBND tỉnh về …". */
export function parseReference(raw: string, lines: number[]): Reference {
  const text = clean(raw.replace(/^(?:Thực hiện|Căn cứ(?: vào)?)\s+/u, ''));
  const ref: Reference = { raw: text, lines };
  const head = HEAD.exec(text);
  if (!head?.[1] || !head[2]) return ref;
  ref.type = head[1];
  ref.number = head[2].replace(/[,;]$/, '');
  const date = head[3] ? parseLocalDate(head[3].replace(/\s/g, '')) : undefined;
  if (date) ref.date = date;
  const rest = text.slice(head[0].length).trim();
  const of = /^của\s+(.+?)(?:\s+(về\s+.+))?$/u.exec(rest);
  if (of?.[1]) {
    ref.issuer = clean(of[1]);
    if (of[2]) ref.title = clean(of[2].replace(/^(?:về\s+)+/u, ''));
  } else if (/^về\s+/u.test(rest)) {
    ref.title = clean(rest.replace(/^(?:về\s+)+/u, ''));
  }
  return ref;
}

const CITED = new RegExp(
  String.raw`(?:${TYPE})\s+số\s+\S*\d\S*?\s+ngày\s+\d{1,2}/\d{1,2}/\d{4}(?:\s+của\s+[^;:]*?)?(?=\s+(?:về|quy định|hướng dẫn)\s|;|\.(?:\s|$)|,\s|$)`,
  'gu',
);

/** Every "<type> số … ngày …" in a text, with its issuer when it follows ("của …"). */
export function citedIn(text: string): { raw: string; index: number }[] {
  return [...text.matchAll(CITED)].map((m) => ({ raw: m[0], index: m.index ?? 0 }));
}

/** "Kế hoạch số 198/KH-BCĐ ngày 05/4/2023 của …": a reference on one line (the draft's summary). */
export function referenceLabel(ref: Reference): string {
  if (!ref.type || !ref.number) return ref.raw;
  const date = ref.date ? ` ngày ${formatVnDate(ref.date)}` : '';
  return `${ref.type} số ${ref.number}${date}${ref.issuer ? ` của ${ref.issuer}` : ''}`;
}

/**
 * A reference as an entry of the campaign file's `implements` list: its parts (the date as dd/mm/yyyy), or, when
 * the plan's wording could not be split, its text as written.
 */
export function referenceEntry(ref: Reference): Record<string, string> {
  if (!ref.type || !ref.number) return { text: ref.raw };
  return {
    type: ref.type,
    number: ref.number,
    ...(ref.date ? { date: formatVnDate(ref.date) } : {}),
    ...(ref.issuer ? { issuer: ref.issuer } : {}),
    ...(ref.title ? { title: ref.title } : {}),
  };
}
