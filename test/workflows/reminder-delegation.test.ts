// Batched reminders, the pure parts: which milestones delegate, the list a unit reports, what it records once the
// instants pass, the email the parent's batch composes (the lane's own, byte for byte in its fields), and the
// parent's compact carry over continue-as-new.
import { reminderNotice } from '../../activities/reminder-batch';
import type { UnitPlan } from '../../contract/messages';
import { nextAction } from '../../workflows/plan/actions';
import {
  delegatedList,
  delegatedLists,
  delegatesReminders,
  recordDelegated,
  recordRefused,
} from '../../workflows/plan/delegation';
import { type HeldReminders, packHeld, unpackHeld } from '../../workflows/plan/held-reminders';
import { partsOf } from '../../workflows/plan/parts';
import { ctx, iso, milestone, milestoneState, scheduleAround, T0 } from './plan-fixtures';

const HOUR = 3_600_000;
const DUE = T0 + 240 * HOUR;
const plan = { ...ctx, batchReminders: true, milestones: [milestone()] } as unknown as UnitPlan;

function fresh(activeFrom = T0) {
  return milestoneState(scheduleAround(DUE, [168, 72, 24], [{ after: 24, to: ['unit'] }]), activeFrom);
}

describe('which milestones delegate', () => {
  it('an open milestone of a unit with a parent unit, batches on', () => {
    const ms = fresh();
    expect(delegatesReminders(plan, ms)).toBe(true);
    expect(delegatesReminders({ ...plan, batchReminders: undefined }, ms)).toBe(false);
    const { parent: _p, ...orphan } = plan.unit;
    expect(delegatesReminders({ ...plan, unit: orphan }, ms)).toBe(false);
    for (const status of ['submitted', 'overdue', 'waived', 'awaiting-approval', 'coordinating'] as const) {
      expect(delegatesReminders(plan, { ...ms, status })).toBe(false);
    }
    expect(delegatedLists({ ...plan, batchReminders: undefined }, [ms])).toBeUndefined();
    expect(delegatedLists(plan, [{ ...ms, status: 'submitted' }])).toEqual([]);
  });

  it('its reminders are not the lane’s next action; the deadline is', () => {
    const ms = fresh();
    const parts = (a: Parameters<typeof partsOf>[3]) => partsOf(plan, milestone(), ms, a);
    expect(nextAction(ms, parts)?.action.type).toBe('reminder');
    expect(nextAction(ms, parts, true)?.action.type).toBe('due');
  });

  it('the list holds the reminders from activeFrom on (an extension or return starts a new one)', () => {
    expect(delegatedList(fresh())?.reminders.map((r) => r.seq)).toEqual([1, 2, 3]);
    const later = fresh(DUE - 100 * HOUR);
    expect(delegatedList(later)).toMatchObject({ from: iso(DUE - 100 * HOUR), dueAt: iso(DUE) });
    expect(delegatedList(later)?.reminders.map((r) => r.seq)).toEqual([2, 3]);
    expect(delegatedList(fresh(DUE - HOUR))).toBeUndefined();
  });
});

describe('what the unit records', () => {
  it('each reminder whose instant has come, once, by the Message-ID the batch sends it with', () => {
    const ms = fresh();
    const list = delegatedList(ms);
    expect(recordDelegated(plan, ms, list, DUE - 100 * HOUR)).toBe(1);
    expect(recordDelegated(plan, ms, list, DUE - 100 * HOUR)).toBe(0);
    expect(recordDelegated(plan, ms, list, DUE)).toBe(2);
    expect(ms.sent.map((n) => [n.seq, n.plannedAt, n.by])).toEqual([
      [1, iso(DUE - 168 * HOUR), 'c1/p1'],
      [2, iso(DUE - 72 * HOUR), 'c1/p1'],
      [3, iso(DUE - 24 * HOUR), 'c1/p1'],
    ]);
    const [r1] = ms.schedule.reminders;
    if (!list || !r1) throw new Error('no list');
    const notice = reminderNotice(plan, {
      unitId: 'u1',
      milestoneId: 'm1',
      dueAt: list.dueAt,
      icsSequence: 0,
      reminder: r1,
    });
    expect(ms.sent[0]?.messageId).toBe(notice?.messageId);
    // Once recorded, the lane has nothing more to send for them even with batches off.
    expect(nextAction(ms, (a) => partsOf(plan, milestone(), ms, a))?.action.type).toBe('due');
  });

  it('a refusal the parent signals replaces the record and flags the milestone', () => {
    const ms = fresh();
    recordDelegated(plan, ms, delegatedList(ms), DUE - 100 * HOUR);
    const [first] = ms.sent;
    if (!first) throw new Error('nothing recorded');
    recordRefused(ms, { ...first, sentAt: iso(DUE - 99 * HOUR), failure: '550 no such mailbox' });
    expect(ms.sent).toHaveLength(1);
    expect(ms.sent[0]).toMatchObject({ messageId: first.messageId, failure: '550 no such mailbox' });
    expect(ms.flags).toEqual(['undeliverable: 550 no such mailbox']);
  });
});

it('the batch composes the email the lane would have sent', () => {
  const ms = fresh();
  const [, r2] = ms.schedule.reminders;
  if (!r2) throw new Error('no reminder');
  const lane = partsOf(plan, milestone(), ms, { type: 'reminder', at: r2.at, r: r2 })[0]?.notice;
  const batch = reminderNotice(plan, {
    unitId: 'u1',
    milestoneId: 'm1',
    dueAt: ms.schedule.dueAt,
    icsSequence: 0,
    reminder: r2,
  });
  expect(batch).toEqual(lane);
  expect(
    reminderNotice(plan, {
      unitId: 'u1',
      milestoneId: 'nope',
      dueAt: iso(DUE),
      icsSequence: 0,
      reminder: r2,
    }),
  ).toBeUndefined();
});

describe("the parent's carry over continue-as-new", () => {
  it('keeps each distinct list once and gives back what it held', () => {
    const list = delegatedList(fresh());
    if (!list) throw new Error('no list');
    const held: HeldReminders[] = Array.from({ length: 1000 }, (_, i) => ({
      unitId: `s${i}`,
      list: { ...list, from: iso(T0 + i) },
      ...(i % 2 ? { sentThrough: list.reminders[0]?.at } : {}),
    }));
    held.push({ unitId: 's0', list: { ...list, milestoneId: 'm2', dueAt: iso(DUE + HOUR) } });
    const packed = packHeld(held);
    expect(packed.lists).toHaveLength(2);
    expect(JSON.stringify(packed).length).toBeLessThan(120_000);
    expect(unpackHeld(JSON.parse(JSON.stringify(packed)))).toEqual(held);
    expect(unpackHeld(undefined)).toEqual([]);
    expect(unpackHeld({ lists: [], held: [{ unitId: 'x', list: 3, from: iso(T0) }] })).toEqual([]);
  });
});
