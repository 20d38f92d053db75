// A unit's personal portal link: a compact JWS (HS256) naming the campaign and the unit, signed with the
// portal's secret. The token in the link is the unit's only credential, so it never goes into workflow
// history: it is minted where an email is composed (the sendNotice activity) or by the portal itself.
// Revocation is by time: a unit's state records when its links were last revoked, and a token issued at or
// before that instant no longer opens anything.
import { jwtVerify, SignJWT } from 'jose';
import type { LinkState } from '../contract/messages';

/** The JWT audience of a unit link: a token minted for something else never opens a unit's page. */
export const UNIT_LINK_AUDIENCE = 'dondoc-unit';
/** How long a unit link lives unless told otherwise: 90 days. */
export const DEFAULT_LINK_TTL_SECONDS = 90 * 24 * 3600;

export interface UnitLinkClaims {
  campaignId: string;
  unitId: string;
  /** When it was minted, in milliseconds (finer than `iat`, for revocation by time). */
  issuedAtMs: number;
  expiresAtMs: number;
}

const ALG = 'HS256';

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

export async function mintUnitLink(input: {
  secret: Uint8Array;
  campaignId: string;
  unitId: string;
  ttlSeconds?: number;
  nowMs?: number;
}): Promise<string> {
  if (!nonEmpty(input.campaignId) || !nonEmpty(input.unitId)) {
    throw new Error('mintUnitLink: campaignId and unitId are required');
  }
  const ttl = input.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS;
  if (!Number.isFinite(ttl) || ttl <= 0) throw new Error('mintUnitLink: ttlSeconds must be positive');
  const now = Math.floor(input.nowMs ?? Date.now());
  return new SignJWT({ c: input.campaignId, u: input.unitId, t: now })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000 + ttl))
    .setAudience(UNIT_LINK_AUDIENCE)
    .sign(input.secret);
}

/** The claims of a valid token; undefined for anything else (forged, altered, expired, other audience, garbage). */
export async function verifyUnitLink(input: {
  secret: Uint8Array;
  token: string;
  nowMs?: number;
}): Promise<UnitLinkClaims | undefined> {
  const { token } = input;
  // A compact JWS is three base64url parts; anything else is refused before any work.
  if (typeof token !== 'string' || token.length > 4096 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
    return undefined;
  }
  try {
    const { payload } = await jwtVerify(token, input.secret, {
      algorithms: [ALG],
      audience: UNIT_LINK_AUDIENCE,
      currentDate: new Date(input.nowMs ?? Date.now()),
      requiredClaims: ['exp', 'iat', 'aud'],
    });
    const { c, u, t, exp } = payload;
    if (!nonEmpty(c) || !nonEmpty(u) || typeof t !== 'number' || !Number.isFinite(t)) return undefined;
    if (typeof exp !== 'number') return undefined;
    return { campaignId: c, unitId: u, issuedAtMs: t, expiresAtMs: exp * 1000 };
  } catch {
    // jose's errors (bad signature, expired, wrong audience, malformed) and anything thrown decoding garbage.
    return undefined;
  }
}

/** True when the unit's links were revoked at or after this token was minted. */
export function linkRevoked(claims: UnitLinkClaims, link: LinkState | undefined): boolean {
  if (!link?.revokedAt) return false;
  const revokedAt = Date.parse(link.revokedAt);
  if (Number.isNaN(revokedAt)) return false;
  return claims.issuedAtMs <= revokedAt;
}

/** The link a unit opens: `<publicUrl>/u/<token>`. */
export function unitLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/u/${token}`;
}
