// The milestone plan without a server: actions in time order, which comes next, the parts of a step, what a
// superior's digest holds, and the notices of the outbox.
import { actionsOf, nextAction } from '../../workflows/plan/actions';
import { pendingNotice, queuedNotice, startingMilestone } from '../../workflows/plan/outbox';
import { rowChanges, wantedRows } from '../../workflows/plan/overdue-rows';
import { partsOf } from '../../workflows/plan/parts';
import { recordSent, sentKey, sentOfPart, sentOfQueued } from '../../workflows/plan/sent';
import { ctx, iso, milestone, milestoneState, scheduleAround, T0 } from './plan-fixtures';

const HOUR = 3_600_000;
const DUE = T0 + 100 * HOUR;
const schedule = scheduleAround(
  DUE,
  [24, 72],
  [
    { after: 0, to: ['unit'] },
    { after: 48, to: ['unit', 'parent', 'issuer'] },
  ],
);

describe('actionsOf', () => {
  it('lists reminders, the deadline and escalation steps in time order', () => {
    expect(actionsOf(schedule).map((a) => [a.type, a.at])).toEqual([
      ['reminder', iso(DUE - 72 * HOUR)],
      ['reminder', iso(DUE - 24 * HOUR)],
      ['due', iso(DUE)],
      ['escalation', iso(DUE)],
      ['escalation', iso(DUE + 48 * HOUR)],
    ]);
  });
});

describe('nextAction', () => {
  const m = milestone();
  const next = (ms: ReturnType<typeof milestoneState>) => nextAction(ms, (a) => partsOf(ctx, m, ms, a));

  it('starts with the first reminder, then skips what was sent', () => {
    const ms = milestoneState(schedule, T0);
    const first = next(ms);
    expect(first?.action.type).toBe('reminder');
    expect(first?.parts.map((p) => p.kind)).toEqual(['reminder']);
    const notice = first?.parts[0]?.notice;
    if (!notice) throw new Error('no notice');
    recordSent(ms, {
      kind: 'reminder',
      seq: 1,
      plannedAt: notice.asOf,
      sentAt: notice.asOf,
      dueAt: notice.dueAt,
      recipients: ['unit'],
      to: notice.to,
      messageId: notice.messageId,
    });
    expect(next(ms)?.action.at).toBe(iso(DUE - 24 * HOUR));
  });

  it('leaves out reminders and steps planned before activeFrom', () => {
    const ms = milestoneState(schedule, DUE - 30 * HOUR);
    expect(next(ms)?.action.at).toBe(iso(DUE - 24 * HOUR));
  });

  it('once overdue, goes on with escalations; once submitted, nothing is left', () => {
    const ms = milestoneState(schedule, T0);
    ms.status = 'overdue';
    expect(next(ms)?.action).toMatchObject({ type: 'escalation', at: iso(DUE) });
    ms.status = 'submitted';
    expect(next(ms)).toBeUndefined();
  });

  it('waits for the deadline while open even when every reminder went out', () => {
    const ms = milestoneState(scheduleAround(DUE, [], []), T0);
    expect(next(ms)).toEqual({ action: { type: 'due', at: iso(DUE) }, parts: [] });
  });
});

describe('partsOf', () => {
  const step = actionsOf(schedule).at(-1);
  if (!step) throw new Error('no step');

  it('tells the unit it is overdue and its superiors, each in a message of their own', () => {
    const ms = milestoneState(schedule, T0);
    const parts = partsOf(ctx, milestone(), ms, step);
    expect(parts.map((p) => [p.kind, p.recipients, p.notice?.to])).toEqual([
      ['overdue', ['unit'], ['u1@x.vn']],
      ['escalation', ['parent', 'issuer'], ['p1@x.vn', 'iss@x.vn']],
    ]);
    expect(parts[1]?.notice).toMatchObject({ addressee: 'Parent 1, Issuer', seq: 2, asOf: step.at });
    expect(parts[1]?.notice).not.toHaveProperty('superiorId');
  });

  it('names the one superior unit a step goes to', () => {
    const only = scheduleAround(DUE, [], [{ after: 1, to: ['parent'] }]);
    const [a] = actionsOf(only).filter((x) => x.type === 'escalation');
    if (!a) throw new Error('no step');
    const [part] = partsOf(ctx, milestone(), milestoneState(only, T0), a);
    expect(part?.notice).toMatchObject({ superiorId: 'p1', addressee: 'Parent 1' });
  });

  it('with digest: daily, puts the superiors into one digest entry keyed by its step', () => {
    const ms = milestoneState(schedule, T0);
    const parts = partsOf(ctx, milestone('daily'), ms, step);
    expect(parts[1]).toEqual({
      key: `digest:2:${iso(DUE)}`,
      kind: 'escalation',
      seq: 2,
      recipients: ['parent', 'issuer'],
      digest: ['p1', 'iss'],
    });
    expect(parts[1]?.key).toBe(sentKey({ digest: ['p1'], seq: 2, dueAt: iso(DUE), messageId: '' }));
  });
});

describe('recordSent', () => {
  it('keeps one undeliverable flag, the latest', () => {
    const ms = milestoneState(schedule, T0);
    ms.flags = ['late-ish', 'undeliverable: old'];
    const n = {
      kind: 'reminder' as const,
      seq: 1,
      plannedAt: iso(T0),
      sentAt: iso(T0),
      dueAt: iso(DUE),
      recipients: ['unit' as const],
      to: ['u1@x.vn'],
      messageId: '<m>',
    };
    recordSent(ms, { ...n, failure: '550 no such user' });
    expect(ms.flags).toEqual(['late-ish', 'undeliverable: 550 no such user']);
    expect(ms.sent).toHaveLength(1);
  });
});

describe('sentOfPart and sentOfQueued', () => {
  it('records an email with how it was delivered, a digest entry with its superiors', () => {
    const step = actionsOf(schedule).at(-1);
    if (!step) throw new Error('no step');
    const [toUnit, toDigest] = partsOf(ctx, milestone('daily'), milestoneState(schedule, T0), step);
    if (!toUnit || !toDigest) throw new Error('no parts');
    expect(sentOfPart(toUnit, step.at, 'now', 'due', { kind: 'overdue', failure: '550' })).toEqual({
      kind: 'overdue',
      seq: 2,
      plannedAt: step.at,
      sentAt: 'now',
      dueAt: iso(DUE),
      recipients: ['unit'],
      to: ['u1@x.vn'],
      messageId: toUnit.notice?.messageId,
      failure: '550',
    });
    expect(sentOfPart(toDigest, step.at, 'now', 'due')).toEqual({
      kind: 'escalation',
      seq: 2,
      plannedAt: step.at,
      sentAt: 'now',
      dueAt: 'due',
      recipients: ['parent', 'issuer'],
      to: [],
      messageId: '',
      digest: ['p1', 'iss'],
    });
  });

  it('records a queued notice as sent to the unit', () => {
    const queued = {
      kind: 'opened' as const,
      seq: 1,
      asOf: 'a',
      dueAt: 'd',
      icsSequence: 0,
      messageId: '<o>',
    };
    expect(sentOfQueued(queued, { kind: 'opened' }, 'now', ['u1@x.vn'])).toEqual({
      kind: 'opened',
      seq: 1,
      plannedAt: 'a',
      sentAt: 'now',
      dueAt: 'd',
      recipients: ['unit'],
      to: ['u1@x.vn'],
      messageId: '<o>',
    });
  });
});

describe('wantedRows and rowChanges', () => {
  it('holds a row per superior while overdue with digest: daily, and withdraws it after', () => {
    const ms = milestoneState(schedule, T0);
    expect(wantedRows(ctx, milestone('daily'), ms).size).toBe(0);
    ms.status = 'overdue';
    expect(wantedRows(ctx, milestone('none'), ms).size).toBe(0);
    const rows = wantedRows(ctx, milestone('daily'), ms);
    expect([...rows.keys()]).toEqual(['p1', 'iss']);
    expect(JSON.parse(rows.get('p1') ?? '')).toEqual({
      unitId: 'u1',
      unitName: 'Unit 1',
      emails: ['u1@x.vn'],
      milestoneId: 'm1',
      milestoneTitle: 'Plan',
      dueAt: iso(DUE),
      steps: [iso(DUE + 48 * HOUR)],
    });
    const told = Object.fromEntries(rows);
    expect(rowChanges(told, rows)).toEqual([]);
    ms.status = 'submitted';
    expect(rowChanges(told, wantedRows(ctx, milestone('daily'), ms))).toEqual([
      { superiorId: 'iss', row: undefined },
      { superiorId: 'p1', row: undefined },
    ]);
  });
});

describe('pendingNotice and startingMilestone', () => {
  it('derives the Message-ID from the milestone, kind, number and deadline, at the change or now', () => {
    const ids = { campaignId: 'c1', unitId: 'u1', milestoneId: 'm1' };
    const n = { kind: 'waived' as const, seq: 2, dueAt: iso(DUE), icsSequence: 3 };
    const p = pendingNotice(ids, n, 'now');
    expect(p).toEqual({ ...n, asOf: 'now', messageId: `<c1.u1.m1.waived.2.${DUE}@dondoc>` });
    expect(pendingNotice(ids, { ...n, asOf: 'then' }, 'now').asOf).toBe('then');
  });

  it('starts a milestone open, or overdue when its deadline has passed', () => {
    expect(startingMilestone(schedule, iso(T0), T0)).toEqual(milestoneState(schedule, T0));
    expect(startingMilestone(schedule, iso(T0), DUE).status).toBe('overdue');
  });
});

describe('queuedNotice', () => {
  it('builds a receipt from the submission it acknowledges', () => {
    const ms = milestoneState(schedule, T0);
    ms.submissions.push({ seq: 1, at: iso(T0), actor: 'a', onTime: true, payload: {}, note: 'n' });
    const n = queuedNotice(ctx, milestone(), ms, {
      kind: 'receipt',
      seq: 1,
      asOf: iso(T0),
      dueAt: iso(DUE),
      icsSequence: 1,
      messageId: '<r>',
      status: 'submitted',
      flags: [],
    });
    expect(n).toMatchObject({
      kind: 'receipt',
      to: ['u1@x.vn'],
      recipients: ['unit'],
      messageId: '<r>',
      receipt: { seq: 1, recordedAt: iso(T0), onTime: true, status: 'submitted', actor: 'a', note: 'n' },
    });
  });

  it('an extension says what deadline it replaced', () => {
    const ms = milestoneState(schedule, T0);
    const n = queuedNotice(ctx, milestone(), ms, {
      kind: 'extended',
      seq: 1,
      asOf: iso(T0),
      dueAt: iso(DUE),
      previousDueAt: iso(T0),
      icsSequence: 2,
      messageId: '<e>',
      actor: 'a',
      reason: 'r',
    });
    expect(n).toMatchObject({ kind: 'extended', previousDueAt: iso(T0), reason: 'r', actor: 'a' });
  });
});
