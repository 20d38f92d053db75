// The campaign: holds the validated definition (its input, so the definition itself is in durable history),
// hands each unit its plan, starts the issuer's unit workflow (which starts the tree below it, like any unit),
// keeps the total the issuer reports, extends a milestone for everyone, and closes every unit.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from '../activities';
import {
  aggregateQuery,
  type CampaignState,
  type CampaignWorkflowInput,
  campaignStateQuery,
  childAggregateSignal,
  closeCampaignUpdate,
  extendAllUpdate,
  planQuery,
  templatesQuery,
  type UnitPlan,
} from '../contract/messages';
import { CAMPAIGN_STATUS_MEMO, campaignStatusMemo, carriedStatusMemo } from '../contract/status';
import { milestonesFor } from '../core/definition/tree';
import type { Campaign } from '../core/definition/types';
import { aggregationRules } from '../core/report/aggregate';
import { aggregateOf } from './aggregate';
import { batches, HISTORY_LIMIT } from './batches';
import { unitPlans } from './plan/unit-plan';
import { memoPublisher } from './status-memo';
import { requireActor, requireCleanReason, requireReason } from './validator-checks';

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

/**
 * Publishes the campaign's state (without the total's values) in its memo whenever it changes, so `status`
 * reads it from the server without the worker. Campaigns started before it (no patch marker) publish nothing.
 */
function statusPublisher(state: CampaignState): () => void {
  if (!patched('campaign-status-memo')) return () => undefined;
  return memoPublisher(CAMPAIGN_STATUS_MEMO, () => campaignStatusMemo(state));
}

/** Closing and extending for everyone: updates that go out to the units in batches of activities. */
function registerCampaignUpdates(c: Campaign, state: CampaignState, publish: () => void): void {
  const id = c.campaign.id;
  const issuer = c.campaign.issuer;
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
      publish();
      // The issuer last: its digests stop once every unit below it has stopped reporting to it.
      const all = [...c.units.filter((u) => u.id !== issuer).map((u) => u.id), issuer];
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
        requireActor(req?.actor);
        requireCleanReason(req.reason);
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
      publish();
      return { extended, skipped };
    },
    {
      validator: (req) => {
        if (state.closed) throw new Error(`chiến dịch ${id} đã đóng`);
        requireActor(req?.actor);
        requireReason(req.reason, 'gia hạn');
        if (!c.milestones.some((x) => x.id === req.milestoneId))
          throw new Error(`không có mốc '${req.milestoneId}'`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(req.newDue ?? ''))
          throw new Error(`newDue: '${req.newDue}' không phải ngày dạng yyyy-mm-dd`);
      },
    },
  );
}

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignState> {
  const c = input.campaign;
  const id = c.campaign.id;
  const carried = input.carried;
  const historyLimit = input.historyLimit ?? HISTORY_LIMIT;
  // The campaign's templates never change while it runs: its first run's id names their version.
  const templatesVersion =
    c.templates && Object.keys(c.templates).length > 0 ? workflowInfo().firstExecutionRunId : undefined;
  const planOf = unitPlans(c, {
    ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
    ...(templatesVersion ? { templatesVersion } : {}),
  });
  const issuer = c.campaign.issuer;
  const state: CampaignState = carried?.state ?? {
    campaignId: id,
    closed: false,
    cancelled: false,
    startedAt: new Date(Date.now()).toISOString(),
    events: [],
    total: aggregateOf(issuer, [], [], aggregationRules(c)),
  };
  const historyFull = () =>
    workflowInfo().historyLength > historyLimit || workflowInfo().continueAsNewSuggested;
  const publish = statusPublisher(state);
  publish();

  setHandler(planQuery, (unitId: string): UnitPlan => {
    const plan = planOf(unitId);
    if (!plan) throw new Error(`campaign ${id} has no unit '${unitId}'`);
    return plan;
  });
  // The issuer's unit workflow signals the tree's total whenever it changes.
  setHandler(childAggregateSignal, (agg) => {
    if (agg.unitId !== issuer) return;
    state.total = agg;
    publish();
  });
  // Mail templates are not copied into each unit's plan: the sending activity reads them from this workflow's
  // start event (activities/campaign-start.ts). The query stays for tools that ask.
  setHandler(templatesQuery, () => c.templates ?? {});
  setHandler(campaignStateQuery, () => state);
  setHandler(aggregateQuery, () => state.total);
  registerCampaignUpdates(c, state, publish);

  // The issuer's unit workflow starts the tree below it; its id is deterministic, so a retry starts nothing twice.
  if (!carried) await startUnits({ campaignId: id, unitIds: [issuer] });
  await condition(() => state.closed || historyFull());
  await condition(allHandlersFinished);
  if (state.closed) {
    const { file } = await archiveCampaign({ campaignId: id });
    if (file) state.archive = file;
    publish();
  }
  if (!state.closed) {
    const memo = carriedStatusMemo(workflowInfo().memo);
    const next = memo
      ? makeContinueAsNewFunc<typeof campaignWorkflow>({ memo })
      : continueAsNew<typeof campaignWorkflow>;
    await next({
      campaign: c,
      ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
      carried: { state },
    });
  }
  return state;
}
