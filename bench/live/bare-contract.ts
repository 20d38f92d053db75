// What crosses Temporal in the live benchmark's raw baseline ("the naive design"): the bare workflow's input,
// its one activity, and its `submit` update. Shared by the bare workflow, the bare worker and the benchmark.
import { defineUpdate } from '@temporalio/workflow';

export const BARE_WORKFLOW = 'bareWorkflow';

export interface BareInput {
  /** The email's deterministic Message-ID, `<...>`. */
  messageId: string;
  to: string;
  /** Epoch ms to sleep until before sending; absent: send at once. */
  sendAt?: number;
}

export interface BareActivities {
  sendOne(input: BareInput): Promise<void>;
}

/** Records who submitted and returns at once. */
export const bareSubmit = defineUpdate<{ by: string; at: number }, [string]>('submit');
