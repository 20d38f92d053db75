// Synchronous checks of a submission against its milestone, for update validators. No zod here: this
// runs in the workflow bundle. Returns every problem as "path: message" (in Vietnamese, for the people who
// submit); an empty list means valid.

import type { SubmissionPayload } from '../contract/submission';
import { FIRST_YEAR, isCalendarDate, LAST_YEAR } from '../core/calendar/iso-date';
import type { Field, FieldValue, Milestone } from '../core/definition/types';

/** The media types a document may have (found by looking at its content: access/documents.ts). */
export const DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;
const MEDIA_TYPES: readonly string[] = Object.values(DOCUMENT_TYPES);
const SHA256 = /^[0-9a-f]{64}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The longest text a submission's field may hold (a report's remark, a site's address): about four pages. */
export const MAX_TEXT_CHARS = 20_000;

/**
 * A value as a message quotes it: short, and never a walk through it (a value nested 100,000 deep, sent through
 * the Temporal API, would overflow JSON.stringify's stack). Non-finite numbers are named as what they are.
 */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'một danh sách';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'một bảng';
  return String(value);
}

function checkValue(field: Field, value: unknown, path: string, out: string[]): void {
  if (value === undefined || value === null || value === '') {
    if (field.required) out.push(`${path}: ${field.label} là bắt buộc`);
    return;
  }
  switch (field.type) {
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        out.push(`${path}: ${field.label} phải là số, nhận được ${shown(value)}`);
        return;
      }
      if (field.type === 'integer' && !Number.isInteger(value)) {
        out.push(`${path}: ${field.label} phải là số nguyên, nhận được ${value}`);
      }
      if (field.min !== undefined && value < field.min)
        out.push(`${path}: ${field.label} không được nhỏ hơn ${field.min}, nhận được ${value}`);
      if (field.max !== undefined && value > field.max)
        out.push(`${path}: ${field.label} không được lớn hơn ${field.max}, nhận được ${value}`);
      return;
    case 'text':
      if (typeof value !== 'string')
        out.push(`${path}: ${field.label} phải là văn bản, nhận được ${shown(value)}`);
      else if (value.length > MAX_TEXT_CHARS)
        out.push(`${path}: ${field.label} dài ${value.length} ký tự, tối đa ${MAX_TEXT_CHARS}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean')
        out.push(`${path}: ${field.label} phải là true/false (có/không), nhận được ${shown(value)}`);
      return;
    case 'date':
      if (!isCalendarDate(value)) {
        out.push(
          `${path}: ${field.label} phải là một ngày có thật dạng yyyy-mm-dd (năm ${FIRST_YEAR}–${LAST_YEAR}), nhận được ${shown(value)}`,
        );
      }
      return;
  }
}

function checkRecord(fields: Field[], values: unknown, path: string, out: string[]): void {
  if (!isRecord(values)) {
    out.push(`${path}: phải là một bảng các trường (tên: giá trị)`);
    return;
  }
  const known = new Set(fields.map((f) => f.id));
  for (const key of Object.keys(values)) if (!known.has(key)) out.push(`${path}.${key}: không có trường này`);
  for (const f of fields) checkValue(f, values[f.id], `${path}.${f.id}`, out);
}

/** Local date of an ISO instant written with the campaign zone's offset ("2024-08-20T00:00:00+07:00"). */
function localDateOf(isoInstant: string): string {
  return isoInstant.slice(0, 10);
}

/** The last local day inside a window that ends (exclusive) at `dueAt`, an ISO instant in the campaign's zone. */
function lastDayBefore(dueAt: string): string {
  const day = localDateOf(dueAt);
  if (!/T00:00(:00(\.0+)?)?([+-]|Z)/.test(dueAt)) return day;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

export interface WindowBounds {
  opensAt?: string;
  dueAt: string;
}

const EVENT_FIELDS: Field[] = [
  { id: 'date', label: 'ngày', type: 'date', required: true },
  { id: 'place', label: 'địa điểm', type: 'text', required: true },
  { id: 'attendance', label: 'số người tham dự', type: 'integer', required: true, min: 0 },
];

/** The events held in a window: each with its date (inside the window), place and attendance. */
function checkEvents(events: unknown, bounds: WindowBounds, out: string[]): void {
  if (!Array.isArray(events) || events.length === 0) {
    out.push('payload.events: cần ít nhất một buổi đã tổ chức');
    return;
  }
  const from = bounds.opensAt ? localDateOf(bounds.opensAt) : undefined;
  const last = lastDayBefore(bounds.dueAt);
  events.forEach((e, i) => {
    const path = `payload.events[${i}]`;
    if (!isRecord(e)) {
      out.push(`${path}: mỗi buổi gồm date (ngày), place (địa điểm), attendance (số người)`);
      return;
    }
    for (const f of EVENT_FIELDS) checkValue(f, e[f.id], `${path}.${f.id}`, out);
    for (const key of Object.keys(e)) {
      if (!EVENT_FIELDS.some((f) => f.id === key)) out.push(`${path}.${key}: không có trường này`);
    }
    if (isCalendarDate(e.date) && from && (e.date < from || e.date > last)) {
      out.push(`${path}.date: ngày ${e.date} nằm ngoài thời gian thực hiện (${from} đến ${last})`);
    }
  });
}

/** What a submission of each kind of milestone may hold. */
export const PAYLOAD_PARTS: Readonly<Record<Milestone['kind'], readonly string[]>> = {
  'draft-plan': ['document'],
  plan: ['document'],
  'periodic-report': ['document', 'values'],
  'result-report': ['values', 'document'],
  'site-registration': ['sites', 'document'],
  'event-window': ['events', 'document'],
};

export function checkSubmission(milestone: Milestone, payload: unknown, bounds: WindowBounds): string[] {
  const out: string[] = [];
  if (!isRecord(payload))
    return [`payload: phải là một bảng gồm document, values, sites hoặc events, nhận được ${shown(payload)}`];
  const p = payload as SubmissionPayload & Record<string, unknown>;
  const allowed = PAYLOAD_PARTS;
  const figures = !('outline' in milestone) || milestone.outline.length > 0;
  for (const key of Object.keys(p)) {
    if (!allowed[milestone.kind].includes(key) || (key === 'values' && !figures))
      out.push(`payload.${key}: không thuộc nội dung gửi của mốc loại ${milestone.kind}`);
  }
  switch (milestone.kind) {
    case 'draft-plan':
    case 'plan':
      checkDocument(p.document, out);
      break;
    case 'periodic-report':
    case 'result-report':
      // With an outline the figures are what is owed (the report document beside them optional); without one,
      // the report is a document.
      if (milestone.outline.length > 0) {
        checkRecord(milestone.outline, p.values, 'payload.values', out);
        if (p.document !== undefined) checkDocument(p.document, out);
      } else checkDocument(p.document, out);
      break;
    case 'site-registration':
      if (!Array.isArray(p.sites) || p.sites.length === 0) out.push('payload.sites: cần ít nhất một điểm');
      else {
        p.sites.forEach((s, i) => {
          checkRecord(milestone.siteFields, s, `payload.sites[${i}]`, out);
        });
      }
      if (p.document !== undefined) checkDocument(p.document, out);
      break;
    case 'event-window':
      checkEvents(p.events, bounds, out);
      if (p.document !== undefined) checkDocument(p.document, out);
      break;
  }
  return out;
}

function checkDocument(doc: unknown, out: string[]): void {
  if (!isRecord(doc)) {
    out.push(
      'payload.document: bắt buộc (title: tên văn bản; có thể thêm reference: số hiệu, summary: tóm tắt)',
    );
    return;
  }
  if (typeof doc.title !== 'string' || doc.title.trim() === '')
    out.push('payload.document.title: tên văn bản là bắt buộc');
  for (const key of ['reference', 'summary']) {
    if (doc[key] !== undefined && typeof doc[key] !== 'string')
      out.push(`payload.document.${key}: phải là văn bản`);
  }
  for (const key of ['title', 'reference', 'summary']) {
    const text = doc[key];
    if (typeof text === 'string' && text.length > MAX_TEXT_CHARS)
      out.push(`payload.document.${key}: dài ${text.length} ký tự, tối đa ${MAX_TEXT_CHARS}`);
  }
  for (const key of Object.keys(doc)) {
    if (!['title', 'reference', 'summary', 'file'].includes(key))
      out.push(`payload.document.${key}: không có trường này`);
  }
  if (doc.file !== undefined) checkDocumentRef(doc.file, 'payload.document.file', out);
}

/** A stored document's reference: its sha256, its name, a type among PDF/DOCX/ODT, its size. */
function checkDocumentRef(ref: unknown, path: string, out: string[]): void {
  if (!isRecord(ref)) {
    out.push(`${path}: phải là tham chiếu tệp đã lưu (sha256, name, type, size)`);
    return;
  }
  if (typeof ref.sha256 !== 'string' || !SHA256.test(ref.sha256))
    out.push(`${path}.sha256: phải là mã sha256 (64 chữ số hệ 16, chữ thường)`);
  if (typeof ref.name !== 'string' || ref.name.trim() === '' || ref.name.length > 255)
    out.push(`${path}.name: tên tệp là bắt buộc (tối đa 255 ký tự)`);
  if (typeof ref.type !== 'string' || !MEDIA_TYPES.includes(ref.type))
    out.push(`${path}.type: chỉ nhận tệp PDF, DOCX hoặc ODT, nhận được ${shown(ref.type)}`);
  if (typeof ref.size !== 'number' || !Number.isInteger(ref.size) || ref.size <= 0)
    out.push(`${path}.size: kích thước tệp phải là số nguyên dương, nhận được ${shown(ref.size)}`);
  for (const key of Object.keys(ref)) {
    if (!['sha256', 'name', 'type', 'size'].includes(key)) out.push(`${path}.${key}: không có trường này`);
  }
}

/** Flags for an accepted submission (e.g. fewer sites than the plan asks). */
export function flagsFor(milestone: Milestone, payload: SubmissionPayload): string[] {
  const flags: string[] = [];
  if (
    milestone.kind === 'site-registration' &&
    milestone.minSites &&
    (payload.sites?.length ?? 0) < milestone.minSites
  ) {
    flags.push(`below-min-sites: ${payload.sites?.length ?? 0} of ${milestone.minSites}`);
  }
  if (milestone.kind === 'event-window' && (payload.events?.length ?? 0) < milestone.minEvents) {
    flags.push(`below-min-events: ${payload.events?.length ?? 0} of ${milestone.minEvents}`);
  }
  return flags;
}

export type { FieldValue };
