// The administrators' actions: the same Workflow Updates as the command line (client/read/actions.ts), each
// with a reason and the signed-in username as the actor. Every one answers with a redirect to the page it came
// from (Post/Redirect/Get), the outcome in the session's flash: done, refused by the engine (its own words),
// or bad input (nothing sent to the engine).

import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { queryWorkflow } from '../../client/queries';
import {
  closeCampaign,
  extendAll,
  extendUnit,
  parseNewDue,
  type UnitAction,
  unitAction,
} from '../../client/read/actions';
import { readUnitState } from '../../client/read/aggregates';
import { campaignWorkflowId, linkNoticeWorkflowId, unitWorkflowId } from '../../contract/ids';
import { planQuery, revokeLinkUpdate } from '../../contract/messages';
import { cleanTyped } from '../../core/text/typed';
import type { LinkNoticeInput } from '../../workflows/link';
import type { PortalContext } from '../context';
import {
  campaignUrl,
  isUnreachable,
  loadCampaign,
  notFound,
  type StaffCampaign,
  setFlash,
  staffOf,
  unitUrl,
} from './common';
import { type StaffStrings, staffStrings } from './i18n';

/** Bad input: shown to the person, nothing sent to the engine. */
class InputError extends Error {}

const MAX_REASON = 1000;

function field(request: FastifyRequest, name: string): string {
  const v = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.trim() : '';
}

function reasonOf(request: FastifyRequest, t: StaffStrings): string {
  const r = field(request, 'reason');
  if (r === '') throw new InputError(t.reasonRequired);
  if (r.length > MAX_REASON) throw new InputError(t.reasonTooLong);
  return r;
}

function newDueOf(request: FastifyRequest, t: StaffStrings): string {
  const raw = field(request, 'newDue');
  const d = parseNewDue(raw);
  if (!d) throw new InputError(t.badDate(raw.slice(0, 40)));
  return d;
}

function unitOf(c: StaffCampaign, unitId: string, t: StaffStrings) {
  const u = c.units.get(unitId);
  if (!u || u.id === c.definition.campaign.issuer) throw new InputError(t.unknownUnit(unitId.slice(0, 80)));
  return u;
}

function milestoneOf(c: StaffCampaign, milestoneId: string, t: StaffStrings) {
  const m = c.definition.milestones.find((x) => x.id === milestoneId);
  if (!m) throw new InputError(t.unknownMilestone(milestoneId.slice(0, 80)));
  return m;
}

/**
 * Runs one action and redirects to `back`: its result, a refusal or a bad-input message in the flash. An
 * unknown campaign gets the 404 page.
 */
async function act(input: {
  ctx: PortalContext;
  request: FastifyRequest;
  reply: FastifyReply;
  back: (c: StaffCampaign) => string;
  run: (c: StaffCampaign, t: StaffStrings, actor: string) => Promise<string>;
}): Promise<FastifyReply> {
  const { request, reply } = input;
  const user = staffOf(request);
  const { campaign: campaignId } = request.params as { campaign: string };
  const c = await loadCampaign(input.ctx, campaignId);
  if (!c) return notFound(reply, 'vi', user);
  const t = staffStrings(c.lang);
  try {
    if (c.view.closed) throw new InputError(t.campaignClosed);
    const text = await input.run(c, t, user.username);
    setFlash(request, { kind: 'notice', text });
    request.log.info({ staff: user.username, url: request.url }, 'staff action done');
  } catch (err) {
    if (err instanceof InputError) setFlash(request, { kind: 'error', text: err.message });
    else if (err instanceof WorkflowUpdateFailedError) {
      setFlash(request, { kind: 'error', text: t.refusedBy(err.cause?.message ?? err.message) });
    } else if (isUnreachable(err)) setFlash(request, { kind: 'error', text: t.unavailable });
    else throw err;
  }
  return reply.redirect(input.back(c), 303);
}

type Params = { campaign: string; unit: string; milestone: string };

/** After an action on a unit's milestone: back to that milestone on the unit's page (or the campaign's). */
const backToMilestone = (p: Params) => (c: StaffCampaign) =>
  c.units.has(p.unit)
    ? `${unitUrl(c.view.campaignId, p.unit)}#m-${encodeURIComponent(p.milestone)}`
    : campaignUrl(c.view.campaignId);

/** POST /staff/c/:campaign/u/:unit/m/:milestone/approve|return|waive */
export function unitActionRoute(ctx: PortalContext, action: UnitAction) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const p = request.params as Params;
    return act({
      ctx,
      request,
      reply,
      back: backToMilestone(p),
      run: async (c, t, actor) => {
        const unit = unitOf(c, p.unit, t);
        const m = milestoneOf(c, p.milestone, t);
        const reason = reasonOf(request, t);
        await unitAction({
          client: ctx.client,
          campaignId: c.view.campaignId,
          unitId: unit.id,
          milestoneId: m.id,
          action,
          actor,
          reason,
        });
        const done =
          action === 'approve' ? t.done_approve : action === 'return' ? t.done_return : t.done_waive;
        return done(m.title, unit.name);
      },
    });
  };
}

function vnDate(d: string): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** POST /staff/c/:campaign/u/:unit/m/:milestone/extend */
export function extendRoute(ctx: PortalContext) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const p = request.params as Params;
    return act({
      ctx,
      request,
      reply,
      back: backToMilestone(p),
      run: async (c, t, actor) => {
        const unit = unitOf(c, p.unit, t);
        const m = milestoneOf(c, p.milestone, t);
        const newDue = newDueOf(request, t);
        const reason = reasonOf(request, t);
        await extendUnit({
          client: ctx.client,
          campaignId: c.view.campaignId,
          unitId: unit.id,
          milestoneId: m.id,
          newDue,
          actor,
          reason,
        });
        return t.done_extend(m.title, unit.name, vnDate(newDue));
      },
    });
  };
}

/** POST /staff/c/:campaign/m/:milestone/extend-all */
export function extendAllRoute(ctx: PortalContext) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const p = request.params as Params;
    return act({
      ctx,
      request,
      reply,
      back: (c) => campaignUrl(c.view.campaignId),
      run: async (c, t, actor) => {
        const m = milestoneOf(c, p.milestone, t);
        const newDue = newDueOf(request, t);
        const reason = reasonOf(request, t);
        const r = await extendAll({
          client: ctx.client,
          campaignId: c.view.campaignId,
          milestoneId: m.id,
          newDue,
          actor,
          reason,
        });
        const text = t.done_extendAll(m.title, r.extended, vnDate(newDue));
        return r.skipped.length > 0 ? `${text} ${t.skipped(r.skipped.length)}` : text;
      },
    });
  };
}

/** POST /staff/c/:campaign/close */
export function closeRoute(ctx: PortalContext) {
  return (request: FastifyRequest, reply: FastifyReply) =>
    act({
      ctx,
      request,
      reply,
      back: (c) => campaignUrl(c.view.campaignId),
      run: async (c, t, actor) => {
        const reason = reasonOf(request, t);
        await closeCampaign({ client: ctx.client, campaignId: c.view.campaignId, actor, reason });
        return t.done_close;
      },
    });
}

/**
 * POST /staff/c/:campaign/u/:unit/revoke-link: the unit workflow records the revocation (older links stop
 * opening anything), then linkNoticeWorkflow mails the unit a new one; its id makes each revocation mail once.
 */
export function revokeLinkRoute(ctx: PortalContext) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const p = request.params as Params;
    return act({
      ctx,
      request,
      reply,
      back: (c) =>
        c.units.has(p.unit) ? unitUrl(c.view.campaignId, p.unit) : campaignUrl(c.view.campaignId),
      run: async (c, t, actor) => {
        const unit = unitOf(c, p.unit, t);
        const reason = reasonOf(request, t);
        const campaignId = c.view.campaignId;
        const read = await readUnitState({ client: ctx.client, campaignId, unitId: unit.id });
        if (!read) throw new InputError(t.notStarted);
        const r = await ctx.client.workflow
          .getHandle(unitWorkflowId(campaignId, unit.id))
          .executeUpdate(revokeLinkUpdate, {
            args: [{ actor: cleanTyped(actor), reason: cleanTyped(reason, true) }],
          });
        try {
          // A campaign with mail templates of its own names their version in each unit's plan: the update's
          // answer carries it (and the unit's mail route); a unit started by an older engine is asked.
          const templatesVersion =
            r.mail || r.templatesVersion
              ? r.templatesVersion
              : c.definition.templates && Object.keys(c.definition.templates).length > 0
                ? (
                    await queryWorkflow({
                      client: ctx.client,
                      workflowId: campaignWorkflowId(campaignId),
                      query: planQuery,
                      args: [unit.id],
                    })
                  ).templatesVersion
                : undefined;
          const issuer = c.units.get(c.definition.campaign.issuer);
          const mail: LinkNoticeInput = {
            campaignId,
            unitId: unit.id,
            campaign: c.definition.campaign,
            unit: { id: unit.id, name: unit.name, emails: unit.emails },
            ...(issuer ? { issuerName: issuer.name } : {}),
            count: r.count,
            revokedAt: r.revokedAt,
            actor,
            reason,
            ...(templatesVersion ? { templatesVersion } : {}),
            ...(r.mail ? { mail: r.mail } : {}),
          };
          await ctx.client.workflow.start('linkNoticeWorkflow', {
            taskQueue: read.taskQueue,
            workflowId: linkNoticeWorkflowId(campaignId, unit.id, r.count),
            args: [mail],
          });
        } catch (err) {
          if (err instanceof WorkflowExecutionAlreadyStartedError) return t.done_revoke(unit.name);
          throw new InputError(t.linkMailFailed(err instanceof Error ? err.message : String(err)));
        }
        return t.done_revoke(unit.name);
      },
    });
  };
}
