// Committed histories of real runs must replay against the current workflow code: a change that breaks
// determinism for running campaigns fails here. Re-record with DONDOC_RECORD_HISTORIES=1 npx jest test/engine
// only when a change is meant to be incompatible (and then version the workflow instead).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleOnce } from './support/temporal';

const dir = path.join(__dirname, 'fixtures', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.binpb'));
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  bundle = await bundleOnce(path.join(__dirname, '..', 'workflows'));
});

it('has committed histories of the campaign and of units', () => {
  expect(files.filter((f) => f.includes('campaign')).length).toBeGreaterThanOrEqual(1);
  expect(files.length).toBeGreaterThanOrEqual(6);
});

it.each(files)('replays %s', async (file) => {
  const history = temporal.api.history.v1.History.decode(readFileSync(path.join(dir, file)));
  await Worker.runReplayHistory({ workflowBundle: bundle }, history, file.replace(/\.binpb$/, ''));
});
