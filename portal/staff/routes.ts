// The staff side of the portal: sign-in, the campaigns, a campaign's completeness and overdue units, a unit,
// document downloads, the audit export, and the administrators' actions. Every route but sign-in runs the
// staff guard first (no session: the sign-in page for a GET, 403 for a POST); every action is POST, checked
// for its CSRF token and for the administrator's role (an auditor gets 403 and nothing is written).
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { PortalContext } from '../context';
import { closeRoute, extendAllRoute, extendRoute, revokeLinkRoute, unitActionRoute } from './actions';
import { LOGIN_RATE_LIMIT, login, logout, requireAdmin, showLogin, staffGuard } from './auth';
import { campaignPage, campaignsPage } from './campaign-pages';
import { notFound } from './common';
import { downloadDocument } from './download';
import { auditExport } from './export';
import { overduePage } from './overdue-page';
import { unitPage } from './unit-page';

export function registerStaffRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const guard = staffGuard(ctx);
  // Looked up per request: the CSRF plugin may be registered after these routes are declared.
  const csrf = (request: FastifyRequest, reply: FastifyReply, done: () => void) =>
    app.csrfProtection(request, reply, done);
  const page: RouteShorthandOptions = { onRequest: guard };
  const action: RouteShorthandOptions = { onRequest: guard, preHandler: [requireAdmin, csrf] };

  app.get('/staff/login', showLogin);
  app.post('/staff/login', { preHandler: csrf, config: { rateLimit: LOGIN_RATE_LIMIT } }, login(ctx));
  app.post('/staff/logout', { onRequest: guard, preHandler: csrf }, logout);

  app.get('/staff', page, campaignsPage(ctx));
  app.get('/staff/c/:campaign', page, campaignPage(ctx));
  app.get('/staff/c/:campaign/overdue', page, overduePage(ctx));
  app.get('/staff/c/:campaign/u/:unit', page, unitPage(ctx));
  app.get('/staff/c/:campaign/d/:unitId/:milestoneId/:seq', page, downloadDocument(ctx));
  app.get('/staff/c/:campaign/audit.csv', page, auditExport(ctx, 'csv'));
  app.get('/staff/c/:campaign/audit.json', page, auditExport(ctx, 'json'));

  for (const a of ['approve', 'return', 'waive'] as const) {
    app.post(`/staff/c/:campaign/u/:unit/m/:milestone/${a}`, action, unitActionRoute(ctx, a));
  }
  app.post('/staff/c/:campaign/u/:unit/m/:milestone/extend', action, extendRoute(ctx));
  app.post('/staff/c/:campaign/m/:milestone/extend-all', action, extendAllRoute(ctx));
  app.post('/staff/c/:campaign/u/:unit/revoke-link', action, revokeLinkRoute(ctx));
  app.post('/staff/c/:campaign/close', action, closeRoute(ctx));
  // Any other POST under /staff/c/: an auditor still gets 403 (the role is checked first), others 404.
  app.post('/staff/c/*', action, (_request, reply) => notFound(reply));
}
