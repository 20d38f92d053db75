// The overdue units of a campaign, shared by `dondoc overdue` and the staff portal: one visibility query on
// the server (the unit workflows' DondocOverdue search attribute) lists them; then only the units asked about
// are queried for how long, and who was escalated.
import type { Client } from '@temporalio/client';
import { noticeCategory } from '../../contract/audit';
import { unitWorkflowId } from '../../contract/ids';
import { stateQuery } from '../../contract/messages';
import { OVERDUE, QUOTABLE_ID, runningUnitsQuery } from '../../contract/search-attributes';
import type { Campaign } from '../../core/definition/types';
import { rejected } from '../errors';
import { pooled } from '../kit';
import { queryWorkflow } from '../queries';

export interface OverdueEscalation {
  /** The engine's kind of notice: `escalation` (or, in newer engines, `overdue` to the unit itself). */
  kind: string;
  seq: number;
  sentAt: string;
  to: string[];
  recipients: string[];
  messageId: string;
  failure?: string;
  /** The superiors whose daily digest listed it. */
  digest?: string[];
}

export interface OverdueMilestone {
  id: string;
  title: string;
  dueAt: string;
  overdueMs: number;
  remindersSent: number;
  escalations: OverdueEscalation[];
}

export interface OverdueUnit {
  unitId: string;
  name: string;
  level: string;
  parent: string | null;
  milestones: OverdueMilestone[];
}

/** One unit the visibility query found: which of its milestones its search attribute says are overdue. */
export interface OverdueListing {
  workflowId: string;
  unitId: string;
  /** From the DondocOverdue search attribute (may trail the workflow a little). */
  milestoneIds: string[];
}

/** The visibility query for the campaign's units overdue on any of `milestoneIds`. */
export function overdueQuery(campaignId: string, milestoneIds: string[]): string {
  for (const id of [campaignId, ...milestoneIds]) {
    if (!QUOTABLE_ID.test(id)) throw rejected(`mã '${id}' có ký tự không dùng được trong truy vấn`);
  }
  const list = milestoneIds.map((m) => `"${m}"`).join(', ');
  const overdue = milestoneIds.length === 1 ? `${OVERDUE.name} = ${list}` : `${OVERDUE.name} IN (${list})`;
  return `${runningUnitsQuery(campaignId)} AND ${overdue}`;
}

/**
 * Runs the one visibility query: every overdue unit of the campaign (each once), in the definition's unit
 * order, with the milestones its search attribute names (only those in `milestoneIds`).
 */
export async function listOverdue(input: {
  client: Client;
  campaignId: string;
  definition: Campaign;
  milestoneIds: string[];
}): Promise<{ query: string; units: OverdueListing[] }> {
  const { client, campaignId } = input;
  const query = overdueQuery(campaignId, input.milestoneIds);
  const wanted = new Set(input.milestoneIds);
  const byId = new Map<string, OverdueListing>();
  for await (const wf of client.workflow.list({ query })) {
    if (!wf.workflowId.startsWith(`${campaignId}/`) || byId.has(wf.workflowId)) continue;
    const named = wf.typedSearchAttributes.get(OVERDUE) ?? [];
    byId.set(wf.workflowId, {
      workflowId: wf.workflowId,
      unitId: wf.workflowId.slice(campaignId.length + 1),
      milestoneIds: named.filter((m) => wanted.has(m)),
    });
  }
  const order = new Map(input.definition.units.map((u, i) => [u.id, i]));
  const units = [...byId.values()].sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0));
  return { query, units };
}

/**
 * One overdue unit in detail, from its state query: each milestone it says is overdue (among `milestoneIds`),
 * since when, reminders and escalations sent. Undefined when it is no longer overdue on any of them.
 */
export async function overdueDetails(input: {
  client: Client;
  campaignId: string;
  definition: Campaign;
  unitId: string;
  milestoneIds: Set<string>;
  now: number;
}): Promise<OverdueUnit | undefined> {
  const { unitId } = input;
  const unit = input.definition.units.find((u) => u.id === unitId);
  const state = await queryWorkflow({
    client: input.client,
    workflowId: unitWorkflowId(input.campaignId, unitId),
    query: stateQuery,
  });
  const milestones = state.milestones
    // Visibility trails the workflow a little: keep what the unit itself says is overdue.
    .filter((m) => m.status === 'overdue' && input.milestoneIds.has(m.id))
    .map(
      (m): OverdueMilestone => ({
        id: m.id,
        title: m.title,
        dueAt: m.schedule.dueAt,
        overdueMs: input.now - Date.parse(m.schedule.dueAt),
        remindersSent: m.sent.filter((n) => noticeCategory(n.kind) === 'reminder').length,
        escalations: m.sent
          .filter((n) => noticeCategory(n.kind) === 'escalation')
          .map((n) => {
            // Escalations listed in superiors' daily digests instead of a mail of their own (newer engines).
            const digest = (n as { digest?: string[] }).digest;
            return {
              kind: n.kind,
              seq: n.seq,
              sentAt: n.sentAt,
              to: n.to,
              recipients: n.recipients,
              messageId: n.messageId,
              ...(n.failure ? { failure: n.failure } : {}),
              ...(digest && digest.length > 0 ? { digest } : {}),
            };
          }),
      }),
    );
  if (milestones.length === 0) return undefined;
  return {
    unitId,
    name: unit?.name ?? unitId,
    level: unit?.level ?? '',
    parent: unit?.parent ?? null,
    milestones,
  };
}

/** The details of the listed units (`width` state queries at a time), those still overdue, in list order. */
export async function overdueUnits(input: {
  client: Client;
  campaignId: string;
  definition: Campaign;
  listed: OverdueListing[];
  milestoneIds: string[];
  now: number;
  width?: number;
}): Promise<OverdueUnit[]> {
  const ids = new Set(input.milestoneIds);
  const found = await pooled(input.listed, input.width ?? 16, (l) =>
    overdueDetails({
      client: input.client,
      campaignId: input.campaignId,
      definition: input.definition,
      unitId: l.unitId,
      milestoneIds: ids,
      now: input.now,
    }),
  );
  return found.filter((u): u is OverdueUnit => u !== undefined);
}
