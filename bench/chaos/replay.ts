// The replay check: the history of every unit workflow (or a random sample of --replay-limit) and the campaign
// workflow, fetched from the server after the faults, replayed with Worker.runReplayHistories against the
// workflow bundle the dondoc worker ran (built from the same sources, worker/bundle.ts) and its data converter.
import path from 'node:path';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import { dataConverter } from '../../core/payload-codec';
import { quietRuntime } from '../../test/support/temporal';
import { workflowBundle } from '../../worker/bundle';
import type { LiveCampaign } from '../live/campaign-file';
import { log, seconds } from '../live/stats';
import { type Rng, sampleOf } from './rng';
import type { ReplayFigures } from './types';
import type { ChaosWorld } from './world';

const BATCH = 10;

/** The histories, fetched `BATCH` at a time ahead of the replay; a failed fetch is counted, not replayed. */
async function* histories(
  world: ChaosWorld,
  ids: string[],
  errors: string[],
): AsyncGenerator<HistoryAndWorkflowId> {
  const fetchOne = (workflowId: string) =>
    world.client.workflow
      .getHandle(workflowId)
      .fetchHistory()
      .then(
        (history) => ({ workflowId, history }),
        (err: unknown) => {
          errors.push(`${workflowId}: ${String(err).split('\n')[0]}`);
          return undefined;
        },
      );
  let next = Promise.all(ids.slice(0, BATCH).map(fetchOne));
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = await next;
    next = Promise.all(ids.slice(i + BATCH, i + 2 * BATCH).map(fetchOne));
    for (const h of batch) if (h) yield h;
  }
}

export async function replayCheck(input: {
  world: ChaosWorld;
  campaign: LiveCampaign;
  limit: number;
  rng: Rng;
}): Promise<ReplayFigures> {
  const { world, campaign: c } = input;
  const t0 = Date.now();
  const units = input.limit > 0 ? sampleOf(input.rng, c.unitIds, input.limit) : c.unitIds;
  const ids = [campaignWorkflowId(c.id), ...units.map((u) => unitWorkflowId(c.id, u))];
  log(`replay: fetching and replaying ${ids.length} workflow histories`);
  quietRuntime();
  const { codePath } = await workflowBundle(path.join(world.dir, 'data', 'bundle'));
  const fetchErrors: string[] = [];
  const failures: string[] = [];
  let replayed = 0;
  const results = Worker.runReplayHistories(
    { workflowBundle: { codePath }, dataConverter, replayName: 'bench-chaos' },
    histories(world, ids, fetchErrors),
  );
  for await (const r of results) {
    replayed += 1;
    if (r.error) failures.push(`${r.workflowId} (${r.runId}): ${String(r.error).split('\n')[0]}`);
    if (replayed % 500 === 0) log(`replay: ${replayed}/${ids.length}, ${failures.length} failed`);
  }
  return {
    workflows: ids.length,
    replayed,
    failed: failures.length + fetchErrors.length,
    fetchErrors: fetchErrors.length,
    failures: [...failures, ...fetchErrors].slice(0, 20),
    seconds: seconds(t0, Date.now()),
  };
}
