// Staff sign-in and sign-out, and the guard every other staff route runs first: a session naming an account
// that the users file still has (a removed account is signed out at once; a changed role applies at once).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffUser } from '../../access/users';
import type { PortalContext } from '../context';
import { html } from '../html';
import { page } from '../layout';
import { csrfField, forbidden, sendHtml, sessionSet, sessionStaff, setStaff, staffOf } from './common';
import { staffStrings } from './i18n';

/** Sign-in attempts per client address and minute (the server's rate-limit plugin applies it). */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

const MAX_FIELD = 1024;

/** Where to go after signing in: only a staff page of this portal (no other host, no scheme, no backslash). */
export function safeNext(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 2000) return undefined;
  if (!/^\/staff(?:[/?][^\s\\]*)?$/.test(v) || v.startsWith('//')) return undefined;
  if (/^\/staff\/log(?:in|out)\b/.test(v)) return undefined;
  return v;
}

export function loginPage(input: {
  csrf: string;
  failed?: boolean;
  signedOut?: boolean;
  next?: string;
}): string {
  const t = staffStrings('vi');
  return page({
    lang: 'vi',
    title: t.loginTitle,
    body: html`${input.failed ? html`<div class="errors" role="alert">${t.loginFailed}</div>` : ''}${
      input.signedOut ? html`<p class="notice" role="status">${t.signedOut}</p>` : ''
    }
<p class="muted">${t.loginLead}</p>
<form method="post" action="/staff/login" class="card">
${csrfField(input.csrf)}${input.next ? html`<input type="hidden" name="next" value="${input.next}">` : ''}
<label for="username">${t.username}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64">
<label for="password">${t.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="${MAX_FIELD}">
<p><button type="submit">${t.signIn}</button></p>
</form>`,
  });
}

function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' && v.length <= MAX_FIELD ? v : '';
}

export async function showLogin(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const q = request.query as Record<string, unknown>;
  const next = safeNext(q?.next);
  if (sessionStaff(request)) return reply.redirect(next ?? '/staff', 303);
  return sendHtml(
    reply,
    loginPage({ csrf: reply.generateCsrf(), signedOut: q?.out === '1', ...(next ? { next } : {}) }),
  );
}

export function login(ctx: PortalContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const username = field(request.body, 'username').trim();
    const password = field(request.body, 'password');
    const next = safeNext((request.body as Record<string, unknown> | undefined)?.next);
    const user = username && password ? await ctx.users.verify(username, password) : undefined;
    if (!user) {
      // One message whatever was wrong: nothing tells whether the account exists.
      request.log.info({ staffLogin: 'refused' }, 'staff sign-in refused');
      return sendHtml(
        reply,
        loginPage({ csrf: reply.generateCsrf(), failed: true, ...(next ? { next } : {}) }),
        401,
      );
    }
    // A new session: nothing from before signing in (its CSRF secret included) is carried over.
    request.session.regenerate();
    sessionSet(request, 'staff', { username: user.username, role: user.role });
    request.log.info({ staff: user.username, role: user.role }, 'staff signed in');
    return reply.redirect(next ?? '/staff', 303);
  };
}

export async function logout(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  request.session.delete();
  return reply.redirect('/staff/login?out=1', 303);
}

/**
 * onRequest guard of every staff route but sign-in: no session (or an account no longer in the users file) →
 * the sign-in page for a GET, 403 for anything else.
 */
export function staffGuard(ctx: PortalContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const claimed = sessionStaff(request);
    let current: StaffUser | undefined;
    if (claimed) current = (await ctx.users.list()).find((u) => u.username === claimed.username);
    if (!claimed || !current) {
      if (claimed) request.session.delete();
      if (request.method === 'GET' || request.method === 'HEAD') {
        const next = safeNext(request.url);
        return reply.redirect(`/staff/login${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
      }
      return forbidden(reply);
    }
    if (current.role !== claimed.role) sessionSet(request, 'staff', current);
    setStaff(request, current);
    return undefined;
  };
}

/** preHandler of every action: administrators only; an auditor gets the 403 page and nothing is written. */
export async function requireAdmin(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (staffOf(request).role !== 'admin') return forbidden(reply);
  return undefined;
}
