// Submissions per local day: each unit's first submission of a milestone, on its date in the campaign's zone
// (read from the offset the schedule's deadline is written with), added up the tree.

import type { MilestoneState } from '../../contract/messages';
import type { MilestoneStatus } from '../../contract/submission';
import { aggregateOf, localDateIn } from '../../workflows/aggregate';

const DUE = '2026-08-20T00:00:00+07:00';

function ms(id: string, status: MilestoneStatus, submittedAt: string[] = []): MilestoneState {
  return {
    id,
    kind: 'plan',
    title: id,
    status,
    schedule: { milestoneId: id, kind: 'plan', title: id, dueAt: DUE, reminders: [], escalations: [] },
    activeFrom: '2026-05-01T00:00:00+07:00',
    submissions: submittedAt.map((at, i) => ({
      seq: i + 1,
      at,
      actor: 'x',
      onTime: Date.parse(at) < Date.parse(DUE),
      payload: { document: { title: 't' } },
    })),
    sent: [],
    events: [],
    flags: [],
  };
}

describe('the local date of an instant', () => {
  it('follows the offset of the zoned instant it is given', () => {
    // 23:30 UTC on the 9th is 06:30 on the 10th in Hà Nội (+07:00).
    expect(localDateIn('2026-08-09T23:30:00.000Z', DUE)).toBe('2026-08-10');
    expect(localDateIn('2026-08-09T16:59:59.000Z', DUE)).toBe('2026-08-09');
    expect(localDateIn('2026-08-09T17:00:00.000Z', DUE)).toBe('2026-08-10');
    expect(localDateIn('2026-08-09T23:30:00.000Z', '2026-08-20T00:00:00Z')).toBe('2026-08-09');
    expect(localDateIn('2026-08-10T02:00:00.000Z', '2026-08-20T00:00:00-05:00')).toBe('2026-08-09');
    expect(localDateIn('2026-08-10T02:00:00.000Z', '2026-08-20T00:00:00.000+05:30')).toBe('2026-08-10');
  });
});

describe('byDay', () => {
  it('counts a unit on the local date of its first submission, only while it counts as submitted', () => {
    const own = [
      // Resent the next day: still counted on the first day.
      ms('plan', 'submitted', ['2026-08-09T23:30:00.000Z', '2026-08-10T20:00:00.000Z']),
      ms('late-one', 'late', ['2026-08-21T03:00:00.000Z']),
      ms('waived', 'waived', ['2026-08-01T03:00:00.000Z']),
      ms('awaiting', 'awaiting-approval', ['2026-08-02T03:00:00.000Z']),
      ms('open', 'open'),
    ];
    const agg = aggregateOf('xa-a', own, [], {});
    expect(agg.byDay).toEqual({ plan: { '2026-08-10': 1 }, 'late-one': { '2026-08-21': 1 } });
    expect(agg.tallies.plan?.submitted).toBe(1);
  });

  it('is absent while nothing is submitted (the aggregate stays as it was)', () => {
    expect(aggregateOf('xa-a', [ms('plan', 'open')], [], {})).toEqual({
      unitId: 'xa-a',
      units: 1,
      tallies: { plan: { expected: 1, submitted: 0, onTime: 0, late: 0, waived: 0, missing: 1 } },
      values: {},
    });
  });

  it('adds up the tree: a district with its communes, a province with its districts', () => {
    const a = aggregateOf('xa-a', [ms('plan', 'submitted', ['2026-08-10T01:00:00.000Z'])], [], {});
    const b = aggregateOf('xa-b', [ms('plan', 'submitted', ['2026-08-10T09:00:00.000Z'])], [], {});
    const c = aggregateOf('xa-c', [ms('plan', 'late', ['2026-08-20T01:00:00.000Z'])], [], {});
    const d = aggregateOf('xa-d', [ms('plan', 'open')], [], {});
    const district = aggregateOf(
      'huyen',
      [ms('plan', 'submitted', ['2026-08-11T01:00:00.000Z'])],
      [a, b, c, d],
      {},
    );
    expect(district.byDay).toEqual({ plan: { '2026-08-10': 2, '2026-08-11': 1, '2026-08-20': 1 } });
    const other = aggregateOf('huyen-2', [ms('plan', 'submitted', ['2026-08-10T02:00:00.000Z'])], [], {});
    const province = aggregateOf('tinh', [], [district, other], {});
    expect(province.byDay).toEqual({ plan: { '2026-08-10': 3, '2026-08-11': 1, '2026-08-20': 1 } });
    expect(province.tallies.plan).toMatchObject({ expected: 6, submitted: 5, missing: 1 });
    // Every first submission counted once.
    const total = Object.values(province.byDay?.plan ?? {}).reduce((s, n) => s + n, 0);
    expect(total).toBe(province.tallies.plan?.submitted);
  });
});
