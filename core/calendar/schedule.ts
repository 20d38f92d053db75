// The deadline calendar: from a campaign to exact instants of every due date, reminder and escalation.
// Pure and deterministic, but it uses luxon and time-zone data: run it in an activity, never in a workflow,
// so that a calendar fix never changes the replay of a running workflow.
import { DateTime, Duration } from 'luxon';
import { milestonesFor } from '../definition/tree';
import type { Campaign, EscalationPolicy, Milestone, Recipient, ReminderPolicy } from '../definition/types';
import type { DueSpec, LocalDate } from './phrases';
import { WorkCalendar } from './workdays';

export interface ReminderAt {
  /** 1-based, in time order within the milestone. */
  seq: number;
  phase: 'before-open' | 'before-due';
  offset: string;
  /** ISO-8601 with the campaign zone's offset. */
  at: string;
  /** Set when the nominal day was not a working day and the reminder moved earlier. */
  movedFrom?: LocalDate;
}

export interface EscalationAt {
  seq: number;
  after: string;
  to: Recipient[];
  at: string;
  /** 0 for a policy step, 1.. for its repeats. */
  repeat: number;
  movedFrom?: LocalDate;
}

export interface MilestoneSchedule {
  milestoneId: string;
  kind: Milestone['kind'];
  title: string;
  /** For an event window: its first instant. */
  opensAt?: string;
  /** The deadline (for an event window, the instant it closes). On time means strictly before it. */
  dueAt: string;
  reminders: ReminderAt[];
  escalations: EscalationAt[];
}

export interface ScheduleOptions {
  /** An extended deadline replacing the milestone's own (ISO instant). */
  dueAt?: string;
}

function dateOnly(d: Duration): boolean {
  const o = d
    .shiftTo('years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds')
    .toObject();
  return !o.hours && !o.minutes && !o.seconds && !o.milliseconds;
}

function parseDuration(iso: string): Duration {
  const d = Duration.fromISO(iso);
  if (!d.isValid) throw new Error(`invalid ISO-8601 duration '${iso}'`);
  return d;
}

export function startOfDay(date: LocalDate, zone: string): DateTime {
  const dt = DateTime.fromISO(date, { zone });
  if (!dt.isValid) throw new Error(`invalid date '${date}' in zone ${zone}`);
  return dt.startOf('day');
}

/** "trước ngày D" is 00:00 of D; "hết ngày D" is 00:00 of D+1; an exact time is itself. */
export function dueInstant(due: DueSpec, zone: string): DateTime {
  switch (due.kind) {
    case 'before':
      return startOfDay(due.date, zone);
    case 'end-of':
      return startOfDay(due.date, zone).plus({ days: 1 });
    case 'at':
      return DateTime.fromISO(`${due.date}T${due.time}`, { zone });
  }
}

function atTime(date: LocalDate, time: string, zone: string): DateTime {
  return DateTime.fromISO(`${date}T${time}`, { zone });
}

function localDate(dt: DateTime): LocalDate {
  return dt.toISODate() as LocalDate;
}

function iso(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true }) as string;
}

interface Ctx {
  zone: string;
  cal: WorkCalendar;
  issuedAt: DateTime;
}

/** Reminders before `anchor`, never before `notBefore`, never on a non-working day when the policy says so. */
function remindersBefore(
  ctx: Ctx,
  anchor: DateTime,
  offsets: string[],
  policy: ReminderPolicy,
  phase: ReminderAt['phase'],
  notBefore: DateTime,
): Omit<ReminderAt, 'seq'>[] {
  const out: Omit<ReminderAt, 'seq'>[] = [];
  for (const offset of offsets) {
    const dur = parseDuration(offset);
    const nominal = anchor.minus(dur);
    let at = dateOnly(dur) ? atTime(localDate(nominal), policy.sendAt, ctx.zone) : nominal;
    let movedFrom: LocalDate | undefined;
    if (policy.workingDaysOnly && !ctx.cal.isWorkingDay(localDate(at))) {
      movedFrom = localDate(at);
      at = atTime(ctx.cal.previousWorkingDay(localDate(at)), policy.sendAt, ctx.zone);
    }
    // A same-day send hour after an exact deadline (e.g. due 07:00, sent at 08:00) is too late.
    while (at >= anchor) {
      const prev = policy.workingDaysOnly
        ? ctx.cal.previousWorkingDay(localDate(at))
        : localDate(at.minus({ days: 1 }));
      movedFrom ??= localDate(at);
      at = atTime(prev, policy.sendAt, ctx.zone);
    }
    if (at < notBefore) continue;
    out.push(movedFrom ? { phase, offset, at: iso(at), movedFrom } : { phase, offset, at: iso(at) });
  }
  return out;
}

function escalationsAfter(ctx: Ctx, due: DateTime, policy: EscalationPolicy): EscalationAt[] {
  const planned: { after: string; to: Recipient[]; nominal: DateTime; dateOnly: boolean; repeat: number }[] =
    [];
  const steps = [...policy.steps].sort(
    (a, b) => parseDuration(a.after).toMillis() - parseDuration(b.after).toMillis(),
  );
  for (const step of steps) {
    const dur = parseDuration(step.after);
    planned.push({
      after: step.after,
      to: step.to,
      nominal: due.plus(dur),
      dateOnly: dateOnly(dur),
      repeat: 0,
    });
  }
  const last = planned[planned.length - 1];
  if (last && policy.repeatEvery) {
    const every = parseDuration(policy.repeatEvery);
    for (let k = 1; k <= policy.maxRepeats; k++) {
      const nominal = last.nominal.plus(every.mapUnits((x) => x * k));
      planned.push({
        after: policy.repeatEvery,
        to: last.to,
        nominal,
        dateOnly: last.dateOnly && dateOnly(every),
        repeat: k,
      });
    }
  }

  const out: EscalationAt[] = [];
  for (const p of planned) {
    let at = p.dateOnly ? atTime(localDate(p.nominal), policy.sendAt, ctx.zone) : p.nominal;
    if (at <= due) at = atTime(localDate(at.plus({ days: 1 })), policy.sendAt, ctx.zone);
    let movedFrom: LocalDate | undefined;
    if (policy.workingDaysOnly && !ctx.cal.isWorkingDay(localDate(at))) {
      movedFrom = localDate(at);
      at = atTime(ctx.cal.nextWorkingDay(localDate(at)), policy.sendAt, ctx.zone);
    }
    const when = iso(at);
    const same = out.find((e) => e.at === when);
    if (same) {
      // Two steps landing on one instant make one escalation to everyone they name.
      same.to = [...new Set([...same.to, ...p.to])];
      continue;
    }
    const e: EscalationAt = { seq: 0, after: p.after, to: [...p.to], at: when, repeat: p.repeat };
    if (movedFrom) e.movedFrom = movedFrom;
    out.push(e);
  }
  out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  out.forEach((e, i) => {
    e.seq = i + 1;
  });
  return out;
}

function numbered(reminders: Omit<ReminderAt, 'seq'>[]): ReminderAt[] {
  const sorted = [...reminders].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const unique: Omit<ReminderAt, 'seq'>[] = [];
  for (const r of sorted) {
    const prev = unique[unique.length - 1];
    if (prev && Date.parse(prev.at) === Date.parse(r.at)) continue;
    unique.push(r);
  }
  return unique.map((r, i) => ({ seq: i + 1, ...r }));
}

export function calendarFor(campaign: Campaign): WorkCalendar {
  return new WorkCalendar(campaign.calendar);
}

function context(campaign: Campaign, cal?: WorkCalendar): Ctx {
  const zone = campaign.campaign.timeZone;
  return {
    zone,
    cal: cal ?? calendarFor(campaign),
    issuedAt: startOfDay(campaign.campaign.document.issued, zone),
  };
}

/** The schedule of one milestone; every unit it applies to shares it unless its deadline was extended. */
export function milestoneSchedule(
  campaign: Campaign,
  milestone: Milestone,
  opts: ScheduleOptions = {},
  cal?: WorkCalendar,
): MilestoneSchedule {
  const ctx = context(campaign, cal);
  const policy = milestone.reminders;
  if (milestone.kind === 'event-window') {
    const w = milestone.window;
    const opens = w.fromTime ? atTime(w.from, w.fromTime, ctx.zone) : startOfDay(w.from, ctx.zone);
    const closes = opts.dueAt
      ? DateTime.fromISO(opts.dueAt, { zone: ctx.zone })
      : w.toTime
        ? atTime(w.to, w.toTime, ctx.zone)
        : startOfDay(w.to, ctx.zone).plus({ days: 1 });
    const reminders = numbered([
      ...remindersBefore(
        ctx,
        opens,
        policy.beforeOpen ?? policy.offsets,
        policy,
        'before-open',
        ctx.issuedAt,
      ),
      ...remindersBefore(
        ctx,
        closes,
        policy.offsets,
        policy,
        'before-due',
        DateTime.max(opens, ctx.issuedAt),
      ),
    ]);
    return {
      milestoneId: milestone.id,
      kind: milestone.kind,
      title: milestone.title,
      opensAt: iso(opens),
      dueAt: iso(closes),
      reminders,
      escalations: escalationsAfter(ctx, closes, milestone.escalation),
    };
  }
  const due = opts.dueAt
    ? DateTime.fromISO(opts.dueAt, { zone: ctx.zone })
    : dueInstant(milestone.due, ctx.zone);
  return {
    milestoneId: milestone.id,
    kind: milestone.kind,
    title: milestone.title,
    dueAt: iso(due),
    reminders: numbered(remindersBefore(ctx, due, policy.offsets, policy, 'before-due', ctx.issuedAt)),
    escalations: escalationsAfter(ctx, due, milestone.escalation),
  };
}

/** Every milestone that applies to one unit, with its extended deadlines (by milestone id) if any. */
export function unitSchedule(
  campaign: Campaign,
  unitId: string,
  extensions: Record<string, string> = {},
  cal?: WorkCalendar,
): MilestoneSchedule[] {
  const unit = campaign.units.find((u) => u.id === unitId);
  if (!unit) throw new Error(`campaign ${campaign.campaign.id} has no unit '${unitId}'`);
  const calendar = cal ?? calendarFor(campaign);
  return milestonesFor(campaign, unit).map((m) => {
    const dueAt = extensions[m.id];
    return milestoneSchedule(campaign, m, dueAt ? { dueAt } : {}, calendar);
  });
}

/** On time means strictly before the due instant: 23:59:59 on D-1 is on time for "trước ngày D", 00:00 on D is late. */
export function isOnTime(submittedAt: string | number, dueAt: string): boolean {
  const t = typeof submittedAt === 'number' ? submittedAt : Date.parse(submittedAt);
  return t < Date.parse(dueAt);
}

/** Inside an event window [opensAt, dueAt). */
export function isInsideWindow(at: string | number, opensAt: string, dueAt: string): boolean {
  const t = typeof at === 'number' ? at : Date.parse(at);
  return t >= Date.parse(opensAt) && t < Date.parse(dueAt);
}
