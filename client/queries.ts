// Queries are answered by a worker: bound how long one may take, and say so plainly when no worker answers.
import { status } from '@grpc/grpc-js';
import { type Client, isGrpcServiceError, ServiceError } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { CliError, EXIT, unreachable } from './errors';

export const QUERY_DEADLINE_MS = 20_000;

function isDeadline(err: unknown): boolean {
  if (isGrpcServiceError(err)) return err.code === status.DEADLINE_EXCEEDED;
  if (err instanceof ServiceError) return isDeadline(err.cause) || /deadline/i.test(err.message);
  return false;
}

/** The server refused the query because the workflow's queries pile up ("consistent query buffer is full"). */
function isBufferFull(err: unknown): boolean {
  if (isGrpcServiceError(err))
    return err.code === status.RESOURCE_EXHAUSTED || /buffer is full/i.test(err.message);
  if (err instanceof ServiceError) return isBufferFull(err.cause) || /buffer is full/i.test(err.message);
  return false;
}

/** A query a running worker did not answer in time: it is busy (exit 2, as the answer is not there). */
export class WorkerBusyError extends CliError {
  constructor(message: string) {
    super(EXIT.unreachable, message);
    this.name = 'WorkerBusyError';
  }
}

/**
 * Queries a workflow. A query not answered in time fails with exit 2 and says why: the worker is busy when one
 * polls the workflow's task queue (or the server's query buffer for it is full), else that no worker runs.
 */
export async function queryWorkflow<R, A extends unknown[]>(input: {
  client: Client;
  workflowId: string;
  query: QueryDefinition<R, A>;
  args?: A;
  deadlineMs?: number;
}): Promise<R> {
  const { client, workflowId } = input;
  const handle = client.workflow.getHandle(workflowId);
  const deadline = Date.now() + (input.deadlineMs ?? QUERY_DEADLINE_MS);
  try {
    return await client.withDeadline(deadline, () => handle.query(input.query, ...((input.args ?? []) as A)));
  } catch (err) {
    if (isBufferFull(err)) throw busy(input.query.name, workflowId);
    // Whatever ends the call once its time is up (a deadline, or the call cancelled with it) is "not answered".
    if (!isDeadline(err) && Date.now() < deadline) throw err;
    const taskQueue = await handle
      .describe()
      .then((d) => d.taskQueue)
      .catch(() => undefined);
    const pollers = taskQueue ? await workflowPollers(client, taskQueue).catch(() => 0) : 0;
    if (pollers > 0) throw busy(input.query.name, workflowId);
    throw unreachable(
      `không có worker nào trả lời truy vấn '${input.query.name}' của workflow '${workflowId}': ` +
        'worker dondoc có đang chạy không (npm run worker)?',
    );
  }
}

/** How many workers poll a task queue for workflow tasks (those seen in the last minutes). */
export async function workflowPollers(client: Client, taskQueue: string): Promise<number> {
  const r = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return r.pollers?.length ?? 0;
}

function busy(query: string, workflowId: string): WorkerBusyError {
  return new WorkerBusyError(
    `worker dondoc đang bận, chưa trả lời truy vấn '${query}' của workflow '${workflowId}' ` +
      '(worker vẫn đang nhận việc; thử lại sau ít phút)',
  );
}
