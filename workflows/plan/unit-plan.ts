// What the campaign workflow hands a unit when it starts (the planQuery's answer): pure, from the definition.
import type { Contact, UnitPlan } from '../../contract/messages';
import { childrenIndex, coordinates, unitMatches } from '../../core/definition/tree';
import type { Campaign, Unit } from '../../core/definition/types';
import { aggregationRules } from '../../core/report/aggregate';

export function contactOf(u: Unit): Contact {
  return { id: u.id, name: u.name, emails: u.emails };
}

/** The plan of each unit of a campaign, by unit id (`undefined` for a unit that is not in it). */
export function unitPlans(
  c: Campaign,
  extra: Pick<
    UnitPlan,
    | 'historyLimit'
    | 'templatesVersion'
    | 'mail'
    | 'statusMemo'
    | 'reportEveryMs'
    | 'batchReminders'
    | 'sendsInTask'
  >,
): (unitId: string) => UnitPlan | undefined {
  const byId = new Map(c.units.map((u) => [u.id, u]));
  const children = childrenIndex(c.units);
  const issuer = byId.get(c.campaign.issuer);
  if (!issuer) throw new Error(`campaign ${c.campaign.id}: issuer '${c.campaign.issuer}' is not a unit`);
  const rules = aggregationRules(c);
  return (unitId) => {
    const unit = byId.get(unitId);
    if (!unit) return undefined;
    const parent = unit.parent ? byId.get(unit.parent) : undefined;
    // Those it implements and those it only coordinates, in file order; `coordinates` only when there are any,
    // so that a campaign without `coordinate` gives the plans it always gave.
    const milestones = c.milestones.filter(
      (m) => unitMatches(m.appliesTo, unit, issuer.id) || coordinates(m, unit, issuer.id),
    );
    const coordinated = milestones.filter((m) => coordinates(m, unit, issuer.id)).map((m) => m.id);
    return {
      campaign: c.campaign,
      calendar: c.calendar,
      milestones,
      ...(coordinated.length > 0 ? { coordinates: coordinated } : {}),
      unit,
      ...(parent ? { parent: contactOf(parent) } : {}),
      issuer: contactOf(issuer),
      children: (children.get(unit.id) ?? []).map((u) => u.id),
      rules,
      ...(extra.historyLimit ? { historyLimit: extra.historyLimit } : {}),
      ...(extra.templatesVersion ? { templatesVersion: extra.templatesVersion } : {}),
      ...(extra.mail ? { mail: extra.mail } : {}),
      ...(extra.statusMemo ? { statusMemo: true as const } : {}),
      ...(extra.batchReminders ? { batchReminders: true as const } : {}),
      ...(extra.sendsInTask ? { sendsInTask: true as const } : {}),
      ...(extra.reportEveryMs && (children.get(unit.id) ?? []).length > 0
        ? { reportEveryMs: extra.reportEveryMs }
        : {}),
    };
  };
}
