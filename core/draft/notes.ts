// Comments of a draft campaign file: where each goes (a path in the data), line ranges, wrapping.

/** A comment above the value at `path`. */
export interface Note {
  path: (string | number)[];
  text: string;
}

/** "dòng 12" or "dòng 12–15". */
export function lineRange(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return 'dòng ?';
  return first === last ? `dòng ${first}` : `dòng ${first}–${last}`;
}

/** "dòng 2, 4, 6, 36" for a few lines, else their range. */
export function lineList(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  return sorted.length > 0 && sorted.length <= 6 ? `dòng ${sorted.join(', ')}` : lineRange(sorted);
}

/** Wraps a comment's text at about `width` characters (a comment cannot fold by itself). */
export function wrap(text: string, width = 100): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/u)) {
      if (line !== '' && line.length + word.length + 1 > width) {
        out.push(line);
        line = `  ${word}`;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(line);
  }
  return out.join('\n');
}
