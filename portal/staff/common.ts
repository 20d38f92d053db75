// What the staff pages share: who is signed in (the session, checked against the users file on every request),
// the flash message of Post/Redirect/Get, sending a page, the refusal pages, and a campaign as the pages read it.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role, StaffUser } from '../../access/users';
import { type CampaignView, openCampaign } from '../../client/campaign-view';
import { CliError, classify, EXIT } from '../../client/errors';
import { milestoneSchedule } from '../../core/calendar/schedule';
import { childrenIndex } from '../../core/definition/tree';
import type { Campaign, Unit } from '../../core/definition/types';
import type { PortalContext } from '../context';
import { type Html, html } from '../html';
import { type Lang, page } from '../layout';
import { staffStrings } from './i18n';

export interface Flash {
  kind: 'notice' | 'error';
  text: string;
}

const ROLES: readonly Role[] = ['admin', 'auditor'];

/** The staff member the session names (shape checked), before the users file is consulted. */
export function sessionStaff(request: FastifyRequest): StaffUser | undefined {
  const v = request.session?.get('staff') as unknown;
  if (typeof v !== 'object' || v === null) return undefined;
  const { username, role } = v as { username?: unknown; role?: unknown };
  if (typeof username !== 'string' || username === '') return undefined;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return undefined;
  return { username, role: role as Role };
}

/** Set by the guard for every staff route but sign-in: the account as the users file has it now. */
const signedIn = new WeakMap<FastifyRequest, StaffUser>();

export function setStaff(request: FastifyRequest, user: StaffUser): void {
  signedIn.set(request, user);
}

export function staffOf(request: FastifyRequest): StaffUser {
  const u = signedIn.get(request);
  if (!u) throw new Error('staff route without the staff guard');
  return u;
}

/** Writes one session value (the session's typed keys are declared by whoever registers the plugin). */
export function sessionSet(request: FastifyRequest, key: 'staff' | 'flash', value: unknown): void {
  (request.session as unknown as { set(key: string, value: unknown): void }).set(key, value);
}

export function setFlash(request: FastifyRequest, flash: Flash): void {
  sessionSet(request, 'flash', { kind: flash.kind, text: flash.text.slice(0, 600) });
}

/** The message left by the last POST, shown once. */
export function takeFlash(request: FastifyRequest): Flash | undefined {
  const v = request.session?.get('flash') as unknown;
  if (v === undefined || v === null) return undefined;
  sessionSet(request, 'flash', undefined);
  const { kind, text } = v as { kind?: unknown; text?: unknown };
  if ((kind !== 'notice' && kind !== 'error') || typeof text !== 'string') return undefined;
  return { kind, text };
}

export function flashBox(flash: Flash | undefined): Html | string {
  if (!flash) return '';
  return flash.kind === 'notice'
    ? html`<p class="notice" role="status">${flash.text}</p>`
    : html`<div class="errors" role="alert">${flash.text}</div>`;
}

/** Sends a whole page; staff pages are never cached (they show people's data and a CSRF token). */
export function sendHtml(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(body);
}

export function problemPage(
  reply: FastifyReply,
  input: { status: number; lang: Lang; title: string; text: string; user?: StaffUser; csrf?: string },
): FastifyReply {
  const t = staffStrings(input.lang);
  return sendHtml(
    reply,
    page({
      lang: input.lang,
      title: input.title,
      body: html`<p>${input.text}</p><p><a href="/staff">${t.home}</a></p>`,
      ...(input.user ? { user: input.user } : {}),
      ...(input.csrf ? { csrf: input.csrf } : {}),
    }),
    input.status,
  );
}

export function forbidden(reply: FastifyReply, lang: Lang = 'vi'): FastifyReply {
  const t = staffStrings(lang);
  return problemPage(reply, { status: 403, lang, title: t.forbiddenTitle, text: t.forbidden });
}

export function notFound(reply: FastifyReply, lang: Lang = 'vi', user?: StaffUser): FastifyReply {
  const t = staffStrings(lang);
  return problemPage(reply, {
    status: 404,
    lang,
    title: t.notFoundTitle,
    text: t.notFound,
    ...(user ? { user } : {}),
  });
}

/** Temporal or its worker cannot be reached: a 503 page instead of a stack trace. */
export function isUnreachable(err: unknown): boolean {
  return classify(err).exitCode === EXIT.unreachable;
}

export function unavailable(reply: FastifyReply, lang: Lang = 'vi'): FastifyReply {
  const t = staffStrings(lang);
  return problemPage(reply, { status: 503, lang, title: t.notFoundTitle, text: t.unavailable });
}

/** A campaign as the staff pages read it, with indexes computed once per definition. */
export interface StaffCampaign {
  view: CampaignView;
  definition: Campaign;
  lang: Lang;
  zone: string;
  units: Map<string, Unit>;
  children: Map<string, Unit[]>;
  /** Each milestone's deadline (and window opening) as the plan sets it, before any extension. */
  planned: Map<string, { dueAt: string; opensAt?: string }>;
}

interface Indexes {
  units: Map<string, Unit>;
  children: Map<string, Unit[]>;
  planned: Map<string, { dueAt: string; opensAt?: string }>;
}

const indexes = new WeakMap<Campaign, Indexes>();

function indexesOf(c: Campaign): Indexes {
  let ix = indexes.get(c);
  if (!ix) {
    const planned = new Map<string, { dueAt: string; opensAt?: string }>();
    for (const m of c.milestones) {
      try {
        const s = milestoneSchedule(c, m);
        planned.set(m.id, { dueAt: s.dueAt, ...(s.opensAt ? { opensAt: s.opensAt } : {}) });
      } catch {
        // A deadline the calendar cannot place is shown without its line.
      }
    }
    ix = { units: new Map(c.units.map((u) => [u.id, u])), children: childrenIndex(c.units), planned };
    indexes.set(c, ix);
  }
  return ix;
}

/** The definition of a campaign (cached by the context), or undefined when there is no such campaign. */
export async function definitionOf(ctx: PortalContext, campaignId: string): Promise<Campaign | undefined> {
  try {
    return await ctx.definition(campaignId);
  } catch (err) {
    if (err instanceof CliError && err.exitCode === EXIT.rejected) return undefined;
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** The campaign's definition, state and indexes; undefined for an unknown campaign. */
export async function loadCampaign(
  ctx: PortalContext,
  campaignId: string,
): Promise<StaffCampaign | undefined> {
  const definition = await definitionOf(ctx, campaignId);
  if (!definition) return undefined;
  const view = await openCampaign({ client: ctx.client, campaignId, definition });
  return {
    view,
    definition,
    lang: definition.campaign.language === 'en' ? 'en' : 'vi',
    zone: definition.campaign.timeZone,
    ...indexesOf(definition),
  };
}

/** The units from the issuer down to `unitId`, in order. */
export function pathTo(c: StaffCampaign, unitId: string): Unit[] {
  const out: Unit[] = [];
  const seen = new Set<string>();
  let u = c.units.get(unitId);
  while (u && !seen.has(u.id)) {
    seen.add(u.id);
    out.unshift(u);
    u = u.parent ? c.units.get(u.parent) : undefined;
  }
  return out;
}

/** The page asked for in `?page=` (1 when absent or not a sensible number). */
export function pageNumber(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function campaignUrl(campaignId: string, query?: Record<string, string | number | undefined>): string {
  const base = `/staff/c/${encodeURIComponent(campaignId)}`;
  const q = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== '');
  return q.length === 0
    ? base
    : `${base}?${q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
}

export function unitUrl(campaignId: string, unitId: string): string {
  return `/staff/c/${encodeURIComponent(campaignId)}/u/${encodeURIComponent(unitId)}`;
}

export function documentUrl(campaignId: string, unitId: string, milestoneId: string, seq: number): string {
  return `/staff/c/${encodeURIComponent(campaignId)}/d/${encodeURIComponent(unitId)}/${encodeURIComponent(milestoneId)}/${seq}`;
}

/** The hidden CSRF field every form carries. */
export function csrfField(csrf: string): Html {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}
