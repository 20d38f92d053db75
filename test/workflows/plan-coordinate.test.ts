// Units that coordinate a milestone (`coordinate`) and recipients for information only (`copyTo`), in the pure
// planning functions the unit workflow and the dry run share: the plan carries the role, a coordinating unit's
// lane has its opening notice and nothing else to do, it counts nowhere, and the issuer's digests copy `copyTo`.
import type { OverdueRow } from '../../contract/messages';
import type { CampaignHeader, Milestone } from '../../core/definition/types';
import { aggregateOf } from '../../workflows/aggregate';
import { digestCopies } from '../../workflows/digest';
import { nextAction } from '../../workflows/plan/actions';
import {
  announcedAtStart,
  pendingNotice,
  queuedNotice,
  startingMilestone,
} from '../../workflows/plan/outbox';
import { wantedRows } from '../../workflows/plan/overdue-rows';
import { partsOf } from '../../workflows/plan/parts';
import { unitPlans } from '../../workflows/plan/unit-plan';
import { plan, tinyCampaign } from '../support/campaigns';
import { ctx, iso, milestone, scheduleAround, T0 } from './plan-fixtures';

const HOUR = 3_600_000;

function campaignWith(m: Partial<Milestone>) {
  const c = tinyCampaign([plan('m1', { kind: 'before', date: '2024-03-01' }, m)]);
  c.units.push(
    { id: 'xa-b', name: 'Xã B', level: 'commune', parent: 'root', emails: ['b@example.org'], tags: ['pk'] },
    { id: 'xa-c', name: 'Xã C', level: 'commune', parent: 'root', emails: ['c@example.org'], tags: [] },
  );
  return c;
}

describe('the unit plan', () => {
  it('carries the milestones a unit only coordinates, and names them', () => {
    const plans = unitPlans(
      campaignWith({
        appliesTo: { units: ['xa-a', 'xa-c'] },
        coordinate: { tags: ['pk'], units: ['xa-c'] },
      }),
      {},
    );
    expect(plans('xa-b')?.milestones.map((m) => m.id)).toEqual(['m1']);
    expect(plans('xa-b')?.coordinates).toEqual(['m1']);
    // Named by both appliesTo and coordinate: it implements.
    expect(plans('xa-c')?.milestones.map((m) => m.id)).toEqual(['m1']);
    expect(plans('xa-c')).not.toHaveProperty('coordinates');
    expect(plans('xa-a')).not.toHaveProperty('coordinates');
    expect(plans('root')?.milestones).toEqual([]);
  });

  it('of a campaign without coordinate has no coordinates key (plans as before it existed)', () => {
    const plans = unitPlans(campaignWith({ appliesTo: { all: true } }), {});
    for (const id of ['xa-a', 'xa-b', 'xa-c']) {
      expect(plans(id)?.milestones.map((m) => m.id)).toEqual(['m1']);
      expect(plans(id)).not.toHaveProperty('coordinates');
    }
  });
});

describe('a coordinating unit’s milestone', () => {
  const due = T0 + 48 * HOUR;
  const sch = scheduleAround(
    due,
    [24, 2],
    [
      { after: 24, to: ['unit'] },
      { after: 48, to: ['unit', 'parent'] },
    ],
  );

  it('is announced while its deadline is ahead, then has nothing to send: no reminder, deadline or escalation', () => {
    const ms = startingMilestone(sch, iso(T0), T0, true);
    expect(ms.status).toBe('coordinating');
    expect(announcedAtStart(ms, T0)).toBe(true);
    expect(nextAction(ms, (a) => partsOf(ctx, milestone(), ms, a))).toBeUndefined();
    // Started after its deadline: no opening notice, still nothing owed.
    const late = startingMilestone(sch, iso(due + HOUR), due + HOUR, true);
    expect([late.status, announcedAtStart(late, due + HOUR)]).toEqual(['coordinating', false]);
  });

  it('implemented, the same schedule has its reminders and escalations (the control)', () => {
    const ms = startingMilestone(sch, iso(T0), T0);
    expect([ms.status, announcedAtStart(ms, T0)]).toEqual(['open', true]);
    expect(nextAction(ms, (a) => partsOf(ctx, milestone(), ms, a))?.action.type).toBe('reminder');
    const overdue = startingMilestone(sch, iso(due + HOUR), due + HOUR);
    expect([overdue.status, announcedAtStart(overdue, due + HOUR)]).toEqual(['overdue', false]);
  });

  it('opens with a notice that says the unit coordinates', () => {
    const ms = startingMilestone(sch, iso(T0), T0, true);
    const p = pendingNotice(
      { campaignId: 'c1', unitId: 'u1', milestoneId: 'm1' },
      { kind: 'opened', seq: 1, dueAt: sch.dueAt, icsSequence: 0 },
      iso(T0),
    );
    expect(queuedNotice(ctx, milestone(), ms, p)).toMatchObject({ kind: 'opened', role: 'coordinate' });
    const owed = startingMilestone(sch, iso(T0), T0);
    expect(queuedNotice(ctx, milestone(), owed, p)).not.toHaveProperty('role');
  });

  it('counts nowhere in the subtree aggregate: not expected, not missing', () => {
    const coordinating = { ...startingMilestone(sch, iso(T0), T0, true), id: 'm1' };
    const owed = { ...startingMilestone(sch, iso(T0), T0), id: 'm2' };
    const agg = aggregateOf('u1', [coordinating, owed], [], {});
    expect(agg.tallies.m1).toBeUndefined();
    expect(agg.tallies.m2).toMatchObject({ expected: 1, missing: 1 });
  });
});

describe('recipients for information only', () => {
  const header = (copyTo?: CampaignHeader['copyTo']): CampaignHeader => ({
    ...ctx.campaign,
    issuer: 'iss',
    ...(copyTo ? { copyTo } : {}),
  });
  const row = (cc?: string[]): OverdueRow => ({
    unitId: 'u1',
    unitName: 'Unit 1',
    emails: ['u1@x.vn'],
    milestoneId: 'm1',
    milestoneTitle: 'Plan',
    dueAt: iso(T0),
    steps: [iso(T0 + HOUR)],
    ...(cc ? { cc } : {}),
  });

  it('are copied on the issuer’s digests (the campaign’s and the listed milestones’), each once', () => {
    const c = header([
      { name: 'Bộ', emails: ['bo@x.vn', 'vp@x.vn'] },
      { name: 'Tỉnh ủy', emails: ['tu@x.vn'] },
    ]);
    expect(digestCopies(c, 'iss', [row(['vp@x.vn', 'mt@x.vn']), row()])).toEqual([
      'bo@x.vn',
      'vp@x.vn',
      'tu@x.vn',
      'mt@x.vn',
    ]);
    // Another superior's digest about its own subordinates copies nobody.
    expect(digestCopies(c, 'p1', [row(['mt@x.vn'])])).toEqual([]);
    expect(digestCopies(header(), 'iss', [row()])).toEqual([]);
  });

  it('of a milestone ride on its overdue rows, which are unchanged without any', () => {
    const daily = milestone('daily');
    const sch = scheduleAround(T0, [], [{ after: 24, to: ['unit', 'issuer'] }]);
    const ms = { ...startingMilestone(sch, iso(T0 - HOUR), T0 - HOUR), status: 'overdue' as const };
    const plain = JSON.parse(wantedRows(ctx, daily, ms).get('iss') ?? '{}');
    expect(plain.milestoneId).toBe('m1');
    expect(plain).not.toHaveProperty('cc');
    const copied = { ...daily, copyTo: [{ name: 'MTTQ', emails: ['mt@x.vn'] }] } as Milestone;
    expect(JSON.parse(wantedRows(ctx, copied, ms).get('iss') ?? '{}').cc).toEqual(['mt@x.vn']);
  });
});
