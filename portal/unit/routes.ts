// The units' routes (portal plan): the unit's page, a milestone's form submission, the receipt, a subordinate's
// read-only page and document downloads. Every route first checks the token (portal/unit/access.ts); a
// submission goes through the same Workflow Update and validator as `dondoc submit`, after the same check
// here (workflows/submission-check.ts) so that a form with mistakes never reaches the engine.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentError } from '../../access/documents';
import { unitWorkflowId } from '../../contract/ids';
import { type MilestoneState, submitUpdate } from '../../contract/messages';
import type { DocumentRef } from '../../contract/submission';
import type { Milestone } from '../../core/definition/types';
import { checkSubmission, DOCUMENT_TYPES } from '../../workflows/submission-check';
import type { PortalContext } from '../context';
import { HttpError, notFound } from '../errors';
import { eventFields, strings } from '../i18n';
import { authorizeUnit, requireInSubtree, type UnitAccess, unavailableOr, unitState } from './access';
import { documentRefKey, signDocumentRef, verifyDocumentRef } from './docref';
import {
  actionOf,
  actorOf,
  addError,
  applyRowAction,
  documentOptional,
  documentRequired,
  emptyState,
  engineProblems,
  errorsByField,
  FIELD,
  type FieldErrors,
  type FormBody,
  fieldText,
  fileOf,
  readForm,
  rowKindOf,
  toPayload,
} from './forms';
import { readList } from './lists';
import {
  type FormView,
  type PageContext,
  renderMilestonePage,
  renderReceiptPage,
  renderSubordinatePage,
  renderUnitPage,
  submitMode,
} from './render';
import { subtreeView } from './subtree';

interface TokenParams {
  token: string;
}

function noStore(reply: FastifyReply): FastifyReply {
  // A page under a unit's link is that unit's: never kept by a shared cache.
  return reply.header('cache-control', 'no-store').header('content-type', 'text/html; charset=utf-8');
}

function pageContext(ctx: PortalContext, access: UnitAccess, reply: FastifyReply): PageContext {
  return {
    access,
    csrf: reply.generateCsrf(),
    maxUploadMb: Math.round((ctx.settings.maxUploadBytes / (1024 * 1024)) * 10) / 10,
    now: ctx.now(),
  };
}

function milestoneOf(access: UnitAccess, milestoneId: string): { m: Milestone; ms: MilestoneState } {
  const ms = access.state.milestones.find((x) => x.id === milestoneId);
  const m = access.campaign.milestones.find((x) => x.id === milestoneId);
  if (!ms || !m)
    throw notFound(`milestone '${milestoneId}' does not apply to '${access.unit.id}'`, access.lang);
  return { m, ms };
}

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

export async function registerUnitRoutes(app: FastifyInstance, ctx: PortalContext): Promise<void> {
  const refKey = documentRefKey(ctx.secret);

  app.get<{ Params: TokenParams }>('/u/:token', async (request, reply) => {
    const access = await authorizeUnit(ctx, request.params.token);
    const pc = pageContext(ctx, access, reply);
    let subtree: Awaited<ReturnType<typeof subtreeView>>;
    try {
      subtree = await subtreeView(ctx, access);
    } catch (err) {
      throw unavailableOr(err, () => new HttpError(500, String(err), access.lang));
    }
    const body = renderUnitPage(pc, {
      ...(subtree ? { subtree } : {}),
      empty: (m) => ({ state: emptyState(m), errors: {} }),
    });
    return noStore(reply).send(body);
  });

  app.post<{ Params: TokenParams & { milestoneId: string } }>(
    '/u/:token/m/:milestoneId',
    async (request, reply) => await submit(ctx, refKey, request, reply),
  );

  app.get<{ Params: TokenParams & { milestoneId: string; seq: string } }>(
    '/u/:token/r/:milestoneId/:seq',
    async (request, reply) => {
      const access = await authorizeUnit(ctx, request.params.token);
      const { ms } = milestoneOf(access, request.params.milestoneId);
      const sub = ms.submissions.find((s) => String(s.seq) === request.params.seq);
      if (!sub) throw notFound('no such submission', access.lang);
      return noStore(reply).send(renderReceiptPage(pageContext(ctx, access, reply), ms, sub));
    },
  );

  app.get<{ Params: TokenParams & { unitId: string } }>('/u/:token/s/:unitId', async (request, reply) => {
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
  });

  app.get<{ Params: TokenParams & { unitId: string; milestoneId: string; seq: string } }>(
    '/u/:token/d/:unitId/:milestoneId/:seq',
    async (request, reply) => {
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
    },
  );
}

/** POST /u/:token/m/:milestoneId: a row added or removed, or a submission (recorded, or shown again with errors). */
async function submit(
  ctx: PortalContext,
  refKey: Buffer,
  request: FastifyRequest<{ Params: TokenParams & { milestoneId: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const access = await authorizeUnit(ctx, request.params.token);
  const { lang } = access;
  const t = strings(lang);
  const { m, ms } = milestoneOf(access, request.params.milestoneId);
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as FormBody;
  const state = readForm(m, body);
  const action = actionOf(body);
  const errors: FieldErrors = {};
  const view: FormView = { state, errors, notices: [] };
  const show = (status: number) =>
    noStore(reply)
      .code(status)
      .send(renderMilestonePage(pageContext(ctx, access, reply), ms, view));

  const mode = submitMode(m, ms, access.state);
  if (!mode) {
    addError(errors, FIELD.form, t.closedForm);
    return show(409);
  }

  // The document: a new file is stored (content-addressed, refused unless PDF/DOCX/ODT by content), or the one
  // kept from an earlier attempt is used again.
  const scope = { campaignId: access.claims.campaignId, unitId: access.unit.id, milestoneId: m.id };
  let file: DocumentRef | undefined;
  if (documentRequired(m) || documentOptional(m)) {
    const upload = fileOf(body, FIELD.documentFile);
    if (upload) {
      if (upload.truncated) {
        addError(
          errors,
          FIELD.documentFile,
          t.fileTooLarge(Math.round(ctx.settings.maxUploadBytes / 1048576)),
        );
        view.reselect = upload.filename;
      } else {
        try {
          file = await ctx.documents.put(upload.data, { name: upload.filename });
        } catch (err) {
          if (!(err instanceof DocumentError)) throw err;
          addError(errors, FIELD.documentFile, err.message);
          view.reselect = upload.filename;
        }
      }
    } else if (state.documentFileRef) {
      file = verifyDocumentRef(refKey, scope, state.documentFileRef);
    }
    if (file) view.kept = { token: signDocumentRef(refKey, scope, file), ref: file };
  }

  // A list of sites uploaded instead of typed replaces the table.
  const kind = rowKindOf(m);
  if (m.kind === 'site-registration') {
    const list = fileOf(body, FIELD.sitesFile);
    if (list) {
      if (list.truncated) {
        addError(errors, FIELD.sitesFile, t.fileTooLarge(Math.round(ctx.settings.maxUploadBytes / 1048576)));
      } else {
        const read = await readList(list.data, m.siteFields, lang);
        if ('problems' in read) for (const p of read.problems) addError(errors, FIELD.sitesFile, p);
        else {
          state.rows = read.rows.map((r) =>
            Object.fromEntries(m.siteFields.map((f) => [f.id, fieldText(f, r[f.id], lang)])),
          );
          view.notices?.push(t.listLoaded(read.rows.length));
        }
      }
    }
  }

  if (action.kind !== 'submit') {
    if (kind) state.rows = applyRowAction(m, state.rows, action);
    return show(200);
  }

  const actor = actorOf(state.actorName, state.actorPosition);
  if (!actor) addError(errors, FIELD.actorName, t.actorRequired);
  if (documentRequired(m) && !file && !errors[FIELD.documentFile])
    addError(errors, FIELD.documentFile, t.fileRequired);
  const { payload, rowIndex } = toPayload(m, state, {
    lang,
    ...(file ? { file } : {}),
    eventFields: eventFields(lang),
  });
  // The engine's own check, here first: the same messages, placed by their fields.
  for (const [field, list] of Object.entries(
    errorsByField(checkSubmission(m, payload, ms.schedule), rowIndex),
  )) {
    for (const e of list) addError(errors, field, e);
  }
  if (Object.keys(errors).length > 0) return show(422);

  let seq: number;
  try {
    const receipt = await ctx.client.workflow
      .getHandle(unitWorkflowId(access.claims.campaignId, access.unit.id))
      .executeUpdate(submitUpdate, {
        args: [
          { milestoneId: m.id, actor, payload, ...(state.note.trim() ? { note: state.note.trim() } : {}) },
        ],
      });
    seq = receipt.seq;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const message = err.cause?.message ?? err.message;
      for (const [field, list] of Object.entries(errorsByField(engineProblems(message), rowIndex))) {
        for (const e of list) addError(errors, field, e);
      }
      return show(422);
    }
    throw unavailableOr(err, () => new HttpError(500, String(err), lang));
  }
  return reply.redirect(`/u/${access.token}/r/${encodeURIComponent(m.id)}/${seq}`, 303);
}
