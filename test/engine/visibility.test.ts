// Overdue units are found by a visibility query on the server (the dev server: the test server has no lists).

import { unitWorkflowId } from '../../contract/ids';
import { submitUpdate } from '../../contract/messages';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign } from '../../core/definition/types';
import { plan, tinyCampaign } from '../support/campaigns';
import { Engine } from '../support/engine';

const engine = new Engine('visibility', { devServer: true });

/** A campaign whose plan deadline has already passed when it starts (the dev server runs on real time). */
function pastDue(year: number): Campaign {
  const base = tinyCampaign(
    [
      plan('ke-hoach', { kind: 'before', date: `${year - 1}-06-01` }),
      plan('bao-cao', { kind: 'before', date: `${year + 1}-06-01` }),
    ],
    { id: `visibility-${year}`, document: { issued: `${year - 1}-01-02` } },
    DEFAULT_CALENDAR_RULES,
  );
  return {
    ...base,
    units: [
      ...base.units,
      { id: 'xa-b', name: 'Xã B', level: 'commune', parent: 'root', emails: ['b@example.org'], tags: [] },
      { id: 'xa-c', name: 'Xã C', level: 'commune', parent: 'root', emails: ['c@example.org'], tags: [] },
    ],
  };
}

beforeAll(() => engine.start(pastDue), 180_000);
afterAll(() => engine.stop());

async function listIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of engine.env.client.workflow.list({ query })) ids.push(wf.workflowId);
  return ids.sort();
}

/** Visibility is eventually consistent: poll (bounded) until the answer settles on what is expected. */
async function listWhen(query: string, expected: string[]): Promise<string[]> {
  let ids: string[] = [];
  for (let i = 0; i < 100; i++) {
    ids = await listIds(query);
    if (JSON.stringify(ids) === JSON.stringify(expected)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return ids;
}

it('lists the overdue units of a campaign and milestone; a submission takes a unit off the list', async () => {
  const id = engine.campaign.campaign.id;
  const overdue = `DondocCampaign = "${id}" AND DondocOverdue = "ke-hoach"`;
  const all = ['xa-a', 'xa-b', 'xa-c'].map((u) => unitWorkflowId(id, u));
  expect(await listWhen(overdue, all)).toEqual(all);
  expect(await listWhen(`DondocCampaign = "${id}" AND DondocOverdue = "bao-cao"`, [])).toEqual([]);
  expect(
    await listWhen(`DondocCampaign = "${id}" AND DondocLevel = "commune" AND DondocParent = "root"`, all),
  ).toEqual(all);

  const receipt = await (await engine.unit('xa-b')).executeUpdate(submitUpdate, {
    args: [{ milestoneId: 'ke-hoach', actor: 'UBND xã B', payload: { document: { title: 'Kế hoạch' } } }],
  });
  expect(receipt).toMatchObject({ onTime: false, status: 'late' });
  const remaining = [all[0], all[2]] as string[];
  expect(await listWhen(overdue, remaining)).toEqual(remaining);
  expect(await engine.env.client.workflow.count(overdue)).toMatchObject({ count: 2 });
});
