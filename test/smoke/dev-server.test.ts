import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleOnce, createDevServerEnv } from '../support/temporal';
import { campaignKey, finishSignal, tagged } from '../workflows/smoke';

let env: TestWorkflowEnvironment | undefined;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  // Start the server while webpack bundles; keep the env even if bundling fails so afterAll tears it down.
  const starting = createDevServerEnv({ searchAttributes: [campaignKey] });
  try {
    workflowBundle = await bundleOnce(require.resolve('../workflows/smoke'));
  } finally {
    env = await starting;
  }
});

afterAll(async () => {
  await env?.teardown();
});

async function listIds(client: Client, query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
  return ids.sort();
}

/** Polls `probe` (visibility is eventually consistent) until `done` accepts its value or the deadline passes. */
async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

test('a visibility query on the DondocCampaign search attribute finds the right workflow', async () => {
  if (!env) throw new Error('environment not started');
  const { client } = env;
  const taskQueue = 'smoke-dev-server';
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });

  await worker.runUntil(async () => {
    const h1 = await client.workflow.start(tagged, {
      taskQueue,
      workflowId: 'tagged-c1',
      args: [{ campaign: 'c1' }],
    });
    const h2 = await client.workflow.start(tagged, {
      taskQueue,
      workflowId: 'tagged-c2',
      args: [{ campaign: 'c2' }],
    });
    try {
      // Wait until both upserts are indexed, so the c1 query below would see c2's workflow if it matched it.
      const both = await pollUntil(
        () => listIds(client, 'DondocCampaign IN ("c1", "c2")'),
        (ids) => ids.length === 2,
      );
      expect(both).toEqual(['tagged-c1', 'tagged-c2']);

      expect(await listIds(client, 'DondocCampaign = "c1"')).toEqual(['tagged-c1']);
      expect((await client.workflow.count('DondocCampaign = "c1"')).count).toBe(1);

      const described = await h1.describe();
      expect(described.typedSearchAttributes.get(campaignKey)).toBe('c1');
    } finally {
      await Promise.all([h1.signal(finishSignal), h2.signal(finishSignal)]);
      await Promise.all([h1.result(), h2.result()]);
    }
  });
});
