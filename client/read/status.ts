// A unit's milestones and a subtree's completeness as people read them, shared by `dondoc status` and the
// staff portal: pure functions of the engine's state and aggregates.

import type { MilestoneState } from '../../contract/messages';
import { type MilestoneSummary, milestoneSummary } from '../../contract/status';
import type { Tally } from '../../core/report/aggregate';

/** A milestone as `status` shows it: its summary, and for an overdue one how long past due. */
export type StatusMilestone = MilestoneSummary & {
  /** How long past due, for an overdue milestone. */
  overdueMs?: number;
};

export type Completeness = Tally & { completeness: number | null };

/** One milestone of a unit's state, summed up as of `now` (ms). */
export function summariseMilestone(ms: MilestoneState, now: number): StatusMilestone {
  return asOf(milestoneSummary(ms), now);
}

/** A milestone's summary (from a state or a status memo) as of `now` (ms). */
export function asOf(s: MilestoneSummary, now: number): StatusMilestone {
  return s.status === 'overdue' ? { ...s, overdueMs: now - Date.parse(s.dueAt) } : s;
}

/** Submitted or waived, out of expected; null when nothing is expected. */
export function completenessOf(t: Tally): Completeness {
  return { ...t, completeness: t.expected === 0 ? null : (t.submitted + t.waived) / t.expected };
}

/** Every milestone's tally of a subtree with its completeness. */
export function completenessByMilestone(tallies: Record<string, Tally>): Record<string, Completeness> {
  const out: Record<string, Completeness> = {};
  for (const [id, t] of Object.entries(tallies)) out[id] = completenessOf(t);
  return out;
}
