// Notices about changes (opened, receipt, returned, extended, waived), queued in a milestone's outbox: the
// queued notice, the email built from it, and a milestone's state as the unit starts (its `opened` to queue).
import { noticeMessageId } from '../../contract/ids';
import type { MilestoneState, PendingNotice } from '../../contract/messages';
import type { NoticeInput } from '../../contract/notices';
import type { MilestoneSchedule } from '../../core/calendar/schedule';
import type { Milestone, Recipient } from '../../core/definition/types';
import { noticeAbout, type PlanContext } from './context';

/** The email of a queued notice, built from what was recorded when it was queued. */
export function queuedNotice(
  ctx: PlanContext,
  m: Milestone,
  ms: Pick<MilestoneState, 'schedule' | 'submissions' | 'status'>,
  p: PendingNotice,
): NoticeInput {
  const common = {
    ...noticeAbout(ctx, m, ms.schedule),
    to: ctx.unit.emails,
    recipients: ['unit'] as Recipient[],
    messageId: p.messageId,
    seq: p.seq,
    asOf: p.asOf,
    dueAt: p.dueAt,
    icsSequence: p.icsSequence,
  };
  const who = p.actor ? { actor: p.actor } : {};
  switch (p.kind) {
    case 'opened':
      return { ...common, kind: 'opened', ...(ms.status === 'coordinating' ? { role: 'coordinate' } : {}) };
    case 'returned':
      return { ...common, kind: 'returned', reason: p.reason ?? '', ...who };
    case 'extended':
      return {
        ...common,
        kind: 'extended',
        previousDueAt: p.previousDueAt ?? p.dueAt,
        reason: p.reason ?? '',
        ...who,
      };
    case 'waived':
      return { ...common, kind: 'waived', ...(p.reason ? { reason: p.reason } : {}), ...who };
    case 'receipt': {
      // Submissions are only ever appended: the one it acknowledges is there.
      const s = ms.submissions.find((x) => x.seq === p.seq);
      return {
        ...common,
        kind: 'receipt',
        receipt: {
          seq: p.seq,
          recordedAt: s?.at ?? p.asOf,
          onTime: s?.onTime ?? Date.parse(p.asOf) < Date.parse(p.dueAt),
          status: p.status ?? ms.status,
          actor: s?.actor ?? p.actor ?? '',
          ...(s?.note ? { note: s.note } : {}),
          flags: p.flags ?? [],
          payload: s?.payload ?? {},
        },
      };
    }
  }
}

/**
 * A notice about a change, to queue in the milestone's outbox: what it says is fixed now, and its Message-ID is
 * derived from the milestone, the kind and its number, so it is sent once whatever happens. `asOf` defaults to
 * `now` (an ISO instant).
 */
export function pendingNotice(
  ids: { campaignId: string; unitId: string; milestoneId: string },
  n: Omit<PendingNotice, 'messageId' | 'asOf'> & { asOf?: string },
  now: string,
): PendingNotice {
  return {
    ...n,
    asOf: n.asOf ?? now,
    messageId: noticeMessageId(ids.campaignId, ids.unitId, ids.milestoneId, n.kind, n.seq, n.dueAt),
  };
}

/**
 * A milestone as the unit starts: open, or overdue if its deadline is past at `now` (ms); active from then. One
 * the unit only coordinates (`coordinating`, from its plan) is `coordinating` for good: nothing is owed.
 */
export function startingMilestone(
  sch: MilestoneSchedule,
  startedAt: string,
  now: number,
  coordinating = false,
): MilestoneState {
  return {
    id: sch.milestoneId,
    kind: sch.kind,
    title: sch.title,
    status: coordinating ? 'coordinating' : now >= Date.parse(sch.dueAt) ? 'overdue' : 'open',
    schedule: sch,
    activeFrom: startedAt,
    submissions: [],
    sent: [],
    outbox: [],
    icsSequence: 0,
    events: [],
    flags: [],
  };
}

/**
 * Whether the unit hears that a milestone opens as it starts: it owes it and it is still open, or it coordinates
 * it and the deadline is still ahead at `now` (ms).
 */
export function announcedAtStart(ms: Pick<MilestoneState, 'status' | 'schedule'>, now: number): boolean {
  if (ms.status === 'coordinating') return now < Date.parse(ms.schedule.dueAt);
  return ms.status === 'open';
}
