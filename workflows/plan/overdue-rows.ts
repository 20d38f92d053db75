// `digest: daily`: the rows an overdue milestone holds in its superiors' digests.
import type { MilestoneState, OverdueRow } from '../../contract/messages';
import type { Milestone } from '../../core/definition/types';
import { type PlanContext, superiorOf, superiorsIn } from './context';

/**
 * While a milestone is overdue, each superior its escalation steps (from `activeFrom` on) name holds a row for
 * it, with the steps' instants, so its digest leaves at the policy's sendAt. Superior id → the row as JSON;
 * empty when the milestone is not overdue or its escalations are not digested.
 */
export function wantedRows(
  ctx: PlanContext,
  m: Milestone,
  ms: Pick<MilestoneState, 'id' | 'title' | 'status' | 'schedule' | 'activeFrom'>,
): Map<string, string> {
  const out = new Map<string, string>();
  if (ms.status !== 'overdue' || m.escalation.digest !== 'daily') return out;
  const steps = new Map<string, string[]>();
  for (const e of ms.schedule.escalations) {
    if (Date.parse(e.at) < Date.parse(ms.activeFrom)) continue;
    for (const sup of new Set(superiorsIn(e.to).map((r) => superiorOf(ctx, r))))
      steps.set(sup, [...(steps.get(sup) ?? []), e.at]);
  }
  for (const [sup, at] of steps) {
    const row: OverdueRow = {
      unitId: ctx.unit.id,
      unitName: ctx.unit.name,
      emails: ctx.unit.emails,
      milestoneId: ms.id,
      milestoneTitle: ms.title,
      dueAt: ms.schedule.dueAt,
      steps: at,
      // Only with a `copyTo`: a row's JSON is what its superior was told, unchanged for milestones without one.
      ...(m.copyTo?.length ? { cc: m.copyTo.flatMap((r) => r.emails) } : {}),
    };
    out.set(sup, JSON.stringify(row));
  }
  return out;
}

/** The superiors whose row changed (added, replaced or withdrawn), in id order, with the row now wanted. */
export function rowChanges(
  told: Record<string, string>,
  wanted: Map<string, string>,
): { superiorId: string; row: string | undefined }[] {
  const out: { superiorId: string; row: string | undefined }[] = [];
  for (const sup of [...new Set([...Object.keys(told), ...wanted.keys()])].sort()) {
    const row = wanted.get(sup);
    if (row !== told[sup]) out.push({ superiorId: sup, row });
  }
  return out;
}
