// The head of a plan: issuing body (the heading lines), "Số: …", "<place>, ngày … tháng … năm …", the document
// type and title, and the preamble ("Thực hiện …; Căn cứ …; <issuer> xây dựng kế hoạch như sau:") with the
// documents it implements, each apart. Also the "Nơi nhận" list and a digital signature's date. Pure.
import { isValidYmd } from '../calendar/phrases';
import { parseReference, REFERENCE_START, type Reference } from './references';
import { clauses, markerOf } from './structure';
import { flow, type Line } from './text';

export interface Header {
  /** The heading lines naming the issuing body (upper case, above "Số:"), continuation lines joined. */
  heading: { text: string; lines: number[] }[];
  /** The body that issues the plan as the preamble says ("UBND huyện Bình Sơn ban hành Kế hoạch"). */
  statement?: { name: string; line: number };
  number?: { raw: string; value?: string; line: number };
  date?: { raw: string; place: string; day?: number; month?: number; year?: number; line: number };
  /** yyyy-mm-dd of the first digital signature time stamp at the end ("2024-05-15T10:51:23+0700"). */
  signed?: { date: string; line: number };
  docType?: { text: string; line: number };
  title?: { text: string; lines: number[] };
  preamble?: { text: string; lines: number[] };
  /** What the preamble says the plan implements ("Thực hiện …", "Căn cứ …"), in order. */
  references: Reference[];
  /** The plan's year: its date line's, else its title's ("năm 2024"). */
  year?: { value: number; from: 'date' | 'title' | 'signature' };
}

const DOC_TYPE = /^(KẾ HOẠCH|QUYẾT ĐỊNH|HƯỚNG DẪN|CHỈ THỊ|THÔNG BÁO|CÔNG VĂN|CHƯƠNG TRÌNH|PHƯƠNG ÁN)$/u;
const MOTTO = /CỘNG H[OÒ]À? XÃ HỘI|Độc lập\s*-\s*Tự do/iu;
const NUMBER = /^Số\s*:?\s*(.*)$/u;
const DATE_LINE = /^(.{2,40}?),\s*ngày\b(.*?)\btháng\b(.*?)\bnăm\s*(\d{4})/u;
const PREAMBLE_START = /^(?:Thực hiện|Căn cứ)\s/u;
const STATEMENT =
  /\s(?:ban hành|xây dựng|đề ra|triển khai|xây dựng và ban hành)\s+(?:[Kk]ế hoạch|[Cc]hương trình)(?![\p{L}])/u;
const SIGNATURE = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?$/u;

function isUpper(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase();
}

function num(s: string | undefined): number | undefined {
  const t = (s ?? '').replace(/[^\d]/g, '');
  return t === '' ? undefined : Number(t);
}

function headingLines(lines: readonly Line[]): Header['heading'] {
  const out: Header['heading'] = [];
  for (const l of lines) {
    if (!isUpper(l.text) || MOTTO.test(l.text) || NUMBER.test(l.text)) continue;
    const prev = out[out.length - 1];
    const joins = prev && (/^(?:VÀ|&|-)\s/u.test(l.text) || /(?:,|VÀ|&|-)$/u.test(prev.text));
    if (prev && joins) {
      prev.text = `${prev.text} ${l.text}`;
      prev.lines.push(l.n);
    } else {
      out.push({ text: l.text, lines: [l.n] });
    }
  }
  return out;
}

function numberLine(lines: readonly Line[]): Header['number'] {
  for (const l of lines) {
    const m = NUMBER.exec(l.text);
    if (!m) continue;
    const raw = (m[1] ?? '').replace(/\s*([/-])\s*/g, '$1').trim();
    const value = /^\d+[\w-]*\/\S+/u.test(raw) ? raw : undefined;
    return { raw, ...(value ? { value } : {}), line: l.n };
  }
  return undefined;
}

function dateLine(lines: readonly Line[]): Header['date'] {
  for (const l of lines) {
    const m = DATE_LINE.exec(l.text);
    if (!m) continue;
    const [day, month, year] = [num(m[2]), num(m[3]), num(m[4])];
    const place = (m[1] ?? '').trim();
    return {
      raw: l.text,
      place,
      ...(day ? { day } : {}),
      ...(month ? { month } : {}),
      ...(year ? { year } : {}),
      line: l.n,
    };
  }
  return undefined;
}

/** The yyyy-mm-dd a complete date line gives, if it is a real date. */
export function issuedDate(date: Header['date']): string | undefined {
  if (!date?.day || !date.month || !date.year || !isValidYmd(date.year, date.month, date.day))
    return undefined;
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function signature(lines: readonly Line[]): Header['signed'] {
  for (const l of lines) {
    const m = SIGNATURE.exec(l.text);
    if (m && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3])))
      return { date: `${m[1]}-${m[2]}-${m[3]}`, line: l.n };
  }
  return undefined;
}

/** Splits the preamble into the references it implements and the statement naming the issuer. */
function readPreamble(lines: readonly Line[]): Pick<Header, 'references' | 'statement'> {
  const f = flow(lines);
  const references: Reference[] = [];
  let statement: Header['statement'];
  for (const c of clauses(f.text, { start: 0, end: f.text.length })) {
    let text = f.text.slice(c.start, c.end).replace(/^(?:Thực hiện|Căn cứ(?: vào)?)\s+/u, '');
    const offset = c.end - text.length;
    const verb = STATEMENT.exec(text);
    if (verb) {
      const before = text.slice(0, verb.index);
      const comma = REFERENCE_START.test(before) ? before.lastIndexOf(', ') : -1;
      const name = (comma >= 0 ? before.slice(comma + 2) : before).trim();
      statement = { name, line: f.lineAt(offset + (comma >= 0 ? comma + 2 : 0)) };
      text = comma >= 0 ? before.slice(0, comma) : '';
    }
    if (text.trim() !== '' && REFERENCE_START.test(text.trim())) {
      references.push(parseReference(text, f.linesOf(offset, offset + text.length)));
    }
  }
  return { references, ...(statement ? { statement } : {}) };
}

/** The head of the plan and where its body starts (the index in `body` of the first line after the preamble). */
export function readHeader(body: readonly Line[], all: readonly Line[]): { header: Header; rest: number } {
  const typeAt = body.findIndex((l) => DOC_TYPE.test(l.text));
  const head = typeAt >= 0 ? body.slice(0, typeAt) : [];
  const header: Header = { heading: headingLines(head), references: [] };
  const number = numberLine(head);
  if (number) header.number = number;
  const date = dateLine(head);
  if (date) header.date = date;
  const signed = signature(all);
  if (signed) header.signed = signed;
  let i = typeAt + 1;
  const typeLine = body[typeAt];
  if (typeLine) header.docType = { text: typeLine.text, line: typeLine.n };
  const titleLines: Line[] = [];
  while (typeAt >= 0 && i < body.length && titleLines.length < 3) {
    const l = body[i] as Line;
    if (titleLines.length > 0 && (PREAMBLE_START.test(l.text) || /^[IVX]+\.\s/u.test(l.text))) break;
    titleLines.push(l);
    i++;
    if (/[.:]$/.test(l.text)) break;
  }
  if (titleLines.length > 0)
    header.title = { text: flow(titleLines).text, lines: titleLines.map((l) => l.n) };
  const start = body.findIndex((l, k) => k >= i && PREAMBLE_START.test(l.text));
  let end = start;
  if (start >= 0) {
    const endsPreamble = (k: number) =>
      /như sau\s*:?$/u.test(body[k]?.text ?? '') || (markerOf(body[k + 1]?.text ?? '')?.depth ?? -1) >= 0;
    while (end < body.length - 1 && !endsPreamble(end)) end++;
    const pre = body.slice(start, Math.min(end + 1, body.length));
    header.preamble = { text: flow(pre).text, lines: pre.map((l) => l.n) };
    Object.assign(header, readPreamble(pre));
  }
  const year = header.date?.year
    ? { value: header.date.year, from: 'date' as const }
    : (yearOf(header.title?.text) ??
      (signed ? { value: Number(signed.date.slice(0, 4)), from: 'signature' as const } : undefined));
  if (year) header.year = year;
  return { header, rest: start >= 0 ? end + 1 : i };
}

function yearOf(title: string | undefined): Header['year'] {
  const m = /năm\s+(\d{4})/u.exec(title ?? '');
  return m ? { value: Number(m[1]), from: 'title' } : undefined;
}

/** The "Nơi nhận" list: one entry per "- …" line after it (the text after "Nơi nhận:" too). */
export function recipients(body: readonly Line[]): { entries: { text: string; line: number }[]; at: number } {
  const at = body.findIndex((l) => /^Nơi nhận\s*:?/u.test(l.text));
  if (at < 0) return { entries: [], at: body.length };
  const entries: { text: string; line: number }[] = [];
  const first = body[at] as Line;
  const inline = first.text.replace(/^Nơi nhận\s*:?\s*/u, '');
  if (inline.startsWith('-')) entries.push({ text: inline, line: first.n });
  for (const l of body.slice(at + 1)) {
    if (!/^[-+•]/u.test(l.text)) break;
    entries.push({ text: l.text, line: l.n });
  }
  return {
    entries: entries.map((e) => ({
      text: e.text.replace(/^[-+•]\s*/u, '').replace(/[;.,\s]+$/u, ''),
      line: e.line,
    })),
    at,
  };
}
