// GET /staff/c/:campaign/d/:unitId/:milestoneId/:seq: a document a unit sent, as recorded (content-addressed,
// checked against its sha256), as an attachment; and the Content-Disposition the audit export uses too.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readUnitState } from '../../client/read/aggregates';
import type { PortalContext } from '../context';
import { loadCampaign, notFound, staffOf } from './common';

const SAFE_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
]);

/** `attachment` with an ASCII fallback name and the real one (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, (ch) => (ch === 'đ' ? 'd' : 'D'))
      .replace(/[^\w.-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 150) || 'document';
  const encoded = encodeURIComponent(name.normalize('NFC')).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function downloadDocument(ctx: PortalContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const user = staffOf(request);
    const p = request.params as { campaign: string; unitId: string; milestoneId: string; seq: string };
    const seq = /^\d{1,6}$/.test(p.seq) ? Number(p.seq) : Number.NaN;
    const c = await loadCampaign(ctx, p.campaign);
    if (!c) return notFound(reply, 'vi', user);
    if (!c.units.has(p.unitId) || !Number.isInteger(seq)) return notFound(reply, c.lang, user);
    const read = await readUnitState({ client: ctx.client, campaignId: p.campaign, unitId: p.unitId });
    const ms = read?.state.milestones.find((m) => m.id === p.milestoneId);
    const file = ms?.submissions.find((s) => s.seq === seq)?.payload?.document?.file;
    if (!file || !/^[0-9a-f]{64}$/.test(file.sha256)) return notFound(reply, c.lang, user);
    const data = await ctx.documents.get(file.sha256);
    // Content-addressed: what comes back must be what was recorded.
    if (!data || createHash('sha256').update(data).digest('hex') !== file.sha256) {
      return notFound(reply, c.lang, user);
    }
    return reply
      .code(200)
      .header('Content-Type', SAFE_TYPES.has(file.type) ? file.type : 'application/octet-stream')
      .header('Content-Disposition', contentDisposition(file.name))
      .header('Content-Length', String(data.length))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(data);
  };
}
