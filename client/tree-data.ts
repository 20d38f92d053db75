// The units' states and subtree aggregates, for status and reports. While the campaign runs they come from
// the unit workflows' status memos when the reader needs no more (`fromMemo`: answered by the server alone),
// else from their queries (only the units asked for); once it is closed, from each unit workflow's result,
// added up here with the engine's own aggregation.
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { unitWorkflowId } from '../contract/ids';
import { stateQuery, type UnitState } from '../contract/messages';
import { aggregateOfTallies, type MilestoneSummary } from '../contract/status';
import { childrenIndex } from '../core/definition/tree';
import type { Campaign } from '../core/definition/types';
import { aggregationRules, type SubtreeAggregate } from '../core/report/aggregate';
import { aggregateOf } from '../workflows/aggregate';
import { type CampaignView, subtree, type TreeEntry } from './campaign-view';
import { pooled } from './kit';
import { queryWorkflow } from './queries';
import { childAggregates, subtreeAggregate } from './read/aggregates';
import { readStatusMemos } from './read/status-memos';

const WIDTH = 16;
// Describes ask the server only: wider.
const MEMO_WIDTH = 32;

export interface TreeData {
  entries: TreeEntry[];
  states: Map<string, UnitState>;
  /** What `status` shows of each unit, when read from the status memos instead of the states. */
  summaries: Map<string, MilestoneSummary[]>;
  aggregates: Map<string, SubtreeAggregate>;
  /** Units whose workflow was not found (not started yet). */
  missing: string[];
}

/** A finished unit's final state (its result); a still-running one is asked. */
async function finalState(client: Client, workflowId: string): Promise<UnitState> {
  const handle = client.workflow.getHandle(workflowId);
  const d = await handle.describe();
  if (d.status.name === 'COMPLETED') return (await handle.result()) as UnitState;
  return await queryWorkflow({ client, workflowId, query: stateQuery });
}

async function orMissing<T>(missing: string[], unitId: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    missing.push(unitId);
    return undefined;
  }
}

/**
 * The tree from the units' status memos. A unit running without one: in a campaign that publishes its own, it is
 * starting (not reporting yet); else an older engine started it, and undefined sends the reader to the queries.
 */
async function treeFromMemos(
  client: Client,
  view: CampaignView,
  entries: TreeEntry[],
): Promise<TreeData | undefined> {
  const read = await readStatusMemos({
    client,
    campaignId: view.campaignId,
    unitIds: entries.map((e) => e.unit.id),
    width: MEMO_WIDTH,
  });
  if (read.unpublished.length > 0 && !view.fromMemo) return undefined;
  const summaries = new Map<string, MilestoneSummary[]>();
  const aggregates = new Map<string, SubtreeAggregate>();
  for (const [id, m] of read.memos) {
    summaries.set(id, m.milestones);
    aggregates.set(id, aggregateOfTallies(id, m.subtree));
  }
  const missing = [...read.missing, ...read.unpublished];
  return { entries, states: new Map(), summaries, aggregates, missing };
}

/**
 * Every subtree aggregate under `rootId` of a closed campaign, added up from the leaves with the engine's own
 * aggregation. Iterative (children before their parent: the reverse of a depth-first order), so a chain tens of
 * thousands deep does not overflow the stack. Pure.
 */
export function addUpClosed(
  c: Campaign,
  rootId: string,
  states: ReadonlyMap<string, UnitState>,
): Map<string, SubtreeAggregate> {
  const rules = aggregationRules(c);
  const children = childrenIndex(c.units);
  const out = new Map<string, SubtreeAggregate>();
  const order = subtree(c, rootId);
  for (let i = order.length - 1; i >= 0; i--) {
    const id = (order[i] as TreeEntry).unit.id;
    const kids = (children.get(id) ?? []).flatMap((k) => out.get(k.id) ?? []);
    out.set(id, aggregateOf(id, states.get(id)?.milestones ?? [], kids, rules));
  }
  return out;
}

export async function loadTree(input: {
  client: Client;
  view: CampaignView;
  rootId: string;
  depth?: number;
  withStates: boolean;
  fromMemo?: boolean;
}): Promise<TreeData> {
  const { client, view } = input;
  const c = view.definition;
  const issuer = c.campaign.issuer;
  const entries = subtree(c, input.rootId, input.depth);
  const states = new Map<string, UnitState>();
  const aggregates = new Map<string, SubtreeAggregate>();
  const missing: string[] = [];
  const summaries = new Map<string, MilestoneSummary[]>();

  if (!view.closed && input.fromMemo) {
    const fromMemos = await treeFromMemos(client, view, entries);
    if (fromMemos) return fromMemos;
  }

  if (!view.closed) {
    // Subtree aggregates: the root's own (the campaign's total for the issuer), the others from one
    // childAggregates query of each parent shown (a child the parent has not heard from is asked itself).
    // Each shown parent's shown children, in one pass (a long chain has as many parents as units).
    const shown = new Set(entries.map((e) => e.unit.id));
    const childrenShown = new Map<string, string[]>();
    for (const e of entries) {
      const parent = e.unit.parent;
      if (!parent || !shown.has(parent) || e.depth === 0) continue;
      const list = childrenShown.get(parent);
      if (list) list.push(e.unit.id);
      else childrenShown.set(parent, [e.unit.id]);
    }
    await pooled([...childrenShown], WIDTH, async ([parentId, childIds]) => {
      const got = await childAggregates({ client, view, parentId, childIds, width: WIDTH });
      for (const [id, agg] of got.aggregates) aggregates.set(id, agg);
      missing.push(...got.missing);
    });
    const root = await subtreeAggregate({ client, view, unitId: input.rootId });
    if (root) aggregates.set(input.rootId, root);
    else if (input.rootId !== issuer) missing.push(input.rootId);
    if (input.withStates) {
      await pooled(entries, WIDTH, async ({ unit }) => {
        if (!aggregates.has(unit.id)) return;
        const workflowId = unitWorkflowId(view.campaignId, unit.id);
        const st = await orMissing(missing, unit.id, () =>
          queryWorkflow({ client, workflowId, query: stateQuery }),
        );
        if (st) states.set(unit.id, st);
      });
    }
    return { entries, states, summaries, aggregates, missing };
  }

  // Closed: every unit of the subtree's final state, added up from the leaves.
  const all = subtree(c, input.rootId);
  await pooled(all, WIDTH, async ({ unit }) => {
    if (unit.id === issuer) return;
    const st = await orMissing(missing, unit.id, () =>
      finalState(client, unitWorkflowId(view.campaignId, unit.id)),
    );
    if (st) states.set(unit.id, st);
  });
  for (const [id, agg] of addUpClosed(c, input.rootId, states)) aggregates.set(id, agg);
  return { entries, states, summaries, aggregates, missing };
}
