// Where a unit reports, and what: its superiors' workflows (the issuer is a unit workflow like any other), the
// parent that adds its subtree up (the issuer's is the campaign workflow), and the overdue set its search
// attributes publish.
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import type { MilestoneState } from '../../contract/messages';
import type { PlanContext } from './context';

/** The workflow of a superior unit. */
export function superiorWorkflowId(ctx: PlanContext, unitId: string): string {
  return unitWorkflowId(ctx.campaign.id, unitId);
}

/** Where this unit's subtree aggregate goes: its parent unit's workflow; the issuer's goes to the campaign's. */
export function parentWorkflowId(ctx: PlanContext): string {
  return ctx.unit.parent
    ? unitWorkflowId(ctx.campaign.id, ctx.unit.parent)
    : campaignWorkflowId(ctx.campaign.id);
}

/** The ids of the overdue milestones, in order: what the unit's search attributes say. */
export function overdueIds(milestones: Pick<MilestoneState, 'id' | 'status'>[]): string[] {
  return milestones.filter((m) => m.status === 'overdue').map((m) => m.id);
}
