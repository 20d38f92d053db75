// Reminders left to the superior's batches (UnitPlan.batchReminders), as the unit sees them: which milestones
// delegate, the lists it reports up, and the record it keeps of those whose instant has passed. Pure.

import type { DelegatedReminders } from '../../contract/delegated-reminders';
import { noticeMessageId } from '../../contract/ids';
import type { MilestoneState, SentNotice, UnitPlan } from '../../contract/messages';
import type { PlanContext } from './context';
import { parentWorkflowId } from './reporting';
import { recordSent, sentKey } from './sent';

type Delegating = Pick<MilestoneState, 'status'>;

/**
 * Whether the milestone's reminders are the parent unit's to send now: batches are on, the unit has a parent unit
 * (one without reports to the campaign workflow, which sends nothing: it keeps its own) and owes it, open.
 */
export function delegatesReminders(plan: Pick<UnitPlan, 'batchReminders' | 'unit'>, ms: Delegating): boolean {
  return plan.batchReminders === true && plan.unit.parent !== undefined && ms.status === 'open';
}

/** The list a delegating milestone reports up: its reminders from activeFrom on (undefined: none left). */
export function delegatedList(
  ms: Pick<MilestoneState, 'id' | 'activeFrom' | 'schedule' | 'icsSequence'>,
): DelegatedReminders | undefined {
  const from = Date.parse(ms.activeFrom);
  const reminders = ms.schedule.reminders.filter((r) => Date.parse(r.at) >= from);
  if (reminders.length === 0) return undefined;
  return {
    milestoneId: ms.id,
    from: ms.activeFrom,
    dueAt: ms.schedule.dueAt,
    ...(ms.schedule.opensAt ? { opensAt: ms.schedule.opensAt } : {}),
    icsSequence: ms.icsSequence ?? 0,
    reminders,
  };
}

/** Every list the unit delegates now; undefined when it delegates none ever (the signal then carries none). */
export function delegatedLists(
  plan: Pick<UnitPlan, 'batchReminders' | 'unit'>,
  milestones: MilestoneState[],
): DelegatedReminders[] | undefined {
  if (!plan.batchReminders || plan.unit.parent === undefined) return undefined;
  return milestones
    .filter((ms) => delegatesReminders(plan, ms))
    .map(delegatedList)
    .filter((l): l is DelegatedReminders => l !== undefined);
}

/**
 * Records the reminders the superior's batches sent for this milestone while it delegated them, up to `now`
 * (ms): those of `list` (the one it delegated during the wait, taken before the wait: an extension in it makes
 * a new one) whose instant has come, each once (by Message-ID, the one the batch sent it with). Called by the
 * lane when it wakes after a wait during which the milestone delegated its reminders.
 */
export function recordDelegated(
  ctx: PlanContext,
  ms: Pick<MilestoneState, 'id' | 'sent' | 'flags'>,
  list: DelegatedReminders | undefined,
  now: number,
): number {
  if (!list) return 0;
  const done = new Set(ms.sent.map(sentKey));
  let recorded = 0;
  for (const r of list.reminders) {
    if (Date.parse(r.at) > now) break;
    const messageId = noticeMessageId(ctx.campaign.id, ctx.unit.id, ms.id, 'reminder', r.seq, list.dueAt);
    if (done.has(messageId)) continue;
    recordSent(ms, {
      kind: 'reminder',
      seq: r.seq,
      plannedAt: r.at,
      sentAt: r.at,
      dueAt: list.dueAt,
      recipients: ['unit'],
      to: ctx.unit.emails,
      messageId,
      by: parentWorkflowId(ctx),
    });
    recorded += 1;
  }
  return recorded;
}

/**
 * A reminder the parent's batch sent and the mail server refused (reminderRefusedSignal): recorded with its
 * refusal (flagging the milestone), or, already recorded as the batch's, given the refusal.
 */
export function recordRefused(ms: Pick<MilestoneState, 'sent' | 'flags'>, n: SentNotice): void {
  const i = ms.sent.findIndex((x) => x.messageId === n.messageId);
  if (i >= 0) ms.sent.splice(i, 1);
  recordSent(ms, n);
}
