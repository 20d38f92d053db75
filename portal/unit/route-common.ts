// What the units' routes share: the route parameter of a unit's link, a page reply no shared cache keeps,
// the page context, and a milestone that applies to the unit (404 otherwise).
import type { FastifyReply } from 'fastify';
import type { MilestoneState } from '../../contract/messages';
import type { Milestone } from '../../core/definition/types';
import type { PortalContext } from '../context';
import { notFound } from '../errors';
import type { UnitAccess } from './access';
import type { PageContext } from './render-common';

export interface TokenParams {
  token: string;
}

export function noStore(reply: FastifyReply): FastifyReply {
  // A page under a unit's link is that unit's: never kept by a shared cache.
  return reply.header('cache-control', 'no-store').header('content-type', 'text/html; charset=utf-8');
}

export function pageContext(ctx: PortalContext, access: UnitAccess, reply: FastifyReply): PageContext {
  return {
    access,
    csrf: reply.generateCsrf(),
    maxUploadMb: Math.round((ctx.settings.maxUploadBytes / (1024 * 1024)) * 10) / 10,
    now: ctx.now(),
  };
}

export function milestoneOf(access: UnitAccess, milestoneId: string): { m: Milestone; ms: MilestoneState } {
  const ms = access.state.milestones.find((x) => x.id === milestoneId);
  const m = access.campaign.milestones.find((x) => x.id === milestoneId);
  if (!ms || !m)
    throw notFound(`milestone '${milestoneId}' does not apply to '${access.unit.id}'`, access.lang);
  return { m, ms };
}
