import type { z } from 'zod';

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
  message: string;
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || '(top level)';
}

/** Where an issue is, as printed: `units[12].parent`, `line 7: parent`, `line 3, column 8`, `(file)`. */
export function formatWhere(issue: DefinitionIssue): string {
  if (issue.subject) return `(${issue.subject})`;
  if (issue.line === undefined) return formatPath(issue.path);
  const line = `line ${issue.line}`;
  if (issue.column !== undefined) return `${line}, column ${issue.column}`;
  if (issue.csvColumn !== undefined) return `${line}: column ${issue.csvColumn}`;
  return issue.path.length > 0 ? `${line}: ${formatPath(issue.path)}` : line;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  return `${typeof value} ${String(value)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type ZodIssue = z.core.$ZodIssue;

/** Turns zod's issues into ours, with messages an administrator can act on. */
export function fromZodIssues(
  file: string,
  prefix: readonly PathSegment[],
  issues: readonly ZodIssue[],
): DefinitionIssue[] {
  return issues.flatMap((issue) => fromZodIssue(file, [...prefix, ...(issue.path as PathSegment[])], issue));
}

function fromZodIssue(file: string, path: PathSegment[], issue: ZodIssue): DefinitionIssue[] {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        file,
        path: [...path, key],
        code: 'unknown_key',
        message: `unknown key '${key}'`,
      }));
    case 'invalid_type':
      return [
        {
          file,
          path,
          code: input === undefined ? 'required' : 'invalid_type',
          message: input === undefined ? 'is required' : `expected ${issue.expected}, got ${describe(input)}`,
        },
      ];
    case 'invalid_value':
      return [
        {
          file,
          path,
          code: 'invalid_value',
          message: `${describe(input)} is not one of: ${issue.values.map(String).join(', ')}`,
        },
      ];
    case 'invalid_union':
      return unionIssues(file, path, issue, input);
    case 'too_small':
      return [{ file, path, code: 'too_small', message: tooSmallMessage(issue) }];
    case 'too_big':
      return [{ file, path, code: 'too_big', message: `must be at most ${issue.maximum}` }];
    case 'invalid_format':
      return [
        {
          file,
          path,
          code: issue.format === 'email' ? 'invalid_email' : 'invalid_format',
          message: issue.format === 'email' ? issue.message : `${describe(input)} ${issue.message}`,
        },
      ];
    case 'custom': {
      const code = (issue.params as { code?: string } | undefined)?.code ?? 'invalid';
      return [{ file, path, code, message: issue.message }];
    }
    default:
      return [{ file, path, code: issue.code, message: issue.message }];
  }
}

function unionIssues(
  file: string,
  path: PathSegment[],
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  input: unknown,
): DefinitionIssue[] {
  if ('discriminator' in issue && issue.discriminator) {
    // zod gives the whole object as input and the discriminator in the path: name its value.
    const options = ((issue as { options?: unknown[] }).options ?? []).map(String).join(', ');
    const value = isRecord(input) ? input[issue.discriminator] : undefined;
    return [
      {
        file,
        path,
        code: value === undefined ? 'required' : 'invalid_value',
        message:
          value === undefined
            ? `is required (one of: ${options})`
            : `${describe(value)} is not one of: ${options}`,
      },
    ];
  }
  // A union of a string form and an object form: report the errors of the form the input has.
  const matching = issue.errors.filter(
    (errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0),
  );
  if (matching.length === 1 && matching[0]) return fromZodIssues(file, path, matching[0]);
  return [{ file, path, code: 'invalid_value', message: `${describe(input)} is not valid here` }];
}

function tooSmallMessage(issue: Extract<ZodIssue, { code: 'too_small' }>): string {
  if (issue.origin === 'array') {
    return issue.message.startsWith('Too small')
      ? `must have at least ${issue.minimum} item(s)`
      : issue.message;
  }
  return issue.origin === 'string' ? 'must not be empty' : `must be at least ${issue.minimum}`;
}

export function formatIssue(issue: DefinitionIssue): string {
  return `${issue.file}: ${formatWhere(issue)}: ${issue.message}`;
}

/** An issue in --json output: `path` is the printed place, as before; `pathSegments` the path as data. */
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
  const { file, path, line, column, csvColumn, code, message } = issue;
  return {
    file,
    path: formatWhere(issue),
    pathSegments: path,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
    ...(csvColumn === undefined ? {} : { csvColumn }),
    code,
    message,
  };
}

export class DefinitionError extends Error {
  constructor(readonly issues: DefinitionIssue[]) {
    super(`invalid campaign definition:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'DefinitionError';
  }
}
