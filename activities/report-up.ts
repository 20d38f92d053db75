// A unit's report to its parent (its subtree aggregate, and with batched reminders the lists it leaves to the
// parent), sent by the worker's client from a local activity: the unit's history gets one marker in the task that
// made the change, not a signal command and then a second task when the server says it was delivered. A report
// sent twice (the task retried) carries the same aggregate and lists, which the parent takes as they come.
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { DelegatedReminders } from '../contract/delegated-reminders';
import { childAggregateSignal } from '../contract/messages';
import type { SubtreeAggregate } from '../core/report/aggregate';

export interface ReportUpInput {
  /** The parent's workflow: the superior unit's, or the campaign's for the issuer. */
  workflowId: string;
  aggregate: SubtreeAggregate;
  /** Absent for units started without batched reminders. */
  lists?: DelegatedReminders[];
}

export interface ReportUpResult {
  /** False when no such workflow runs (it finished: the campaign was closed); the unit decides what then. */
  delivered: boolean;
}

export function reportUpActivity(client: () => Client) {
  return async function reportUp(input: ReportUpInput): Promise<ReportUpResult> {
    const handle = client().workflow.getHandle(input.workflowId);
    try {
      await (input.lists
        ? handle.signal(childAggregateSignal, input.aggregate, input.lists)
        : handle.signal(childAggregateSignal, input.aggregate));
      return { delivered: true };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { delivered: false };
      throw err;
    }
  };
}
