import type { z } from 'zod';

/** One thing wrong with a campaign definition: which file, where in it, and what. */
export interface DefinitionIssue {
  file: string;
  /** `units[12].parent`, or `line 7: parent` for a CSV row. */
  path: string;
  code: string;
  message: string;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || '(top level)';
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

/** Turns zod's issues into ours, with messages an administrator can act on. */
export function fromZodIssues(
  file: string,
  prefix: readonly PathSegment[],
  issues: readonly z.core.$ZodIssue[],
): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push({
            file,
            path: formatPath([...path, key]),
            code: 'unknown_key',
            message: `unknown key '${key}'`,
          });
        }
        continue;
      case 'invalid_type':
        out.push({
          file,
          path: formatPath(path),
          code: input === undefined ? 'required' : 'invalid_type',
          message: input === undefined ? 'is required' : `expected ${issue.expected}, got ${describe(input)}`,
        });
        continue;
      case 'invalid_value':
        out.push({
          file,
          path: formatPath(path),
          code: 'invalid_value',
          message: `${describe(input)} is not one of: ${issue.values.map(String).join(', ')}`,
        });
        continue;
      case 'invalid_union': {
        if ('discriminator' in issue && issue.discriminator) {
          // zod gives the whole object as input and the discriminator in the path: name its value.
          const options = ((issue as { options?: unknown[] }).options ?? []).map(String).join(', ');
          const value = isRecord(input) ? input[issue.discriminator] : undefined;
          out.push({
            file,
            path: formatPath(path),
            code: value === undefined ? 'required' : 'invalid_value',
            message:
              value === undefined
                ? `is required (one of: ${options})`
                : `${describe(value)} is not one of: ${options}`,
          });
          continue;
        }
        // A union of a string form and an object form: report the errors of the form the input has.
        const matching = issue.errors.filter(
          (errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0),
        );
        if (matching.length === 1 && matching[0]) {
          out.push(...fromZodIssues(file, path, matching[0]));
        } else {
          out.push({
            file,
            path: formatPath(path),
            code: 'invalid_value',
            message: `${describe(input)} is not valid here`,
          });
        }
        continue;
      }
      case 'too_small':
        out.push({
          file,
          path: formatPath(path),
          code: 'too_small',
          message:
            issue.origin === 'array'
              ? issue.message.startsWith('Too small')
                ? `must have at least ${issue.minimum} item(s)`
                : issue.message
              : issue.origin === 'string'
                ? 'must not be empty'
                : `must be at least ${issue.minimum}`,
        });
        continue;
      case 'too_big':
        out.push({
          file,
          path: formatPath(path),
          code: 'too_big',
          message: `must be at most ${issue.maximum}`,
        });
        continue;
      case 'invalid_format':
        out.push({
          file,
          path: formatPath(path),
          code: issue.format === 'email' ? 'invalid_email' : 'invalid_format',
          message: issue.format === 'email' ? issue.message : `${describe(input)} ${issue.message}`,
        });
        continue;
      case 'custom': {
        const code = (issue.params as { code?: string } | undefined)?.code ?? 'invalid';
        out.push({ file, path: formatPath(path), code, message: issue.message });
        continue;
      }
      default:
        out.push({ file, path: formatPath(path), code: issue.code, message: issue.message });
    }
  }
  return out;
}

export function formatIssue(issue: DefinitionIssue): string {
  return `${issue.file}: ${issue.path}: ${issue.message}`;
}

export class DefinitionError extends Error {
  constructor(readonly issues: DefinitionIssue[]) {
    super(`invalid campaign definition:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'DefinitionError';
  }
}
