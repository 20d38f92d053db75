// A superior's view of its subtree, read-only, at a fixed cost whatever the subtree's size: its own
// aggregate (one query of its own workflow: the subtree's tallies), the direct subordinates' aggregates when
// the engine answers `childAggregates` (the same workflow, one query), and ONE visibility query for the
// campaign's overdue units (the DondocOverdue search attribute), cut to the subtree with the definition.
// Never one query per unit.
import { QueryNotRegisteredError } from '@temporalio/client';
import { queryWorkflow } from '../../client/queries';
import { listOverdue } from '../../client/read/overdue';
import { unitWorkflowId } from '../../contract/ids';
import { aggregateQuery, childAggregatesQuery } from '../../contract/messages';
import { milestoneSchedule } from '../../core/calendar/schedule';
import { milestonesFor } from '../../core/definition/tree';
import type { Campaign, Milestone, Unit } from '../../core/definition/types';
import type { SubtreeAggregate, Tally } from '../../core/report/aggregate';
import { aggregateOf } from '../../workflows/aggregate';
import type { PortalContext } from '../context';
import type { UnitAccess } from './access';

export interface SubtreeRow {
  unit: Unit;
  /** 1 for a direct subordinate. */
  depth: number;
  /** The milestones that apply to it. */
  applies: Set<string>;
  /** The milestones the visibility query says it is overdue on. */
  overdue: string[];
  /** A direct subordinate's own subtree aggregate, when the engine gives it. */
  aggregate?: SubtreeAggregate;
}

export interface SubtreeView {
  /** Every unit below, depth first in the definition's order. */
  rows: SubtreeRow[];
  /** The milestones that apply to at least one unit below, in the definition's order. */
  milestones: Milestone[];
  /** Subordinates only (the unit's own milestones taken out of its aggregate). */
  tallies: Record<string, Tally>;
  /** Each milestone's deadline as defined (before any extension), ISO. */
  dueAt: Record<string, string>;
}

const dueCache = new WeakMap<Campaign, Record<string, string>>();

/** Each milestone's defined deadline (an event window's close), computed once per cached definition. */
export function definedDueAt(campaign: Campaign): Record<string, string> {
  let due = dueCache.get(campaign);
  if (!due) {
    due = Object.fromEntries(campaign.milestones.map((m) => [m.id, milestoneSchedule(campaign, m).dueAt]));
    dueCache.set(campaign, due);
  }
  return due;
}

function walk(campaign: Campaign, rootId: string): { unit: Unit; depth: number }[] {
  const children = new Map<string, Unit[]>();
  for (const u of campaign.units) {
    if (!u.parent) continue;
    const list = children.get(u.parent);
    if (list) list.push(u);
    else children.set(u.parent, [u]);
  }
  const out: { unit: Unit; depth: number }[] = [];
  const visit = (id: string, depth: number) => {
    for (const c of children.get(id) ?? []) {
      out.push({ unit: c, depth });
      visit(c.id, depth + 1);
    }
  };
  visit(rootId, 1);
  return out;
}

function minus(total: Tally | undefined, own: Tally | undefined): Tally {
  const t = total ?? { expected: 0, submitted: 0, onTime: 0, late: 0, waived: 0, missing: 0 };
  if (!own) return { ...t };
  return {
    expected: t.expected - own.expected,
    submitted: t.submitted - own.submitted,
    onTime: t.onTime - own.onTime,
    late: t.late - own.late,
    waived: t.waived - own.waived,
    missing: t.missing - own.missing,
  };
}

export async function subtreeView(ctx: PortalContext, access: UnitAccess): Promise<SubtreeView | undefined> {
  const { campaign, unit, state } = access;
  const below = walk(campaign, unit.id);
  if (below.length === 0) return undefined;
  const campaignId = campaign.campaign.id;
  const workflowId = unitWorkflowId(campaignId, unit.id);
  const applies = new Map(
    below.map((b) => [b.unit.id, new Set(milestonesFor(campaign, b.unit).map((m) => m.id))]),
  );
  const used = new Set([...applies.values()].flatMap((s) => [...s]));
  const milestones = campaign.milestones.filter((m) => used.has(m.id));
  const [aggregate, children, overdue] = await Promise.all([
    queryWorkflow({ client: ctx.client, workflowId, query: aggregateQuery }),
    queryWorkflow({ client: ctx.client, workflowId, query: childAggregatesQuery }).catch((err: unknown) => {
      // Engines without the query: the direct subordinates' cells fall back to the overdue list.
      if (err instanceof QueryNotRegisteredError) return [] as SubtreeAggregate[];
      throw err;
    }),
    milestones.length > 0
      ? listOverdue({
          client: ctx.client,
          campaignId,
          definition: campaign,
          milestoneIds: milestones.map((m) => m.id),
        })
      : Promise.resolve({ query: '', units: [] }),
  ]);
  const overdueOf = new Map(overdue.units.map((u) => [u.unitId, u.milestoneIds]));
  const childAgg = new Map(children.map((a) => [a.unitId, a]));
  const own = aggregateOf(unit.id, state.milestones, [], {});
  const tallies: Record<string, Tally> = {};
  for (const m of milestones) tallies[m.id] = minus(aggregate.tallies[m.id], own.tallies[m.id]);
  return {
    rows: below.map((b) => ({
      ...b,
      applies: applies.get(b.unit.id) ?? new Set(),
      overdue: overdueOf.get(b.unit.id) ?? [],
      ...(b.depth === 1 && childAgg.has(b.unit.id) ? { aggregate: childAgg.get(b.unit.id) } : {}),
    })),
    milestones,
    tallies,
    dueAt: definedDueAt(campaign),
  };
}
