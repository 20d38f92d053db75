import type { z } from 'zod';
import { asText, fixedText, type Lang, type Text, WHERE, ZOD } from './messages';

export type PathSegment = string | number;

/**
 * One thing wrong with a campaign definition (or another file dondoc reads): which file, where in it, and
 * what. Kept structured until printed: `formatWhere` and `formatIssue` make the text users see.
 */
export interface DefinitionIssue {
  file: string;
  /**
   * Where in the data, as zod gives it: `['units', 12, 'parent']`, `[]` for the whole document. For a row of a
   * CSV file (`line` set), the path within that row: `['parent']`.
   */
  path: PathSegment[];
  /** The 1-based line in `file`, when the issue is known by its place in the text (syntax errors, CSV rows, templates). */
  line?: number;
  /** With `line`: the 1-based character column (syntax errors, templates). */
  column?: number;
  /** With `line`: the 1-based column (cell) of a CSV row. */
  csvColumn?: number;
  /** Set when the issue is about the file or folder itself (not found, unreadable), not a place in it. */
  subject?: 'file' | 'folder';
  /**
   * Stable: zod's issue code or one of dondoc's own, e.g. `required`, `invalid_type`, `unknown_key`,
   * `duplicate_id`, `unknown_parent`, `cycle`, `invalid_date`, `due_before_issue`, `syntax`, `file_not_found`.
   */
  code: string;
  /** What is wrong, in the file's language (messages.ts), chosen when the issue was made. */
  message: string;
}

/** A path as printed, `units[12].parent`, in Vietnamese (`(cấp cao nhất)` for the whole document). */
export function formatPath(path: readonly PathSegment[]): string {
  return pathIn(path, 'vi');
}

function pathIn(path: readonly PathSegment[], lang: Lang): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || WHERE.topLevel[lang];
}

/** Where an issue is, as printed: `units[12].parent`, `dòng 7: parent`, `dòng 3, cột 8`, `(tệp)`. */
export function formatWhere(issue: DefinitionIssue): string {
  return whereIn(issue, 'vi');
}

/** Where an issue is in `lang`; in English `line 7: parent`, `line 3, column 8`, `(file)`. */
function whereIn(issue: DefinitionIssue, lang: Lang): string {
  if (issue.subject) return WHERE[issue.subject][lang];
  if (issue.line === undefined) return pathIn(issue.path, lang);
  const line = `${WHERE.line[lang]} ${issue.line}`;
  if (issue.column !== undefined) return `${line}, ${WHERE.column[lang]} ${issue.column}`;
  if (issue.csvColumn !== undefined) return `${line}: ${WHERE.column[lang]} ${issue.csvColumn}`;
  return issue.path.length > 0 ? `${line}: ${pathIn(issue.path, lang)}` : line;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type ZodIssue = z.core.$ZodIssue;

/**
 * Turns zod's issues into ours, with messages an administrator can act on, in `lang`. dondoc words most of
 * them itself (messages.ts); the rest keep zod's message, in `lang` when the parse was given zod's locale.
 */
export function fromZodIssues(
  file: string,
  prefix: readonly PathSegment[],
  issues: readonly ZodIssue[],
  lang: Lang = 'vi',
): DefinitionIssue[] {
  return issues.flatMap((issue) =>
    fromZodIssue(file, [...prefix, ...(issue.path as PathSegment[])], issue, lang),
  );
}

function fromZodIssue(file: string, path: PathSegment[], issue: ZodIssue, lang: Lang): DefinitionIssue[] {
  const input = (issue as { input?: unknown }).input;
  const one = (code: string, text: Text) => [{ file, path, code, message: text[lang] }];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        file,
        path: [...path, key],
        code: 'unknown_key',
        message: ZOD.unknownKey(key)[lang],
      }));
    case 'invalid_type':
      return input === undefined
        ? one('required', ZOD.required)
        : one('invalid_type', ZOD.expected(issue.expected, input));
    case 'invalid_value':
      return one('invalid_value', ZOD.notOneOf(input, issue.values.map(String).join(', ')));
    case 'invalid_union':
      return unionIssues(file, path, issue, input, lang);
    case 'too_small':
      return one('too_small', tooSmallText(issue));
    case 'too_big':
      return one(
        'too_big',
        fixedText(issue.message) ??
          (issue.origin === 'string' ? ZOD.tooLong(issue.maximum) : ZOD.atMost(issue.maximum)),
      );
    case 'invalid_format':
      return issue.format === 'email'
        ? one('invalid_email', ZOD.invalidEmail(input))
        : one('invalid_format', ZOD.invalidFormat(input, fixedText(issue.message) ?? asText(issue.message)));
    case 'custom': {
      const params = issue.params as { code?: string; text?: Text } | undefined;
      return one(params?.code ?? 'invalid', params?.text ?? asText(issue.message));
    }
    default:
      return one(issue.code, fixedText(issue.message) ?? asText(issue.message));
  }
}

function unionIssues(
  file: string,
  path: PathSegment[],
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  input: unknown,
  lang: Lang,
): DefinitionIssue[] {
  if ('discriminator' in issue && issue.discriminator) {
    // zod gives the whole object as input and the discriminator in the path: name its value.
    const options = ((issue as { options?: unknown[] }).options ?? []).map(String).join(', ');
    const value = isRecord(input) ? input[issue.discriminator] : undefined;
    return [
      value === undefined
        ? { file, path, code: 'required', message: ZOD.requiredOneOf(options)[lang] }
        : { file, path, code: 'invalid_value', message: ZOD.notOneOf(value, options)[lang] },
    ];
  }
  // A union of a string form and an object form: report the errors of the form the input has.
  const matching = issue.errors.filter(
    (errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0),
  );
  if (matching.length === 1 && matching[0]) return fromZodIssues(file, path, matching[0], lang);
  return [{ file, path, code: 'invalid_value', message: ZOD.notValidHere(input)[lang] }];
}

/** A check's own message (`fixed` in schema.ts), else dondoc's wording by what is too small. */
function tooSmallText(issue: Extract<ZodIssue, { code: 'too_small' }>): Text {
  const own = fixedText(issue.message);
  if (own) return own;
  if (issue.origin === 'array') return ZOD.tooFewItems(issue.minimum);
  return issue.origin === 'string' ? ZOD.notEmpty : ZOD.atLeast(issue.minimum);
}

/** An issue as printed, its place in Vietnamese: `campaign.yaml: units[2].parent: …`. */
export function formatIssue(issue: DefinitionIssue): string {
  return issueIn(issue, 'vi');
}

function issueIn(issue: DefinitionIssue, lang: Lang): string {
  return `${issue.file}: ${whereIn(issue, lang)}: ${issue.message}`;
}

/** An issue in --json output: `path` is the printed place (as `formatWhere`); `pathSegments` the path as data. */
export interface IssueJson {
  file: string;
  path: string;
  pathSegments: PathSegment[];
  line?: number;
  column?: number;
  csvColumn?: number;
  code: string;
  message: string;
}

export function issueJson(issue: DefinitionIssue): IssueJson {
  return jsonIn(issue, 'vi');
}

function jsonIn(issue: DefinitionIssue, lang: Lang): IssueJson {
  const { file, path, line, column, csvColumn, code, message } = issue;
  return {
    file,
    path: whereIn(issue, lang),
    pathSegments: path,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
    ...(csvColumn === undefined ? {} : { csvColumn }),
    code,
    message,
  };
}

const INVALID_DEFINITION: Text = {
  vi: 'định nghĩa chiến dịch không hợp lệ',
  en: 'invalid campaign definition',
};

export class DefinitionError extends Error {
  constructor(
    readonly issues: DefinitionIssue[],
    lang: Lang = 'vi',
  ) {
    super(`${INVALID_DEFINITION[lang]}:\n${issues.map((i) => issueIn(i, lang)).join('\n')}`);
    this.name = 'DefinitionError';
  }
}

/**
 * Issues printed in `lang`, the language their messages were worded in (`LoadResult.lang`):
 * `issues.map(printIn(lang).issue)`. The single-argument functions above print in Vietnamese.
 */
export function printIn(lang: Lang): {
  path: (path: readonly PathSegment[]) => string;
  where: (issue: DefinitionIssue) => string;
  issue: (issue: DefinitionIssue) => string;
  json: (issue: DefinitionIssue) => IssueJson;
} {
  return {
    path: (path) => pathIn(path, lang),
    where: (issue) => whereIn(issue, lang),
    issue: (issue) => issueIn(issue, lang),
    json: (issue) => jsonIn(issue, lang),
  };
}
