// One milestone's lane: its queued notices about changes first (in order, even once closed), then the next
// planned action (a reminder, the due instant, an escalation step) at its instant, until the milestone or the
// run is done. What the next action is, and what each of its parts sends, is decided in workflows/plan/.
import { condition, patched } from '@temporalio/workflow';
import type { MilestoneState, PendingNotice, UnitPlan } from '../../contract/messages';
import { deliver } from '../notices';
import { nextAction, OPEN_STATUSES } from '../plan/actions';
import { delegatedList, delegatesReminders, recordDelegated } from '../plan/delegation';
import { queuedNotice } from '../plan/outbox';
import { partsOf } from '../plan/parts';
import { recordSent, sentOfPart, sentOfQueued } from '../plan/sent';
import { nowIso, type UnitEntity } from './entity';

/**
 * Which queued notices may go by local activity (with the local mail route). An announcement at the unit's start
 * answers no update. A receipt does, and goes in the submission's own task: the unit's answer waits for one
 * attempt to send it (a failed attempt retries on a timer, after the answer), and the submission costs the server
 * one task instead of an activity and a second task. Versioning: runs that sent receipts as activities before the
 * patch keep doing so on replay. An update's other notices (a returned draft, an extension, a waiver) are rare
 * and stay activities: their answer never waits for the mail server. Units started with `sendsInTask` in their
 * plan send receipts so without asking `patched()` (UnitPlan.sendsInTask).
 */
function goesLocal(plan: UnitPlan, queued: PendingNotice): boolean {
  if (queued.kind === 'opened') return true;
  return queued.kind === 'receipt' && (plan.sendsInTask === true || patched('receipt-by-local-activity'));
}

export async function runLane(u: UnitEntity, ms: MilestoneState): Promise<void> {
  const { plan, state } = u;
  const m = u.definition(ms);
  for (;;) {
    if (u.stopping) return;
    const queued = ms.outbox?.[0];
    if (queued) {
      const r = await deliver(queuedNotice(plan, m, ms, queued), {
        ...u.via,
        planned: goesLocal(plan, queued),
      });
      ms.outbox = (ms.outbox ?? []).slice(1);
      recordSent(ms, sentOfQueued(queued, r, nowIso(), plan.unit.emails));
      u.noteSent();
      continue;
    }
    if (state.closed) return;
    const rev = u.rev(ms);
    // While the milestone is open its reminders may be the superior's (plan/delegation.ts): none is next here,
    // and once the wait ends (for whatever reason) those whose instant came in it are recorded as the batch's.
    const delegated = delegatesReminders(plan, ms);
    const list = delegated ? delegatedList(ms) : undefined;
    const next = nextAction(ms, (a) => partsOf(plan, m, ms, a), delegated);
    const woken = () => state.closed || u.stopping || u.rev(ms) !== rev;
    const settle = () => {
      if (recordDelegated(plan, ms, list, Date.now()) > 0) u.noteSent();
    };
    if (!next) {
      await condition(woken);
      settle();
      continue;
    }
    const wait = Date.parse(next.action.at) - Date.now();
    const interrupted = wait > 0 && (await condition(woken, wait));
    settle();
    if (interrupted) continue;
    if (next.action.type === 'due') {
      if (ms.status === 'open') ms.status = 'overdue';
      u.bump(ms);
      u.publish();
      continue;
    }
    for (const part of next.parts) {
      // A submission or waiver while the step was going out stops the rest of it.
      if (next.action.type === 'escalation' && !OPEN_STATUSES.has(ms.status)) break;
      if (!part.notice) {
        recordSent(ms, sentOfPart(part, next.action.at, nowIso(), ms.schedule.dueAt));
        u.noteSent();
        continue;
      }
      const r = await deliver(part.notice, { ...u.via, planned: true }, part.kind);
      recordSent(ms, sentOfPart(part, next.action.at, nowIso(), ms.schedule.dueAt, r));
      u.noteSent();
    }
  }
}
