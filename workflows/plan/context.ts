// Who a unit's notices go to, and what every notice says about the milestone: pure, from the unit's plan.
import type { UnitPlan } from '../../contract/messages';
import { noticeMilestone } from '../../contract/notice-milestone';
import type { MilestoneSchedule } from '../../core/calendar/schedule';
import type { Milestone, Recipient } from '../../core/definition/types';

/** The part of the unit's plan that addressing and notice building read. */
export type PlanContext = Pick<UnitPlan, 'campaign' | 'unit' | 'parent' | 'issuer'>;

export type Superior = Exclude<Recipient, 'unit'>;

/** Superiors, by unit id: the parent unit (the issuer when there is none), or the issuer. */
export function superiorOf(ctx: PlanContext, r: Superior): string {
  return r === 'parent' ? (ctx.unit.parent ?? ctx.issuer.id) : ctx.issuer.id;
}

export function contactOf(ctx: PlanContext, r: Recipient) {
  return r === 'unit' ? ctx.unit : r === 'parent' ? (ctx.parent ?? ctx.issuer) : ctx.issuer;
}

/** The addresses of some recipients, each once, in order. */
export function recipientsOf(ctx: PlanContext, to: Recipient[]): string[] {
  const emails = new Set<string>();
  for (const r of to) for (const e of contactOf(ctx, r).emails) emails.add(e);
  return [...emails];
}

export function superiorsIn(to: Recipient[]): Superior[] {
  return to.filter((r): r is Superior => r !== 'unit');
}

/** What every notice about a milestone carries. */
export function noticeAbout(ctx: PlanContext, m: Milestone, schedule: Pick<MilestoneSchedule, 'opensAt'>) {
  return {
    campaign: ctx.campaign,
    unit: { id: ctx.unit.id, name: ctx.unit.name, emails: ctx.unit.emails },
    issuerName: ctx.issuer.name,
    milestone: noticeMilestone(m),
    ...(schedule.opensAt ? { opensAt: schedule.opensAt } : {}),
  };
}
