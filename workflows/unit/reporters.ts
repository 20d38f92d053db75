// What a unit tells the units above it, by signal: its subtree aggregate to its parent (the issuer's to the
// campaign workflow), and, for `digest: daily` policies, a row per overdue milestone to each superior whose
// digest lists it. Both resend after a failed signal (the receiver between two runs) and stop with the run.
import { condition, getExternalWorkflowHandle, patched, proxyLocalActivities } from '@temporalio/workflow';
import type * as activities from '../../activities';
import type { DelegatedReminders } from '../../contract/delegated-reminders';
import {
  childAggregateSignal,
  type OverdueRow,
  overdueReportSignal,
  type UnitPlan,
} from '../../contract/messages';
import type { SubtreeAggregate } from '../../core/report/aggregate';
import { delegatedLists } from '../plan/delegation';
import { rowChanges, wantedRows } from '../plan/overdue-rows';
import { parentWorkflowId, superiorWorkflowId } from '../plan/reporting';
import type { UnitEntity } from './entity';

// The receiver between two runs is back within seconds: short enough that a report up the tree is not held long.
const RESIGNAL_DELAY = '10 seconds';

// A report goes up in the task that made the change, as a local activity (activities/report-up.ts): one marker in
// this history, where a signal command costs a second task once the server has delivered it. A failed attempt
// retries on a timer, so the task is not held across attempts.
const { reportUp } = proxyLocalActivities<activities.Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '1 second',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Sends a report up; resolves to the instant it counts as sent (the gathering delay runs from it), throws when
 * the parent does not run (as the signal did). Versioning: runs that signalled their parent from workflow code
 * (before the patch) keep doing so on replay, and count from the signal's acknowledgement, as they did; every
 * task after the patch sends by local activity and counts from the task that sent it. Not from the activity's
 * end: the workflow's clock when a local activity resolves is not the same on replay, and whether a gathering
 * timer starts depends on it. Units started with `sendsInTask` in their plan send so without asking `patched()`
 * (UnitPlan.sendsInTask).
 */
async function sendUp(
  plan: UnitPlan,
  aggregate: SubtreeAggregate,
  lists?: DelegatedReminders[],
): Promise<number> {
  const parentId = parentWorkflowId(plan);
  if (plan.sendsInTask === true || patched('report-up-by-local-activity')) {
    const sentAt = Date.now();
    const r = await reportUp({ workflowId: parentId, aggregate, ...(lists ? { lists } : {}) });
    if (!r.delivered) throw new Error(`${parentId} is not running`);
    return sentAt;
  }
  const handle = getExternalWorkflowHandle(parentId);
  await (lists
    ? handle.signal(childAggregateSignal, aggregate, lists)
    : handle.signal(childAggregateSignal, aggregate));
  return Date.now();
}

/**
 * Reports add up the tree: whenever this subtree's aggregate changes, the parent gets the new one (and, with
 * batched reminders, the reminders it leaves to the parent, whenever they change). `lastSent`
 * (carried over continue-as-new) is what the parent last got, so an unchanged aggregate is not sent again.
 * A superior with `reportEveryMs` lets its subordinates' reports gather for that long after its last signal
 * before passing them up (its own changes go at once). `publish` (the status memo) sees every new aggregate.
 */
export async function reportAggregate(
  u: UnitEntity,
  io: {
    compute: () => SubtreeAggregate;
    lastSent: { value?: string };
    publish?: () => void;
  },
): Promise<void> {
  const every = u.plan.reportEveryMs;
  const dirty = () => u.aggregateDirty || u.childDirty;
  let lastAt = Number.NEGATIVE_INFINITY;
  for (;;) {
    await condition(() => dirty() || u.stopping);
    if (u.stopping && !dirty()) return;
    if (every && u.childDirty && !u.aggregateDirty && !u.stopping) {
      const wait = lastAt + every - Date.now();
      if (wait > 0) await condition(() => u.aggregateDirty || u.stopping, wait);
    }
    u.aggregateDirty = false;
    u.childDirty = false;
    const aggregate = io.compute();
    io.publish?.();
    // With batched reminders the report carries the lists the parent is to send (plan/delegation.ts).
    const lists = delegatedLists(u.plan, u.state.milestones);
    const snapshot = JSON.stringify(lists ? { aggregate, lists } : aggregate);
    if (snapshot !== io.lastSent.value) {
      try {
        lastAt = await sendUp(u.plan, aggregate, lists);
        io.lastSent.value = snapshot;
      } catch {
        // The parent is between two runs (continue-as-new): send again shortly. A closed unit has
        // nothing more to report; one about to continue as new reports from its next run.
        if (u.state.closed || u.stopping) return;
        await condition(() => u.stopping, RESIGNAL_DELAY);
        u.aggregateDirty = true;
        continue;
      }
    }
    if (u.stopping) return;
  }
}

/**
 * The status memo follows every change to a milestone in the task that made it, whatever the report up the tree
 * is waiting for (a superior between two runs, a gathering delay), until the run ends: an update taken while the
 * run winds down to continue as new is published too. A notice sent publishes in line (noteSent).
 */
export async function publishStatus(u: UnitEntity, publish: () => void): Promise<never> {
  let seen = -1;
  for (;;) {
    await condition(() => u.statusRev !== seen);
    seen = u.statusRev;
    publish();
  }
}

/**
 * `digest: daily`: each superior holds a row for each overdue milestone of this unit (plan/overdue-rows.ts).
 * What each superior was last told is kept in the milestone's `reported`, so this only sends differences, in
 * order, and resumes after continue-as-new.
 */
export async function reportOverdue(u: UnitEntity): Promise<void> {
  const { plan, state } = u;
  for (;;) {
    await condition(() => u.overdueDirty || u.stopping || state.closed);
    if (u.stopping || state.closed) return;
    u.overdueDirty = false;
    let failed = false;
    for (const ms of state.milestones) {
      for (const { superiorId, row } of rowChanges(
        ms.reported ?? {},
        wantedRows(plan, u.definition(ms), ms),
      )) {
        try {
          await getExternalWorkflowHandle(superiorWorkflowId(plan, superiorId)).signal(overdueReportSignal, {
            unitId: plan.unit.id,
            milestoneId: ms.id,
            ...(row ? { row: JSON.parse(row) as OverdueRow } : {}),
          });
        } catch {
          failed = true;
          break;
        }
        const next = { ...(ms.reported ?? {}) };
        if (row) next[superiorId] = row;
        else delete next[superiorId];
        ms.reported = next;
      }
      if (failed) break;
    }
    if (failed) {
      // The superior is between two runs: tell it again shortly.
      await condition(() => u.stopping || state.closed, RESIGNAL_DELAY);
      u.overdueDirty = true;
    }
  }
}
