// What `dondoc status` shows of a unit and a campaign, as the workflows publish it in their memo: the server
// answers it (describe) without asking a worker, so status stays quick while the worker is saturated. Pure
// and small (no submission values, only tallies): it is rewritten in history each time it changes.
// Imports only the contract and types: safe in the workflow bundle.
import type { SubtreeAggregate, Tally } from '../core/report/aggregate';
import { noticeCategory } from './audit';
import type { AdminEvent, CampaignState, MilestoneState } from './messages';
import type { MilestoneStatus } from './submission';

/** The memo key of a unit workflow's status, and of the campaign workflow's. */
export const UNIT_STATUS_MEMO = 'dondocStatus';
export const CAMPAIGN_STATUS_MEMO = 'dondocCampaign';

/** One milestone of a unit as people read it (how long overdue is the reader's to work out, from `dueAt`). */
export interface MilestoneSummary {
  id: string;
  kind: string;
  title: string;
  status: MilestoneStatus;
  dueAt: string;
  opensAt?: string;
  submittedAt?: string;
  submittedBy?: string;
  onTime?: boolean;
  flags: string[];
  remindersSent: number;
  escalationsSent: number;
  lastEscalation?: { sentAt: string; to: string[]; recipients: string[] };
  /** The latest extension, approval, return, waiver or closing. */
  lastChange?: { kind: string; at: string; actor: string; reason?: string; detail?: string };
}

/** A subtree's completeness without its submitted values. */
export interface SubtreeTallies {
  units: number;
  tallies: Record<string, Tally>;
  byDay?: SubtreeAggregate['byDay'];
}

export interface UnitStatusMemo {
  v: 1;
  milestones: MilestoneSummary[];
  subtree: SubtreeTallies;
}

export interface CampaignStatusMemo {
  v: 1;
  closed: boolean;
  cancelled: boolean;
  startedAt: string;
  closedAt?: string;
  archive?: string;
  events: AdminEvent[];
  total: SubtreeTallies;
}

export function milestoneSummary(ms: MilestoneState): MilestoneSummary {
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

export function subtreeTallies(agg: SubtreeAggregate): SubtreeTallies {
  return { units: agg.units, tallies: agg.tallies, ...(agg.byDay ? { byDay: agg.byDay } : {}) };
}

/** The aggregate a memo stands for, as the readers of aggregates expect it (with no values). */
export function aggregateOfTallies(unitId: string, t: SubtreeTallies): SubtreeAggregate {
  return { unitId, units: t.units, tallies: t.tallies, values: {}, ...(t.byDay ? { byDay: t.byDay } : {}) };
}

export function unitStatusMemo(milestones: MilestoneState[], subtree: SubtreeAggregate): UnitStatusMemo {
  return { v: 1, milestones: milestones.map(milestoneSummary), subtree: subtreeTallies(subtree) };
}

export function campaignStatusMemo(s: CampaignState): CampaignStatusMemo {
  return {
    v: 1,
    closed: s.closed,
    cancelled: s.cancelled,
    startedAt: s.startedAt,
    ...(s.closedAt ? { closedAt: s.closedAt } : {}),
    ...(s.archive ? { archive: s.archive } : {}),
    events: s.events,
    total: subtreeTallies(s.total),
  };
}

/**
 * The memo a run passes to the run it continues as (from `workflowInfo().memo`): all of it (who started the
 * campaign too) once it holds a status, so the next run shows that status from its start instead of nothing
 * until its first task. Undefined for a run that published none (it continues as it always did).
 */
export function carriedStatusMemo(
  memo: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  return memo && (UNIT_STATUS_MEMO in memo || CAMPAIGN_STATUS_MEMO in memo) ? memo : undefined;
}

/** A memo as read back (from an older or a foreign workflow it may be anything): the shape, or undefined. */
export function readUnitStatusMemo(memo: Record<string, unknown> | undefined): UnitStatusMemo | undefined {
  const m = memo?.[UNIT_STATUS_MEMO] as Partial<UnitStatusMemo> | undefined;
  return m && m.v === 1 && Array.isArray(m.milestones) && m.subtree ? (m as UnitStatusMemo) : undefined;
}

export function readCampaignStatusMemo(
  memo: Record<string, unknown> | undefined,
): CampaignStatusMemo | undefined {
  const m = memo?.[CAMPAIGN_STATUS_MEMO] as Partial<CampaignStatusMemo> | undefined;
  return m && m.v === 1 && m.total && Array.isArray(m.events) ? (m as CampaignStatusMemo) : undefined;
}
