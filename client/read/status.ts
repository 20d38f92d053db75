// A unit's milestones and a subtree's completeness as people read them, shared by `dondoc status` and the
// staff portal: pure functions of the engine's state and aggregates.

import { noticeCategory } from '../../contract/audit';
import type { MilestoneState } from '../../contract/messages';
import type { MilestoneStatus } from '../../contract/submission';
import type { Tally } from '../../core/report/aggregate';

export interface StatusMilestone {
  id: string;
  kind: string;
  title: string;
  status: MilestoneStatus;
  dueAt: string;
  opensAt?: string;
  submittedAt?: string;
  submittedBy?: string;
  onTime?: boolean;
  /** How long past due, for an overdue milestone. */
  overdueMs?: number;
  flags: string[];
  remindersSent: number;
  escalationsSent: number;
  lastEscalation?: { sentAt: string; to: string[]; recipients: string[] };
  /** The latest extension, approval, return, waiver or closing. */
  lastChange?: { kind: string; at: string; actor: string; reason?: string; detail?: string };
}

export type Completeness = Tally & { completeness: number | null };

/** One milestone of a unit's state, summed up as of `now` (ms). */
export function summariseMilestone(ms: MilestoneState, now: number): StatusMilestone {
  const last = ms.submissions[ms.submissions.length - 1];
  const escalations = ms.sent.filter((n) => noticeCategory(n.kind) === 'escalation');
  const lastEsc = escalations[escalations.length - 1];
  const change = ms.events[ms.events.length - 1];
  return {
    id: ms.id,
    kind: ms.kind,
    title: ms.title,
    status: ms.status,
    dueAt: ms.schedule.dueAt,
    ...(ms.schedule.opensAt ? { opensAt: ms.schedule.opensAt } : {}),
    ...(last ? { submittedAt: last.at, submittedBy: last.actor, onTime: last.onTime } : {}),
    ...(ms.status === 'overdue' ? { overdueMs: now - Date.parse(ms.schedule.dueAt) } : {}),
    flags: ms.flags,
    remindersSent: ms.sent.filter((n) => noticeCategory(n.kind) === 'reminder').length,
    escalationsSent: escalations.length,
    ...(lastEsc
      ? { lastEscalation: { sentAt: lastEsc.sentAt, to: lastEsc.to, recipients: lastEsc.recipients } }
      : {}),
    ...(change
      ? {
          lastChange: {
            kind: change.kind,
            at: change.at,
            actor: change.actor,
            ...(change.reason ? { reason: change.reason } : {}),
            ...(change.detail ? { detail: change.detail } : {}),
          },
        }
      : {}),
  };
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
