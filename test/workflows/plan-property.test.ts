// A property of the milestone plan over random schedules and event orders, without a server: a model of the
// unit workflow's lane (send what nextAction gives once its instant has come, mark the deadline) driven by time
// advancing, submissions, waivers, extensions and a close. Whatever happens: no notice key twice, none after a
// submission, waiver or close, none before its instant (nor before activeFrom).
import fc from 'fast-check';
import type { MilestoneState } from '../../contract/messages';
import type { Recipient } from '../../core/definition/types';
import { nextAction, OPEN_STATUSES } from '../../workflows/plan/actions';
import { partsOf } from '../../workflows/plan/parts';
import { recordSent, sentKey, sentOfPart } from '../../workflows/plan/sent';
import { afterSubmission, closedStatus, extendedStatus } from '../../workflows/plan/transitions';
import { ctx, iso, milestone, milestoneState, scheduleAround, T0 } from './plan-fixtures';

const HOUR = 3_600_000;

type Event =
  | { type: 'advance'; hours: number }
  | { type: 'submit' }
  | { type: 'waive' }
  | { type: 'extend'; days: number }
  | { type: 'close' };

const recipients = fc.subarray<Recipient>(['unit', 'parent', 'issuer'], { minLength: 1 });
const plan = fc.record({
  dueHours: fc.integer({ min: 0, max: 600 }),
  before: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 4 }),
  steps: fc.array(fc.record({ after: fc.integer({ min: 0, max: 400 }), to: recipients }), { maxLength: 4 }),
  digest: fc.constantFrom<'none' | 'daily'>('none', 'daily'),
  startHours: fc.integer({ min: 0, max: 300 }),
});
const event = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({ min: 0, max: 200 }).map((hours): Event => ({ type: 'advance', hours })),
  },
  { weight: 1, arbitrary: fc.constant<Event>({ type: 'submit' }) },
  { weight: 1, arbitrary: fc.constant<Event>({ type: 'waive' }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((days): Event => ({ type: 'extend', days })) },
  { weight: 1, arbitrary: fc.constant<Event>({ type: 'close' }) },
);

type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;

interface Sent {
  key: string;
  at: number;
  plannedAt: string;
  activeFrom: string;
}

/** Runs the model; returns what was sent and when the milestone stopped being owed (if it did). */
function run(p: Plan, events: Event[]) {
  const m = milestone(p.digest);
  let now = T0 + p.startHours * HOUR;
  let closed = false;
  const around = (due: number) => scheduleAround(due, p.before, p.steps);
  const ms: MilestoneState = milestoneState(around(T0 + p.dueHours * HOUR), now);
  const sent: Sent[] = [];
  let stoppedAt: number | undefined;

  // The lane: everything whose instant has come, in order (a lane sends without time passing).
  const drain = () => {
    for (let guard = 0; guard < 1000; guard++) {
      if (closed) return;
      const next = nextAction(ms, (a) => partsOf(ctx, m, ms, a));
      if (!next || Date.parse(next.action.at) > now) return;
      if (next.action.type === 'due') {
        if (ms.status === 'open') ms.status = 'overdue';
        continue;
      }
      for (const part of next.parts) {
        if (next.action.type === 'escalation' && !OPEN_STATUSES.has(ms.status)) break;
        const delivered = part.notice ? { kind: part.notice.kind } : undefined;
        recordSent(ms, sentOfPart(part, next.action.at, iso(now), ms.schedule.dueAt, delivered));
        sent.push({ key: part.key, at: now, plannedAt: next.action.at, activeFrom: ms.activeFrom });
      }
    }
    throw new Error('the lane does not settle');
  };

  const owed = () => !closed && OPEN_STATUSES.has(ms.status);
  drain();
  for (const e of events) {
    switch (e.type) {
      case 'advance':
        now += e.hours * HOUR;
        break;
      case 'submit':
        if (!owed()) break;
        ms.submissions.push({ seq: 1, at: iso(now), actor: 'a', onTime: false, payload: {} });
        ms.status = afterSubmission(m, ms, {}, now < Date.parse(ms.schedule.dueAt)).status;
        stoppedAt ??= now;
        break;
      case 'waive':
        if (closed || ms.status === 'waived') break;
        ms.status = 'waived';
        stoppedAt ??= now;
        break;
      case 'extend': {
        if (closed || ms.status === 'waived' || ms.status === 'closed') break;
        // As the workflow does: a later deadline, its reminders and steps anew, from now on.
        const due = Date.parse(ms.schedule.dueAt) + e.days * 24 * HOUR;
        ms.schedule = around(due);
        ms.activeFrom = iso(now);
        ms.status = extendedStatus(ms.status, ms.schedule.dueAt, now);
        break;
      }
      case 'close':
        if (closed) break;
        closed = true;
        ms.status = closedStatus(ms.status);
        stoppedAt ??= now;
        break;
    }
    drain();
  }
  return { sent, stoppedAt, ms };
}

describe('the milestone plan over random schedules and event orders', () => {
  it('never sends a notice twice, after the milestone stopped being owed, or before its instant', () => {
    fc.assert(
      fc.property(plan, fc.array(event, { maxLength: 30 }), (p, events) => {
        const { sent, stoppedAt, ms } = run(p, events);
        const keys = sent.map((s) => s.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(ms.sent.map(sentKey)).size).toBe(ms.sent.length);
        for (const s of sent) {
          if (stoppedAt !== undefined) expect(s.at).toBeLessThanOrEqual(stoppedAt);
          expect(Date.parse(s.plannedAt)).toBeLessThanOrEqual(s.at);
          expect(Date.parse(s.plannedAt)).toBeGreaterThanOrEqual(Date.parse(s.activeFrom));
        }
        // Sent at the instant a submission, waiver or close happened means before it (events are ordered).
        if (stoppedAt !== undefined) {
          const after = sent.filter((s) => s.at > stoppedAt);
          expect(after).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sends every reminder and step of an untouched milestone once its instants have passed', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const { sent } = run({ ...p, startHours: 0 }, [{ type: 'advance', hours: 2000 }]);
        // Reminders planned before the unit started are not sent; one already overdue gets none.
        const reminders = p.dueHours > 0 ? p.before.filter((h) => h <= p.dueHours).length : 0;
        const perStep = p.steps.map(
          (st) => (st.to.includes('unit') ? 1 : 0) + (st.to.some((r) => r !== 'unit') ? 1 : 0),
        );
        expect(sent.filter((s) => s.key.includes('.reminder.')).length).toBe(reminders);
        expect(sent.length).toBe(reminders + perStep.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 200 },
    );
  });
});
