// The status memo while a unit is still starting its subordinates: the district publishes its own in its first
// task (before the long start of its communes), and `status`'s reader counts the communes not started yet
// instead of asking a busy worker. Their start is held at a gate here, as a saturated worker would hold it.
import { openCampaign } from '../../client/campaign-view';
import { loadTree } from '../../client/tree-data';
import { unitWorkflowId } from '../../contract/ids';
import { readUnitStatusMemo } from '../../contract/status';
import { plan, tinyCampaign } from '../support/campaigns';
import { Engine } from '../support/engine';

let release: () => void = () => {};
const gate = new Promise<void>((r) => {
  release = r;
});
let held = 0;

const engine = new Engine('status-memo', {
  devServer: true,
  // The real start activity; the communes' start waits at the gate.
  wrapActivities: (real) => ({
    ...real,
    startUnits: async (input) => {
      if (input.unitIds.some((id) => id.startsWith('xa-'))) {
        held += 1;
        await gate;
      }
      return await real.startUnits(input);
    },
  }),
});

beforeAll(async () => {
  await engine.start((y) => {
    const base = tinyCampaign([plan('ke-hoach', { kind: 'before', date: `${y + 1}-05-10` })], {
      id: 'status-memo',
      document: { issued: `${y}-01-02` },
    });
    return {
      ...base,
      levels: [...base.levels, { id: 'district', name: 'Huyện' }],
      units: [
        { id: 'root', name: 'Tỉnh', level: 'province', emails: ['root@example.org'], tags: [] },
        {
          id: 'huyen',
          name: 'Huyện',
          level: 'district',
          parent: 'root',
          emails: ['h@example.org'],
          tags: [],
        },
        { id: 'xa-1', name: 'Xã 1', level: 'commune', parent: 'huyen', emails: ['x1@example.org'], tags: [] },
        { id: 'xa-2', name: 'Xã 2', level: 'commune', parent: 'huyen', emails: ['x2@example.org'], tags: [] },
      ],
    };
  });
}, 180_000);
afterAll(async () => {
  release();
  await engine.stop();
});

async function memoOf(unitId: string) {
  const d = await engine.env.client.workflow.getHandle(unitWorkflowId('status-memo', unitId)).describe();
  return readUnitStatusMemo(d.memo);
}

it('publishes a district’s memo before its communes start, and reads them as not started', async () => {
  const deadline = Date.now() + 30_000;
  while (!(held > 0 && (await memoOf('huyen').catch(() => undefined))) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(held).toBeGreaterThan(0);
  const memo = await memoOf('huyen');
  expect(memo?.milestones.map((m) => [m.id, m.status])).toEqual([['ke-hoach', 'open']]);

  const client = engine.env.client;
  const view = await openCampaign({ client, campaignId: 'status-memo', fromMemo: true });
  expect(view.fromMemo).toBe(true);
  const tree = await loadTree({ client, view, rootId: 'root', withStates: true, fromMemo: true });
  expect(tree.summaries.get('huyen')?.[0]?.status).toBe('open');
  expect(tree.missing.sort()).toEqual(['xa-1', 'xa-2']);

  // Once they start, their reports reach the province (gathered at most every two seconds on the way).
  release();
  const all = Date.now() + 30_000;
  let after = tree;
  while (Date.now() < all) {
    after = await loadTree({ client, view, rootId: 'root', withStates: true, fromMemo: true });
    if (after.missing.length === 0 && after.aggregates.get('root')?.units === 4) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(after.missing).toEqual([]);
  expect(after.aggregates.get('root')?.units).toBe(4);
  expect(after.aggregates.get('huyen')?.tallies['ke-hoach']).toMatchObject({ expected: 3, missing: 3 });
}, 120_000);
