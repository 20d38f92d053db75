// Errors a route throws to answer with one of the portal's error pages (portal/server.ts renders them): the
// page never says more than its status needs, and never shows a stack trace.
import type { Lang } from './layout';

export class HttpError extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404 | 413 | 429 | 500 | 503,
    /** For the log only (never shown): why it was refused. */
    readonly reason: string,
    /** The page's language when the route knows the campaign's. */
    readonly lang: Lang = 'vi',
  ) {
    super(reason);
    this.name = 'HttpError';
  }
}

/** Refused: a bad, altered, revoked, expired or other-campaign link, a unit outside the subtree, a role. */
export function forbidden(reason: string, lang: Lang = 'vi'): HttpError {
  return new HttpError(403, reason, lang);
}

export function notFound(reason: string, lang: Lang = 'vi'): HttpError {
  return new HttpError(404, reason, lang);
}
