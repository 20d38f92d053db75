import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleOnce, createTimeSkippingEnv } from '../support/temporal';
import { sleeper } from '../workflows/smoke';

const DAY_MS = 24 * 60 * 60 * 1000;

let env: TestWorkflowEnvironment | undefined;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  // Start the server while webpack bundles; keep the env even if bundling fails so afterAll tears it down.
  const starting = createTimeSkippingEnv();
  try {
    workflowBundle = await bundleOnce(require.resolve('../workflows/smoke'));
  } finally {
    env = await starting;
  }
});

afterAll(async () => {
  await env?.teardown();
});

test('a 30-day sleep completes in seconds on the time-skipping server', async () => {
  if (!env) throw new Error('environment not started');
  const taskQueue = 'smoke-time-skipping';
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });

  const wallStart = Date.now();
  const result = await worker.runUntil(
    env.client.workflow.execute(sleeper, { taskQueue, workflowId: 'sleeper-30d', args: [{ days: 30 }] }),
  );
  const wallMs = Date.now() - wallStart;

  expect(result.sleptMs).toBeGreaterThanOrEqual(30 * DAY_MS);
  expect(wallMs).toBeLessThan(60_000);
});
