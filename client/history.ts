// Reading workflow histories: every run of a workflow id (continue-as-new makes a chain), decoded payloads,
// and the campaign's definition from the campaign workflow's first event.
import { status } from '@grpc/grpc-js';
import { type Client, isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import type { LoadedDataConverter, Payload } from '@temporalio/common';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface RunHistory {
  workflowId: string;
  runId: string;
  events: HistoryEvent[];
}

/** What decodes a history's payloads: a client (its data converter), or a data converter itself. */
export type PayloadDecoder = Client | LoadedDataConverter;

function converterOf(from: PayloadDecoder): LoadedDataConverter {
  return 'options' in from ? from.options.loadedDataConverter : from;
}

/** Payloads of a history event, decoded with the client's data converter. */
export async function decodePayloads(
  from: PayloadDecoder,
  payloads: temporal.api.common.v1.IPayloads | null | undefined,
): Promise<unknown[]> {
  return await decodeArrayFromPayloads(converterOf(from), payloads?.payloads as Payload[]);
}

export async function decodeFirst(
  from: PayloadDecoder,
  payloads: temporal.api.common.v1.IPayloads | null | undefined,
): Promise<unknown> {
  return (await decodePayloads(from, payloads))[0];
}

/** A single payload (a search attribute's value, a memo field). */
export async function decodeOne(
  from: PayloadDecoder,
  payload: temporal.api.common.v1.IPayload | null | undefined,
): Promise<unknown> {
  if (!payload) return undefined;
  return (await decodeArrayFromPayloads(converterOf(from), [payload as Payload]))[0];
}

export function eventTime(e: HistoryEvent): string {
  const ms = optionalTsToMs(e.eventTime);
  return new Date(ms ?? 0).toISOString();
}

export function eventId(e: HistoryEvent): number {
  return Number(e.eventId ?? 0);
}

export function isNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === status.NOT_FOUND);
}

/** The first event of a run (the latest run when `runId` is omitted); undefined when there is no such workflow. */
export async function firstEvent(
  client: Client,
  workflowId: string,
  runId?: string,
): Promise<HistoryEvent | undefined> {
  try {
    const r = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId, ...(runId ? { runId } : {}) },
      maximumPageSize: 1,
    });
    return r.history?.events?.[0] ?? undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * Every run of a workflow id, oldest first: the latest run, then back along its continue-as-new chain
 * (each run's first event names the run it continues). An unknown workflow has no runs.
 */
export async function allRuns(client: Client, workflowId: string): Promise<RunHistory[]> {
  let runId: string | undefined;
  try {
    runId = (await client.workflow.getHandle(workflowId).describe()).runId;
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
  const runs: RunHistory[] = [];
  const seen = new Set<string>();
  while (runId && !seen.has(runId)) {
    seen.add(runId);
    const history: temporal.api.history.v1.IHistory = await client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory();
    const events: HistoryEvent[] = history.events ?? [];
    runs.push({ workflowId, runId, events });
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs.reverse();
}
