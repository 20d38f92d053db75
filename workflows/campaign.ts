// The campaign: holds the validated definition (its input, so the definition itself is in durable history),
// hands each unit its plan, starts the issuer's direct subordinates, adds up the tree and closes it.
import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from '../activities';
import { childrenIndex, milestonesFor } from '../core/definition/tree';
import type { Unit } from '../core/definition/types';
import { type AggregationRules, aggregateOf, type SubtreeAggregate } from './aggregate';
import { batches } from './batches';
import {
  aggregateQuery,
  type CampaignState,
  type CampaignWorkflowInput,
  type Contact,
  campaignStateQuery,
  childAggregateSignal,
  closeCampaignUpdate,
  extendAllUpdate,
  planQuery,
  type UnitPlan,
} from './messages';

const { startUnits, closeUnits, extendUnits } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
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
  const childAggs = new Map<string, SubtreeAggregate>();
  const state: CampaignState = {
    campaignId: id,
    closed: false,
    cancelled: false,
    startedAt: new Date(Date.now()).toISOString(),
    events: [],
    total: aggregateOf(issuer.id, [], [], rules),
  };

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
    };
  });
  setHandler(childAggregateSignal, (agg) => {
    childAggs.set(agg.unitId, agg);
    state.total = aggregateOf(issuer.id, [], childAggs.values(), rules);
  });
  setHandler(campaignStateQuery, () => state);
  setHandler(aggregateQuery, () => state.total);
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
          throw new Error('actor: say who is doing this');
        if (state.closed) throw new Error(`campaign ${id} is already closed`);
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
        if (state.closed) throw new Error(`campaign ${id} is closed`);
        if (typeof req?.actor !== 'string' || req.actor.trim() === '')
          throw new Error('actor: say who is doing this');
        if (typeof req.reason !== 'string' || req.reason.trim() === '')
          throw new Error('reason: say why the deadline moves');
        if (!c.milestones.some((x) => x.id === req.milestoneId))
          throw new Error(`unknown milestone '${req.milestoneId}'`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(req.newDue ?? ''))
          throw new Error(`newDue: '${req.newDue}' is not a date yyyy-mm-dd`);
      },
    },
  );

  for (const unitIds of batches((children.get(issuer.id) ?? []).map((u) => u.id))) {
    await startUnits({ campaignId: id, unitIds });
  }
  await condition(() => state.closed);
  await condition(allHandlersFinished);
  return state;
}
