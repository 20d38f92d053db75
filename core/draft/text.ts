// A plan's text as `dondoc draft` reads it: NFC, no control characters, numbered lines, and which lines are the
// body (not footnotes at the foot of a page, not page numbers). Pure.

/** One line of the text as read, numbered from 1 (line numbers are what the draft's comments cite). */
export interface Line {
  n: number;
  text: string;
}

/** Body and footnote lines, each without blank lines; footnotes grouped, each with its number when it has one. */
export interface Layout {
  /** The body's usual line width (characters), and whether its lines are wrapped at about that width. */
  width: number;
  wrapped: boolean;
  lines: Line[];
  body: Line[];
  footnotes: { number?: number; lines: Line[] }[];
}

// Control characters (C0, C1) and format characters (bidi overrides and isolates, zero-width, BOM, soft hyphen),
// but the tab and the newline.
const CONTROL = /[\p{Cc}\p{Cf}]/gu;
const keep = (c: string) => (c === '\n' || c === '\t' ? c : '');

/** Vietnamese as NFC whatever the source wrote (composed or not), line ends as \n, no control characters. */
export function normaliseText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .replace(CONTROL, keep)
    .replace(/[\t\u00a0\u2000-\u200a\u202f\u3000]/g, ' ');
}

export function splitLines(text: string): Line[] {
  return normaliseText(text)
    .split('\n')
    .map((t, i) => ({ n: i + 1, text: t.replace(/\s+/g, ' ').trim() }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const PAGE_NUMBER = /^(?:-\s*)?\d{1,3}(?:\s*-)?$/;
const FOOTNOTE_START = /^(\d{1,2})\s+[\p{Lu}(“"]/u;
const ENDS_SENTENCE = /(?:[.!?…;]|\.\.\.|\)\.)$/;

/**
 * A text extracted from a printed page wraps its lines at about the same width; footnotes, in a smaller font,
 * run wider. Lines much wider than the body's median are footnotes, with the short last line of a footnote that
 * ends its sentence. Text whose lines are whole paragraphs (most DOCX) has no such width: nothing is a footnote.
 */
export function layout(text: string): Layout {
  const lines = splitLines(text);
  const filled = lines.filter((l) => l.text !== '' && !PAGE_NUMBER.test(l.text));
  const width = median(filled.map((l) => l.text.length));
  const near = filled.filter((l) => Math.abs(l.text.length - width) <= width * 0.2).length;
  const wrapped = filled.length >= 20 && near >= filled.length * 0.5;
  const body: Line[] = [];
  const footnotes: Layout['footnotes'] = [];
  let open: { number?: number; lines: Line[] } | undefined;
  for (const line of filled) {
    const len = line.text.length;
    const start = FOOTNOTE_START.exec(line.text);
    const wide = wrapped && (len >= width * 1.3 || (start !== null && len >= width * 1.2));
    const last = open?.lines[open.lines.length - 1];
    const tail = wrapped && last && !ENDS_SENTENCE.test(last.text) && ENDS_SENTENCE.test(line.text);
    if (wide && start) {
      open = {
        number: Number(start[1]),
        lines: [{ n: line.n, text: line.text.slice(start[1]?.length ?? 0).trim() }],
      };
      footnotes.push(open);
    } else if (wide || (tail && len < width * 1.2 && open)) {
      if (!open) {
        open = { lines: [] };
        footnotes.push(open);
      }
      open.lines.push(line);
      if (tail && !wide) open = undefined;
    } else {
      body.push(line);
      open = undefined;
    }
  }
  return { lines, body, footnotes, width, wrapped };
}

/** Lines joined with single spaces, and the line of each character: phrases may run over a line break. */
export interface Flow {
  text: string;
  lineAt(index: number): number;
  /** The lines a span [from, to) runs over. */
  linesOf(from: number, to: number): number[];
}

export function flow(lines: readonly Line[], breakAfter?: number): Flow {
  const starts: number[] = [];
  let text = '';
  let previous: number | undefined;
  for (const l of lines) {
    if (l.text === '') continue;
    // A heading ends at its line: "\n" keeps "…Thể thao huyện" and "Tổ chức phát sóng…" apart.
    if (text !== '') text += previous === breakAfter ? '\n' : ' ';
    previous = l.n;
    starts.push(text.length);
    text += l.text;
  }
  const numbers = lines.filter((l) => l.text !== '').map((l) => l.n);
  const lineAt = (index: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return numbers[lo] ?? 0;
  };
  const linesOf = (from: number, to: number): number[] => {
    const a = lineAt(from);
    const b = lineAt(Math.max(from, to - 1));
    return numbers.filter((n) => n >= a && n <= b);
  };
  return { text, lineAt, linesOf };
}
