// Values left for a person to fill: `dondoc draft` writes "<<CẦN ĐIỀN: what to write>>" wherever the plan did not
// say (an email, a parent, the issue date...). A campaign file holding one is rejected, each placeholder named by
// its path, and the other errors at or under that path (a marker is no email, no date) are left out: they say the
// same thing less clearly.
import type { DefinitionIssue, PathSegment } from './issues';
import { FILE, type Lang } from './messages';

export const PLACEHOLDER_CODE = 'placeholder';

const MARKER = /<<\s*CẦN ĐIỀN\b/u;

/** The marker `dondoc draft` writes: `<<CẦN ĐIỀN: hint>>`. */
export function placeholder(hint: string): string {
  return `<<CẦN ĐIỀN: ${hint.replace(/>>/g, '»').replace(/\s+/g, ' ').trim()}>>`;
}

export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && MARKER.test(value.normalize('NFC'));
}

/** What the marker asks for: the text after "CẦN ĐIỀN:", without the brackets. */
export function placeholderHint(value: string): string {
  const m = /<<\s*CẦN ĐIỀN\s*:?\s*([\s\S]*?)\s*(?:>>|$)/u.exec(value.normalize('NFC'));
  return m?.[1] ?? value;
}

/** Every placeholder in a parsed file (keys included), in document order, with its path. */
export function findPlaceholders(
  value: unknown,
  path: PathSegment[] = [],
): { path: PathSegment[]; value: string }[] {
  if (isPlaceholder(value)) return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => findPlaceholders(v, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(isPlaceholder(k) ? [{ path: [...path, k], value: k }] : []),
      ...findPlaceholders(v, [...path, k]),
    ]);
  }
  return [];
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}

/** One issue per placeholder: where it is and what to write there (the hint as the draft wrote it, in Vietnamese). */
export function placeholderIssues(raw: unknown, file: string, lang: Lang = 'vi'): DefinitionIssue[] {
  return findPlaceholders(raw).map(({ path, value }) => ({
    file,
    path,
    code: PLACEHOLDER_CODE,
    message: FILE.notFilledIn(placeholderHint(value))[lang],
  }));
}

/**
 * The issues of a file holding placeholders: one per placeholder, then the other issues except those at or under
 * a placeholder's path (the schema's complaint about the marker itself, or about what it leaves unknown there).
 * Issues located by line (a CSV row, a syntax error) are kept as they are.
 */
export function withPlaceholderIssues(
  raw: unknown,
  file: string,
  issues: DefinitionIssue[],
  lang: Lang = 'vi',
): DefinitionIssue[] {
  const found = placeholderIssues(raw, file, lang);
  if (found.length === 0) return issues;
  const rest = issues.filter(
    (i) => i.line !== undefined || i.file !== file || !found.some((p) => startsWith(i.path, p.path)),
  );
  return [...found, ...rest];
}
