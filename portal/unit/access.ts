// Who is asking, on every /u route: the token in the path is the unit's only credential. Verified (signature,
// audience, expiry) → its campaign exists → its unit is in that campaign → the unit's state (one query) says
// the link was not revoked since the token was minted. Anything else is a 403, and nothing is written.
import { WorkflowNotFoundError } from '@temporalio/client';
import { linkRevoked, type UnitLinkClaims, verifyUnitLink } from '../../access/tokens';
import { classify, EXIT } from '../../client/errors';
import { queryWorkflow } from '../../client/queries';
import { unitWorkflowId } from '../../contract/ids';
import { stateQuery, type UnitState } from '../../contract/messages';
import type { Campaign, Unit } from '../../core/definition/types';
import type { PortalContext } from '../context';
import { forbidden, HttpError } from '../errors';
import type { Lang } from '../layout';

export interface UnitAccess {
  token: string;
  claims: UnitLinkClaims;
  campaign: Campaign;
  unit: Unit;
  state: UnitState;
  lang: Lang;
}

/** A Temporal server or worker that cannot be reached is a 503, never mistaken for a refusal. */
export function unavailableOr(err: unknown, otherwise: () => HttpError): HttpError {
  if (err instanceof HttpError) return err;
  return classify(err).exitCode === EXIT.unreachable ? new HttpError(503, String(err)) : otherwise();
}

export async function unitState(ctx: PortalContext, campaignId: string, unitId: string): Promise<UnitState> {
  return await queryWorkflow({
    client: ctx.client,
    workflowId: unitWorkflowId(campaignId, unitId),
    query: stateQuery,
  });
}

export async function authorizeUnit(ctx: PortalContext, token: string): Promise<UnitAccess> {
  const claims = await verifyUnitLink({ secret: ctx.secret, token, nowMs: ctx.now().getTime() });
  if (!claims) throw forbidden('unit link: invalid, altered or expired token');
  let campaign: Campaign;
  try {
    campaign = await ctx.definition(claims.campaignId);
  } catch (err) {
    throw unavailableOr(err, () => forbidden(`unit link: no campaign '${claims.campaignId}'`));
  }
  const lang: Lang = campaign.campaign.language === 'en' ? 'en' : 'vi';
  const unit = campaign.units.find((u) => u.id === claims.unitId);
  if (!unit) throw forbidden(`unit link: no unit '${claims.unitId}' in '${claims.campaignId}'`, lang);
  let state: UnitState;
  try {
    state = await unitState(ctx, claims.campaignId, unit.id);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw forbidden('unit link: the unit workflow does not exist', lang);
    throw unavailableOr(err, () => forbidden(`unit link: state of '${unit.id}' unreadable`, lang));
  }
  if (state.campaignId !== claims.campaignId || state.unitId !== unit.id) {
    throw forbidden('unit link: state of another unit', lang);
  }
  if (linkRevoked(claims, state.link)) throw forbidden('unit link: revoked', lang);
  return { token, claims, campaign, unit, state, lang };
}

/** The units below `unitId` in the campaign's tree (not itself). */
export function descendantsOf(campaign: Campaign, unitId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of campaign.units) {
    if (!u.parent) continue;
    const list = children.get(u.parent);
    if (list) list.push(u.id);
    else children.set(u.parent, [u.id]);
  }
  const out = new Set<string>();
  const stack = [...(children.get(unitId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The unit itself or one of its subtree; anything else (another branch, another campaign's id) is a 403. */
export function requireInSubtree(access: UnitAccess, unitId: string): Unit {
  const target = access.campaign.units.find((u) => u.id === unitId);
  if (!target) throw forbidden(`unit link: no unit '${unitId}' in this campaign`, access.lang);
  if (target.id !== access.unit.id && !descendantsOf(access.campaign, access.unit.id).has(target.id)) {
    throw forbidden(`unit link: '${unitId}' is not in the subtree of '${access.unit.id}'`, access.lang);
  }
  return target;
}
