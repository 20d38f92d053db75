// Unit links: signed by the portal's secret, naming a campaign and a unit; anything forged, altered, expired,
// minted for another audience or revoked since is refused (undefined, never an exception).
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  DEFAULT_LINK_TTL_SECONDS,
  linkRevoked,
  mintUnitLink,
  UNIT_LINK_AUDIENCE,
  unitLinkUrl,
  verifyUnitLink,
} from '../../access/tokens';

const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-characters!!');
const NOW = Date.parse('2026-08-10T03:00:00Z');

async function mint(extra: { ttlSeconds?: number; nowMs?: number } = {}) {
  return mintUnitLink({ secret, campaignId: 'ndh-2026', unitId: 'xa-an-binh', nowMs: NOW, ...extra });
}

describe('a unit link', () => {
  it('verifies to its campaign and unit, with when it was minted and when it expires', async () => {
    const token = await mint();
    expect(token.split('.')).toHaveLength(3);
    expect(await verifyUnitLink({ secret, token, nowMs: NOW + 1000 })).toEqual({
      campaignId: 'ndh-2026',
      unitId: 'xa-an-binh',
      issuedAtMs: NOW,
      expiresAtMs: NOW + DEFAULT_LINK_TTL_SECONDS * 1000,
    });
  });

  it('is refused when signed with another secret', async () => {
    const token = await mint();
    const other = new TextEncoder().encode('another-secret-of-at-least-32-characters');
    expect(await verifyUnitLink({ secret: other, token, nowMs: NOW })).toBeUndefined();
    // A forger's own HS256 token naming the unit.
    const forged = await new SignJWT({ c: 'ndh-2026', u: 'xa-an-binh', t: NOW })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 3600)
      .setAudience(UNIT_LINK_AUDIENCE)
      .sign(randomBytes(32));
    expect(await verifyUnitLink({ secret, token: forged, nowMs: NOW })).toBeUndefined();
  });

  it('is refused with any one character altered, in each of its three parts', async () => {
    const token = await mint();
    const [h, p, s] = token.split('.') as [string, string, string];
    const flip = (part: string, i: number) =>
      part.slice(0, i) + (part[i] === 'A' ? 'B' : 'A') + part.slice(i + 1);
    const altered = [
      `${flip(h, 3)}.${p}.${s}`,
      `${h}.${flip(p, 10)}.${s}`,
      `${h}.${flip(p, p.length - 2)}.${s}`,
      `${h}.${p}.${flip(s, 0)}`,
      `${h}.${p}.${flip(s, s.length - 3)}`,
    ];
    for (const t of altered) {
      expect(t).not.toBe(token);
      expect(await verifyUnitLink({ secret, token: t, nowMs: NOW })).toBeUndefined();
    }
  });

  it('is refused once expired, and accepted just before', async () => {
    const token = await mint({ ttlSeconds: 3600 });
    expect(await verifyUnitLink({ secret, token, nowMs: NOW + 3599_000 })).toBeDefined();
    expect(await verifyUnitLink({ secret, token, nowMs: NOW + 3601_000 })).toBeUndefined();
  });

  it('is refused when minted for another audience, or without the unit claims', async () => {
    const other = await new SignJWT({ c: 'ndh-2026', u: 'xa-an-binh', t: NOW })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 3600)
      .setAudience('dondoc-staff')
      .sign(secret);
    expect(await verifyUnitLink({ secret, token: other, nowMs: NOW })).toBeUndefined();
    const noUnit = await new SignJWT({ c: 'ndh-2026', t: NOW })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 3600)
      .setAudience(UNIT_LINK_AUDIENCE)
      .sign(secret);
    expect(await verifyUnitLink({ secret, token: noUnit, nowMs: NOW })).toBeUndefined();
  });

  it('is refused with alg none', async () => {
    const token = await mint();
    const [, p] = token.split('.') as [string, string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    expect(await verifyUnitLink({ secret, token: none, nowMs: NOW })).toBeUndefined();
  });

  it.each(['', 'garbage', 'a.b.c', '../../etc/passwd', 'x'.repeat(10_000), '%00.%00.%00'])(
    'garbage %#: undefined, never an exception',
    async (token) => {
      expect(await verifyUnitLink({ secret, token, nowMs: NOW })).toBeUndefined();
    },
  );

  it('is revoked when minted at or before the revocation, not after', async () => {
    const claims = await verifyUnitLink({ secret, token: await mint(), nowMs: NOW });
    if (!claims) throw new Error('no claims');
    expect(linkRevoked(claims, undefined)).toBe(false);
    expect(linkRevoked(claims, { events: [] })).toBe(false);
    const at = (ms: number) => ({ revokedAt: new Date(ms).toISOString(), events: [] });
    expect(linkRevoked(claims, at(NOW - 1))).toBe(false);
    expect(linkRevoked(claims, at(NOW))).toBe(true);
    expect(linkRevoked(claims, at(NOW + 60_000))).toBe(true);
    // A link minted after the revocation opens again.
    const fresh = await verifyUnitLink({ secret, token: await mint({ nowMs: NOW + 60_001 }), nowMs: NOW });
    if (!fresh) throw new Error('no claims');
    expect(linkRevoked(fresh, at(NOW + 60_000))).toBe(false);
  });

  it('makes the URL the unit opens', () => {
    expect(unitLinkUrl('http://localhost:8080', 'a.b.c')).toBe('http://localhost:8080/u/a.b.c');
    expect(unitLinkUrl('https://portal.example.org/dondoc/', 'a.b.c')).toBe(
      'https://portal.example.org/dondoc/u/a.b.c',
    );
  });
});
