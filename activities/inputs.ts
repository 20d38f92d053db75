// Inputs of unit workflows, cut from a validated campaign.
import { milestonesFor } from '../core/definition/tree';
import type { Campaign, Unit } from '../core/definition/types';
import type { Contact, UnitWorkflowInput } from '../workflows/messages';

function contact(u: Unit): Contact {
  return { id: u.id, name: u.name, emails: u.emails };
}

export function unitInput(campaign: Campaign, unitId: string): UnitWorkflowInput {
  const byId = new Map(campaign.units.map((u) => [u.id, u]));
  const unit = byId.get(unitId);
  if (!unit) throw new Error(`campaign ${campaign.campaign.id} has no unit '${unitId}'`);
  const issuer = byId.get(campaign.campaign.issuer);
  if (!issuer)
    throw new Error(`campaign ${campaign.campaign.id} has no issuer unit '${campaign.campaign.issuer}'`);
  const parent = unit.parent ? byId.get(unit.parent) : undefined;
  return {
    campaign: campaign.campaign,
    calendar: campaign.calendar,
    milestones: milestonesFor(campaign, unit),
    unit,
    ...(parent ? { parent: contact(parent) } : {}),
    issuer: contact(issuer),
  };
}
