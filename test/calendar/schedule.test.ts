import fc from 'fast-check';
import { DateTime, Settings } from 'luxon';
import { parseDue, parseWindow } from '../../core/calendar/phrases';
import { dueInstant, isInsideWindow, isOnTime, milestoneSchedule } from '../../core/calendar/schedule';
import { type CalendarRules, DEFAULT_CALENDAR_RULES, WorkCalendar } from '../../core/calendar/workdays';
import type { Milestone } from '../../core/definition/types';
import { checkSubmission } from '../../workflows/submission-check';
import { DEFAULT_ESCALATION, DEFAULT_REMINDERS, plan, tinyCampaign } from '../support/campaigns';

const ZONE = 'Asia/Ho_Chi_Minh';
const ANNOUNCED_2024: CalendarRules = {
  ...DEFAULT_CALENDAR_RULES,
  tetDays: ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'],
  nationalDayAdjacent: ['2024-09-03'],
  daysOff: [{ date: '2024-04-29' }],
  workingDays: [{ date: '2024-05-04' }],
};

/** The Labor Code rules alone, without the table of the Government's announcements. */
const COMPUTED: CalendarRules = { ...DEFAULT_CALENDAR_RULES, announcedTable: false };

function local(iso: string): string {
  return DateTime.fromISO(iso, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm ccc');
}

function scheduleOf(m: Milestone, calendar: CalendarRules = ANNOUNCED_2024, issued = '2024-01-02') {
  return milestoneSchedule(tinyCampaign([m], { document: { issued } }, calendar), m);
}

describe("the seeds' phrases", () => {
  it('"trước ngày 10/5/2024" is due at 00:00 on 10 May, local time', () => {
    const due = parseDue('trước ngày 10/5/2024');
    expect(due).toEqual({ kind: 'before', date: '2024-05-10' });
    if (!due) throw new Error('unparsed');
    const at = dueInstant(due, ZONE);
    expect(at.toISO()).toBe('2024-05-10T00:00:00.000+07:00');
    expect(at.toUTC().toISO()).toBe('2024-05-09T17:00:00.000Z');
  });

  it('23:59 on the day before is on time, 00:00 on the day is late', () => {
    const { dueAt } = scheduleOf(plan('p', { kind: 'before', date: '2024-08-20' }));
    expect(isOnTime('2024-08-19T23:59:59+07:00', dueAt)).toBe(true);
    expect(isOnTime('2024-08-20T00:00:00+07:00', dueAt)).toBe(false);
    // The same instants written in UTC.
    expect(isOnTime('2024-08-19T16:59:59Z', dueAt)).toBe(true);
    expect(isOnTime('2024-08-19T17:00:00Z', dueAt)).toBe(false);
  });

  it('"từ ngày 01/8/2024 đến hết ngày 19/8/2024" is the whole of both days', () => {
    const w = parseWindow('từ ngày 01/8/2024 đến hết ngày 19/8/2024');
    expect(w).toEqual({ from: '2024-08-01', to: '2024-08-19' });
    const m = {
      ...plan('w', { kind: 'before', date: '2024-08-20' }),
      kind: 'event-window',
      window: w,
      minEvents: 1,
    } as Milestone;
    const s = scheduleOf(m);
    const opensAt = s.opensAt ?? '';
    expect(s.opensAt).toBe('2024-08-01T00:00:00+07:00');
    expect(s.dueAt).toBe('2024-08-20T00:00:00+07:00');
    expect(isInsideWindow('2024-08-01T00:00:00+07:00', opensAt, s.dueAt)).toBe(true);
    expect(isInsideWindow('2024-08-19T23:59:59+07:00', opensAt, s.dueAt)).toBe(true);
    expect(isInsideWindow('2024-07-31T23:59:59+07:00', opensAt, s.dueAt)).toBe(false);
    expect(isInsideWindow('2024-08-20T00:00:00+07:00', opensAt, s.dueAt)).toBe(false);
  });

  it('a window with times opens and closes at those instants, and takes events dated on its days', () => {
    const m = {
      ...plan('w', { kind: 'before', date: '2024-08-20' }),
      kind: 'event-window',
      window: { from: '2024-08-01', to: '2024-08-01', fromTime: '14:05', toTime: '14:09' },
      minEvents: 1,
    } as Milestone;
    const s = scheduleOf(m);
    expect(s.opensAt).toBe('2024-08-01T14:05:00+07:00');
    expect(s.dueAt).toBe('2024-08-01T14:09:00+07:00');
    const event = (date: string) => ({ events: [{ date, place: 'Nhà văn hóa', attendance: 10 }] });
    expect(checkSubmission(m, event('2024-08-01'), s)).toEqual([]);
    expect(checkSubmission(m, event('2024-08-02'), s)).toEqual([
      'payload.events[0].date: ngày 2024-08-02 nằm ngoài thời gian thực hiện (2024-08-01 đến 2024-08-01)',
    ]);
    const whole = scheduleOf({ ...m, window: { from: '2024-08-01', to: '2024-08-19' } } as Milestone);
    expect(checkSubmission(m, event('2024-08-19'), whole)).toEqual([]);
    expect(checkSubmission(m, event('2024-08-20'), whole)).toHaveLength(1);
  });

  it('reads the other ways the plans write dates', () => {
    expect(parseWindow('từ ngày 01/7/2024 đến ngày 19/8/2024')).toEqual({
      from: '2024-07-01',
      to: '2024-08-19',
    });
    expect(parseDue('trước ngày 10/6')).toBeUndefined();
    expect(parseDue('10/11/2024')).toEqual({ kind: 'before', date: '2024-11-10' });
    expect(parseDue('2024-05-10')).toEqual({ kind: 'before', date: '2024-05-10' });
    expect(parseDue('hết ngày 19/8/2024')).toEqual({ kind: 'end-of', date: '2024-08-19' });
    expect(parseDue('2024-05-10 17:00')).toEqual({ kind: 'at', date: '2024-05-10', time: '17:00' });
    expect(parseDue('17h ngày 10/5/2024')).toEqual({ kind: 'at', date: '2024-05-10', time: '17:00' });
    expect(parseDue('31/02/2024')).toBeUndefined();
    expect(dueInstant({ kind: 'end-of', date: '2024-08-19' }, ZONE).toISO()).toBe(
      '2024-08-20T00:00:00.000+07:00',
    );
  });

  it('does not depend on the zone of the machine it runs on', () => {
    const before = scheduleOf(plan('p', { kind: 'before', date: '2024-05-10' }));
    const saved = Settings.defaultZone;
    Settings.defaultZone = 'America/New_York';
    try {
      expect(scheduleOf(plan('p', { kind: 'before', date: '2024-05-10' }))).toEqual(before);
    } finally {
      Settings.defaultZone = saved;
    }
  });
});

describe('reminders on non-working days', () => {
  it('a reminder landing on an announced Tết day moves to the last working day before Tết', () => {
    // Due Friday 16/2/2024; P3D falls on Tuesday 13/2, inside the announced Tết holiday 08/2-14/2.
    const s = scheduleOf(
      plan(
        'p',
        { kind: 'before', date: '2024-02-16' },
        { reminders: { ...DEFAULT_REMINDERS, offsets: ['P3D', 'P1D'] } },
      ),
    );
    expect(s.reminders.map((r) => local(r.at))).toEqual(['2024-02-07 08:00 Wed', '2024-02-15 08:00 Thu']);
    expect(s.reminders[0]?.movedFrom).toBe('2024-02-13');
  });

  it('with computed Tết defaults (no announcement) the same reminder moves before the computed holiday', () => {
    const s = scheduleOf(
      plan(
        'p',
        { kind: 'before', date: '2024-02-16' },
        { reminders: { ...DEFAULT_REMINDERS, offsets: ['P3D'] } },
      ),
      COMPUTED,
    );
    // Computed: 09/2 (30 Tết) to 13/2 (mùng 4), with 14 and 15/2 off in lieu of the weekend.
    expect(s.reminders.map((r) => local(r.at))).toEqual(['2024-02-08 08:00 Thu']);
  });

  it('a reminder landing on a Sunday moves to Friday at the send hour', () => {
    // Due Monday 20/5/2024: P1D is Sunday 19/5.
    const s = scheduleOf(plan('p', { kind: 'before', date: '2024-05-20' }));
    expect(s.reminders.map((r) => local(r.at))).toEqual(['2024-05-13 08:00 Mon', '2024-05-17 08:00 Fri']);
    // P3D (Friday 17/5) and P1D (moved from Sunday to Friday 17/5) are one reminder, not two.
  });

  it('a make-up working Saturday is a working day', () => {
    // Due Monday 6/5/2024; P2D is Saturday 4/5/2024, announced as a make-up working day.
    const m = plan(
      'p',
      { kind: 'before', date: '2024-05-06' },
      { reminders: { ...DEFAULT_REMINDERS, offsets: ['P2D'] } },
    );
    expect(scheduleOf(m).reminders.map((r) => local(r.at))).toEqual(['2024-05-04 08:00 Sat']);
    expect(scheduleOf(m, COMPUTED).reminders.map((r) => local(r.at))).toEqual(['2024-05-03 08:00 Fri']);
  });

  it("the Hùng Kings' day (10/3 lunar, 18/4/2024) is a holiday", () => {
    // The Bắc Giang draft plan, due before 25/4/2024: P7D falls on 18/4.
    const s = scheduleOf(plan('p', { kind: 'before', date: '2024-04-25' }), ANNOUNCED_2024, '2024-04-16');
    expect(s.reminders.map((r) => local(r.at))).toEqual([
      '2024-04-17 08:00 Wed',
      '2024-04-22 08:00 Mon',
      '2024-04-24 08:00 Wed',
    ]);
  });

  it('never sends a reminder before the campaign was issued', () => {
    const s = scheduleOf(plan('p', { kind: 'before', date: '2024-04-25' }), ANNOUNCED_2024, '2024-04-20');
    expect(s.reminders.map((r) => r.offset)).toEqual(['P3D', 'P1D']);
  });

  it('sends on any day when the policy does not ask for working days', () => {
    const m = plan(
      'p',
      { kind: 'before', date: '2024-05-20' },
      { reminders: { ...DEFAULT_REMINDERS, workingDaysOnly: false } },
    );
    expect(scheduleOf(m).reminders.map((r) => local(r.at))).toEqual([
      '2024-05-13 08:00 Mon',
      '2024-05-17 08:00 Fri',
      '2024-05-19 08:00 Sun',
    ]);
  });

  it('an exact-time deadline gets its reminders before it, even on the same morning', () => {
    const m = plan(
      'p',
      { kind: 'at', date: '2024-05-10', time: '07:00' },
      {
        reminders: { ...DEFAULT_REMINDERS, offsets: ['P1D', 'PT2H'] },
      },
    );
    const s = scheduleOf(m);
    expect(s.dueAt).toBe('2024-05-10T07:00:00+07:00');
    // P1D → 9/5 08:00; PT2H → 05:00 on 10/5 is an exact instant and stays.
    expect(s.reminders.map((r) => local(r.at))).toEqual(['2024-05-09 08:00 Thu', '2024-05-10 05:00 Fri']);
  });
});

describe('escalations', () => {
  it('fire after the due instant, on working days, and merge when two steps land together', () => {
    // Due at 00:00 on Friday 10/5/2024. P1D = Sat 11/5 → Mon 13/5; P3D = Mon 13/5: one escalation to both.
    const s = scheduleOf(plan('p', { kind: 'before', date: '2024-05-10' }));
    expect(s.escalations.map((e) => [local(e.at), e.to])).toEqual([
      ['2024-05-13 08:00 Mon', ['unit', 'parent']],
    ]);
  });

  it('repeat at the policy interval', () => {
    const m = plan(
      'p',
      { kind: 'before', date: '2024-05-14' },
      {
        escalation: { ...DEFAULT_ESCALATION, repeatEvery: 'P7D', maxRepeats: 2 },
      },
    );
    expect(scheduleOf(m).escalations.map((e) => [local(e.at), e.to, e.repeat])).toEqual([
      ['2024-05-15 08:00 Wed', ['unit'], 0],
      ['2024-05-17 08:00 Fri', ['unit', 'parent'], 0],
      ['2024-05-24 08:00 Fri', ['unit', 'parent'], 1],
      ['2024-05-31 08:00 Fri', ['unit', 'parent'], 2],
    ]);
  });

  it('an extension moves the whole schedule to the new deadline', () => {
    const m = plan('p', { kind: 'before', date: '2024-05-14' });
    const campaign = tinyCampaign([m], {}, ANNOUNCED_2024);
    const s = milestoneSchedule(campaign, m, { dueAt: '2024-05-21T00:00:00+07:00' });
    expect(s.dueAt).toBe('2024-05-21T00:00:00+07:00');
    expect(s.reminders.map((r) => local(r.at))).toEqual([
      '2024-05-14 08:00 Tue',
      '2024-05-17 08:00 Fri',
      '2024-05-20 08:00 Mon',
    ]);
    expect(local(s.escalations[0]?.at ?? '')).toBe('2024-05-22 08:00 Wed');
  });
});

describe('property: any campaign', () => {
  const day = fc.integer({ min: 0, max: 3 * 365 });
  const offset = fc.oneof(
    fc.integer({ min: 1, max: 30 }).map((d) => `P${d}D`),
    fc.integer({ min: 1, max: 4 }).map((w) => `P${w}W`),
    fc.integer({ min: 1, max: 72 }).map((h) => `PT${h}H`),
  );
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const base = DateTime.fromISO('2024-01-01', { zone: ZONE });
  const dateOf = (n: number) => base.plus({ days: n }).toISODate() as string;

  it('no reminder at or after its due instant or before the issue, none on a non-working day, all in order', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 200 }),
        fc.option(time, { nil: undefined }),
        fc.array(offset, { minLength: 1, maxLength: 6 }),
        time,
        fc.boolean(),
        fc.array(day, { maxLength: 10 }),
        fc.array(day, { maxLength: 4 }),
        fc.array(
          fc.integer({ min: 0, max: 20 }).map((d) => `P${d}D`),
          { minLength: 1, maxLength: 3 },
        ),
        fc.option(
          fc.integer({ min: 1, max: 14 }).map((d) => `P${d}D`),
          { nil: undefined },
        ),
        (
          issuedDay,
          dueAfter,
          dueTime,
          offsets,
          sendAt,
          workingDaysOnly,
          offDays,
          makeUpDays,
          afters,
          repeatEvery,
        ) => {
          const issued = dateOf(issuedDay);
          const dueDate = dateOf(issuedDay + dueAfter);
          const workingSet = new Set(makeUpDays.map(dateOf));
          const calendar: CalendarRules = {
            ...DEFAULT_CALENDAR_RULES,
            daysOff: offDays
              .map(dateOf)
              .filter((d) => !workingSet.has(d))
              .map((date) => ({ date })),
            workingDays: [...workingSet].map((date) => ({ date })),
          };
          const m = plan(
            'p',
            dueTime ? { kind: 'at', date: dueDate, time: dueTime } : { kind: 'before', date: dueDate },
            {
              reminders: { offsets, sendAt, workingDaysOnly },
              escalation: {
                steps: afters.map((after, i) => ({ after, to: i === 0 ? ['unit'] : ['unit', 'parent'] })),
                maxRepeats: 3,
                sendAt,
                workingDaysOnly,
                ...(repeatEvery ? { repeatEvery } : {}),
              },
            },
          );
          const campaign = tinyCampaign([m], { document: { issued } }, calendar);
          const cal = new WorkCalendar(calendar);
          const s = milestoneSchedule(campaign, m, {}, cal);
          const due = Date.parse(s.dueAt);
          const issuedAt = DateTime.fromISO(issued, { zone: ZONE }).toMillis();
          let prev = -Infinity;
          for (const r of s.reminders) {
            const t = Date.parse(r.at);
            expect(t).toBeLessThan(due);
            expect(t).toBeGreaterThanOrEqual(issuedAt);
            expect(t).toBeGreaterThan(prev);
            prev = t;
            if (workingDaysOnly) {
              expect(cal.isWorkingDay(DateTime.fromISO(r.at, { zone: ZONE }).toISODate() as string)).toBe(
                true,
              );
            }
          }
          prev = due;
          for (const e of s.escalations) {
            const t = Date.parse(e.at);
            expect(t).toBeGreaterThan(prev);
            prev = t;
            if (workingDaysOnly) {
              expect(cal.isWorkingDay(DateTime.fromISO(e.at, { zone: ZONE }).toISODate() as string)).toBe(
                true,
              );
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
