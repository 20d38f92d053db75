// One campaign as the command line sees it: its definition (the campaign workflow's input, from history),
// whether it still runs, its state, and its unit tree.
import type { Client } from '@temporalio/client';
import { campaignWorkflowId } from '../contract/ids';
import { type CampaignState, type CampaignWorkflowInput, campaignStateQuery } from '../contract/messages';
import { aggregateOfTallies, type CampaignStatusMemo, readCampaignStatusMemo } from '../contract/status';
import { childrenIndex } from '../core/definition/tree';
import type { Campaign, Milestone, Unit } from '../core/definition/types';
import { rejected } from './errors';
import { decodeFirst, firstEvent } from './history';
import { queryWorkflow } from './queries';

export interface CampaignView {
  campaignId: string;
  definition: Campaign;
  /** The latest run of the campaign workflow. */
  runId: string;
  /** RUNNING, COMPLETED, TERMINATED, ... */
  workflowStatus: string;
  running: boolean;
  state: CampaignState;
  /** Closed or cancelled: its unit workflows have finished (or are finishing). */
  closed: boolean;
  /** The state came from the campaign's status memo: its engine publishes the units' status memos too. */
  fromMemo: boolean;
}

/** The campaign's definition: the campaign workflow's input, in its (latest run's) first history event. */
export async function loadDefinition(input: { client: Client; campaignId: string }): Promise<Campaign> {
  const { client, campaignId } = input;
  const workflowId = campaignWorkflowId(campaignId);
  const first = await firstEvent(client, workflowId);
  const started = first?.workflowExecutionStartedEventAttributes;
  if (!started) {
    throw rejected(
      `không có chiến dịch '${campaignId}' trên máy chủ (namespace ${client.options.namespace})`,
    );
  }
  const wfInput = (await decodeFirst(client, started.input)) as CampaignWorkflowInput | undefined;
  if (!wfInput?.campaign?.campaign)
    throw rejected(`workflow '${workflowId}' không phải là một chiến dịch dondoc`);
  return wfInput.campaign;
}

/**
 * Fails with exit 1 for an id that is not a campaign on this server. A caller that already holds the
 * definition (the portal caches it) passes it and saves reading history. `fromMemo`: for a reader that needs no
 * submitted values (`status`), the state of a running campaign comes from its memo, which the server answers
 * even while the worker is saturated (the total then has tallies and no values); else from its query.
 */
export async function openCampaign(input: {
  client: Client;
  campaignId: string;
  definition?: Campaign;
  fromMemo?: boolean;
}): Promise<CampaignView> {
  const { client, campaignId } = input;
  const definition = input.definition ?? (await loadDefinition(input));
  const workflowId = campaignWorkflowId(campaignId);
  const handle = client.workflow.getHandle(workflowId);
  const d = await handle.describe();
  const running = d.status.name === 'RUNNING';
  const memo = running && input.fromMemo ? readCampaignStatusMemo(d.memo) : undefined;
  const state = memo
    ? stateOfMemo(campaignId, definition.campaign.issuer, memo)
    : running
      ? await queryWorkflow({ client, workflowId, query: campaignStateQuery })
      : ((await handle.result()) as CampaignState);
  return {
    campaignId,
    definition,
    runId: d.runId,
    workflowStatus: d.status.name,
    running,
    state,
    closed: !running || state.closed,
    fromMemo: memo !== undefined,
  };
}

function stateOfMemo(campaignId: string, issuer: string, memo: CampaignStatusMemo): CampaignState {
  const { v: _v, total, ...rest } = memo;
  return { campaignId, ...rest, total: aggregateOfTallies(issuer, total) };
}

export function unitOf(view: CampaignView, unitId: string): Unit {
  const u = view.definition.units.find((x) => x.id === unitId);
  if (!u) throw rejected(`chiến dịch '${view.campaignId}' không có đơn vị '${unitId}'`);
  return u;
}

export function milestoneOf(view: CampaignView, milestoneId: string): Milestone {
  const m = view.definition.milestones.find((x) => x.id === milestoneId);
  if (!m) {
    const ids = view.definition.milestones.map((x) => x.id).join(', ');
    throw rejected(`chiến dịch '${view.campaignId}' không có mốc '${milestoneId}' (các mốc: ${ids})`);
  }
  return m;
}

export interface TreeEntry {
  unit: Unit;
  /** 0 for the root of the walk. */
  depth: number;
}

/**
 * The units under `rootId` (itself first), depth first in file order, down to `maxDepth` levels below it.
 * Iterative: a chain of units tens of thousands deep does not overflow the stack.
 */
export function subtree(c: Campaign, rootId: string, maxDepth = Number.POSITIVE_INFINITY): TreeEntry[] {
  const byId = new Map(c.units.map((u) => [u.id, u]));
  const children = childrenIndex(c.units);
  const out: TreeEntry[] = [];
  const root = byId.get(rootId);
  const stack: TreeEntry[] = root ? [{ unit: root, depth: 0 }] : [];
  const seen = new Set<string>();
  for (let e = stack.pop(); e; e = stack.pop()) {
    if (seen.has(e.unit.id)) continue;
    seen.add(e.unit.id);
    out.push(e);
    if (e.depth >= maxDepth) continue;
    const kids = children.get(e.unit.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ unit: kids[i] as Unit, depth: e.depth + 1 });
  }
  return out;
}

/** The deepest level whose tree under `rootId` stays within `maxUnits` units; at least 1 (the root's subordinates). */
export function depthThatFits(c: Campaign, rootId: string, maxUnits: number): number {
  let depth = 1;
  let size = subtree(c, rootId, depth).length;
  for (;;) {
    const next = subtree(c, rootId, depth + 1).length;
    if (next > maxUnits || next === size) return depth;
    depth += 1;
    size = next;
  }
}

/** Refuses changes to a closed or cancelled campaign (its workflows have finished), with exit 1. */
export function requireOpen(view: CampaignView): void {
  if (!view.closed) return;
  const when = view.state.closedAt ? ` (${view.state.closedAt})` : '';
  throw rejected(
    `chiến dịch '${view.campaignId}' đã ${view.state.cancelled ? 'hủy' : 'đóng'}${when}: không nhận thay đổi nữa`,
  );
}
