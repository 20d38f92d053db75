// The campaign's tree: drafts approved and returned, events held, reports added up to the root.
import { DateTime } from 'luxon';
import {
  aggregateQuery,
  approveUpdate,
  type CampaignState,
  closeCampaignUpdate,
  extendAllUpdate,
  returnUpdate,
  stateQuery,
  submitUpdate,
  waiveUpdate,
} from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import type { SubtreeAggregate } from '../../core/report/aggregate';
import { superiorTaskQueue } from '../../worker/queues';
import { bacGiangIn } from '../support/campaigns';
import { Engine, milestone, rejection, ZONE } from '../support/engine';

// Superiors pass reports up at once here (no gathering delay): after the extension for all, every unit's
// reminder list changes and its superior's two-second gathering timer (real time on this server between skips)
// was still set when the close came; the close's task cancelled it as it fired, and the time-skipping server
// stranded that run ("invalid history builder state for action", sdk-java#3088), so the close never returned.
// A real server takes that cancel; the other engine tests keep the gathering (status-memo.test.ts checks it).
const engine = new Engine('tree', { reportEveryMs: 0 });
let year: number;

beforeAll(async () => {
  await engine.start((y) => {
    year = y + 1;
    return bacGiangIn(year);
  });
});

afterAll(async () => {
  await engine.recordHistories('tree-in-task', ['bg-bcd', 'tan-yen', 'hop-duc', 'luc-nam', 'hoa-phu-invest']);
  await engine.stop();
});

function dueOf(unitId: string, milestoneId: string) {
  const s = unitSchedule(engine.campaign, unitId).find((x) => x.milestoneId === milestoneId);
  if (!s) throw new Error(`${milestoneId} does not apply to ${unitId}`);
  return s;
}

/** Aggregates travel up by signals: poll (bounded) until the query shows what is expected. */
async function aggregateWhen(
  query: () => Promise<SubtreeAggregate>,
  ok: (a: SubtreeAggregate) => boolean,
): Promise<SubtreeAggregate> {
  let last: SubtreeAggregate | undefined;
  for (let i = 0; i < 200; i++) {
    last = await query();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last as SubtreeAggregate;
}

const REPORT = 'bao-cao-ket-qua';

describe('a Bắc Giang-shaped campaign tree', () => {
  it('runs the units with subordinates on the superiors’ queue with a one-minute task timeout, the others as before', async () => {
    const started = async (unitId: string) => {
      const d = await (await engine.unit(unitId)).describe();
      const first = (await (await engine.unit(unitId)).fetchHistory()).events?.[0];
      const timeout = first?.workflowExecutionStartedEventAttributes?.workflowTaskTimeout?.seconds;
      return { queue: d.taskQueue, taskTimeoutSeconds: Number(timeout) };
    };
    const superior = { queue: superiorTaskQueue(engine.taskQueue), taskTimeoutSeconds: 60 };
    expect(await started('bg-bcd')).toEqual(superior);
    expect(await started('tan-yen')).toEqual(superior);
    const leaf = { queue: engine.taskQueue, taskTimeoutSeconds: 10 };
    expect(await started('hop-duc')).toEqual(leaf);
    expect(await started('hoa-phu-invest')).toEqual(leaf);
  });

  it('a returned draft reopens the milestone with its due date; an approved one is done', async () => {
    const tanYen = await engine.unit('tan-yen');
    const draft = dueOf('tan-yen', 'du-thao-ke-hoach-tan-yen');
    await engine.advanceTo(draft.reminders[0]?.at ?? draft.dueAt);
    const by = 'Đ/c Hoàng (BCĐ huyện Tân Yên)';
    const r1 = await tanYen.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'du-thao-ke-hoach-tan-yen',
          actor: by,
          payload: { document: { title: 'Dự thảo KH điểm xã Hợp Đức' } },
        },
      ],
    });
    expect(r1.status).toBe('awaiting-approval');
    expect(
      await rejection(
        tanYen.executeUpdate(returnUpdate, {
          args: [{ milestoneId: 'du-thao-ke-hoach-tan-yen', actor: 'PV05' }],
        }),
      ),
    ).toMatch(/reason/);
    const returned = await tanYen.executeUpdate(returnUpdate, {
      args: [
        { milestoneId: 'du-thao-ke-hoach-tan-yen', actor: 'PV05', reason: 'Bổ sung phân công nhiệm vụ' },
      ],
    });
    expect(returned.status).toBe('open');
    expect(returned.schedule.dueAt).toBe(draft.dueAt);
    await tanYen.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'du-thao-ke-hoach-tan-yen',
          actor: by,
          payload: { document: { title: 'Dự thảo KH (lần 2)' } },
        },
      ],
    });
    const approved = await tanYen.executeUpdate(approveUpdate, {
      args: [{ milestoneId: 'du-thao-ke-hoach-tan-yen', actor: 'PV05' }],
    });
    expect(approved.status).toBe('submitted');
    expect(approved.events.map((e) => [e.kind, e.actor, e.reason])).toEqual([
      ['returned', 'PV05', 'Bổ sung phân công nhiệm vụ'],
      ['approved', 'PV05', undefined],
    ]);
    expect(approved.submissions.map((s) => s.actor)).toEqual([by, by]);
  });

  it('events are recorded inside the window only', async () => {
    const hopDuc = await engine.unit('hop-duc');
    const w = dueOf('hop-duc', 'to-chuc-ngay-hoi');
    await engine.advanceTo(w.opensAt ?? w.dueAt);
    const inside = DateTime.fromISO(w.opensAt ?? '', { zone: ZONE })
      .plus({ days: 2 })
      .toISODate() as string;
    const outside = DateTime.fromISO(w.dueAt, { zone: ZONE }).toISODate() as string;
    expect(
      await rejection(
        hopDuc.executeUpdate(submitUpdate, {
          args: [
            {
              milestoneId: 'to-chuc-ngay-hoi',
              actor: 'UBND xã',
              payload: { events: [{ date: outside, place: 'Nhà văn hóa', attendance: 300 }] },
            },
          ],
        }),
      ),
    ).toMatch(new RegExp(`ngày ${outside} nằm ngoài thời gian thực hiện`));
    const receipt = await hopDuc.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'to-chuc-ngay-hoi',
          actor: 'UBND xã',
          payload: { events: [{ date: inside, place: 'Sân UBND xã Hợp Đức', attendance: 800 }] },
        },
      ],
    });
    expect(receipt).toMatchObject({ onTime: true, status: 'submitted', flags: [] });
  });

  it('adds reports up the tree with completeness per subtree; a late report updates every aggregate above it', async () => {
    const report = dueOf('luc-nam', REPORT);
    await engine.advanceTo(report.reminders[0]?.at ?? report.dueAt);
    const submit = async (unitId: string, values: Record<string, number | string | boolean>) =>
      (await engine.unit(unitId)).executeUpdate(submitUpdate, {
        args: [{ milestoneId: REPORT, actor: `Cán bộ ${unitId}`, payload: { values } }],
      });
    const base = { collectivesAwarded: 0, individualsAwarded: 0 };
    expect(
      (
        await submit('luc-nam', {
          ...base,
          sites: 3,
          attendance: 500,
          firstEvent: `${year}-08-02`,
          assessment: 'Tốt',
        })
      ).onTime,
    ).toBe(true);
    await submit('chu-dien', {
      ...base,
      sites: 1,
      attendance: 200,
      firstEvent: `${year}-08-05`,
      collectivesAwarded: 2,
    });
    await submit('thpt-phuong-son', {
      ...base,
      sites: 1,
      attendance: 300,
      firstEvent: `${year}-08-01`,
      provincialLeaders: true,
    });
    await (await engine.unit('tt-phuong-son')).executeUpdate(waiveUpdate, {
      args: [{ milestoneId: REPORT, actor: 'PV05', reason: 'Sáp nhập đơn vị hành chính' }],
    });

    const lucNam = await engine.unit('luc-nam');
    const district = await aggregateWhen(
      () => lucNam.query(aggregateQuery),
      (a) => a.tallies[REPORT]?.submitted === 3 && a.tallies[REPORT]?.waived === 1,
    );
    expect(district.units).toBe(4);
    expect(district.tallies[REPORT]).toEqual({
      expected: 4,
      submitted: 3,
      onTime: 3,
      late: 0,
      waived: 1,
      missing: 0,
    });
    expect(district.values[REPORT]).toMatchObject({
      sites: 5,
      attendance: 1000,
      collectivesAwarded: 2,
      firstEvent: `${year}-08-01`,
      provincialLeaders: 1,
      assessment: [{ unitId: 'luc-nam', value: 'Tốt' }],
    });

    const root = engine.campaignHandle();
    const total = await aggregateWhen(
      () => root.query(aggregateQuery),
      (a) => a.tallies[REPORT]?.submitted === 3 && a.tallies[REPORT]?.waived === 1,
    );
    expect(total.units).toBe(engine.campaign.units.length);
    expect(total.tallies[REPORT]).toEqual({
      expected: 43,
      submitted: 3,
      onTime: 3,
      late: 0,
      waived: 1,
      missing: 39,
    });
    expect(total.values[REPORT]).toMatchObject({ sites: 5, attendance: 1000 });

    // After the deadline, Hòa Phú Invest (under Hiệp Hòa) reports late: Hiệp Hòa and the root follow.
    await engine.advanceTo(report.dueAt);
    const late = await submit('hoa-phu-invest', {
      ...base,
      sites: 1,
      attendance: 150,
      firstEvent: `${year}-08-10`,
    });
    expect(late).toMatchObject({ onTime: false, status: 'late' });
    const hiepHoa = await aggregateWhen(
      () => engine.unit('hiep-hoa').then((h) => h.query(aggregateQuery)),
      (a) => a.tallies[REPORT]?.late === 1,
    );
    expect(hiepHoa.tallies[REPORT]).toMatchObject({ submitted: 1, late: 1, missing: 3 });
    const after = await aggregateWhen(
      () => root.query(aggregateQuery),
      (a) => a.tallies[REPORT]?.late === 1,
    );
    expect(after.tallies[REPORT]).toEqual({
      expected: 43,
      submitted: 4,
      onTime: 3,
      late: 1,
      waived: 1,
      missing: 38,
    });
    expect(after.values[REPORT]).toMatchObject({ sites: 6, attendance: 1150 });
    expect(milestone(await (await engine.unit('hoa-phu-invest')).query(stateQuery), REPORT).status).toBe(
      'late',
    );
  });

  it('an administrator extends a milestone for every unit, then closes the campaign', async () => {
    const root = engine.campaignHandle();
    const report = dueOf('son-dong', REPORT);
    const newDue = DateTime.fromISO(report.dueAt, { zone: ZONE }).plus({ days: 30 }).toISODate() as string;
    const r = await root.executeUpdate(extendAllUpdate, {
      args: [{ milestoneId: REPORT, newDue, actor: 'PV05', reason: 'Bão số 3: gia hạn toàn tỉnh' }],
    });
    // Every unit that owes the report, except the one whose report was waived.
    expect(r.extended).toBe(42);
    expect(r.skipped).toEqual([expect.stringMatching(/^tt-phuong-son: .*waived/)]);
    const sonDong = milestone(await (await engine.unit('son-dong')).query(stateQuery), REPORT);
    expect(sonDong.status).toBe('open');
    expect(sonDong.schedule.dueAt).toBe(
      DateTime.fromISO(newDue, { zone: ZONE }).toISO({ suppressMilliseconds: true }),
    );
    expect(sonDong.events.map((e) => [e.kind, e.actor, e.reason])).toEqual([
      ['extended', 'PV05', 'Bão số 3: gia hạn toàn tỉnh'],
    ]);

    const closed = await root.executeUpdate(closeCampaignUpdate, {
      args: [{ actor: 'PV05', reason: 'Kết thúc đợt' }],
    });
    expect(closed.closed).toBe(true);
    expect(((await root.result()) as CampaignState).events.map((e) => e.kind)).toEqual([
      'extended-all',
      'closed',
    ]);
    const after = await (await engine.unit('son-dong')).query(stateQuery);
    expect(after.closed).toBe(true);
    expect(milestone(after, REPORT).status).toBe('closed');
    // The unit's workflow finishes (its last report up may still be going out when the close is answered):
    // nothing more can be submitted to it.
    const handle = await engine.unit('son-dong');
    await handle.result();
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    await expect(
      handle.executeUpdate(submitUpdate, {
        args: [{ milestoneId: REPORT, actor: 'x', payload: { values: { sites: 1 } } }],
      }),
    ).rejects.toThrow();
  });
});
