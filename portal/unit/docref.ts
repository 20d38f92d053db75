// A document already stored, carried in a hidden field when a form is shown again (a refused submission, a
// row added), so the person does not choose the file twice. The reference is signed (HMAC with a key derived
// from the portal secret) and bound to the campaign, unit and milestone: a hand-made or borrowed reference is
// ignored, never sent to the engine.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { DocumentRef } from '../../contract/submission';

export function documentRefKey(secret: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'dondoc-document-ref', 32));
}

interface Scope {
  campaignId: string;
  unitId: string;
  milestoneId: string;
}

function mac(key: Buffer, scope: Scope, body: string): Buffer {
  return createHmac('sha256', key)
    .update(JSON.stringify([scope.campaignId, scope.unitId, scope.milestoneId, body]))
    .digest();
}

export function signDocumentRef(key: Buffer, scope: Scope, ref: DocumentRef): string {
  const body = Buffer.from(
    JSON.stringify({ sha256: ref.sha256, name: ref.name, type: ref.type, size: ref.size }),
  ).toString('base64url');
  return `${body}.${mac(key, scope, body).toString('base64url')}`;
}

export function verifyDocumentRef(key: Buffer, scope: Scope, token: string): DocumentRef | undefined {
  const match = /^([\w-]{1,2000})\.([\w-]{43})$/.exec(token.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const expected = mac(key, scope, match[1]);
  const given = Buffer.from(match[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const r = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as DocumentRef;
    if (
      typeof r.sha256 !== 'string' ||
      typeof r.name !== 'string' ||
      typeof r.type !== 'string' ||
      typeof r.size !== 'number'
    ) {
      return undefined;
    }
    return { sha256: r.sha256, name: r.name, type: r.type, size: r.size };
  } catch {
    return undefined;
  }
}
