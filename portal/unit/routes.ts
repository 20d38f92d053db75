// The units' routes (portal plan): the unit's page, a milestone's form submission (submit.ts), the receipt, a
// subordinate's read-only page and document downloads. Every route first checks the token
// (portal/unit/access.ts).
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DOCUMENT_TYPES } from '../../workflows/submission-check';
import type { PortalContext } from '../context';
import { HttpError, notFound } from '../errors';
import { authorizeUnit, requireInSubtree, unavailableOr, unitState } from './access';
import { documentRefKey } from './docref';
import { renderReceiptPage, renderUnitPage } from './render';
import { renderSubordinatePage } from './render-subtree';
import { milestoneOf, noStore, pageContext, type TokenParams } from './route-common';
import { type MilestoneParams, submit } from './submit';
import { subtreeView } from './subtree';
import { emptyForms } from './upward';

/** An ASCII name for the Content-Disposition fallback (the UTF-8 name goes in filename*). */
function asciiName(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_') || 'tai-lieu'
  );
}

const ALLOWED_TYPES: readonly string[] = Object.values(DOCUMENT_TYPES);

type ReceiptParams = TokenParams & { milestoneId: string; seq: string };
type SubordinateParams = TokenParams & { unitId: string };
type DocumentParams = TokenParams & { unitId: string; milestoneId: string; seq: string };

export async function registerUnitRoutes(app: FastifyInstance, ctx: PortalContext): Promise<void> {
  const refKey = documentRefKey(ctx.secret);
  app.get<{ Params: TokenParams }>(
    '/u/:token',
    async (request, reply) => await unitPage(ctx, request, reply),
  );
  app.post<{ Params: MilestoneParams }>(
    '/u/:token/m/:milestoneId',
    async (request, reply) => await submit(ctx, refKey, request, reply),
  );
  app.get<{ Params: ReceiptParams }>(
    '/u/:token/r/:milestoneId/:seq',
    async (request, reply) => await receiptPage(ctx, request, reply),
  );
  app.get<{ Params: SubordinateParams }>(
    '/u/:token/s/:unitId',
    async (request, reply) => await subordinatePage(ctx, request, reply),
  );
  app.get<{ Params: DocumentParams }>(
    '/u/:token/d/:unitId/:milestoneId/:seq',
    async (request, reply) => await sendDocument(ctx, request, reply),
  );
}

/** GET /u/:token: the unit's page, with its subtree. */
async function unitPage(
  ctx: PortalContext,
  request: FastifyRequest<{ Params: TokenParams }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const access = await authorizeUnit(ctx, request.params.token);
  const pc = pageContext(ctx, access, reply);
  let subtree: Awaited<ReturnType<typeof subtreeView>>;
  let empty: Awaited<ReturnType<typeof emptyForms>>;
  try {
    [subtree, empty] = await Promise.all([subtreeView(ctx, access), emptyForms(ctx, access)]);
  } catch (err) {
    throw unavailableOr(err, () => new HttpError(500, String(err), access.lang));
  }
  const body = renderUnitPage(pc, { ...(subtree ? { subtree } : {}), empty });
  return noStore(reply).send(body);
}

/** GET /u/:token/r/:milestoneId/:seq: the receipt of one of the unit's submissions. */
async function receiptPage(
  ctx: PortalContext,
  request: FastifyRequest<{ Params: ReceiptParams }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const access = await authorizeUnit(ctx, request.params.token);
  const { ms } = milestoneOf(access, request.params.milestoneId);
  const sub = ms.submissions.find((s) => String(s.seq) === request.params.seq);
  if (!sub) throw notFound('no such submission', access.lang);
  return noStore(reply).send(renderReceiptPage(pageContext(ctx, access, reply), ms, sub));
}

/** GET /u/:token/s/:unitId: a subordinate's page, read-only (the unit's own id: its own page). */
async function subordinatePage(
  ctx: PortalContext,
  request: FastifyRequest<{ Params: SubordinateParams }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const access = await authorizeUnit(ctx, request.params.token);
  const target = requireInSubtree(access, request.params.unitId);
  if (target.id === access.unit.id) return reply.redirect(`/u/${access.token}`, 303);
  let state: Awaited<ReturnType<typeof unitState>>;
  try {
    state = await unitState(ctx, access.claims.campaignId, target.id);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound('subordinate not started', access.lang);
    throw unavailableOr(err, () => new HttpError(500, String(err), access.lang));
  }
  return noStore(reply).send(renderSubordinatePage(pageContext(ctx, access, reply), target, state));
}

/** GET /u/:token/d/:unitId/:milestoneId/:seq: a document the unit or one of its subordinates sent. */
async function sendDocument(
  ctx: PortalContext,
  request: FastifyRequest<{ Params: DocumentParams }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const access = await authorizeUnit(ctx, request.params.token);
  const target = requireInSubtree(access, request.params.unitId);
  let state = access.state;
  if (target.id !== access.unit.id) {
    try {
      state = await unitState(ctx, access.claims.campaignId, target.id);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw notFound('unit not started', access.lang);
      throw unavailableOr(err, () => new HttpError(500, String(err), access.lang));
    }
  }
  const ms = state.milestones.find((x) => x.id === request.params.milestoneId);
  const sub = ms?.submissions.find((s) => String(s.seq) === request.params.seq);
  const file = sub?.payload.document?.file;
  if (!file) throw notFound('no document for this submission', access.lang);
  const data = await ctx.documents.get(file.sha256);
  if (!data) throw notFound(`document ${file.sha256} missing from the store`, access.lang);
  return reply
    .header('cache-control', 'private, no-store')
    .header('content-type', ALLOWED_TYPES.includes(file.type) ? file.type : 'application/octet-stream')
    .header(
      'content-disposition',
      `attachment; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .header('content-length', String(data.length))
    .send(data);
}
