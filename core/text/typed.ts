// Text a person typed into a form, a command line or a submission file, before it is recorded: who acted
// (`actor`), a reason, a note, a submission's texts. The clients (CLI, portal) clean it (`cleanTyped`): NFC, line
// breaks as LF, and no control or format character, which would drive a terminal (ESC, BEL, OSC 52), split an
// email header (CR, LF in a one-line text) or reorder a line (bidi controls). The unit workflow refuses what
// is still there (`typedProblem`), whichever client sent it. Pure, and bundled into workflows.

import { withoutEscapes } from './printable';

/** Control (C0, DEL, C1) and format characters (bidi controls, zero-width, soft hyphen, BOM). */
const CONTROL = /[\p{Cc}\p{Cf}]/gu;
/** Line breaks of every kind but LF, and tabs. */
const BREAKS = /\r\n?|[\v\f\x85\u2028\u2029]/g;

/**
 * The text as it should be recorded: NFC, terminal escape sequences removed whole, every line break as LF (as a
 * space in a one-line text), tabs as spaces, every other control or format character removed.
 */
export function cleanTyped(text: string, lines = false): string {
  const s = withoutEscapes(text.normalize('NFC')).replace(BREAKS, '\n').replace(/\t/g, ' ');
  return (lines ? s : s.replace(/\n/g, ' ')).replace(CONTROL, (ch) => (ch === '\n' ? ch : ''));
}

/** The first character a recorded text may not hold, as "U+001B"; undefined when there is none. */
export function forbiddenCharacter(text: string, lines = false): string | undefined {
  for (const m of text.matchAll(CONTROL)) {
    const ch = m[0];
    if (lines && ch === '\n') continue;
    return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}

/** "path: …" in Vietnamese when a typed text holds a character it may not; undefined otherwise. */
export function typedProblem(path: string, value: unknown, lines = false): string | undefined {
  if (typeof value !== 'string') return undefined;
  const bad = forbiddenCharacter(value, lines);
  if (!bad) return undefined;
  const what = lines ? 'ký tự điều khiển' : 'ký tự điều khiển hoặc xuống dòng';
  return `${path}: chứa ${what} (${bad}); hãy gõ lại văn bản`;
}

/** Every string in a value (a submission's payload) cleaned, line breaks kept; other values as they are. */
export function cleanTypedDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanTyped(value, true) as T;
  if (Array.isArray(value)) return value.map(cleanTypedDeep) as T;
  // fromEntries defines own properties: a `__proto__` key stays a key.
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanTypedDeep(v)])) as T;
  return value;
}

/** The first string in a value (a submission's payload) that holds a control character, as a problem. */
export function typedProblemDeep(path: string, value: unknown): string | undefined {
  const stack: { path: string; value: unknown }[] = [{ path, value }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const v = item.value;
    if (typeof v === 'string') {
      const problem = typedProblem(item.path, v, true);
      if (problem) return problem;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ path: `${item.path}[${i}]`, value: v[i] });
    } else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) stack.push({ path: `${item.path}.${k}`, value: x });
  }
  return undefined;
}
