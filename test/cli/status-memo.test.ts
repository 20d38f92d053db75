// `dondoc status` answers from what the server alone holds: each unit workflow publishes what status shows in
// its memo, so status stays quick while the worker is saturated (the 08:00 burst, a wave of submissions).
// Shown here with no worker at all: queries go unanswered, status still answers, up to date.
import path from 'node:path';
import type { StatusResult } from '../../client/commands/status';
import { queryWorkflow } from '../../client/queries';
import { unitWorkflowId } from '../../contract/ids';
import { stateQuery } from '../../contract/messages';
import { CliHarness, FIXTURES, findNode as find, until, upcomingCampaign } from './harness';

const h = new CliHarness('cli-status-memo', { serverMetrics: true });
let campaignId: string;
let file: string;

beforeAll(async () => {
  await h.start();
  ({ campaignId, file } = upcomingCampaign(h, 'cli-memo'));
}, 180_000);
afterAll(() => h.stop());

const planOf = (s: StatusResult, unitId: string) =>
  find(s.root, unitId)?.milestones.find((m) => m.id === 'ke-hoach');

it('answers with the worker stopped, from the memos the workflows published', async () => {
  await h.json(0, 'start', file, '--by', 'Trần Thị B (PV05)');
  const plan = path.join(FIXTURES, 'plan.yaml');
  for (const unit of ['so-noi-vu', 'tan-yen']) {
    await h.json(0, 'submit', campaignId, unit, 'ke-hoach', plan, '--by', `Văn thư ${unit}`);
  }
  // The province's total follows its districts' reports (a superior passes them up every two seconds at most).
  await until({
    what: 'the province total to count both plans',
    probe: () => h.json<StatusResult>(0, 'status', campaignId),
    done: (s) => s.root.completeness['ke-hoach']?.submitted === 2,
    timeoutMs: 30_000,
  });

  await h.stopWorkers();
  // No worker: a query is not answered.
  await expect(
    queryWorkflow({
      client: h.env.client,
      workflowId: unitWorkflowId(campaignId, 'so-noi-vu'),
      query: stateQuery,
      deadlineMs: 3_000,
    }),
  ).rejects.toThrow();

  const describes = await h.serverCalls('DescribeWorkflowExecution');
  const lists = await h.serverCalls('ListWorkflowExecutions');
  const started = Date.now();
  const s = await h.json<StatusResult>(0, 'status', campaignId);
  expect(Date.now() - started).toBeLessThan(15_000);
  // The units' memos come from one visibility list; the campaign workflow alone is described (its state).
  expect(await h.serverCalls('DescribeWorkflowExecution')).toBe(describes + 1);
  expect(await h.serverCalls('ListWorkflowExecutions')).toBe(lists + 1);
  expect(s.running).toBe(true);
  expect(s.missing).toEqual([]);
  expect(planOf(s, 'so-noi-vu')).toMatchObject({ status: 'submitted', submittedBy: 'Văn thư so-noi-vu' });
  expect(planOf(s, 'tan-yen')).toMatchObject({ status: 'submitted', onTime: true });
  expect(planOf(s, 'luc-nam')).toMatchObject({ status: 'open', remindersSent: 0 });
  expect(s.root.completeness['ke-hoach']).toMatchObject({ expected: 3, submitted: 2, missing: 1 });
  expect(find(s.root, 'luc-nam')?.units).toBe(3);

  const human = await h.cli('status', campaignId, '--unit', 'tan-yen');
  expect(human.code).toBe(0);
  expect(human.out).toContain('Xã Hợp Đức [hop-duc]');
  expect(human.out).toContain('Văn thư tan-yen');
}, 180_000);
