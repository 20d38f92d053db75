// Adding reports up the tree: a unit's own contribution plus its subordinates' aggregates, by the outline's
// rules, with completeness per milestone. Pure and deterministic: runs inside workflows.
import type { MilestoneState } from '../contract/messages';
import type { Aggregate, FieldValue } from '../core/definition/types';
import type { AggregationRules, AggValue, SubtreeAggregate, Tally } from '../core/report/aggregate';

/**
 * The local date of an instant, in the zone whose offset an ISO instant written in it carries
 * ("2026-08-20T00:00:00+07:00": the schedule's dueAt). No luxon or Intl time zones: this runs in workflows.
 */
export function localDateIn(instant: string, zoned: string): string {
  const t = Date.parse(instant);
  const m = /(?:([+-])(\d{2}):?(\d{2})|Z)$/.exec(zoned);
  const offsetMs = m?.[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  return new Date(t + offsetMs).toISOString().slice(0, 10);
}

function emptyTally(): Tally {
  return { expected: 0, submitted: 0, onTime: 0, late: 0, waived: 0, missing: 0 };
}

function combineValue(rule: Aggregate, a: AggValue | undefined, b: AggValue | undefined): AggValue {
  if (a === undefined || a === null)
    return b ?? (rule === 'list' ? [] : rule === 'sum' || rule === 'count' ? 0 : null);
  if (b === undefined || b === null) return a;
  switch (rule) {
    case 'sum':
    case 'count':
      return (a as number) + (b as number);
    case 'min':
      return a <= b ? a : b;
    case 'max':
      return a >= b ? a : b;
    case 'list':
      return [
        ...(a as { unitId: string; value: FieldValue }[]),
        ...(b as { unitId: string; value: FieldValue }[]),
      ];
  }
}

/** One report's contribution: a value per field, ready to combine. */
function ownValue(rule: Aggregate, unitId: string, value: FieldValue | undefined): AggValue | undefined {
  if (value === undefined || value === '') return undefined;
  switch (rule) {
    case 'sum':
      return typeof value === 'number' ? value : undefined;
    case 'count':
      return value === false ? 0 : 1;
    case 'min':
    case 'max':
      return typeof value === 'boolean' ? undefined : value;
    case 'list':
      return [{ unitId, value }];
  }
}

export function aggregateOf(
  unitId: string,
  own: MilestoneState[],
  children: Iterable<SubtreeAggregate>,
  rules: AggregationRules,
): SubtreeAggregate {
  const result: SubtreeAggregate = { unitId, units: 1, tallies: {}, values: {} };
  const tally = (id: string) => {
    let t = result.tallies[id];
    if (!t) {
      t = emptyTally();
      result.tallies[id] = t;
    }
    return t;
  };
  const addDay = (milestoneId: string, day: string, n: number) => {
    result.byDay ??= {};
    const days = result.byDay[milestoneId] ?? {};
    days[day] = (days[day] ?? 0) + n;
    result.byDay[milestoneId] = days;
  };
  const addValues = (milestoneId: string, values: Record<string, AggValue | undefined>) => {
    const fieldRules = rules[milestoneId];
    if (!fieldRules) return;
    const target = result.values[milestoneId] ?? {};
    for (const [field, rule] of Object.entries(fieldRules)) {
      target[field] = combineValue(rule, target[field], values[field]);
    }
    result.values[milestoneId] = target;
  };

  for (const ms of own) {
    // A milestone the unit only coordinates is owed by others: it counts nowhere (never expected, never missing).
    if (ms.status === 'coordinating') continue;
    const t = tally(ms.id);
    t.expected += 1;
    if (ms.status === 'waived') t.waived += 1;
    else if (ms.status === 'submitted' || ms.status === 'late') {
      t.submitted += 1;
      if (ms.status === 'late') t.late += 1;
      else t.onTime += 1;
      const first = ms.submissions[0];
      if (first) addDay(ms.id, localDateIn(first.at, ms.schedule.dueAt), 1);
    } else t.missing += 1;
    const last = ms.submissions[ms.submissions.length - 1];
    const fieldRules = rules[ms.id];
    if (fieldRules && last?.payload.values && ms.status !== 'waived') {
      const mine: Record<string, AggValue | undefined> = {};
      for (const [field, rule] of Object.entries(fieldRules))
        mine[field] = ownValue(rule, unitId, last.payload.values[field]);
      addValues(ms.id, mine);
    }
  }
  for (const child of children) {
    result.units += child.units;
    for (const [id, ct] of Object.entries(child.tallies)) {
      const t = tally(id);
      t.expected += ct.expected;
      t.submitted += ct.submitted;
      t.onTime += ct.onTime;
      t.late += ct.late;
      t.waived += ct.waived;
      t.missing += ct.missing;
    }
    for (const [id, values] of Object.entries(child.values)) addValues(id, values);
    for (const [id, days] of Object.entries(child.byDay ?? {}))
      for (const [day, n] of Object.entries(days)) addDay(id, day, n);
  }
  return result;
}
