// Checks of a campaign's raw data against hostile input, before and beside validate.ts: ids that are the names of
// Object.prototype members (`toString`, `constructor`, `__proto__`…, which aggregation by id would read as
// inherited members), control and bidi-override characters in names, ids, titles and e-mail addresses (CR/LF could
// inject mail headers), unit ids equal but for the placement of tone marks (toneKey), and too many units.
import { HOSTILE } from './hostile-messages';
import { type DefinitionIssue, formatPath, type PathSegment } from './issues';
import { MAX_UNITS } from './limits';
import type { Lang } from './messages';
import { toneKey } from './tone';
import type { UnitOrigin } from './validate';

/** Every member name of Object.prototype: never an id. */
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);
/** The first C0, DEL, C1 or bidi embedding, override or isolate character of `text`, if any. */
function controlIn(text: string): number | undefined {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069)
    ) {
      return c;
    }
  }
  return undefined;
}
/** The keys whose text may hold no control character, wherever they are. */
const PLAIN_KEYS = new Set(['id', 'name', 'title', 'emails', 'issuer', 'parent', 'level', 'label']);

export interface HostileInput {
  file: string;
  lang: Lang;
  /** Where units[i] came from when it was read from a CSV file. */
  origins: (UnitOrigin | undefined)[];
}

type Add = (path: PathSegment[], code: string, message: string) => void;

function locator(input: HostileInput, issues: DefinitionIssue[]): Add {
  return (path, code, message) => {
    const origin = path[0] === 'units' && typeof path[1] === 'number' ? input.origins[path[1]] : undefined;
    if (origin) issues.push({ file: origin.file, line: origin.line, path: path.slice(2), code, message });
    else issues.push({ file: input.file, path, code, message });
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string at a key of PLAIN_KEYS (or in its list): reserved ids and control characters. */
function checkText(add: Add, key: string, path: PathSegment[], value: string, lang: Lang): void {
  const bad = controlIn(value);
  if (bad !== undefined) {
    const code = `U+${bad.toString(16).toUpperCase().padStart(4, '0')}`;
    add(path, 'control_character', HOSTILE.controlChar(code)[lang]);
  }
  if (key === 'id' && RESERVED.has(value)) add(path, 'reserved_id', HOSTILE.reservedId(value)[lang]);
}

/** Every text under PLAIN_KEYS, walked without recursion (a deeply nested file cannot overflow the stack). */
function checkTexts(add: Add, raw: unknown, lang: Lang): void {
  const stack: { value: unknown; path: PathSegment[]; key?: string }[] = [{ value: raw, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path, key } = item;
    if (typeof value === 'string' && key !== undefined) checkText(add, key, path, value, lang);
    else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], path: [...path, i], ...(key === 'emails' ? { key } : {}) });
      }
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value).reverse()) {
        stack.push({ value: v, path: [...path, k], ...(PLAIN_KEYS.has(k) ? { key: k } : {}) });
      }
    }
  }
}

/** Unit ids the same once tone marks are placed alike (hòa/hoà), each named with the other's place. */
function checkToneTwins(add: Add, units: unknown[], input: HostileInput): void {
  const first = new Map<string, { id: string; index: number }>();
  units.forEach((u, index) => {
    if (!isRecord(u) || typeof u.id !== 'string') return;
    const key = toneKey(u.id);
    const seen = first.get(key);
    if (!seen) first.set(key, { id: u.id, index });
    else if (seen.id !== u.id) {
      const origin = input.origins[seen.index];
      const where = origin ? `${origin.file}:${origin.line}` : formatPath(['units', seen.index, 'id']);
      add(['units', index, 'id'], 'duplicate_id', HOSTILE.toneTwin(u.id, seen.id, where)[input.lang]);
    }
  });
}

/** The issue of a campaign with more units than MAX_UNITS, if it has. */
export function unitCountIssue(count: number, file: string, lang: Lang): DefinitionIssue | undefined {
  if (count <= MAX_UNITS) return undefined;
  return {
    file,
    path: ['units'],
    code: 'too_many_units',
    message: HOSTILE.tooManyUnits(count, MAX_UNITS)[lang],
  };
}

/** The hostile-input issues of `raw` (the campaign file with its CSV units merged into `units`). */
export function hostileIssues(raw: Record<string, unknown>, input: HostileInput): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add = locator(input, issues);
  checkTexts(add, raw, input.lang);
  checkToneTwins(add, Array.isArray(raw.units) ? raw.units : [], input);
  return issues;
}
