// One unit's obligations in one campaign: every milestone that applies to it runs its lifecycle
// (open → reminders → submitted on time / late / overdue → escalations) until submitted, waived or closed.
// The unit is also a superior of its subordinates (workflows/superior.ts); the issuer is a unit like any other,
// with no milestone of its own but its report upward (`reportsTo`, core/definition/upward.ts), if any. The
// parts: unit/entity.ts (state and its changes), unit/handlers.ts (queries, updates and their validators),
// unit/lane.ts (a milestone's notices in time), unit/reporters.ts (what goes up).
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  makeContinueAsNewFunc,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from '../activities';
import type { CarriedState, UnitPlan, UnitState, UnitWorkflowInput } from '../contract/messages';
import { carriedStatusMemo, UNIT_STATUS_MEMO, unitStatusMemo } from '../contract/status';
import type { MilestoneSchedule } from '../core/calendar/schedule';
import type { SubtreeAggregate } from '../core/report/aggregate';
import { aggregateOf } from './aggregate';
import { HISTORY_LIMIT } from './batches';
import { deliver } from './notices';
import { announcedAtStart, startingMilestone } from './plan/outbox';
import { memoPublisher } from './status-memo';
import { Superior } from './superior';
import { nowIso, type Reschedule, UnitEntity } from './unit/entity';
import { registerUnitHandlers } from './unit/handlers';
import { runLane } from './unit/lane';
import { publishStatus, reportAggregate, reportOverdue } from './unit/reporters';

const { computeUnitSchedule, loadUnitPlan } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

const { startUnits } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

/**
 * The first run: each milestone's starting state; each still ahead is announced, with its invite. A milestone the
 * plan says the unit only coordinates (`plan.coordinates`) is announced and nothing more: its lane has no
 * reminder, deadline or escalation to act on (plan/actions.ts). No `patched` is needed for it: the role comes in
 * the start input, and every plan before it existed lacks it, so their histories replay as they ran.
 */
function openMilestones(u: UnitEntity, schedules: MilestoneSchedule[]): void {
  const startedAt = nowIso();
  const coordinated = new Set(u.plan.coordinates ?? []);
  u.state.milestones = schedules.map((sch) =>
    startingMilestone(sch, startedAt, Date.now(), coordinated.has(sch.milestoneId)),
  );
  for (const ms of u.state.milestones) {
    if (announcedAtStart(ms, Date.now())) {
      u.queue(ms, { kind: 'opened', seq: 1, asOf: startedAt, dueAt: ms.schedule.dueAt, icsSequence: 0 });
    }
  }
}

/** A milestone's new schedule after an extension, from the calendar activity. */
function reschedulerFor(plan: UnitPlan): Reschedule {
  return async (m, newDue) => {
    const [fresh] = await computeUnitSchedule({
      campaign: plan.campaign,
      calendar: plan.calendar,
      milestones: [m],
      extensions: { [m.id]: newDue },
    });
    return fresh;
  };
}

/** The unit as a superior of its subordinates; their digest lives in the unit's state. */
function superiorFor(u: UnitEntity, carried: CarriedState | undefined): Superior {
  const { plan } = u;
  return new Superior({
    campaign: plan.campaign,
    self: { id: plan.unit.id, name: plan.unit.name, emails: plan.unit.emails },
    issuerName: plan.issuer.name,
    children: plan.children,
    templatesVersion: plan.templatesVersion,
    ...(carried ? { carried } : {}),
    holder: u.state,
    onChildChange: () => {
      u.childDirty = true;
    },
  });
}

/** What `status` shows of this unit, in its memo whenever it changes: the server answers it without the worker. */
function statusPublisher(u: UnitEntity, aggregate: () => SubtreeAggregate): () => void {
  return memoPublisher(UNIT_STATUS_MEMO, () => unitStatusMemo(u.state.milestones, aggregate()));
}

/** The unit's work as a superior: its digests, and its subordinates' reminders in batches, until the run ends. */
function runSuperior(u: UnitEntity, superior: Superior): Promise<unknown> {
  const stopped = () => u.stopping || u.state.closed;
  return Promise.all([
    superior.runDigests(stopped, (n) => deliver(n, { ...u.via, planned: true })),
    superior.reminders.run(stopped),
  ]);
}

export async function unitWorkflow(wfInput: UnitWorkflowInput): Promise<UnitState> {
  const carried = wfInput.carried;
  // The plan and schedule come in the start input (or, for a run started without them, through an activity):
  // either way they are in this history, and the unit asks the campaign workflow nothing.
  const loaded = carried
    ? undefined
    : (wfInput.start ?? (await loadUnitPlan({ campaignId: wfInput.campaignId, unitId: wfInput.unitId })));
  const plan = carried?.plan ?? loaded?.plan;
  if (!plan) throw ApplicationFailure.nonRetryable(`no plan for unit ${wfInput.unitId}`);
  const { campaign, unit } = plan;
  const u = new UnitEntity(
    plan,
    carried?.state ?? { campaignId: campaign.id, unitId: unit.id, closed: false, milestones: [] },
  );
  const { state } = u;
  const superior = superiorFor(u, carried);
  const computeAggregate = () =>
    aggregateOf(unit.id, state.milestones, superior.childAggs.values(), plan.rules);
  let aggregate = computeAggregate();
  const lastSent = { ...(carried?.lastSent ? { value: carried.lastSent } : {}) };
  registerUnitHandlers(u, { aggregate: () => aggregate, reschedule: reschedulerFor(plan) });
  if (plan.statusMemo) u.publishStatus = statusPublisher(u, computeAggregate);

  if (!carried && loaded) openMilestones(u, loaded.schedules);

  const historyLimit = plan.historyLimit ?? HISTORY_LIMIT;
  const historyFull = () =>
    workflowInfo().historyLength > historyLimit || workflowInfo().continueAsNewSuggested;
  // The status memo from the first task on, before the subordinates' start (which may take a while); it runs
  // until the run ends (not awaited: it never returns).
  if (u.publishStatus) void publishStatus(u, u.publishStatus);
  // Subordinates start first, in batches, checkpointed: a unit with thousands of them may continue as new midway.
  await superior.startChildren((unitIds) => startUnits({ campaignId: campaign.id, unitIds }), historyFull);
  u.publish();
  const running = Promise.all([
    ...state.milestones.map((ms) => runLane(u, ms)),
    reportAggregate(u, {
      compute: () => {
        aggregate = computeAggregate();
        return aggregate;
      },
      lastSent,
      ...(u.publishStatus ? { publish: u.publishStatus } : {}),
    }),
    reportOverdue(u),
    runSuperior(u, superior),
  ]);
  await condition(
    () => (state.closed && !u.aggregateDirty && !u.childDirty && u.outboxEmpty()) || historyFull(),
  );
  u.stopping = true;
  await running;
  await condition(allHandlersFinished);
  if (!state.closed) {
    const memo = carriedStatusMemo(workflowInfo().memo);
    const next = memo
      ? makeContinueAsNewFunc<typeof unitWorkflow>({ memo })
      : continueAsNew<typeof unitWorkflow>;
    await next({
      campaignId: campaign.id,
      unitId: unit.id,
      carried: {
        plan,
        state,
        ...superior.carry(),
        ...(lastSent.value ? { lastSent: lastSent.value } : {}),
      },
    });
  }
  return state;
}
