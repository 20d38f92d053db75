// What `status` shows of each unit asked for, from the memo each unit workflow publishes (contract/status.ts),
// answered by the server alone, so it stays quick while the worker is saturated. Read from visibility, a
// hundred units per list call: a describe waits for the workflow's lock in the server, and a superior's is
// taken by every report its subordinates send, so during a wave of submissions the describes of a tree's top
// levels queued behind those writes. Visibility follows a memo within moments. A unit not listed (starting,
// not started, or not yet in visibility) or listed without a memo is described, as before.
import type { Client } from '@temporalio/client';
import { unitWorkflowId } from '../../contract/ids';
import { QUOTABLE_ID, runningUnitsQuery, UNIT } from '../../contract/search-attributes';
import { readUnitStatusMemo, type UnitStatusMemo } from '../../contract/status';
import { isNotFound } from '../history';
import { pooled } from '../kit';

export interface StatusMemos {
  memos: Map<string, UnitStatusMemo>;
  /** Not started, or started and not through its first workflow task yet: nothing to report. */
  missing: string[];
  /** Running with no memo: started by an engine that did not publish one (read them by query). */
  unpublished: string[];
}

// A workflow's history before its first task completed: started, and that task scheduled and started.
const FIRST_TASK_EVENTS = 3;
/** Units named in one visibility query (its `IN (...)` list stays a few kilobytes). */
const UNITS_PER_LIST = 100;

/** The memos visibility holds of the running workflows of `unitIds` (listed in chunks, `width` at a time). */
async function listedMemos(input: {
  client: Client;
  campaignId: string;
  unitIds: string[];
  width: number;
}): Promise<Map<string, UnitStatusMemo>> {
  const { client, campaignId } = input;
  const out = new Map<string, UnitStatusMemo>();
  if (!QUOTABLE_ID.test(campaignId)) return out;
  const ids = input.unitIds.filter((id) => QUOTABLE_ID.test(id));
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += UNITS_PER_LIST) chunks.push(ids.slice(i, i + UNITS_PER_LIST));
  const byWorkflow = new Map(ids.map((id) => [unitWorkflowId(campaignId, id), id]));
  await pooled(chunks, input.width, async (chunk) => {
    const list = chunk.map((id) => `"${id}"`).join(', ');
    const query = `${runningUnitsQuery(campaignId)} AND ${UNIT.name} IN (${list})`;
    for await (const wf of client.workflow.list({ query })) {
      const unitId = byWorkflow.get(wf.workflowId);
      const memo = readUnitStatusMemo(wf.memo);
      if (unitId && memo) out.set(unitId, memo);
    }
  });
  return out;
}

export async function readStatusMemos(input: {
  client: Client;
  campaignId: string;
  unitIds: string[];
  width: number;
}): Promise<StatusMemos> {
  const listed = await listedMemos(input);
  const out: StatusMemos = { memos: new Map(), missing: [], unpublished: [] };
  const rest = input.unitIds.filter((id) => !listed.has(id));
  await pooled(rest, input.width, async (unitId) => {
    try {
      const d = await input.client.workflow.getHandle(unitWorkflowId(input.campaignId, unitId)).describe();
      const memo = readUnitStatusMemo(d.memo);
      if (memo) listed.set(unitId, memo);
      else if (d.historyLength <= FIRST_TASK_EVENTS) out.missing.push(unitId);
      else out.unpublished.push(unitId);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      out.missing.push(unitId);
    }
  });
  // In the order asked for, whichever way each was read.
  for (const id of input.unitIds) {
    const memo = listed.get(id);
    if (memo) out.memos.set(id, memo);
  }
  return out;
}
