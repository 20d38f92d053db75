// Queries are answered by a worker: bound how long one may take, and say so plainly when no worker answers.
import { status } from '@grpc/grpc-js';
import { type Client, isGrpcServiceError, ServiceError } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { unreachable } from './errors';

export const QUERY_DEADLINE_MS = 20_000;

function isDeadline(err: unknown): boolean {
  if (isGrpcServiceError(err)) return err.code === status.DEADLINE_EXCEEDED;
  if (err instanceof ServiceError) return isDeadline(err.cause) || /deadline/i.test(err.message);
  return false;
}

/** Queries a workflow; a query no worker answers in time fails with exit 2 and a hint. */
export async function queryWorkflow<R, A extends unknown[]>(input: {
  client: Client;
  workflowId: string;
  query: QueryDefinition<R, A>;
  args?: A;
  deadlineMs?: number;
}): Promise<R> {
  const { client, workflowId } = input;
  const handle = client.workflow.getHandle(workflowId);
  try {
    return await client.withDeadline(Date.now() + (input.deadlineMs ?? QUERY_DEADLINE_MS), () =>
      handle.query(input.query, ...((input.args ?? []) as A)),
    );
  } catch (err) {
    if (!isDeadline(err)) throw err;
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
