// One unit's obligations in one campaign: every milestone that applies to it runs its lifecycle
// (open → reminders → submitted on time / late / overdue → escalations) until submitted, waived or closed.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from '../activities';
import type { EscalationAt, ReminderAt } from '../core/calendar/schedule';
import type { Milestone, Recipient } from '../core/definition/types';
import { aggregateOf, type SubtreeAggregate } from './aggregate';
import { batches } from './batches';
import {
  type AdminEvent,
  aggregateQuery,
  approveUpdate,
  campaignWorkflowId,
  childAggregateSignal,
  closeUpdate,
  extendUpdate,
  type MilestoneState,
  type Receipt,
  returnUpdate,
  type SentNotice,
  stateQuery,
  submitUpdate,
  type UnitState,
  type UnitWorkflowInput,
  unitWorkflowId,
  waiveUpdate,
} from './messages';
import { unitSearchAttributes } from './search-attributes';
import { checkSubmission, flagsFor } from './submission-check';

const { computeUnitSchedule, loadUnitPlan } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

const { startUnits } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

/** Continue as new well before Temporal's 10,240-event warning (a node with thousands of subordinates). */
const HISTORY_LIMIT = 8_000;

// Mail waits for the SMTP server as long as it takes: a temporary outage delays a notice, never drops it.
const { sendNotice } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

type Action =
  | { type: 'reminder'; at: string; r: ReminderAt }
  | { type: 'due'; at: string }
  | { type: 'escalation'; at: string; e: EscalationAt };

const OPEN_STATUSES = new Set(['open', 'overdue']);

function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

function noticeKey(kind: SentNotice['kind'], seq: number, dueAt: string): string {
  return `${kind}:${seq}:${dueAt}`;
}

export async function unitWorkflow(wfInput: UnitWorkflowInput): Promise<UnitState> {
  const carried = wfInput.carried;
  // The plan comes from the campaign workflow through an activity, so it is recorded in this history.
  const loaded = carried
    ? undefined
    : await loadUnitPlan({ campaignId: wfInput.campaignId, unitId: wfInput.unitId });
  const input = carried?.plan ?? loaded?.plan;
  if (!input) throw ApplicationFailure.nonRetryable(`no plan for unit ${wfInput.unitId}`);
  const { campaign, unit } = input;
  const byId = new Map<string, Milestone>(input.milestones.map((m) => [m.id, m]));
  const state: UnitState = carried?.state ?? {
    campaignId: campaign.id,
    unitId: unit.id,
    closed: false,
    milestones: [],
  };
  const childAggs = new Map<string, SubtreeAggregate>((carried?.children ?? []).map((a) => [a.unitId, a]));
  let aggregate = aggregateOf(unit.id, state.milestones, childAggs.values(), input.rules);
  let lastSent = carried?.lastSent;
  let dirty = true;
  let stopping = false;
  const revs = new Map<string, number>();
  const bump = (ms: MilestoneState) => {
    revs.set(ms.id, (revs.get(ms.id) ?? 0) + 1);
    dirty = true;
  };

  const find = (milestoneId: string): MilestoneState => {
    const ms = state.milestones.find((m) => m.id === milestoneId);
    if (!ms) {
      throw new Error(
        `milestone '${milestoneId}' does not apply to unit '${unit.id}' (its milestones: ${state.milestones.map((m) => m.id).join(', ') || 'none'})`,
      );
    }
    return ms;
  };
  const definition = (ms: MilestoneState): Milestone => byId.get(ms.id) as Milestone;
  const requireActor = (actor: unknown) => {
    if (typeof actor !== 'string' || actor.trim() === '') throw new Error('actor: say who is doing this');
  };
  const requireOpenCampaign = () => {
    if (state.closed) throw new Error(`campaign ${campaign.id} is closed`);
  };
  const isPast = (iso: string) => Date.now() >= Date.parse(iso);
  const reopenStatus = (ms: MilestoneState) => (isPast(ms.schedule.dueAt) ? 'overdue' : 'open');

  // Search attributes change only when the overdue set does: one history event then, none per reminder.
  let published: string | undefined;
  const publish = () => {
    const overdue = state.milestones.filter((m) => m.status === 'overdue').map((m) => m.id);
    if (overdue.join(',') === published) return;
    published = overdue.join(',');
    upsertSearchAttributes(unitSearchAttributes(campaign.id, unit, overdue));
  };

  setHandler(stateQuery, () => state);
  setHandler(aggregateQuery, () => aggregate);
  setHandler(childAggregateSignal, (agg) => {
    childAggs.set(agg.unitId, agg);
    dirty = true;
  });

  setHandler(
    submitUpdate,
    (req): Receipt => {
      const ms = find(req.milestoneId);
      const m = definition(ms);
      const recordedAt = nowIso();
      const onTime = Date.parse(recordedAt) < Date.parse(ms.schedule.dueAt);
      const seq = ms.submissions.length + 1;
      ms.submissions.push({
        seq,
        at: recordedAt,
        actor: req.actor,
        onTime,
        payload: req.payload,
        ...(req.note ? { note: req.note } : {}),
      });
      if (m.kind === 'event-window') {
        const events = ms.submissions.flatMap((s) => s.payload.events ?? []);
        ms.flags = flagsFor(m, { events });
        // Events accumulate; the window's obligation is met once enough were held.
        if (events.length >= m.minEvents) ms.status = onTime ? 'submitted' : 'late';
      } else {
        ms.flags = flagsFor(m, req.payload);
        ms.status = m.kind === 'draft-plan' ? 'awaiting-approval' : onTime ? 'submitted' : 'late';
      }
      bump(ms);
      publish();
      return {
        campaignId: campaign.id,
        unitId: unit.id,
        milestoneId: ms.id,
        seq,
        recordedAt,
        dueAt: ms.schedule.dueAt,
        onTime,
        status: ms.status,
        flags: ms.flags,
      };
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        const ms = find(req.milestoneId);
        if (ms.status === 'waived') throw new Error(`milestone '${ms.id}' was waived for unit '${unit.id}'`);
        if (ms.status === 'closed') throw new Error(`milestone '${ms.id}' is closed`);
        const m = definition(ms);
        if (m.kind !== 'event-window' && !OPEN_STATUSES.has(ms.status)) {
          throw new Error(`milestone '${ms.id}' was already submitted (status ${ms.status})`);
        }
        const problems = checkSubmission(m, req.payload, ms.schedule);
        if (problems.length > 0) throw new Error(`rejected: ${problems.join('; ')}`);
      },
    },
  );

  const record = (ms: MilestoneState, e: Omit<AdminEvent, 'at'>) => {
    ms.events.push({ at: nowIso(), ...e });
    bump(ms);
    publish();
    return ms;
  };

  setHandler(
    extendUpdate,
    async (req) => {
      const ms = find(req.milestoneId);
      const [fresh] = await computeUnitSchedule({
        campaign,
        calendar: input.calendar,
        milestones: [definition(ms)],
        extensions: { [ms.id]: req.newDue },
      });
      if (!fresh) throw ApplicationFailure.nonRetryable(`no schedule for milestone '${ms.id}'`);
      const previous = ms.schedule.dueAt;
      ms.schedule = fresh;
      ms.activeFrom = nowIso();
      if (ms.status === 'overdue' && !isPast(fresh.dueAt)) ms.status = 'open';
      return record(ms, {
        kind: 'extended',
        actor: req.actor,
        reason: req.reason,
        detail: `${previous} → ${fresh.dueAt}`,
      });
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        if (typeof req.reason !== 'string' || req.reason.trim() === '')
          throw new Error('reason: say why the deadline moves');
        const ms = find(req.milestoneId);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(req.newDue ?? ''))
          throw new Error(`newDue: '${req.newDue}' is not a date yyyy-mm-dd`);
        if (req.newDue <= ms.schedule.dueAt.slice(0, 10)) {
          throw new Error(
            `newDue: ${req.newDue} is not later than the current deadline ${ms.schedule.dueAt}`,
          );
        }
        if (ms.status === 'waived' || ms.status === 'closed')
          throw new Error(`milestone '${ms.id}' is ${ms.status}`);
      },
    },
  );

  setHandler(
    waiveUpdate,
    (req) => {
      const ms = find(req.milestoneId);
      ms.status = 'waived';
      return record(ms, { kind: 'waived', actor: req.actor, ...(req.reason ? { reason: req.reason } : {}) });
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        const ms = find(req.milestoneId);
        if (ms.status === 'waived') throw new Error(`milestone '${ms.id}' is already waived`);
      },
    },
  );

  setHandler(
    approveUpdate,
    (req) => {
      const ms = find(req.milestoneId);
      const last = ms.submissions[ms.submissions.length - 1];
      ms.status = last?.onTime ? 'submitted' : 'late';
      return record(ms, {
        kind: 'approved',
        actor: req.actor,
        ...(req.reason ? { reason: req.reason } : {}),
      });
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        const ms = find(req.milestoneId);
        if (ms.status !== 'awaiting-approval')
          throw new Error(`milestone '${ms.id}' has no draft awaiting approval (status ${ms.status})`);
      },
    },
  );

  setHandler(
    returnUpdate,
    (req) => {
      const ms = find(req.milestoneId);
      ms.status = reopenStatus(ms);
      // Escalations planned while the draft waited for approval are not sent in a burst now.
      ms.activeFrom = nowIso();
      return record(ms, {
        kind: 'returned',
        actor: req.actor,
        ...(req.reason ? { reason: req.reason } : {}),
      });
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        if (typeof req.reason !== 'string' || req.reason.trim() === '')
          throw new Error('reason: say why the draft is returned');
        const ms = find(req.milestoneId);
        if (ms.status !== 'awaiting-approval')
          throw new Error(`milestone '${ms.id}' has no draft awaiting approval (status ${ms.status})`);
      },
    },
  );

  setHandler(
    closeUpdate,
    (req) => {
      state.closed = true;
      for (const ms of state.milestones) {
        if (OPEN_STATUSES.has(ms.status) || ms.status === 'awaiting-approval') ms.status = 'closed';
        ms.events.push({
          at: nowIso(),
          kind: req.cancel ? 'cancelled' : 'closed',
          actor: req.actor,
          ...(req.reason ? { reason: req.reason } : {}),
        });
        bump(ms);
      }
      publish();
      return state;
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        requireOpenCampaign();
      },
    },
  );

  if (!carried && loaded) {
    const startedAt = nowIso();
    state.milestones = loaded.schedules.map((sch) => ({
      id: sch.milestoneId,
      kind: sch.kind,
      title: sch.title,
      status: isPast(sch.dueAt) ? 'overdue' : 'open',
      schedule: sch,
      activeFrom: startedAt,
      submissions: [],
      sent: [],
      events: [],
      flags: [],
    }));
    // Subordinates start here, in batches; their ids are deterministic, so a retry starts nothing twice.
    for (const unitIds of batches(input.children)) await startUnits({ campaignId: campaign.id, unitIds });
  }
  publish();

  const recipientsOf = (to: Recipient[]): string[] => {
    const emails = new Set<string>();
    for (const r of to) {
      const contact = r === 'unit' ? unit : r === 'parent' ? (input.parent ?? input.issuer) : input.issuer;
      for (const e of contact.emails) emails.add(e);
    }
    return [...emails];
  };

  const actionsOf = (ms: MilestoneState): Action[] => {
    const s = ms.schedule;
    const list: Action[] = [
      ...s.reminders.map((r): Action => ({ type: 'reminder', at: r.at, r })),
      { type: 'due', at: s.dueAt },
      ...s.escalations.map((e): Action => ({ type: 'escalation', at: e.at, e })),
    ];
    return list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  };

  const pending = (ms: MilestoneState): Action | undefined => {
    const sentKeys = new Set(ms.sent.map((n) => noticeKey(n.kind, n.seq, n.dueAt)));
    const from = Date.parse(ms.activeFrom);
    for (const a of actionsOf(ms)) {
      if (a.type === 'due') {
        if (ms.status === 'open') return a;
        continue;
      }
      if (Date.parse(a.at) < from) continue;
      const key =
        a.type === 'reminder'
          ? noticeKey('reminder', a.r.seq, ms.schedule.dueAt)
          : noticeKey('escalation', a.e.seq, ms.schedule.dueAt);
      if (sentKeys.has(key)) continue;
      if (a.type === 'reminder' && ms.status !== 'open') continue;
      if (a.type === 'escalation' && !OPEN_STATUSES.has(ms.status)) continue;
      return a;
    }
    return undefined;
  };

  const lane = async (ms: MilestoneState): Promise<void> => {
    const m = definition(ms);
    for (;;) {
      if (state.closed || stopping) return;
      const rev = revs.get(ms.id) ?? 0;
      const next = pending(ms);
      const woken = () => state.closed || stopping || (revs.get(ms.id) ?? 0) !== rev;
      if (!next) {
        await condition(woken);
        continue;
      }
      const wait = Date.parse(next.at) - Date.now();
      if (wait > 0 && (await condition(woken, wait))) continue;
      if (next.type === 'due') {
        if (ms.status === 'open') ms.status = 'overdue';
        bump(ms);
        publish();
        continue;
      }
      const kind = next.type;
      const seq = kind === 'reminder' ? next.r.seq : next.e.seq;
      const recipients: Recipient[] = kind === 'reminder' ? ['unit'] : next.e.to;
      const to = recipientsOf(recipients);
      const dueAt = ms.schedule.dueAt;
      const messageId = `<${campaign.id}.${unit.id}.${ms.id}.${kind}.${seq}.${Date.parse(dueAt)}@dondoc>`;
      let failure: string | undefined;
      try {
        await sendNotice({
          kind,
          campaign,
          unit: { id: unit.id, name: unit.name, emails: unit.emails },
          milestone: {
            id: m.id,
            kind: m.kind,
            title: m.title,
            ...(m.description ? { description: m.description } : {}),
          },
          dueAt,
          ...(ms.schedule.opensAt ? { opensAt: ms.schedule.opensAt } : {}),
          ...(kind === 'reminder' ? { phase: next.r.phase } : {}),
          seq,
          recipients,
          to,
          messageId,
          asOf: nowIso(),
        });
      } catch (err) {
        // Only a permanent failure gets here (temporary ones retry until delivered): record it, carry on.
        failure = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
        ms.flags = [...ms.flags.filter((f) => !f.startsWith('undeliverable')), `undeliverable: ${failure}`];
      }
      ms.sent.push({
        kind,
        seq,
        plannedAt: next.at,
        sentAt: nowIso(),
        dueAt,
        recipients,
        to,
        messageId,
        ...(failure ? { failure } : {}),
      });
      bump(ms);
    }
  };

  // Reports add up the tree: whenever this subtree's aggregate changes, the parent gets the new one.
  const parentId =
    unit.parent && unit.parent !== input.issuer.id
      ? unitWorkflowId(campaign.id, unit.parent)
      : campaignWorkflowId(campaign.id);
  const reporter = async () => {
    for (;;) {
      await condition(() => dirty || stopping);
      if (stopping && !dirty) return;
      dirty = false;
      aggregate = aggregateOf(unit.id, state.milestones, childAggs.values(), input.rules);
      const snapshot = JSON.stringify(aggregate);
      if (snapshot !== lastSent) {
        await getExternalWorkflowHandle(parentId).signal(childAggregateSignal, aggregate);
        lastSent = snapshot;
      }
      if (stopping) return;
    }
  };

  const lanes = Promise.all(state.milestones.map(lane));
  const reporting = reporter();
  await condition(() => (state.closed && !dirty) || workflowInfo().historyLength > HISTORY_LIMIT);
  stopping = true;
  await Promise.all([lanes, reporting]);
  await condition(allHandlersFinished);
  if (!state.closed) {
    await continueAsNew<typeof unitWorkflow>({
      campaignId: campaign.id,
      unitId: unit.id,
      carried: { plan: input, state, children: [...childAggs.values()], ...(lastSent ? { lastSent } : {}) },
    });
  }
  return state;
}
