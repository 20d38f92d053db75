// POST /u/:token/m/:milestoneId (portal plan): a row added or removed, a list of sites read from a file, or a
// submission: the document stored, the form checked here with the engine's own check
// (workflows/submission-check.ts) so that a form with mistakes never reaches the engine, then the same
// Workflow Update as `dondoc submit`. A refused attempt shows the form again as typed, errors by field.

import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentError } from '../../access/documents';
import { unitWorkflowId } from '../../contract/ids';
import { type MilestoneState, type SubmitInput, submitUpdate } from '../../contract/messages';
import type { DocumentRef, SubmissionPayload } from '../../contract/submission';
import type { Milestone } from '../../core/definition/types';
import { cleanTyped, cleanTypedDeep } from '../../core/text/typed';
import { checkSubmission } from '../../workflows/submission-check';
import type { PortalContext } from '../context';
import { HttpError } from '../errors';
import { eventFields, strings } from '../i18n';
import type { Lang } from '../layout';
import { authorizeUnit, type UnitAccess, unavailableOr } from './access';
import { signDocumentRef, verifyDocumentRef } from './docref';
import {
  actionOf,
  actorOf,
  addError,
  applyRowAction,
  documentOptional,
  documentRequired,
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
import { renderMilestonePage } from './render';
import { type FormView, submitMode } from './render-common';
import { milestoneOf, noStore, pageContext, type TokenParams } from './route-common';

/** How long a submission waits for the unit workflow's answer before the page says the service is unavailable. */
const SUBMIT_DEADLINE_MS = 30_000;

export type MilestoneParams = TokenParams & { milestoneId: string };

/** POST /u/:token/m/:milestoneId: a row added or removed, or a submission (recorded, or shown again with errors). */
export async function submit(
  ctx: PortalContext,
  refKey: Buffer,
  request: FastifyRequest<{ Params: MilestoneParams }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  // When the whole form had arrived: on time is judged by it (SubmitInput.receivedAt).
  const receivedAt = new Date().toISOString();
  const access = await authorizeUnit(ctx, request.params.token);
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
    addError(errors, FIELD.form, strings(access.lang).closedForm);
    return show(409);
  }
  const file = await takeDocument(ctx, refKey, access, m, body, view);
  await takeSiteList(ctx, access.lang, m, body, view);

  if (action.kind !== 'submit') {
    if (rowKindOf(m)) state.rows = applyRowAction(m, state.rows, action);
    return show(200);
  }
  const { actor, payload, rowIndex } = checkForm(access.lang, m, ms, view, file);
  if (Object.keys(errors).length > 0) return show(422);
  const formId = body[FIELD.submission];
  const updateId = `submit-${typeof formId === 'string' && /^[\w-]{8,64}$/.test(formId) ? formId : randomUUID()}`;
  const seq = await record(ctx, access, {
    m,
    actor,
    payload,
    note: state.note,
    rowIndex,
    errors,
    receivedAt,
    updateId,
  });
  if (seq === undefined) return show(422);
  return reply.redirect(`/u/${access.token}/r/${encodeURIComponent(m.id)}/${seq}`, 303);
}

/**
 * The document: a new file is stored (content-addressed, refused unless PDF/DOCX/ODT by content), or the one
 * kept from an earlier attempt is used again. A kept file is signed into the form so it is not sent again.
 */
async function takeDocument(
  ctx: PortalContext,
  refKey: Buffer,
  access: UnitAccess,
  m: Milestone,
  body: FormBody,
  view: FormView,
): Promise<DocumentRef | undefined> {
  if (!documentRequired(m) && !documentOptional(m)) return undefined;
  const t = strings(access.lang);
  const scope = { campaignId: access.claims.campaignId, unitId: access.unit.id, milestoneId: m.id };
  let file: DocumentRef | undefined;
  const upload = fileOf(body, FIELD.documentFile);
  if (upload) {
    if (upload.truncated) {
      addError(
        view.errors,
        FIELD.documentFile,
        t.fileTooLarge(Math.round(ctx.settings.maxUploadBytes / 1048576)),
      );
      view.reselect = upload.filename;
    } else {
      try {
        file = await ctx.documents.put(upload.data, { name: upload.filename });
      } catch (err) {
        if (!(err instanceof DocumentError)) throw err;
        addError(view.errors, FIELD.documentFile, err.message);
        view.reselect = upload.filename;
      }
    }
  } else if (view.state.documentFileRef) {
    file = verifyDocumentRef(refKey, scope, view.state.documentFileRef);
  }
  if (file) view.kept = { token: signDocumentRef(refKey, scope, file), ref: file };
  return file;
}

/** A list of sites uploaded instead of typed replaces the table. */
async function takeSiteList(
  ctx: PortalContext,
  lang: Lang,
  m: Milestone,
  body: FormBody,
  view: FormView,
): Promise<void> {
  if (m.kind !== 'site-registration') return;
  const list = fileOf(body, FIELD.sitesFile);
  if (!list) return;
  const t = strings(lang);
  if (list.truncated) {
    addError(view.errors, FIELD.sitesFile, t.fileTooLarge(Math.round(ctx.settings.maxUploadBytes / 1048576)));
    return;
  }
  const read = await readList(list.data, m.siteFields, lang);
  if ('problems' in read) for (const p of read.problems) addError(view.errors, FIELD.sitesFile, p);
  else {
    view.state.rows = read.rows.map((r) =>
      Object.fromEntries(m.siteFields.map((f) => [f.id, fieldText(f, r[f.id], lang)])),
    );
    view.notices?.push(t.listLoaded(read.rows.length));
  }
}

/** Who sends it, the required document, and the engine's own check, here first: its messages by field. */
function checkForm(
  lang: Lang,
  m: Milestone,
  ms: MilestoneState,
  view: FormView,
  file: DocumentRef | undefined,
) {
  const { state, errors } = view;
  const t = strings(lang);
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
  return { actor, payload, rowIndex };
}

/** The submission through the unit's Update: its seq, or undefined with the engine's refusal placed by field. */
async function record(
  ctx: PortalContext,
  access: UnitAccess,
  s: {
    m: Milestone;
    actor: string;
    payload: SubmissionPayload;
    note: string;
    rowIndex: number[];
    errors: FieldErrors;
    receivedAt: string;
    updateId: string;
  },
): Promise<number | undefined> {
  try {
    const input: SubmitInput = {
      milestoneId: s.m.id,
      actor: cleanTyped(s.actor),
      payload: cleanTypedDeep(s.payload),
      ...(s.note.trim() ? { note: cleanTyped(s.note.trim(), true) } : {}),
      receivedAt: s.receivedAt,
    };
    // A unit workflow that does not answer (no worker, a server failing over) gives a 503 page, not a hung request.
    const handle = ctx.client.workflow.getHandle(unitWorkflowId(access.claims.campaignId, access.unit.id));
    const receipt = await ctx.client.connection.withDeadline(Date.now() + SUBMIT_DEADLINE_MS, () =>
      handle.executeUpdate(submitUpdate, {
        args: [input],
        updateId: s.updateId,
      }),
    );
    return receipt.seq;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const message = err.cause?.message ?? err.message;
      for (const [field, list] of Object.entries(errorsByField(engineProblems(message), s.rowIndex))) {
        for (const e of list) addError(s.errors, field, e);
      }
      return undefined;
    }
    throw unavailableOr(err, () => new HttpError(500, String(err), access.lang));
  }
}
