// How a milestone's status and flags change, without a server.
import type { Milestone } from '../../core/definition/types';
import {
  afterSubmission,
  closedStatus,
  extendedStatus,
  reopenedStatus,
} from '../../workflows/plan/transitions';
import { iso, milestone, milestoneState, scheduleAround, T0 } from './plan-fixtures';

const DUE = T0 + 3_600_000;
const ms = () => milestoneState(scheduleAround(DUE, [], []), T0);

describe('transitions', () => {
  it('a submission is on time or late, and keeps an undeliverable flag', () => {
    const s = { ...ms(), flags: ['x', 'undeliverable: 550'] };
    expect(afterSubmission(milestone(), s, {}, true)).toEqual({
      flags: [],
      status: 'submitted',
      milestoneFlags: ['undeliverable: 550'],
    });
    expect(afterSubmission(milestone(), s, {}, false).status).toBe('late');
  });

  it('a draft waits for approval; an event window is met once it holds enough events', () => {
    const draft = { ...milestone(), kind: 'draft-plan' } as Milestone;
    expect(afterSubmission(draft, ms(), {}, true).status).toBe('awaiting-approval');
    const window = { ...milestone(), kind: 'event-window', minEvents: 2 } as unknown as Milestone;
    const s = ms();
    const event = { date: '2026-01-01', place: 'p', attendance: 10 };
    s.submissions.push({ seq: 1, at: iso(T0), actor: 'a', onTime: true, payload: { events: [event] } });
    expect(afterSubmission(window, s, {}, true).status).toBe('open');
    s.submissions.push({ seq: 2, at: iso(T0), actor: 'a', onTime: true, payload: { events: [event] } });
    expect(afterSubmission(window, s, {}, true).status).toBe('submitted');
  });

  it('reopens, extends and closes', () => {
    expect(reopenedStatus(iso(DUE), DUE - 1)).toBe('open');
    expect(reopenedStatus(iso(DUE), DUE)).toBe('overdue');
    expect(extendedStatus('overdue', iso(DUE), DUE - 1)).toBe('open');
    expect(extendedStatus('overdue', iso(DUE), DUE)).toBe('overdue');
    expect(extendedStatus('submitted', iso(DUE), T0)).toBe('submitted');
    expect(closedStatus('open')).toBe('closed');
    expect(closedStatus('overdue')).toBe('closed');
    expect(closedStatus('awaiting-approval')).toBe('closed');
    expect(closedStatus('late')).toBe('late');
  });
});
