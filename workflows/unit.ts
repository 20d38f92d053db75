// One unit's obligations in one campaign: every milestone that applies to it runs its lifecycle
// (open → reminders → submitted on time / late / overdue → escalations) until submitted, waived or closed.
import {
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
import {
  type AdminEvent,
  aggregateQuery,
  approveUpdate,
  childAggregateSignal,
  childAggregatesQuery,
  closeUpdate,
  extendUpdate,
  type MilestoneState,
  type OverdueRow,
  overdueReportSignal,
  type PendingNotice,
  type Receipt,
  type RevokeLinkResult,
  returnUpdate,
  revokeLinkUpdate,
  stateQuery,
  submitUpdate,
  type UnitState,
  type UnitWorkflowInput,
  waiveUpdate,
} from '../contract/messages';
import { unitSearchAttributes } from '../contract/search-attributes';
import type { MilestoneSchedule } from '../core/calendar/schedule';
import type { Milestone } from '../core/definition/types';
import type { SubtreeAggregate } from '../core/report/aggregate';
import { aggregateOf } from './aggregate';
import { batches, HISTORY_LIMIT } from './batches';
import { applyReport, emptyDigest, runDigests } from './digest';
import { deliver } from './notices';
import { nextAction, OPEN_STATUSES } from './plan/actions';
import { pendingNotice, queuedNotice, startingMilestone } from './plan/outbox';
import { rowChanges, wantedRows } from './plan/overdue-rows';
import { partsOf } from './plan/parts';
import { overdueIds, parentWorkflowId, superiorWorkflowId } from './plan/reporting';
import { recordSent, sentOfPart, sentOfQueued } from './plan/sent';
import { afterSubmission, closedStatus, extendedStatus, reopenedStatus } from './plan/transitions';
import { checkSubmission } from './submission-check';

const { computeUnitSchedule, loadUnitPlan } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

const { startUnits } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

const RESIGNAL_DELAY = '1 minute';

function nowIso(): string {
  return new Date(Date.now()).toISOString();
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
  let overdueDirty = true;
  let digestRev = 0;
  let stopping = false;
  const revs = new Map<string, number>();
  /** Milestones whose extension is computing its new schedule (extensions of one milestone go one at a time). */
  const extending = new Set<string>();
  const bump = (ms: MilestoneState) => {
    revs.set(ms.id, (revs.get(ms.id) ?? 0) + 1);
    dirty = true;
    overdueDirty = true;
  };

  const find = (milestoneId: string): MilestoneState => {
    const ms = state.milestones.find((m) => m.id === milestoneId);
    if (!ms) {
      throw new Error(
        `mốc '${milestoneId}' không áp dụng cho đơn vị '${unit.id}' (các mốc của đơn vị: ${state.milestones.map((m) => m.id).join(', ') || 'không có'})`,
      );
    }
    return ms;
  };
  const definition = (ms: MilestoneState): Milestone => byId.get(ms.id) as Milestone;
  const requireActor = (actor: unknown) => {
    if (typeof actor !== 'string' || actor.trim() === '')
      throw new Error('actor: cần ghi rõ người thực hiện');
  };
  const requireOpenCampaign = () => {
    if (state.closed) throw new Error(`chiến dịch ${campaign.id} đã đóng`);
  };

  // Search attributes change only when the overdue set does: one history event then, none per reminder.
  let published: string | undefined;
  const publish = () => {
    const overdue = overdueIds(state.milestones);
    if (overdue.join(',') === published) return;
    published = overdue.join(',');
    upsertSearchAttributes(unitSearchAttributes(campaign.id, unit, overdue));
  };

  /**
   * Queues a notice about a change (sent by the milestone's lane, in order): what it says is fixed now, and its
   * Message-ID is derived from the milestone, the kind and its number, so it is sent once whatever happens.
   */
  const queue = (ms: MilestoneState, n: Omit<PendingNotice, 'messageId' | 'asOf'> & { asOf?: string }) => {
    const p = pendingNotice({ campaignId: campaign.id, unitId: unit.id, milestoneId: ms.id }, n, nowIso());
    ms.outbox = [...(ms.outbox ?? []), p];
    bump(ms);
  };
  /** Every change to the milestone's calendar invite raises its SEQUENCE. */
  const nextIcsSequence = (ms: MilestoneState) => {
    ms.icsSequence = (ms.icsSequence ?? 0) + 1;
    return ms.icsSequence;
  };
  const countEvents = (ms: MilestoneState, kind: AdminEvent['kind']) =>
    ms.events.filter((e) => e.kind === kind).length;

  setHandler(stateQuery, () => state);
  setHandler(aggregateQuery, () => aggregate);
  setHandler(childAggregatesQuery, () => [...childAggs.values()]);
  setHandler(childAggregateSignal, (agg) => {
    childAggs.set(agg.unitId, agg);
    dirty = true;
  });
  // As a superior: subordinates whose escalations to this unit go into its daily digest.
  setHandler(overdueReportSignal, (report) => {
    state.digest ??= emptyDigest();
    applyReport(state.digest, report);
    digestRev += 1;
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
      // Events accumulate in a window; an address the mail server refused stays flagged (plan/transitions.ts).
      const after = afterSubmission(m, ms, req.payload, onTime);
      const flags = after.flags;
      ms.status = after.status;
      ms.flags = after.milestoneFlags;
      queue(ms, {
        kind: 'receipt',
        seq,
        asOf: recordedAt,
        dueAt: ms.schedule.dueAt,
        icsSequence: nextIcsSequence(ms),
        status: ms.status,
        flags,
      });
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
        flags,
      };
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        const ms = find(req.milestoneId);
        if (ms.status === 'waived') throw new Error(`mốc '${ms.id}' đã được miễn cho đơn vị '${unit.id}'`);
        if (ms.status === 'closed') throw new Error(`mốc '${ms.id}' đã đóng`);
        const m = definition(ms);
        // A site list short of the minimum may be sent again: the new list replaces it.
        const resend =
          m.kind === 'site-registration' && ms.flags.some((f) => f.startsWith('below-min-sites'));
        if (m.kind !== 'event-window' && !OPEN_STATUSES.has(ms.status) && !resend) {
          throw new Error(`mốc '${ms.id}' đã được gửi rồi (trạng thái ${ms.status})`);
        }
        const problems = checkSubmission(m, req.payload, ms.schedule);
        if (problems.length > 0) throw new Error(`nội dung không hợp lệ: ${problems.join('; ')}`);
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
      // One extension of a milestone at a time: each computes its schedule in an activity, and what else
      // changed meanwhile (a close, a waiver) is checked again once it has.
      await condition(() => !extending.has(ms.id));
      extending.add(ms.id);
      let fresh: MilestoneSchedule | undefined;
      try {
        [fresh] = await computeUnitSchedule({
          campaign,
          calendar: input.calendar,
          milestones: [definition(ms)],
          extensions: { [ms.id]: req.newDue },
        });
      } finally {
        extending.delete(ms.id);
      }
      if (!fresh) throw ApplicationFailure.nonRetryable(`no schedule for milestone '${ms.id}'`);
      if (state.closed || ms.status === 'waived' || ms.status === 'closed') {
        throw ApplicationFailure.nonRetryable(
          `mốc '${ms.id}' đã ${state.closed ? 'đóng' : 'được miễn'} trong lúc gia hạn: không gia hạn`,
        );
      }
      const previous = ms.schedule.dueAt;
      ms.schedule = fresh;
      ms.activeFrom = nowIso();
      ms.status = extendedStatus(ms.status, fresh.dueAt, Date.now());
      record(ms, {
        kind: 'extended',
        actor: req.actor,
        reason: req.reason,
        detail: `${previous} → ${fresh.dueAt}`,
      });
      queue(ms, {
        kind: 'extended',
        seq: countEvents(ms, 'extended'),
        dueAt: fresh.dueAt,
        previousDueAt: previous,
        icsSequence: nextIcsSequence(ms),
        actor: req.actor,
        reason: req.reason,
      });
      return ms;
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        if (typeof req.reason !== 'string' || req.reason.trim() === '')
          throw new Error('reason: cần ghi rõ lý do gia hạn');
        const ms = find(req.milestoneId);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(req.newDue ?? ''))
          throw new Error(`newDue: '${req.newDue}' không phải ngày dạng yyyy-mm-dd`);
        if (req.newDue <= ms.schedule.dueAt.slice(0, 10)) {
          throw new Error(`newDue: ${req.newDue} không sau hạn hiện tại ${ms.schedule.dueAt}`);
        }
        if (ms.status === 'waived' || ms.status === 'closed')
          throw new Error(`mốc '${ms.id}' đang ở trạng thái ${ms.status}`);
      },
    },
  );

  setHandler(
    waiveUpdate,
    (req) => {
      const ms = find(req.milestoneId);
      ms.status = 'waived';
      record(ms, { kind: 'waived', actor: req.actor, ...(req.reason ? { reason: req.reason } : {}) });
      queue(ms, {
        kind: 'waived',
        seq: countEvents(ms, 'waived'),
        dueAt: ms.schedule.dueAt,
        icsSequence: nextIcsSequence(ms),
        actor: req.actor,
        ...(req.reason ? { reason: req.reason } : {}),
      });
      return ms;
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        const ms = find(req.milestoneId);
        if (ms.status === 'waived') throw new Error(`mốc '${ms.id}' đã được miễn rồi`);
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
          throw new Error(`mốc '${ms.id}' không có dự thảo nào đang chờ duyệt (trạng thái ${ms.status})`);
      },
    },
  );

  setHandler(
    returnUpdate,
    (req) => {
      const ms = find(req.milestoneId);
      ms.status = reopenedStatus(ms.schedule.dueAt, Date.now());
      // Escalations planned while the draft waited for approval are not sent in a burst now.
      ms.activeFrom = nowIso();
      record(ms, {
        kind: 'returned',
        actor: req.actor,
        ...(req.reason ? { reason: req.reason } : {}),
      });
      queue(ms, {
        kind: 'returned',
        seq: countEvents(ms, 'returned'),
        dueAt: ms.schedule.dueAt,
        icsSequence: nextIcsSequence(ms),
        actor: req.actor,
        reason: req.reason ?? '',
      });
      return ms;
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        if (typeof req.reason !== 'string' || req.reason.trim() === '')
          throw new Error('reason: cần ghi rõ lý do trả lại dự thảo');
        const ms = find(req.milestoneId);
        if (ms.status !== 'awaiting-approval')
          throw new Error(`mốc '${ms.id}' không có dự thảo nào đang chờ duyệt (trạng thái ${ms.status})`);
      },
    },
  );

  setHandler(
    closeUpdate,
    (req) => {
      state.closed = true;
      for (const ms of state.milestones) {
        ms.status = closedStatus(ms.status);
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

  // Revoking the unit's portal links: any link minted at or before this instant stops opening anything (the
  // portal checks `state.link`); the portal then starts linkNoticeWorkflow to mail a new one.
  setHandler(
    revokeLinkUpdate,
    (req): RevokeLinkResult => {
      const at = nowIso();
      const link = state.link ?? { events: [] };
      link.revokedAt = at;
      link.events.push({ kind: 'link-revoked', at, actor: req.actor, reason: req.reason });
      state.link = link;
      return { revokedAt: at, count: link.events.length };
    },
    {
      validator: (req) => {
        requireOpenCampaign();
        requireActor(req?.actor);
        if (typeof req.reason !== 'string' || req.reason.trim() === '')
          throw new Error('reason: cần ghi rõ lý do thu hồi đường dẫn');
      },
    },
  );

  if (!carried && loaded) {
    const startedAt = nowIso();
    state.milestones = loaded.schedules.map((sch) => startingMilestone(sch, startedAt, Date.now()));
    // The campaign is open: each milestone still ahead is announced, with its invite.
    for (const ms of state.milestones) {
      if (ms.status === 'open') {
        queue(ms, { kind: 'opened', seq: 1, asOf: startedAt, dueAt: ms.schedule.dueAt, icsSequence: 0 });
      }
    }
    // Subordinates start here, in batches; their ids are deterministic, so a retry starts nothing twice.
    for (const unitIds of batches(input.children)) await startUnits({ campaignId: campaign.id, unitIds });
  }
  publish();

  // Superiors' workflows, by unit id: the issuer's workflow is the campaign's.
  const workflowOf = (unitId: string) => superiorWorkflowId(input, unitId);

  const pending = (ms: MilestoneState) => nextAction(ms, (a) => partsOf(input, definition(ms), ms, a));

  const lane = async (ms: MilestoneState): Promise<void> => {
    for (;;) {
      if (stopping) return;
      // Notices about changes first, in the order the changes happened; they go out even once closed.
      const queued = ms.outbox?.[0];
      if (queued) {
        const r = await deliver(queuedNotice(input, definition(ms), ms, queued), input.templatesVersion);
        ms.outbox = (ms.outbox ?? []).slice(1);
        recordSent(ms, sentOfQueued(queued, r, nowIso(), unit.emails));
        continue;
      }
      if (state.closed) return;
      const rev = revs.get(ms.id) ?? 0;
      const next = pending(ms);
      const woken = () => state.closed || stopping || (revs.get(ms.id) ?? 0) !== rev;
      if (!next) {
        await condition(woken);
        continue;
      }
      const wait = Date.parse(next.action.at) - Date.now();
      if (wait > 0 && (await condition(woken, wait))) continue;
      if (next.action.type === 'due') {
        if (ms.status === 'open') ms.status = 'overdue';
        bump(ms);
        publish();
        continue;
      }
      for (const part of next.parts) {
        // A submission or waiver while the step was going out stops the rest of it.
        if (next.action.type === 'escalation' && !OPEN_STATUSES.has(ms.status)) break;
        if (!part.notice) {
          recordSent(ms, sentOfPart(part, next.action.at, nowIso(), ms.schedule.dueAt));
          continue;
        }
        const r = await deliver(part.notice, input.templatesVersion, part.kind);
        recordSent(ms, sentOfPart(part, next.action.at, nowIso(), ms.schedule.dueAt, r));
      }
    }
  };

  // Reports add up the tree: whenever this subtree's aggregate changes, the parent gets the new one.
  const parentId = parentWorkflowId(input);
  const reporter = async () => {
    for (;;) {
      await condition(() => dirty || stopping);
      if (stopping && !dirty) return;
      dirty = false;
      aggregate = aggregateOf(unit.id, state.milestones, childAggs.values(), input.rules);
      const snapshot = JSON.stringify(aggregate);
      if (snapshot !== lastSent) {
        try {
          await getExternalWorkflowHandle(parentId).signal(childAggregateSignal, aggregate);
          lastSent = snapshot;
        } catch {
          // The parent is between two runs (continue-as-new): send again shortly. A closed unit has
          // nothing more to report; one about to continue as new reports from its next run.
          if (state.closed || stopping) return;
          await condition(() => stopping, RESIGNAL_DELAY);
          dirty = true;
          continue;
        }
      }
      if (stopping) return;
    }
  };

  /**
   * `digest: daily`: each superior holds a row for each overdue milestone of this unit (plan/overdue-rows.ts).
   * What each superior was last told is kept in `reported`, so this only sends differences, in order, and
   * resumes after continue-as-new.
   */
  const overdueReporter = async () => {
    for (;;) {
      await condition(() => overdueDirty || stopping || state.closed);
      if (stopping || state.closed) return;
      overdueDirty = false;
      let failed = false;
      for (const ms of state.milestones) {
        for (const { superiorId: sup, row } of rowChanges(
          ms.reported ?? {},
          wantedRows(input, definition(ms), ms),
        )) {
          try {
            await getExternalWorkflowHandle(workflowOf(sup)).signal(overdueReportSignal, {
              unitId: unit.id,
              milestoneId: ms.id,
              ...(row ? { row: JSON.parse(row) as OverdueRow } : {}),
            });
          } catch {
            failed = true;
            break;
          }
          const next = { ...(ms.reported ?? {}) };
          if (row) next[sup] = row;
          else delete next[sup];
          ms.reported = next;
        }
        if (failed) break;
      }
      if (failed) {
        // The superior is between two runs: tell it again shortly.
        await condition(() => stopping || state.closed, RESIGNAL_DELAY);
        overdueDirty = true;
      }
    }
  };

  // As a superior: the daily digest of its overdue subordinates.
  const digests = runDigests({
    digest: () => state.digest,
    campaign,
    superior: { id: unit.id, name: unit.name, emails: unit.emails },
    issuerName: input.issuer.name,
    revision: () => digestRev,
    stopped: () => stopping || state.closed,
    send: (n) => deliver(n, input.templatesVersion),
  });

  const lanes = Promise.all(state.milestones.map(lane));
  const reporting = reporter();
  const reportingOverdue = overdueReporter();
  const historyLimit = input.historyLimit ?? HISTORY_LIMIT;
  const outboxEmpty = () => state.milestones.every((ms) => (ms.outbox?.length ?? 0) === 0);
  await condition(
    () =>
      (state.closed && !dirty && outboxEmpty()) ||
      workflowInfo().historyLength > historyLimit ||
      workflowInfo().continueAsNewSuggested,
  );
  stopping = true;
  await Promise.all([lanes, reporting, reportingOverdue, digests]);
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
