// Issue 15, defect 17: `dondoc submit` against a unit workflow nobody runs (the worker is down) gives up after
// --timeout with a message that says what to do, instead of waiting forever; run again with the update id it
// printed once the worker is back, the submission is recorded once (the first attempt, admitted by the server,
// may have been applied meanwhile: the same update id answers with its outcome).
import path from 'node:path';
import type { StatusResult } from '../../client/commands/status';
import { queryWorkflow } from '../../client/queries';
import { unitWorkflowId } from '../../contract/ids';
import { stateQuery } from '../../contract/messages';
import { CliHarness, FIXTURES, findNode, until, upcomingCampaign } from './harness';

const h = new CliHarness('cli-submit-deadline');
let campaignId: string;
let file: string;

beforeAll(async () => {
  await h.start();
  ({ campaignId, file } = upcomingCampaign(h, 'cli-deadline'));
}, 180_000);
afterAll(() => h.stop());

it('gives up after --timeout while the worker is down, and records the submission once when run again', async () => {
  await h.json(0, 'start', file, '--by', 'Trần Thị B (PV05)');
  await until({
    what: 'so-noi-vu to run',
    probe: () => h.json<StatusResult>(0, 'status', campaignId),
    done: (s) => findNode(s.root, 'so-noi-vu') !== undefined && s.missing.length === 0,
    timeoutMs: 60_000,
  });
  await h.stopWorkers();
  const plan = path.join(FIXTURES, 'plan.yaml');
  const args = ['submit', campaignId, 'so-noi-vu', 'ke-hoach', plan, '--by', 'Văn thư Sở Nội vụ'];
  const started = Date.now();
  const stuck = await h.cli(...args, '--timeout', '3');
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(stuck.code).toBe(2);
  expect(stuck.err).toContain('chưa có xác nhận sau 3 giây');
  const updateId = /--update-id (submit-[\w-]+)/.exec(stuck.err)?.[1];
  expect(updateId).toBeDefined();
  expect(stuck.err).not.toMatch(/\n\s+at /);

  await h.startWorkers();
  const again = await h.json<{ receipt: { seq: number; onTime: boolean } }>(
    0,
    ...args,
    '--update-id',
    updateId as string,
  );
  expect(again.receipt).toMatchObject({ seq: 1, onTime: true });
  const state = await queryWorkflow({
    client: h.env.client,
    workflowId: unitWorkflowId(campaignId, 'so-noi-vu'),
    query: stateQuery,
  });
  const ms = state.milestones.find((m) => m.id === 'ke-hoach');
  expect(ms?.submissions).toHaveLength(1);
  expect(ms?.submissions[0]?.receivedAt).toBeDefined();
}, 240_000);
