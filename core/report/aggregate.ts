// What a subtree adds up to: tallies per milestone and report figures per field. Computed by the workflows
// (workflows/aggregate.ts), carried in their messages (contract/), laid out by the report (build.ts).
import type { Aggregate, Campaign, FieldValue } from '../definition/types';

export interface Tally {
  /** Units of the subtree that owe the milestone. */
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  waived: number;
  /** Owed and neither submitted nor waived. */
  missing: number;
}

export type AggValue = number | string | null | { unitId: string; value: FieldValue }[];

export interface SubtreeAggregate {
  unitId: string;
  /** Units in the subtree, this one included. */
  units: number;
  tallies: Record<string, Tally>;
  /** Per report milestone, per outline field. */
  values: Record<string, Record<string, AggValue>>;
  /**
   * Per milestone, per local date (yyyy-mm-dd in the campaign's zone): how many units of the subtree first
   * submitted it that day, counting those whose milestone counts as submitted (`tallies.submitted`).
   */
  byDay?: Record<string, Record<string, number>>;
}

/** milestone id → field id → rule, for every report milestone of the campaign. */
export type AggregationRules = Record<string, Record<string, Aggregate>>;

/** How every report milestone of the campaign adds up: its outline's rule per field. */
export function aggregationRules(c: Pick<Campaign, 'milestones'>): AggregationRules {
  const rules: AggregationRules = {};
  for (const m of c.milestones) {
    if (m.kind === 'result-report' || m.kind === 'periodic-report') {
      rules[m.id] = Object.fromEntries(m.outline.map((f) => [f.id, f.aggregate]));
    }
  }
  return rules;
}
