// `dondoc submit` for the issuer's report upward: each figure the file leaves out comes from the campaign's
// aggregate (the issuer's own subtree aggregate, one query); the file's figures win; other milestones ask nothing.
import type { Client } from '@temporalio/client';
import { withAggregate } from '../../client/commands/submit';
import type { Milestone } from '../../core/definition/types';

const common = {
  title: 'mốc',
  appliesTo: { units: ['tinh'] },
  reminders: { offsets: [], sendAt: '08:00', workingDaysOnly: true },
  escalation: { steps: [], maxRepeats: 0, sendAt: '08:00', workingDaysOnly: true },
};
const upward: Milestone = {
  ...common,
  id: 'bao-cao-bo',
  kind: 'result-report',
  due: { kind: 'before', date: '2026-08-25' },
  reportsTo: 'Bộ Công an',
  reportsOn: ['bao-cao'],
  outline: [
    { id: 'sites', label: 'Số điểm', type: 'integer', required: true, aggregate: 'sum' },
    { id: 'attendance', label: 'Số người', type: 'integer', required: true, aggregate: 'sum' },
  ],
};
const aggregate = {
  unitId: 'tinh',
  units: 3,
  tallies: {},
  values: { 'bao-cao': { sites: 7, attendance: 900 } },
};

function fakeClient(asked: string[]): Client {
  return {
    withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(),
    workflow: {
      getHandle: (id: string) => ({
        query: async () => {
          asked.push(id);
          return aggregate;
        },
      }),
    },
  } as unknown as Client;
}

it('fills the figures the file leaves out from the aggregate, and keeps those it gives', async () => {
  const asked: string[] = [];
  const target = { campaignId: 'c', unitId: 'tinh', milestone: upward };
  const r = await withAggregate(fakeClient(asked), target, {
    values: { attendance: 950 },
    document: { title: 'Báo cáo' },
  });
  expect(r.payload).toEqual({ values: { sites: 7, attendance: 950 }, document: { title: 'Báo cáo' } });
  expect(r.taken).toEqual(['sites']);
  expect(asked).toEqual(['c/tinh']);
});

it('asks nothing for any other milestone', async () => {
  const asked: string[] = [];
  const plain: Milestone = { ...upward, reportsTo: undefined, reportsOn: undefined };
  const r = await withAggregate(fakeClient(asked), { campaignId: 'c', unitId: 'tinh', milestone: plain }, {});
  expect(r).toEqual({ payload: {}, taken: [] });
  expect(asked).toEqual([]);
});
