// The portal's web server (Fastify): security headers with a strict Content-Security-Policy, form and upload
// parsing with limits, a session in an encrypted cookie (its key derived from the portal secret), CSRF
// protection on every POST, rate limits on the units' links and the staff sign-in, error pages in Vietnamese
// without stack traces, and request logs that never carry a unit's token. No state in the process but
// caches: sessions are cookies, the CSRF secret lives in the session cookie, documents in the document store,
// everything else in Temporal, so several instances can run behind a load balancer.
import { hkdfSync } from 'node:crypto';
import csrfProtection from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart, { type MultipartFile } from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import secureSession from '@fastify/secure-session';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { PortalContext } from './context';
import { HttpError } from './errors';
import { html } from './html';
import { strings } from './i18n';
import { type Lang, PORTAL_CSS, page } from './layout';
import { registerStaffRoutes } from './staff/routes';
import { UNIT_CSS } from './unit/css';
import type { UploadedFile } from './unit/forms';
import { registerUnitRoutes } from './unit/routes';

export interface RateLimit {
  max: number;
  /** Milliseconds. */
  timeWindow: number;
}

export interface BuildOptions {
  /** Fastify's logger (pino options), or false (the default) for none. Request URLs are always redacted. */
  logger?: boolean | Exclude<FastifyServerOptions['logger'], undefined>;
  /** Behind a load balancer or proxy: take the client's address from X-Forwarded-For (for rate limits). */
  trustProxy?: boolean;
  /** Per client address: every /u/* route together, and POST /staff/login. */
  rateLimits?: { unit?: RateLimit; login?: RateLimit };
}

export const DEFAULT_RATE_LIMITS = {
  unit: { max: 120, timeWindow: 60_000 },
  login: { max: 10, timeWindow: 60_000 },
} as const;

/** The session cookie's name, and the session's lifetime (seconds). */
export const SESSION_COOKIE = 'dondoc_session';
export const SESSION_SECONDS = 12 * 3600;

/** The session key: HKDF-SHA256 of the portal secret, info 'dondoc-session'. */
export function sessionKey(secret: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'dondoc-session', 32));
}

/** A request's URL for the log: a unit's token (its only credential) replaced. */
export function redactUrl(url: string): string {
  return url.replace(/^\/u\/[^/?#]*/, '/u/[token]');
}

const STYLESHEET = `${PORTAL_CSS}${UNIT_CSS}`;

/** Files are read into memory, bounded by the upload limit; a file over it is marked, not kept. */
async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  const truncated = part.file.truncated;
  const value: UploadedFile = {
    filename: part.filename ?? '',
    mimetype: part.mimetype,
    data: truncated ? Buffer.alloc(0) : Buffer.concat(chunks),
    truncated,
  };
  (part as unknown as { value: UploadedFile }).value = value;
}

/** busboy's messages for a multipart body it cannot parse (it gives them no code). */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of (multipart data|form)|Malformed (part header|urlencoded form))/;

function statusOf(err: FastifyError | HttpError): number {
  const code = (err as FastifyError).code ?? '';
  if (code.startsWith('FST_CSRF_')) return 403;
  if (/^FST_(REQ_FILE_TOO_LARGE|FILES_LIMIT|PARTS_LIMIT|FIELDS_LIMIT)$/.test(code)) return 413;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 413;
  // A body busboy cannot read (no boundary, a truncated or garbled multipart form): the client's error.
  if (!code && !(err instanceof HttpError) && MALFORMED_MULTIPART.test(err.message)) return 400;
  const s = err.statusCode ?? 500;
  return s >= 400 && s < 600 ? s : 500;
}

export function errorPage(status: number, lang: Lang, maxUploadBytes: number): string {
  const t = strings(lang);
  const [title, text] =
    status === 403
      ? [t.forbiddenTitle, t.forbidden]
      : status === 404
        ? [t.notFoundTitle, t.notFound]
        : status === 413
          ? [t.tooLargeTitle, t.tooLarge(Math.round(maxUploadBytes / 1048576))]
          : status === 429
            ? [t.tooManyTitle, t.tooMany]
            : status === 503
              ? [t.unavailableTitle, t.unavailable]
              : status < 500
                ? [t.badRequestTitle, t.badRequest]
                : [t.errorTitle, t.error];
  return page({ lang, title, body: html`<p>${text}</p>` });
}

function sendError(reply: FastifyReply, status: number, lang: Lang, maxUploadBytes: number): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('content-type', 'text/html; charset=utf-8')
    .send(errorPage(status, lang, maxUploadBytes));
}

/** Fastify's logger, with request URLs redacted; false for none. */
function loggerOf(opts: BuildOptions): FastifyServerOptions['logger'] {
  return opts.logger === undefined || opts.logger === false
    ? false
    : {
        ...(opts.logger === true ? {} : opts.logger),
        serializers: {
          req: (req: FastifyRequest) => ({
            method: req.method,
            url: redactUrl(req.url),
            remoteAddress: req.ip,
          }),
        },
      };
}

/**
 * Rate limits by route, decided here for every route (including those registered later): each /u/* route,
 * and the staff sign-in. Added before the plugin so its own onRoute hook sees the setting.
 */
async function registerRateLimits(
  app: FastifyInstance,
  limits: { unit: RateLimit; login: RateLimit },
): Promise<void> {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let limit: RateLimit | undefined;
    if (route.url.startsWith('/u/')) limit = limits.unit;
    else if (route.url === '/staff/login' && methods.includes('POST')) limit = limits.login;
    if (limit) route.config = { ...(route.config ?? {}), rateLimit: { ...limit } } as typeof route.config;
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new HttpError(429, `rate limit: ${context.max} per ${context.after}`),
  });
}

/** Security headers, the form and upload parsers with their limits, the session cookie and CSRF checks. */
async function registerProtections(app: FastifyInstance, ctx: PortalContext): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile,
    throwFileSizeLimit: false,
    limits: {
      fileSize: ctx.settings.maxUploadBytes,
      files: 4,
      fields: 5000,
      fieldSize: 100_000,
      parts: 5100,
      headerPairs: 200,
    },
  });
  await app.register(secureSession, {
    key: sessionKey(ctx.secret),
    cookieName: SESSION_COOKIE,
    expiry: SESSION_SECONDS,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.settings.secureCookies },
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });
  // Every state-changing request carries its form's `_csrf` (multipart or urlencoded: read from the parsed
  // body) or the CSRF-Token header; checked once here for every route, after the body is parsed.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
      done();
      return;
    }
    app.csrfProtection(request, reply, done);
  });
}

export async function buildPortal(ctx: PortalContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_RATE_LIMITS, ...(opts.rateLimits ?? {}) };
  const app = Fastify({
    logger: loggerOf(opts),
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Tokens are long; nothing else in a URL is.
    routerOptions: { maxParamLength: 2048 },
  });
  await registerRateLimits(app, limits);
  await registerProtections(app, ctx);

  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    const status = statusOf(err);
    const lang = err instanceof HttpError ? err.lang : 'vi';
    if (status >= 500 && status !== 503) request.log.error({ err }, 'request failed');
    else request.log.info({ status, reason: err instanceof HttpError ? err.reason : err.code }, 'refused');
    return sendError(reply, status, lang, ctx.settings.maxUploadBytes);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'vi', ctx.settings.maxUploadBytes));

  app.get('/assets/portal.css', (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(STYLESHEET),
  );
  app.get('/healthz', (_request, reply) => reply.header('cache-control', 'no-store').send({ ok: true }));

  await registerUnitRoutes(app, ctx);
  await registerStaffRoutes(app, ctx);
  return app;
}
