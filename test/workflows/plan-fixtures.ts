// Plain inputs for the pure planning modules (workflows/plan/): a unit under a parent, and one milestone.
import type { MilestoneState } from '../../contract/messages';
import type { EscalationAt, MilestoneSchedule, ReminderAt } from '../../core/calendar/schedule';
import type { Milestone, Recipient } from '../../core/definition/types';
import type { PlanContext } from '../../workflows/plan/context';

export const ctx: PlanContext = {
  campaign: {
    id: 'c1',
    title: 'Campaign',
    issuer: 'Issuer',
    document: { issued: '2026-01-01' },
    timeZone: 'Asia/Ho_Chi_Minh',
    language: 'vi',
  } as PlanContext['campaign'],
  unit: { id: 'u1', name: 'Unit 1', level: 'school', parent: 'p1', emails: ['u1@x.vn'], tags: [] },
  parent: { id: 'p1', name: 'Parent 1', emails: ['p1@x.vn'] },
  issuer: { id: 'iss', name: 'Issuer', emails: ['iss@x.vn'] },
};

export function milestone(digest: 'none' | 'daily' = 'none'): Milestone {
  return {
    id: 'm1',
    kind: 'plan',
    title: 'Plan',
    appliesTo: { all: true },
    due: { date: '2026-02-01' },
    reminders: { offsets: [], sendAt: '08:00', workingDaysOnly: false },
    escalation: { steps: [], maxRepeats: 0, sendAt: '08:00', workingDaysOnly: false, digest },
  } as unknown as Milestone;
}

const HOUR = 3_600_000;
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const iso = (t: number) => new Date(t).toISOString();

/** A schedule around a deadline: reminders `before` hours ahead of it, escalation steps `after` hours past it. */
export function scheduleAround(
  dueAt: number,
  before: number[],
  steps: { after: number; to: Recipient[] }[],
): MilestoneSchedule {
  const reminders: ReminderAt[] = [...before]
    .sort((a, b) => b - a)
    .map((h, i) => ({ seq: i + 1, phase: 'before-due', offset: `P${h}H`, at: iso(dueAt - h * HOUR) }));
  const escalations: EscalationAt[] = [...steps]
    .sort((a, b) => a.after - b.after)
    .map((s, i) => ({
      seq: i + 1,
      after: `P${s.after}H`,
      to: s.to,
      at: iso(dueAt + s.after * HOUR),
      repeat: 0,
    }));
  return { milestoneId: 'm1', kind: 'plan', title: 'Plan', dueAt: iso(dueAt), reminders, escalations };
}

export function milestoneState(schedule: MilestoneSchedule, activeFrom: number): MilestoneState {
  return {
    id: 'm1',
    kind: 'plan',
    title: 'Plan',
    status: activeFrom >= Date.parse(schedule.dueAt) ? 'overdue' : 'open',
    schedule,
    activeFrom: iso(activeFrom),
    submissions: [],
    sent: [],
    outbox: [],
    icsSequence: 0,
    events: [],
    flags: [],
  };
}
