// The dry run of a campaign: every email the engine would send if it started at `start` and no unit ever
// submitted anything. It replays, for every unit and milestone, what the unit workflow's lane does (the same
// pure functions: startingMilestone, nextAction, partsOf, recordSent, wantedRows), so the list is what the
// engine sends, not a re-derivation of its rules. Digests are in digests.ts.

import { scheduledKind } from '../../activities/mail/kind';
import type { PendingNotice } from '../../contract/messages';
import type { DeadlineNotice } from '../../contract/notices';
import { explainMove, madeUpWorkingDay } from '../../core/calendar/moves';
import { type MilestoneSchedule, milestoneSchedule, startOfDay } from '../../core/calendar/schedule';
import { WorkCalendar } from '../../core/calendar/workdays';
import type { Campaign, Milestone } from '../../core/definition/types';
import { type Action, nextAction } from '../../workflows/plan/actions';
import { type PlanContext, superiorOf, superiorsIn } from '../../workflows/plan/context';
import { announcedAtStart, pendingNotice, startingMilestone } from '../../workflows/plan/outbox';
import { wantedRows } from '../../workflows/plan/overdue-rows';
import { type Part, partsOf } from '../../workflows/plan/parts';
import { recordSent, sentOfPart } from '../../workflows/plan/sent';
import { unitPlans } from '../../workflows/plan/unit-plan';
import { type DigestReport, digestNotices } from './digests';
import type { DryRun, DryRunNotice, DryRunRecipient } from './types';

/** A step of a lane can only send so much; a runaway loop would be a bug, not a long schedule. */
const MAX_ACTIONS = 10_000;

interface Env {
  cal: WorkCalendar;
  zone: string;
  start: string;
  contact: (id: string) => DryRunRecipient;
}

/** Where the instant's day came from: the nominal day it moved off, and a make-up working day it kept. */
function dayNotes(
  env: Env,
  at: string,
  movedFrom: string | undefined,
): Pick<DryRunNotice, 'moved' | 'madeUp'> {
  const day = at.slice(0, 10);
  const madeUp = madeUpWorkingDay(env.cal, day);
  return {
    ...(movedFrom && movedFrom !== day ? { moved: explainMove(env.cal, movedFrom, day) } : {}),
    ...(madeUp ? { madeUp } : {}),
  };
}

function openedNotice(
  env: Env,
  ctx: PlanContext,
  m: Milestone,
  sch: MilestoneSchedule,
  coordinating: boolean,
): DryRunNotice {
  const p: PendingNotice = pendingNotice(
    { campaignId: ctx.campaign.id, unitId: ctx.unit.id, milestoneId: m.id },
    { kind: 'opened', seq: 1, dueAt: sch.dueAt, icsSequence: 0 },
    env.start,
  );
  return {
    at: env.start,
    kind: 'opened',
    seq: 1,
    unit: { id: ctx.unit.id, name: ctx.unit.name },
    milestone: { id: m.id, title: m.title, kind: m.kind },
    dueAt: sch.dueAt,
    ...(coordinating ? { role: 'coordinate' as const } : {}),
    recipients: ['unit'],
    to: [env.contact(ctx.unit.id)],
    emails: [...ctx.unit.emails],
    messageId: p.messageId,
    ...dayNotes(env, env.start, undefined),
  };
}

/** The units a part goes to: the unit itself, or the superiors its recipients name (each once). */
function addressees(ctx: PlanContext, part: Part): string[] {
  if (part.recipients.every((r) => r === 'unit')) return [ctx.unit.id];
  return [...new Set(superiorsIn(part.recipients).map((r) => superiorOf(ctx, r)))];
}

function partNotice(
  env: Env,
  ctx: PlanContext,
  m: Milestone,
  a: Action,
  part: Part,
): DryRunNotice | undefined {
  const n: DeadlineNotice | undefined = part.notice;
  if (!n || a.type === 'due') return undefined;
  const kind = scheduledKind({
    kind: n.kind === 'reminder' ? 'reminder' : 'escalation',
    recipients: part.recipients,
    ...(n.phase ? { phase: n.phase } : {}),
    dueAt: n.dueAt,
    asOf: n.asOf,
    zone: env.zone,
  });
  const step =
    a.type === 'reminder'
      ? { phase: a.r.phase, offset: a.r.offset }
      : { after: a.e.after, repeat: a.e.repeat };
  return {
    at: a.at,
    kind: kind as DryRunNotice['kind'],
    seq: part.seq,
    unit: { id: ctx.unit.id, name: ctx.unit.name },
    milestone: { id: m.id, title: m.title, kind: m.kind },
    dueAt: n.dueAt,
    ...step,
    recipients: [...part.recipients],
    to: addressees(ctx, part).map(env.contact),
    emails: [...n.to],
    messageId: n.messageId,
    ...dayNotes(env, a.at, a.type === 'reminder' ? a.r.movedFrom : a.e.movedFrom),
  };
}

/**
 * One milestone's lane for one unit, nobody submitting: its notices, and its rows in superiors' digests. A unit
 * that only coordinates the milestone (`coordinating`, from its plan) gets its opening notice and nothing more.
 */
function laneOf(
  env: Env,
  ctx: PlanContext,
  m: Milestone,
  sch: MilestoneSchedule,
  coordinating: boolean,
): { notices: DryRunNotice[]; reports: DigestReport[] } {
  const start = Date.parse(env.start);
  const ms = startingMilestone(sch, env.start, start, coordinating);
  const notices = announcedAtStart(ms, start) ? [openedNotice(env, ctx, m, sch, coordinating)] : [];
  const reports: DigestReport[] = [];
  const moves = new Map(sch.escalations.map((e) => [e.at, e.movedFrom]));
  const report = () => {
    for (const [superiorId, row] of wantedRows(ctx, m, ms)) reports.push({ superiorId, row, moves });
  };
  if (ms.status === 'overdue') report();
  for (let i = 0; i < MAX_ACTIONS; i++) {
    const next = nextAction(ms, (a) => partsOf(ctx, m, ms, a));
    if (!next) return { notices, reports };
    const { action } = next;
    if (action.type === 'due') {
      ms.status = 'overdue';
      report();
      continue;
    }
    for (const part of next.parts) {
      const notice = partNotice(env, ctx, m, action, part);
      if (notice) notices.push(notice);
      const delivery = notice ? { kind: notice.kind } : undefined;
      recordSent(ms, sentOfPart(part, action.at, action.at, sch.dueAt, delivery));
    }
  }
  throw new Error(`dry run: milestone ${m.id} of unit ${ctx.unit.id} does not settle`);
}

/** When the dry run assumes the campaign starts: the start of its issue day, in its zone. */
export function defaultStart(campaign: Campaign): string {
  const { document, timeZone } = campaign.campaign;
  return startOfDay(document.issued, timeZone).toISO({ suppressMilliseconds: true }) as string;
}

/** Every notice of the campaign started at `start` (an ISO instant), in time order. */
export function dryRun(campaign: Campaign, start: string): DryRun {
  const cal = new WorkCalendar(campaign.calendar);
  const byId = new Map(campaign.units.map((u) => [u.id, u]));
  const contact = (id: string): DryRunRecipient => {
    const u = byId.get(id);
    return { id, name: u?.name ?? id, emails: [...(u?.emails ?? [])] };
  };
  const env: Env = { cal, zone: campaign.campaign.timeZone, start, contact };
  const plans = unitPlans(campaign, {});
  const schedules = new Map(campaign.milestones.map((m) => [m.id, milestoneSchedule(campaign, m, {}, cal)]));
  const notices: DryRunNotice[] = [];
  const reports: DigestReport[] = [];
  for (const u of campaign.units) {
    const plan = plans(u.id);
    if (!plan) continue;
    for (const m of plan.milestones) {
      const coordinating = plan.coordinates?.includes(m.id) ?? false;
      const lane = laneOf(env, plan, m, schedules.get(m.id) as MilestoneSchedule, coordinating);
      notices.push(...lane.notices);
      reports.push(...lane.reports);
    }
  }
  notices.push(
    ...digestNotices(campaign.campaign, reports, contact, (at, movedFrom) => dayNotes(env, at, movedFrom)),
  );
  // Stable: at one instant, units in file order, then their milestones in file order, then digests.
  notices.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { campaign: campaign.campaign, start, notices };
}
