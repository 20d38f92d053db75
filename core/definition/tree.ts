// The unit tree and which units a milestone applies to. Plain data, no zod: usable anywhere.
import type { AppliesTo, Campaign, Milestone, Unit } from './types';

/**
 * The issuing unit (the root) owes nothing unless named explicitly: validation allows that only for its report
 * upward (`reportsTo`, core/definition/upward.ts).
 */
export function unitMatches(appliesTo: AppliesTo, unit: Unit, rootId: string | undefined): boolean {
  if (appliesTo.except?.includes(unit.id)) return false;
  if (appliesTo.units?.includes(unit.id)) return true;
  if (unit.id === rootId) return false;
  if (appliesTo.all) return true;
  if (appliesTo.levels?.includes(unit.level)) return true;
  return appliesTo.tags?.some((t) => unit.tags.includes(t)) ?? false;
}

export function rootOf(campaign: Campaign): Unit {
  const root = campaign.units.find((u) => u.id === campaign.campaign.issuer);
  if (!root)
    throw new Error(`campaign ${campaign.campaign.id}: issuer '${campaign.campaign.issuer}' is not a unit`);
  return root;
}

export function childrenIndex(units: readonly Unit[]): Map<string, Unit[]> {
  const index = new Map<string, Unit[]>();
  for (const u of units) {
    if (!u.parent) continue;
    const list = index.get(u.parent);
    if (list) list.push(u);
    else index.set(u.parent, [u]);
  }
  return index;
}

/** Milestones that apply to a unit, in file order. */
export function milestonesFor(campaign: Campaign, unit: Unit): Campaign['milestones'] {
  const rootId = campaign.campaign.issuer;
  return campaign.milestones.filter((m) => unitMatches(m.appliesTo, unit, rootId));
}

/**
 * Whether the unit only coordinates ("phối hợp") the milestone: its `coordinate` names the unit and its
 * `appliesTo` does not (a unit both name implements it).
 */
export function coordinates(
  m: Pick<Milestone, 'appliesTo' | 'coordinate'>,
  unit: Unit,
  rootId: string | undefined,
): boolean {
  return !!m.coordinate && !unitMatches(m.appliesTo, unit, rootId) && unitMatches(m.coordinate, unit, rootId);
}

/** Milestones a unit coordinates (and owes nothing for), in file order. */
export function coordinatedBy(campaign: Campaign, unit: Unit): Campaign['milestones'] {
  const rootId = campaign.campaign.issuer;
  return campaign.milestones.filter((m) => coordinates(m, unit, rootId));
}
