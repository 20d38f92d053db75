// Finds the deadline and window phrases inside free text (a plan's paragraph, a sentence), with the grammar of
// phrases.ts: only phrases a deadline word introduces ("trước", "chậm nhất", "hạn", "hết", "trong tháng",
// "từ … đến"), never a bare date such as a document's own ("Quyết định số 521/QĐ-TTg ngày 13/6/2005"). Pure.
import {
  DUE_FORMS,
  type DueSpec,
  type PhraseContext,
  type PhraseForm,
  type PhraseResult,
  scanSource,
  WINDOW_FORMS,
  type WindowSpec,
} from './phrases';

export type FoundResult =
  | { kind: 'due'; due: DueSpec }
  | { kind: 'window'; window: WindowSpec }
  /** Why not: `error` in Vietnamese, `errorEn` in English. */
  | { kind: 'invalid'; error: string; errorEn: string };

export interface FoundPhrase {
  /** The phrase as written (line breaks and all). */
  text: string;
  /** Its offset (UTF-16) in the input. */
  index: number;
  result: FoundResult;
}

/**
 * The text the grammar reads (NFC, lower case, one space for any run of spaces) and, for each of its
 * characters, where it comes from in the input: `starts[i]` to `ends[i]`.
 */
interface Normalised {
  s: string;
  starts: number[];
  ends: number[];
}

/** A character and the combining marks that follow it (NFD input), as one unit. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

function normaliseWithMap(text: string): Normalised {
  let s = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of text.matchAll(CLUSTER)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (/^\s$/u.test(match[0])) {
      if (s === '' || s.endsWith(' ')) continue;
      s += ' ';
      starts.push(start);
      ends.push(end);
      continue;
    }
    const out = match[0].normalize('NFC').toLowerCase();
    for (const ch of out) {
      s += ch;
      for (let k = 0; k < ch.length; k++) {
        starts.push(start);
        ends.push(end);
      }
    }
  }
  return { s, starts, ends };
}

interface Candidate {
  start: number;
  end: number;
  read: PhraseResult<DueSpec> | PhraseResult<WindowSpec>;
  kind: 'due' | 'window';
}

type AnyForm = { form: PhraseForm<DueSpec>; kind: 'due' } | { form: PhraseForm<WindowSpec>; kind: 'window' };

const SCANNERS: { re: RegExp; form: AnyForm }[] = [
  ...WINDOW_FORMS.map((form) => ({ form: { form, kind: 'window' } as AnyForm })),
  ...DUE_FORMS.map((form) => ({ form: { form, kind: 'due' } as AnyForm })),
].map(({ form }) => ({ re: new RegExp(scanSource(form.form), 'gu'), form }));

/** The found phrase's result; a reversed window's error names the phrase, as checkWindow's does. */
function toFound({ read: r, kind }: Candidate, written: string): FoundResult {
  if (!r.ok) {
    const named = (error: string) => (r.code === 'window_reversed' ? `"${written}": ${error}` : error);
    return { kind: 'invalid', error: named(r.error), errorEn: named(r.errorEn) };
  }
  return kind === 'due' ? { kind, due: r.value as DueSpec } : { kind, window: r.value as WindowSpec };
}

function candidates(s: string, ctx: PhraseContext): Candidate[] {
  const found: Candidate[] = [];
  for (const { re, form } of SCANNERS) {
    for (const m of s.matchAll(re)) {
      const start = m.index ?? 0;
      const groups = m.slice(1);
      const read = form.kind === 'due' ? form.form.read(groups, ctx) : form.form.read(groups, ctx);
      found.push({ start, end: start + m[0].length, read, kind: form.kind });
    }
  }
  return found;
}

/**
 * Every deadline or window phrase in `text`, in order; a phrase that names a date that does not exist (or
 * lacks a year that `ctx` does not give) comes back as `invalid`, with the reason in Vietnamese and English.
 * Where phrases overlap, the one that starts first wins, then the longest ("từ ngày 01/8 đến hết ngày
 * 19/8/2024" is one window, not a window and an "hết ngày 19/8/2024").
 */
export function findDatePhrases(text: string, ctx: PhraseContext): FoundPhrase[] {
  const { s, starts, ends } = normaliseWithMap(text);
  const sorted = candidates(s, ctx).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FoundPhrase[] = [];
  let taken = 0;
  for (const c of sorted) {
    if (c.start < taken) continue;
    taken = c.end;
    const index = starts[c.start] ?? 0;
    const written = text.slice(index, ends[c.end - 1] ?? text.length);
    out.push({ text: written, index, result: toFound(c, written) });
  }
  return out;
}
