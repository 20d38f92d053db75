// A unit's form, as plain functions: what the browser sent (field names as in the portal plan) → what was
// typed (kept to show the form again) → a SubmissionPayload for the engine; and the engine's "path: message"
// problems → messages by form field. No I/O here: unit-tested in test/portal/forms.test.ts.
// Over 400 lines: the form's round trip (read, keep, convert, map errors back) is one contract between the
// page and the engine, tested as one in test/portal/forms.test.ts; each step is its own function.
import { booleanCell, EVENT_FIELDS } from '../../client/payload';
import type { DocumentRef, SubmissionPayload } from '../../contract/submission';
import { parseLocalDate } from '../../core/calendar/phrases';
import type { Field, FieldValue, Milestone } from '../../core/definition/types';
import { parseNumber } from '../../core/text/numbers';
import type { Lang } from '../layout';

/** A file part of a multipart form, read into memory (bounded by the upload limit). */
export interface UploadedFile {
  filename: string;
  data: Buffer;
  /** The part was longer than the limit and was cut: refused. */
  truncated: boolean;
  mimetype?: string;
}

/** A parsed form body: multipart (files as UploadedFile) or urlencoded; a repeated name gives an array. */
export type FormBody = Record<string, unknown>;

export function isUploadedFile(v: unknown): v is UploadedFile {
  return (
    typeof v === 'object' &&
    v !== null &&
    Buffer.isBuffer((v as UploadedFile).data) &&
    typeof (v as UploadedFile).filename === 'string'
  );
}

/** The text of a field ('' when absent; the first of repeated values). */
export function textOf(body: FormBody, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

/** A file the person chose (a file input left empty sends a part with no name and no content: absent). */
export function fileOf(body: FormBody, name: string): UploadedFile | undefined {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  if (!isUploadedFile(first)) return undefined;
  if (first.filename === '' && first.data.length === 0 && !first.truncated) return undefined;
  return first;
}

// --- Field names (portal plan) --------------------------------------------------------------------------------

export const FIELD = {
  csrf: '_csrf',
  /** The form's own id, minted when it is shown: posted twice (a retry after an error page), it is recorded once. */
  submission: '_submission',
  actorName: 'actor_name',
  actorPosition: 'actor_position',
  note: 'note',
  documentFile: 'document_file',
  /** The kept upload: a signed DocumentRef (portal/unit/docref.ts), so a file is not chosen twice. */
  documentFileRef: 'document_file_ref',
  documentTitle: 'document_title',
  documentReference: 'document_reference',
  documentSummary: 'document_summary',
  sitesFile: 'sites_file',
  action: 'action',
  /** Errors not tied to one field. */
  form: '_form',
} as const;

export const valueName = (fieldId: string) => `v.${fieldId}`;

export type RowKind = 'site' | 'event';
export const rowName = (kind: RowKind, i: number, fieldId: string) => `${kind}.${i}.${fieldId}`;
/** A hidden marker per table row, so that a row of unticked boxes still exists. */
export const ROW_MARKER = '_row';

export function rowKindOf(m: Milestone): RowKind | undefined {
  if (m.kind === 'site-registration') return 'site';
  if (m.kind === 'event-window') return 'event';
  return undefined;
}

/** The engine's event fields (their labels come from portal/i18n.ts). */
export const EVENT_FIELD_IDS = ['date', 'place', 'attendance'] as const;

export function rowFieldIds(m: Milestone): string[] {
  if (m.kind === 'site-registration') return m.siteFields.map((f) => f.id);
  if (m.kind === 'event-window') return [...EVENT_FIELD_IDS];
  return [];
}

/** The outline whose figures the form asks for (reports), else none. */
export function outlineOf(m: Milestone): Field[] {
  return m.kind === 'result-report' || m.kind === 'periodic-report' ? m.outline : [];
}

/** Plans, draft plans and a report without an outline are a document: its file is required. */
export function documentRequired(m: Milestone): boolean {
  return m.kind === 'plan' || m.kind === 'draft-plan' || ('outline' in m && m.outline.length === 0);
}

/** Reports with figures, site registrations and event windows may carry a document beside them. */
export function documentOptional(m: Milestone): boolean {
  return !documentRequired(m);
}

// --- What was typed -------------------------------------------------------------------------------------------

/** Everything the person typed, as text, to show the form again exactly (files aside). */
export interface FormState {
  actorName: string;
  actorPosition: string;
  note: string;
  documentTitle: string;
  documentReference: string;
  documentSummary: string;
  /** The signed reference of a file already stored (hidden field), or ''. */
  documentFileRef: string;
  /** Outline field id → text ('on' for a ticked box). */
  values: Record<string, string>;
  /** Site or event rows: field id → text. */
  rows: Record<string, string>[];
}

export const MAX_ROWS = 1000;

export function emptyState(m: Milestone): FormState {
  return {
    actorName: '',
    actorPosition: '',
    note: '',
    documentTitle: '',
    documentReference: '',
    documentSummary: '',
    documentFileRef: '',
    values: {},
    rows: rowKindOf(m) ? [emptyRow(m)] : [],
  };
}

export function emptyRow(m: Milestone): Record<string, string> {
  return Object.fromEntries(rowFieldIds(m).map((id) => [id, '']));
}

export function readForm(m: Milestone, body: FormBody): FormState {
  const kind = rowKindOf(m);
  const ids = rowFieldIds(m);
  const rows: Record<string, string>[] = [];
  if (kind) {
    const known = new Set([...ids, ROW_MARKER]);
    const pattern = new RegExp(`^${kind}\\.(\\d{1,4})\\.(.+)$`);
    const indices = new Set<number>();
    for (const key of Object.keys(body)) {
      const match = pattern.exec(key);
      if (match?.[1] && match[2] && known.has(match[2])) indices.add(Number(match[1]));
    }
    for (const i of [...indices].sort((a, b) => a - b).slice(0, MAX_ROWS)) {
      rows.push(Object.fromEntries(ids.map((id) => [id, textOf(body, rowName(kind, i, id))])));
    }
  }
  return {
    actorName: textOf(body, FIELD.actorName),
    actorPosition: textOf(body, FIELD.actorPosition),
    note: textOf(body, FIELD.note),
    documentTitle: textOf(body, FIELD.documentTitle),
    documentReference: textOf(body, FIELD.documentReference),
    documentSummary: textOf(body, FIELD.documentSummary),
    documentFileRef: textOf(body, FIELD.documentFileRef),
    values: Object.fromEntries(outlineOf(m).map((f) => [f.id, textOf(body, valueName(f.id))])),
    rows,
  };
}

export type FormAction = { kind: 'submit' } | { kind: 'add-row' } | { kind: 'remove-row'; index: number };

/** The `action` button pressed: `submit` (also when absent), `add-row` or `remove-row:<i>`. */
export function actionOf(body: FormBody): FormAction {
  const a = textOf(body, FIELD.action);
  if (a === 'add-row') return { kind: 'add-row' };
  const remove = /^remove-row:(\d{1,4})$/.exec(a);
  if (remove) return { kind: 'remove-row', index: Number(remove[1]) };
  return { kind: 'submit' };
}

/** The rows after pressing "add a row" or "remove row i" (never fewer than one row on the page). */
export function applyRowAction(m: Milestone, rows: Record<string, string>[], action: FormAction) {
  if (action.kind === 'add-row') return rows.length >= MAX_ROWS ? rows : [...rows, emptyRow(m)];
  if (action.kind === 'remove-row') {
    const left = rows.filter((_, i) => i !== action.index);
    return left.length > 0 ? left : [emptyRow(m)];
  }
  return rows;
}

// --- Typed values ---------------------------------------------------------------------------------------------

/** How people write numbers (core/text/numbers.ts; the CLI's submission CSVs read them the same way). */
export { parseNumber };

/** A number written back for the form, as the page's language writes it (no grouping). */
export function formatNumber(n: number, lang: Lang): string {
  const s = String(n);
  return lang === 'en' ? s : s.replace('.', ',');
}

/** A ticked checkbox (browsers send "on"), or the words a list may use. */
export function isTicked(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === 'on' || booleanCell(t) === true;
}

/** One field's value as the engine takes it; undefined when left empty. What cannot be read stays text, for
 * the validator to name. */
export function fieldValue(field: Field, text: string, lang: Lang): FieldValue | undefined {
  if (field.type === 'boolean') return isTicked(text);
  const s = text.trim();
  if (s === '') return undefined;
  switch (field.type) {
    case 'integer':
    case 'number':
      return parseNumber(s, lang) ?? s;
    case 'date':
      return parseLocalDate(s) ?? s;
    case 'text':
      return s;
  }
}

/** A value read from a list (CSV/xlsx) written back into the form's text. */
export function fieldText(field: Field, value: FieldValue | undefined, lang: Lang): string {
  if (value === undefined) return '';
  if (field.type === 'boolean') return value === true ? 'on' : '';
  if (typeof value === 'number') return formatNumber(value, lang);
  return String(value);
}

function rowIsBlank(fields: Field[], row: Record<string, string>): boolean {
  return fields.every((f) =>
    f.type === 'boolean' ? !isTicked(row[f.id] ?? '') : (row[f.id] ?? '').trim() === '',
  );
}

/** "Nguyễn Văn A (Chánh Văn phòng)": the actor the engine records. */
export function actorOf(name: string, position: string): string {
  const n = name.trim().replace(/\s+/g, ' ');
  const p = position.trim().replace(/\s+/g, ' ');
  if (n === '') return '';
  return p ? `${n} (${p})` : n;
}

function baseName(file: string): string {
  return file.replace(/\.[^.]*$/, '') || file;
}

export interface BuiltPayload {
  payload: SubmissionPayload;
  /** For each row sent (payload.sites[k] / payload.events[k]), the form's row it came from. */
  rowIndex: number[];
}

/**
 * The payload from what was typed: figures typed (with Vietnamese or English number writing), rows that are
 * not blank, the document with its stored file. The engine's own checks run on the result.
 */
export function toPayload(
  m: Milestone,
  state: FormState,
  opts: { lang: Lang; file?: DocumentRef; eventFields?: Field[] },
): BuiltPayload {
  const { lang, file } = opts;
  const payload: SubmissionPayload = {};
  const rowIndex: number[] = [];
  const document = (title: string) => ({
    title,
    ...(state.documentReference.trim() ? { reference: state.documentReference.trim() } : {}),
    ...(state.documentSummary.trim() ? { summary: state.documentSummary.trim() } : {}),
    ...(file ? { file } : {}),
  });
  if (documentRequired(m)) {
    payload.document = document(state.documentTitle.trim());
  } else if (documentOptional(m) && (file || state.documentTitle.trim())) {
    payload.document = document(state.documentTitle.trim() || (file ? baseName(file.name) : ''));
  }
  const outline = outlineOf(m);
  if (outline.length > 0) {
    const values: Record<string, FieldValue> = {};
    for (const f of outline) {
      const v = fieldValue(f, state.values[f.id] ?? '', lang);
      if (v !== undefined) values[f.id] = v;
    }
    payload.values = values;
  }
  const rowFields: Field[] =
    m.kind === 'site-registration'
      ? m.siteFields
      : m.kind === 'event-window'
        ? (opts.eventFields ?? EVENT_FIELDS)
        : [];
  if (rowFields.length > 0) {
    const records: Record<string, FieldValue>[] = [];
    state.rows.forEach((row, i) => {
      if (rowIsBlank(rowFields, row)) return;
      const record: Record<string, FieldValue> = {};
      for (const f of rowFields) {
        const v = fieldValue(f, row[f.id] ?? '', lang);
        if (v !== undefined) record[f.id] = v;
      }
      records.push(record);
      rowIndex.push(i);
    });
    if (m.kind === 'site-registration') payload.sites = records;
    else payload.events = records as NonNullable<SubmissionPayload['events']>;
  }
  return { payload, rowIndex };
}

// --- Errors by field ------------------------------------------------------------------------------------------

export type FieldErrors = Record<string, string[]>;

export function addError(errors: FieldErrors, field: string, message: string): void {
  const list = errors[field] ?? [];
  if (!list.includes(message)) list.push(message);
  errors[field] = list;
}

/**
 * The problems in a refusal: the validator's "nội dung không hợp lệ: a; b; c" (possibly behind the client's
 * "bị từ chối: ") split into its "path: message" parts; any other message is one problem.
 */
export function engineProblems(message: string): string[] {
  const s = message
    .trim()
    .replace(/^bị từ chối:\s*/, '')
    .replace(/^nội dung không hợp lệ:\s*/, '');
  return s
    .split(/;\s+(?=(?:payload(?:[.[]|\s*:)|actor\s*:))/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

const PROBLEM = /^(actor|payload(?:\.[^.[\]:\s]+|\[\d+\])*)\s*:\s*([\s\S]*)$/;
const DOCUMENT_FIELDS: Record<string, string> = {
  title: FIELD.documentTitle,
  reference: FIELD.documentReference,
  summary: FIELD.documentSummary,
  file: FIELD.documentFile,
};

/** The form field a problem's path points at, e.g. payload.sites[2].name → site.<row>.name. */
export function fieldOfPath(path: string, rowIndex: number[]): string {
  if (path === 'actor') return FIELD.actorName;
  const values = /^payload\.values\.([^.[\]]+)/.exec(path);
  if (values?.[1]) return valueName(values[1]);
  const row = /^payload\.(sites|events)(?:\[(\d+)\](?:\.([^.[\]]+))?)?/.exec(path);
  if (row?.[1]) {
    const kind: RowKind = row[1] === 'sites' ? 'site' : 'event';
    if (row[2] === undefined) return `${row[1]}`;
    const k = Number(row[2]);
    const i = rowIndex[k] ?? k;
    return row[3] ? rowName(kind, i, row[3]) : `${kind}.${i}`;
  }
  const doc = /^payload\.document(?:\.([^.[\]]+))?/.exec(path);
  if (doc) return (doc[1] && DOCUMENT_FIELDS[doc[1]]) || FIELD.documentTitle;
  return FIELD.form;
}

/** Each problem next to its field: { 'v.attendance': ['Số người tham dự phải là số, ...'], ... }. */
export function errorsByField(problems: string[], rowIndex: number[] = []): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    const match = PROBLEM.exec(p);
    if (!match?.[1]) {
      addError(errors, FIELD.form, p);
      continue;
    }
    addError(errors, fieldOfPath(match[1], rowIndex), (match[2] ?? '').trim() || p);
  }
  return errors;
}
