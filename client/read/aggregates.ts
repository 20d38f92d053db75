// Subtree aggregates and unit states for pages that must stay fast on a campaign of tens of thousands of
// units: the campaign's total comes with its state, a unit's subtree from its own aggregate query, and a
// unit's children from one query of their parent when the engine answers it (else one query per child of
// the page asked for, never one per unit of the campaign).
import { type Client, QueryNotRegisteredError, type WorkflowExecutionDescription } from '@temporalio/client';
import { unitWorkflowId } from '../../contract/ids';
import { aggregateQuery, childAggregatesQuery, stateQuery, type UnitState } from '../../contract/messages';
import type { SubtreeAggregate } from '../../core/report/aggregate';
import type { CampaignView } from '../campaign-view';
import { isNotFound } from '../history';
import { pooled } from '../kit';
import { queryWorkflow } from '../queries';

/** First submissions per milestone and local day (yyyy-mm-dd), added up the tree. */
export type ByDay = NonNullable<SubtreeAggregate['byDay']>;

/** Absent until something is submitted (and from engines that did not count them yet). */
export function byDayOf(agg: SubtreeAggregate | undefined): ByDay | undefined {
  const v = agg?.byDay;
  return v && typeof v === 'object' ? v : undefined;
}

/** The subtree aggregate of `unitId`: the campaign's total for the issuer, else the unit's own query. */
export async function subtreeAggregate(input: {
  client: Client;
  view: CampaignView;
  unitId: string;
}): Promise<SubtreeAggregate | undefined> {
  const { view } = input;
  if (input.unitId === view.definition.campaign.issuer) return view.state.total;
  try {
    return await queryWorkflow({
      client: input.client,
      workflowId: unitWorkflowId(view.campaignId, input.unitId),
      query: aggregateQuery,
    });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export interface ChildAggregates {
  aggregates: Map<string, SubtreeAggregate>;
  /** How they were read: one query of the parent, or one query per child listed. */
  source: 'parent' | 'children';
  /** Children with no aggregate yet (not started, or not reported to their parent yet). */
  missing: string[];
}

/**
 * The aggregates of `childIds`, direct subordinates of `parentId`. One query of the parent's workflow when it
 * answers `childAggregates`; otherwise (or for a child it has not heard from yet) each child's own query,
 * `width` at a time.
 */
export async function childAggregates(input: {
  client: Client;
  view: CampaignView;
  parentId: string;
  childIds: string[];
  width?: number;
}): Promise<ChildAggregates> {
  const { client, view } = input;
  const parentWorkflow = unitWorkflowId(view.campaignId, input.parentId);
  const aggregates = new Map<string, SubtreeAggregate>();
  let source: ChildAggregates['source'] = 'children';
  if (input.childIds.length > 0) {
    try {
      const all = await queryWorkflow({ client, workflowId: parentWorkflow, query: childAggregatesQuery });
      const wanted = new Set(input.childIds);
      for (const a of all) if (wanted.has(a.unitId)) aggregates.set(a.unitId, a);
      source = 'parent';
    } catch (err) {
      if (!(err instanceof QueryNotRegisteredError) && !isNotFound(err)) throw err;
    }
  }
  const rest = input.childIds.filter((id) => !aggregates.has(id));
  const missing: string[] = [];
  await pooled(rest, input.width ?? 16, async (unitId) => {
    try {
      const agg = await queryWorkflow({
        client,
        workflowId: unitWorkflowId(view.campaignId, unitId),
        query: aggregateQuery,
      });
      aggregates.set(unitId, agg);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      missing.push(unitId);
    }
  });
  return { aggregates, source, missing };
}

export interface UnitStateRead {
  state: UnitState;
  /** The unit workflow's task queue (where helper workflows for it are started). */
  taskQueue: string;
  running: boolean;
}

/**
 * A unit's state: its query while it runs, its result once it finished (the campaign closed). Undefined when the
 * campaign has not started the unit's workflow.
 */
export async function readUnitState(input: {
  client: Client;
  campaignId: string;
  unitId: string;
}): Promise<UnitStateRead | undefined> {
  const workflowId = unitWorkflowId(input.campaignId, input.unitId);
  const handle = input.client.workflow.getHandle(workflowId);
  let d: WorkflowExecutionDescription;
  try {
    d = await handle.describe();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  const running = d.status.name === 'RUNNING';
  const state =
    d.status.name === 'COMPLETED'
      ? ((await handle.result()) as UnitState)
      : await queryWorkflow({ client: input.client, workflowId, query: stateQuery });
  return { state, taskQueue: d.taskQueue, running };
}
