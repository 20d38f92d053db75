// A parent unit's batches of its subordinates' reminders (UnitPlan.batchReminders). Each subordinate reports to
// it, with its aggregate, the reminders of its open milestones (plan/delegation.ts); the parent keeps one timer,
// for the next instant any of them falls due, and at that instant sends every reminder then due in one activity
// (one per 500), instead of each subordinate waking to send its own. It remembers, per list, the last instant
// it sent, so a reminder goes once whatever the order of reports and batches; a list withdrawn (submitted,
// waived, extended, returned, closed) is forgotten, and what a new one holds from its activeFrom on is sent as
// the lane would have sent it. A report racing a batch at its instant may still see that reminder go: the one
// case where a unit that has just submitted hears a reminder for it.
import { condition, getExternalWorkflowHandle, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../activities';
import type { CarriedReminders, DelegatedReminders } from '../contract/delegated-reminders';
import { unitWorkflowId } from '../contract/ids';
import { reminderRefusedSignal } from '../contract/messages';
import type { ReminderBatchItem, ReminderBatchResult } from '../contract/reminder-batch';
import { BATCH, batches } from './batches';
import { type HeldReminders, packHeld, unpackHeld } from './plan/held-reminders';

// As a notice: retried until the mail server takes it (contract: each email's Message-ID is fixed, and a worker
// that sent one answers again without mailing it twice). A batch of 500 at a slow server takes minutes.
const { sendReminderBatch } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

const keyOf = (unitId: string, milestoneId: string) => `${unitId}/${milestoneId}`;

/** The first reminder of a held list not sent yet. */
function pending(h: HeldReminders) {
  const through = h.sentThrough ? Date.parse(h.sentThrough) : Number.NEGATIVE_INFINITY;
  return h.list.reminders.find((r) => Date.parse(r.at) > through);
}

export class ReminderBatches {
  private readonly held: Map<string, HeldReminders>;
  private rev = 0;

  constructor(
    carried: CarriedReminders | undefined,
    private readonly o: { campaignId: string; templatesVersion?: string | undefined },
  ) {
    this.held = new Map(unpackHeld(carried).map((h) => [keyOf(h.unitId, h.list.milestoneId), h]));
  }

  /** A subordinate's report: its lists now. One with the same activeFrom keeps what was sent of it. */
  apply(unitId: string, lists: DelegatedReminders[]): void {
    const wanted = new Set(lists.map((l) => keyOf(unitId, l.milestoneId)));
    for (const [key, h] of this.held) if (h.unitId === unitId && !wanted.has(key)) this.held.delete(key);
    for (const list of lists) {
      const key = keyOf(unitId, list.milestoneId);
      const old = this.held.get(key);
      const sentThrough = old && old.list.from === list.from ? old.sentThrough : undefined;
      this.held.set(key, { unitId, list, ...(sentThrough ? { sentThrough } : {}) });
    }
    this.rev += 1;
  }

  /** The next instant a held reminder falls due (ms), if any. */
  nextAt(): number | undefined {
    let best: number | undefined;
    for (const h of this.held.values()) {
      const r = pending(h);
      if (r && (best === undefined || Date.parse(r.at) < best)) best = Date.parse(r.at);
    }
    return best;
  }

  /** Every held reminder due by `now` (ms): the first not sent of each list. */
  dueItems(now: number): ReminderBatchItem[] {
    const items: ReminderBatchItem[] = [];
    for (const h of this.held.values()) {
      const r = pending(h);
      if (!r || Date.parse(r.at) > now) continue;
      const { reminders: _all, from: _from, ...about } = h.list;
      items.push({ ...about, unitId: h.unitId, reminder: r });
    }
    return items;
  }

  /** A batch went: each list of its items (still held, the same list) is sent through the item's instant. */
  sent(items: ReminderBatchItem[], from: Map<string, string>): void {
    for (const i of items) {
      const key = keyOf(i.unitId, i.milestoneId);
      const h = this.held.get(key);
      if (h && h.list.from === from.get(key)) h.sentThrough = i.reminder.at;
    }
  }

  /** Sends the batches as their instants come, until stopped. */
  async run(stopped: () => boolean): Promise<void> {
    for (;;) {
      if (stopped()) return;
      const at = this.nextAt();
      // The timer is kept unless a report brings an earlier instant: a wave of reports (the units starting, a
      // deadline extended for all) cancels no timer (fewer events; and the time-skipping test server strands a
      // run whose task cancels a timer that fired meanwhile, temporalio/sdk-java#3088).
      let seen = this.rev;
      let next = at;
      const earlier = () => {
        if (this.rev !== seen) {
          seen = this.rev;
          next = this.nextAt();
        }
        return next !== undefined && (at === undefined || next < at);
      };
      const woken = () => stopped() || earlier();
      if (at === undefined) {
        await condition(woken);
        continue;
      }
      const wait = at - Date.now();
      if (wait > 0 && (await condition(woken, wait))) continue;
      const due = this.dueItems(Date.now());
      // What each item's list was when it left: a list replaced meanwhile starts afresh.
      const from = new Map(due.map((i) => [keyOf(i.unitId, i.milestoneId), this.fromOf(i)]));
      for (const items of batches(due, BATCH)) {
        let result: ReminderBatchResult | undefined;
        try {
          result = await sendReminderBatch({
            campaignId: this.o.campaignId,
            ...(this.o.templatesVersion ? { templatesVersion: this.o.templatesVersion } : {}),
            items,
          });
        } catch {
          // Only a failure for good gets here (temporary ones retry until the mail server takes them): it is in
          // this history for the audit, and the superior carries on with its other obligations.
        }
        this.sent(items, from);
        if (result) await this.tellRefused(items, result);
      }
    }
  }

  /** Each unit whose reminder the mail server refused hears it (one signal each; the others hear nothing). */
  private async tellRefused(items: ReminderBatchItem[], result: ReminderBatchResult): Promise<void> {
    for (const o of result.outcomes) {
      if (!o.failure) continue;
      const item = items.find((i) => i.unitId === o.unitId && i.milestoneId === o.milestoneId);
      if (!item) continue;
      try {
        await getExternalWorkflowHandle(unitWorkflowId(this.o.campaignId, o.unitId)).signal(
          reminderRefusedSignal,
          {
            milestoneId: o.milestoneId,
            kind: o.kind,
            seq: o.seq,
            plannedAt: item.reminder.at,
            sentAt: o.at,
            dueAt: item.dueAt,
            recipients: ['unit'],
            to: o.notice.to ?? [],
            messageId: o.messageId,
            failure: o.failure,
            by: workflowInfo().workflowId,
          },
        );
      } catch {
        // The unit has closed: the refusal stays in this history, where the audit reads it.
      }
    }
  }

  private fromOf(i: ReminderBatchItem): string {
    return this.held.get(keyOf(i.unitId, i.milestoneId))?.list.from ?? '';
  }

  /** What the next run starts from; undefined when nothing is held. */
  carry(): CarriedReminders | undefined {
    return this.held.size > 0 ? packHeld(this.held.values()) : undefined;
  }
}
