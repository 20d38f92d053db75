// A query that is not answered in time says why, on a real dev server: a worker that polls but is busy (here a
// poller holding the workflow's task without completing it, as a saturated worker does) is not "no worker".
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { defineQuery } from '@temporalio/workflow';
import { CliError, EXIT } from '../../client/errors';
import { queryWorkflow, WorkerBusyError } from '../../client/queries';
import { createDevServerEnv } from '../support/temporal';

let env: TestWorkflowEnvironment;
const probe = defineQuery<string>('probe');

beforeAll(async () => {
  env = await createDevServerEnv();
});
afterAll(async () => {
  await env?.teardown();
});

async function startOn(taskQueue: string, workflowId: string) {
  await env.client.workflow.start('someWorkflow', { taskQueue, workflowId, args: [] });
}

it('says the worker is busy when one polls the task queue but does not answer', async () => {
  await startOn('busy-queue', 'busy-workflow');
  const svc = env.client.workflowService;
  // A long poll, as a worker's (the server wants a deadline on it).
  const poll = () =>
    env.client.withDeadline(Date.now() + 30_000, () =>
      svc.pollWorkflowTaskQueue({
        namespace: 'default',
        taskQueue: { name: 'busy-queue' },
        identity: 'a saturated worker',
      }),
    );
  // The poll takes the workflow's first task and never completes it; the server lists the poller for minutes.
  // (No poll is left in flight: one cut by the teardown would be retried by the client after it closed.)
  const task = await poll();
  expect(task.taskToken?.length).toBeGreaterThan(0);
  const err = await queryWorkflow({
    client: env.client,
    workflowId: 'busy-workflow',
    query: probe,
    deadlineMs: 2_000,
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WorkerBusyError);
  expect((err as CliError).exitCode).toBe(EXIT.unreachable);
  expect((err as Error).message).toContain('worker dondoc đang bận');
  expect((err as Error).message).not.toContain('có đang chạy không');
  await env.client.workflow.getHandle('busy-workflow').terminate('test done');
});

it('says no worker runs when none polls the task queue', async () => {
  await startOn('idle-queue', 'idle-workflow');
  const err = await queryWorkflow({
    client: env.client,
    workflowId: 'idle-workflow',
    query: probe,
    deadlineMs: 2_000,
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CliError);
  expect(err).not.toBeInstanceOf(WorkerBusyError);
  expect((err as Error).message).toContain('worker dondoc có đang chạy không');
});
