// The units' states and subtree aggregates, for status and reports. While the campaign runs they come from
// the unit workflows' status memos when the reader needs no more (`fromMemo`: answered by the server alone),
// else from their queries (only the units asked for); once it is closed, from each unit workflow's result,
// added up here with the engine's own aggregation.
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { unitWorkflowId } from '../contract/ids';
import { stateQuery, type UnitState } from '../contract/messages';
import { aggregateOfTallies, type MilestoneSummary } from '../contract/status';
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
    const shown = new Set(entries.map((e) => e.unit.id));
    const parents = [
      ...new Set(
        entries.flatMap((e) =>
          e.unit.parent && shown.has(e.unit.parent) && e.depth > 0 ? [e.unit.parent] : [],
        ),
      ),
    ];
    await pooled(parents, WIDTH, async (parentId) => {
      const childIds = entries.filter((e) => e.depth > 0 && e.unit.parent === parentId).map((e) => e.unit.id);
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
  const rules = aggregationRules(c);
  const childrenOf = new Map<string, string[]>();
  for (const u of c.units)
    if (u.parent) childrenOf.set(u.parent, [...(childrenOf.get(u.parent) ?? []), u.id]);
  const addUp = (unitId: string): SubtreeAggregate => {
    const kids = (childrenOf.get(unitId) ?? []).map(addUp);
    const agg = aggregateOf(unitId, states.get(unitId)?.milestones ?? [], kids, rules);
    aggregates.set(unitId, agg);
    return agg;
  };
  addUp(input.rootId);
  return { entries, states, summaries, aggregates, missing };
}
