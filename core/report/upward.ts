// The figures of the issuer's report upward (a milestone with `reportsTo`), taken from the campaign's aggregate
// of the milestones it reports on: each outline field from the first of them with a figure under the same id.
// What the portal's form and `dondoc submit` start from; the issuer may change them before sending. Pure.
import type { FieldValue, Milestone, OutlineField } from '../definition/types';
import type { AggValue, SubtreeAggregate } from './aggregate';

/** Whether a milestone is the issuer's report upward. */
export function isUpward(m: Milestone): m is Extract<Milestone, { outline: OutlineField[] }> {
  return (m.kind === 'result-report' || m.kind === 'periodic-report') && Boolean(m.reportsTo);
}

/** One aggregated figure as the field's value; undefined when it does not fit the field's type. */
function valueFor(field: OutlineField, v: AggValue | undefined): FieldValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) {
    if (field.type !== 'text' || v.length === 0) return undefined;
    return v
      .map((e) => (typeof e.value === 'boolean' ? (e.value ? 'có' : 'không') : String(e.value)))
      .join('; ');
  }
  switch (field.type) {
    case 'integer':
    case 'number':
      return typeof v === 'number' ? v : undefined;
    case 'text':
      return String(v);
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
    case 'boolean':
      return undefined;
  }
}

/** The upward report's figures from the aggregate (none for any other milestone, or without an aggregate). */
export function upwardValues(
  m: Milestone,
  aggregate: SubtreeAggregate | undefined,
): Record<string, FieldValue> {
  if (!isUpward(m) || !aggregate) return {};
  const sources = (m.reportsOn ?? []).map((id) => aggregate.values[id]).filter((v) => v !== undefined);
  const out: Record<string, FieldValue> = {};
  for (const f of m.outline) {
    for (const source of sources) {
      const v = valueFor(f, source[f.id]);
      if (v === undefined) continue;
      out[f.id] = v;
      break;
    }
  }
  return out;
}
