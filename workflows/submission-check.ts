// Synchronous checks of a submission against its milestone, for update validators. No zod here: this
// runs in the workflow bundle. Returns every problem as "path: message"; an empty list means valid.
import type { Field, Milestone } from '../core/definition/types';
import type { FieldValue, SubmissionPayload } from './messages';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkValue(field: Field, value: unknown, path: string, out: string[]): void {
  if (value === undefined || value === null || value === '') {
    if (field.required) out.push(`${path}: ${field.label} is required`);
    return;
  }
  switch (field.type) {
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        out.push(`${path}: ${field.label} must be a number, got ${JSON.stringify(value)}`);
        return;
      }
      if (field.type === 'integer' && !Number.isInteger(value)) {
        out.push(`${path}: ${field.label} must be a whole number, got ${value}`);
      }
      if (field.min !== undefined && value < field.min)
        out.push(`${path}: ${field.label} must be at least ${field.min}, got ${value}`);
      if (field.max !== undefined && value > field.max)
        out.push(`${path}: ${field.label} must be at most ${field.max}, got ${value}`);
      return;
    case 'text':
      if (typeof value !== 'string')
        out.push(`${path}: ${field.label} must be text, got ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean')
        out.push(`${path}: ${field.label} must be true or false, got ${JSON.stringify(value)}`);
      return;
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
        out.push(`${path}: ${field.label} must be a date yyyy-mm-dd, got ${JSON.stringify(value)}`);
      }
      return;
  }
}

function checkRecord(fields: Field[], values: unknown, path: string, out: string[]): void {
  if (!isRecord(values)) {
    out.push(`${path}: must be an object of fields`);
    return;
  }
  const known = new Set(fields.map((f) => f.id));
  for (const key of Object.keys(values)) if (!known.has(key)) out.push(`${path}.${key}: unknown field`);
  for (const f of fields) checkValue(f, values[f.id], `${path}.${f.id}`, out);
}

/** Local date of an ISO instant written with the campaign zone's offset ("2024-08-20T00:00:00+07:00"). */
function localDateOf(isoInstant: string): string {
  return isoInstant.slice(0, 10);
}

export interface WindowBounds {
  opensAt?: string;
  dueAt: string;
}

export function checkSubmission(milestone: Milestone, payload: unknown, bounds: WindowBounds): string[] {
  const out: string[] = [];
  if (!isRecord(payload)) return ['payload: must be an object'];
  const p = payload as SubmissionPayload & Record<string, unknown>;
  const allowed: Record<Milestone['kind'], string[]> = {
    'draft-plan': ['document'],
    plan: ['document'],
    'periodic-report': ['document', 'values'],
    'result-report': ['values'],
    'site-registration': ['sites'],
    'event-window': ['events'],
  };
  for (const key of Object.keys(p)) {
    if (!allowed[milestone.kind].includes(key))
      out.push(`payload.${key}: not part of a ${milestone.kind} submission`);
  }
  switch (milestone.kind) {
    case 'draft-plan':
    case 'plan':
      checkDocument(p.document, out);
      break;
    case 'periodic-report':
      if (milestone.outline.length > 0) checkRecord(milestone.outline, p.values, 'payload.values', out);
      else checkDocument(p.document, out);
      break;
    case 'result-report':
      checkRecord(milestone.outline, p.values, 'payload.values', out);
      break;
    case 'site-registration':
      if (!Array.isArray(p.sites) || p.sites.length === 0) out.push('payload.sites: list at least one site');
      else {
        p.sites.forEach((s, i) => {
          checkRecord(milestone.siteFields, s, `payload.sites[${i}]`, out);
        });
      }
      break;
    case 'event-window': {
      if (!Array.isArray(p.events) || p.events.length === 0) {
        out.push('payload.events: list at least one event held');
        break;
      }
      const from = bounds.opensAt ? localDateOf(bounds.opensAt) : undefined;
      // dueAt is 00:00 of the day after the window's last day.
      const lastExclusive = localDateOf(bounds.dueAt);
      p.events.forEach((e, i) => {
        const path = `payload.events[${i}]`;
        if (!isRecord(e)) {
          out.push(`${path}: must be an object with date, place, attendance`);
          return;
        }
        checkValue({ id: 'date', label: 'date', type: 'date', required: true }, e.date, `${path}.date`, out);
        checkValue(
          { id: 'place', label: 'place', type: 'text', required: true },
          e.place,
          `${path}.place`,
          out,
        );
        checkValue(
          { id: 'attendance', label: 'attendance', type: 'integer', required: true, min: 0 },
          e.attendance,
          `${path}.attendance`,
          out,
        );
        for (const key of Object.keys(e)) {
          if (!['date', 'place', 'attendance'].includes(key)) out.push(`${path}.${key}: unknown field`);
        }
        if (
          typeof e.date === 'string' &&
          DATE.test(e.date) &&
          from &&
          (e.date < from || e.date >= lastExclusive)
        ) {
          out.push(
            `${path}.date: ${e.date} is outside the window (${from} to the end of the day before ${lastExclusive})`,
          );
        }
      });
      break;
    }
  }
  return out;
}

function checkDocument(doc: unknown, out: string[]): void {
  if (!isRecord(doc)) {
    out.push('payload.document: required (title, and optionally reference and summary)');
    return;
  }
  if (typeof doc.title !== 'string' || doc.title.trim() === '') out.push('payload.document.title: required');
  for (const key of ['reference', 'summary']) {
    if (doc[key] !== undefined && typeof doc[key] !== 'string')
      out.push(`payload.document.${key}: must be text`);
  }
  for (const key of Object.keys(doc)) {
    if (!['title', 'reference', 'summary'].includes(key)) out.push(`payload.document.${key}: unknown field`);
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
