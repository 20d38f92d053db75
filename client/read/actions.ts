// The administrators' updates, shared by the command line (`dondoc approve|return|waive|extend|close`) and
// the staff portal: the same Workflow Updates, the same validators in the workflows, the actor and the
// reason recorded in history. Callers check the campaign, unit and milestone ids first.

import type { Client } from '@temporalio/client';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import {
  approveUpdate,
  type CampaignState,
  closeCampaignUpdate,
  extendAllUpdate,
  extendUpdate,
  type MilestoneState,
  returnUpdate,
  waiveUpdate,
} from '../../contract/messages';
import { type LocalDate, parseLocalDate } from '../../core/calendar/phrases';
import { cleanTyped } from '../../core/text/typed';

export const UNIT_ACTIONS = { approve: approveUpdate, return: returnUpdate, waive: waiveUpdate } as const;
export type UnitAction = keyof typeof UNIT_ACTIONS;

/** A new due date as typed ('yyyy-mm-dd' or 'dd/mm/yyyy'): "trước ngày" that date in the campaign's zone. */
export function parseNewDue(text: string): LocalDate | undefined {
  return parseLocalDate(text);
}

/** Approves or returns a draft, or waives a milestone, for one unit. */
export async function unitAction(input: {
  client: Client;
  campaignId: string;
  unitId: string;
  milestoneId: string;
  action: UnitAction;
  actor: string;
  reason?: string;
}): Promise<MilestoneState> {
  return await input.client.workflow
    .getHandle(unitWorkflowId(input.campaignId, input.unitId))
    .executeUpdate(UNIT_ACTIONS[input.action], {
      args: [
        {
          milestoneId: input.milestoneId,
          actor: cleanTyped(input.actor),
          ...(input.reason ? { reason: cleanTyped(input.reason, true) } : {}),
        },
      ],
    });
}

/** Extends one unit's milestone to "trước ngày `newDue`". */
export async function extendUnit(input: {
  client: Client;
  campaignId: string;
  unitId: string;
  milestoneId: string;
  newDue: LocalDate;
  actor: string;
  reason: string;
}): Promise<MilestoneState> {
  return await input.client.workflow
    .getHandle(unitWorkflowId(input.campaignId, input.unitId))
    .executeUpdate(extendUpdate, {
      args: [
        {
          milestoneId: input.milestoneId,
          newDue: input.newDue,
          actor: cleanTyped(input.actor),
          reason: cleanTyped(input.reason, true),
        },
      ],
    });
}

/** Extends a milestone for every unit it applies to (the campaign workflow's extendAll). */
export async function extendAll(input: {
  client: Client;
  campaignId: string;
  milestoneId: string;
  newDue: LocalDate;
  actor: string;
  reason: string;
}): Promise<{ extended: number; skipped: string[] }> {
  return await input.client.workflow
    .getHandle(campaignWorkflowId(input.campaignId))
    .executeUpdate(extendAllUpdate, {
      args: [
        {
          milestoneId: input.milestoneId,
          newDue: input.newDue,
          actor: cleanTyped(input.actor),
          reason: cleanTyped(input.reason, true),
        },
      ],
    });
}

/** Closes (or cancels) the campaign: every reminder and escalation stops. */
export async function closeCampaign(input: {
  client: Client;
  campaignId: string;
  actor: string;
  reason?: string;
  cancel?: boolean;
}): Promise<CampaignState> {
  return await input.client.workflow
    .getHandle(campaignWorkflowId(input.campaignId))
    .executeUpdate(closeCampaignUpdate, {
      args: [
        {
          actor: cleanTyped(input.actor),
          cancel: Boolean(input.cancel),
          ...(input.reason ? { reason: cleanTyped(input.reason, true) } : {}),
        },
      ],
    });
}
