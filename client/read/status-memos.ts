// What `status` shows of each unit asked for, from the memo each unit workflow publishes (contract/status.ts):
// one describe per unit, answered by the server alone, so it stays quick while the worker is saturated.
import type { Client } from '@temporalio/client';
import { unitWorkflowId } from '../../contract/ids';
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

export async function readStatusMemos(input: {
  client: Client;
  campaignId: string;
  unitIds: string[];
  width: number;
}): Promise<StatusMemos> {
  const out: StatusMemos = { memos: new Map(), missing: [], unpublished: [] };
  await pooled(input.unitIds, input.width, async (unitId) => {
    try {
      const d = await input.client.workflow.getHandle(unitWorkflowId(input.campaignId, unitId)).describe();
      const memo = readUnitStatusMemo(d.memo);
      if (memo) out.memos.set(unitId, memo);
      else if (d.historyLength <= FIRST_TASK_EVENTS) out.missing.push(unitId);
      else out.unpublished.push(unitId);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      out.missing.push(unitId);
    }
  });
  return out;
}
