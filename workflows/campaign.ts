// The campaign: holds the validated definition (its input, so the definition itself is in durable history),
// hands each unit its plan, starts the issuer's direct subordinates, adds up the tree and closes it.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from '../activities';
import {
  aggregateQuery,
  type CampaignState,
  type CampaignWorkflowInput,
  type Contact,
  campaignStateQuery,
  childAggregateSignal,
  childAggregatesQuery,
  closeCampaignUpdate,
  extendAllUpdate,
  overdueReportSignal,
  planQuery,
  templatesQuery,
  type UnitPlan,
} from '../contract/messages';
import { childrenIndex, milestonesFor } from '../core/definition/tree';
import type { Unit } from '../core/definition/types';
import type { AggregationRules, SubtreeAggregate } from '../core/report/aggregate';
import { aggregateOf } from './aggregate';
import { batches, HISTORY_LIMIT } from './batches';
import { applyReport, emptyDigest, runDigests } from './digest';
import { deliver } from './notices';

const { startUnits, closeUnits, extendUnits } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});
// Reads every unit's history: long for a large campaign, alive as long as it heartbeats.
const { archiveCampaign } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '2 minutes',
  retry: { maximumInterval: '5 minutes' },
});

function contact(u: Unit): Contact {
  return { id: u.id, name: u.name, emails: u.emails };
}

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignState> {
  const c = input.campaign;
  const id = c.campaign.id;
  const byId = new Map(c.units.map((u) => [u.id, u]));
  const children = childrenIndex(c.units);
  const issuer = byId.get(c.campaign.issuer);
  if (!issuer) throw new Error(`campaign ${id}: issuer '${c.campaign.issuer}' is not a unit`);
  const rules: AggregationRules = {};
  for (const m of c.milestones) {
    if (m.kind === 'result-report' || m.kind === 'periodic-report') {
      rules[m.id] = Object.fromEntries(m.outline.map((f) => [f.id, f.aggregate]));
    }
  }
  const carried = input.carried;
  const historyLimit = input.historyLimit ?? HISTORY_LIMIT;
  const childAggs = new Map<string, SubtreeAggregate>((carried?.children ?? []).map((a) => [a.unitId, a]));
  const state: CampaignState = carried?.state ?? {
    campaignId: id,
    closed: false,
    cancelled: false,
    startedAt: new Date(Date.now()).toISOString(),
    events: [],
    total: aggregateOf(issuer.id, [], childAggs.values(), rules),
  };
  // A root with thousands of direct subordinates gets a signal from each whenever its subtree changes.
  const historyFull = () =>
    workflowInfo().historyLength > historyLimit || workflowInfo().continueAsNewSuggested;

  // The campaign's templates never change while it runs: its first run's id names their version.
  const templatesVersion =
    c.templates && Object.keys(c.templates).length > 0 ? workflowInfo().firstExecutionRunId : undefined;
  const send = (n: Parameters<typeof deliver>[0]) => deliver(n, templatesVersion);
  setHandler(planQuery, (unitId: string): UnitPlan => {
    const unit = byId.get(unitId);
    if (!unit || unit.id === issuer.id) throw new Error(`campaign ${id} has no subordinate unit '${unitId}'`);
    const parent = unit.parent ? byId.get(unit.parent) : undefined;
    return {
      campaign: c.campaign,
      calendar: c.calendar,
      milestones: milestonesFor(c, unit),
      unit,
      ...(parent ? { parent: contact(parent) } : {}),
      issuer: contact(issuer),
      children: (children.get(unit.id) ?? []).map((u) => u.id),
      rules,
      ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
      ...(templatesVersion ? { templatesVersion } : {}),
    };
  });
  setHandler(childAggregateSignal, (agg) => {
    childAggs.set(agg.unitId, agg);
    state.total = aggregateOf(issuer.id, [], childAggs.values(), rules);
  });
  // Mail templates are not copied into each unit's plan: the sending activity asks for them once per
  // campaign and worker (see activities/index.ts).
  setHandler(templatesQuery, () => c.templates ?? {});
  // As the issuer: subordinates whose escalations to it go into its daily digest.
  let digestRev = 0;
  setHandler(overdueReportSignal, (report) => {
    state.digest ??= emptyDigest();
    applyReport(state.digest, report);
    digestRev += 1;
  });
  setHandler(campaignStateQuery, () => state);
  setHandler(aggregateQuery, () => state.total);
  setHandler(childAggregatesQuery, () => [...childAggs.values()]);
  setHandler(
    closeCampaignUpdate,
    async (req) => {
      state.closed = true;
      state.cancelled = Boolean(req.cancel);
      const at = new Date(Date.now()).toISOString();
      state.closedAt = at;
      state.events.push({
        kind: req.cancel ? 'cancelled' : 'closed',
        at,
        actor: req.actor,
        ...(req.reason ? { reason: req.reason } : {}),
      });
      const all = c.units.filter((u) => u.id !== issuer.id).map((u) => u.id);
      for (const unitIds of batches(all)) {
        await closeUnits({
          campaignId: id,
          unitIds,
          actor: req.actor,
          ...(req.reason ? { reason: req.reason } : {}),
          cancel: Boolean(req.cancel),
        });
      }
      return state;
    },
    {
      validator: (req) => {
        if (typeof req?.actor !== 'string' || req.actor.trim() === '')
          throw new Error('actor: cần ghi rõ người thực hiện');
        if (state.closed) throw new Error(`chiến dịch ${id} đã đóng rồi`);
      },
    },
  );

  setHandler(
    extendAllUpdate,
    async (req) => {
      const m = c.milestones.find((x) => x.id === req.milestoneId);
      const owing = c.units.filter((u) => m && milestonesFor(c, u).includes(m)).map((u) => u.id);
      let extended = 0;
      const skipped: string[] = [];
      for (const unitIds of batches(owing)) {
        const r = await extendUnits({ campaignId: id, unitIds, ...req });
        extended += r.extended;
        skipped.push(...r.skipped);
      }
      state.events.push({
        kind: 'extended-all',
        at: new Date(Date.now()).toISOString(),
        actor: req.actor,
        reason: req.reason,
        detail: `${req.milestoneId} → trước ngày ${req.newDue}: ${extended} units`,
      });
      return { extended, skipped };
    },
    {
      validator: (req) => {
        if (state.closed) throw new Error(`chiến dịch ${id} đã đóng`);
        if (typeof req?.actor !== 'string' || req.actor.trim() === '')
          throw new Error('actor: cần ghi rõ người thực hiện');
        if (typeof req.reason !== 'string' || req.reason.trim() === '')
          throw new Error('reason: cần ghi rõ lý do gia hạn');
        if (!c.milestones.some((x) => x.id === req.milestoneId))
          throw new Error(`không có mốc '${req.milestoneId}'`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(req.newDue ?? ''))
          throw new Error(`newDue: '${req.newDue}' không phải ngày dạng yyyy-mm-dd`);
      },
    },
  );

  const toStart = batches((children.get(issuer.id) ?? []).map((u) => u.id));
  let startedBatches = carried?.startedBatches ?? 0;
  while (startedBatches < toStart.length && !historyFull()) {
    await startUnits({ campaignId: id, unitIds: toStart[startedBatches] as string[] });
    startedBatches += 1;
  }
  let stopping = false;
  const digests = runDigests({
    digest: () => state.digest,
    campaign: c.campaign,
    superior: contact(issuer),
    issuerName: issuer.name,
    revision: () => digestRev,
    stopped: () => stopping || state.closed,
    send,
  });
  await condition(() => state.closed || historyFull());
  stopping = true;
  await digests;
  await condition(allHandlersFinished);
  if (state.closed) {
    const { file } = await archiveCampaign({ campaignId: id });
    if (file) state.archive = file;
  }
  if (!state.closed) {
    await continueAsNew<typeof campaignWorkflow>({
      campaign: c,
      ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
      carried: { state, children: [...childAggs.values()], startedBatches },
    });
  }
  return state;
}
