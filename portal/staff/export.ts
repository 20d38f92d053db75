// GET /staff/c/:campaign/audit.csv|audit.json (?unit=): the audit trail from history, as `dondoc audit` builds
// it, for administrators and auditors. The CSV's cells are neutralised against spreadsheet formula injection.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildAudit } from '../../client/audit';
import { auditToCsv } from '../../client/read/audit';
import type { PortalContext } from '../context';
import { definitionOf, notFound, staffOf } from './common';
import { contentDisposition } from './download';

export function auditExport(ctx: PortalContext, format: 'csv' | 'json') {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const user = staffOf(request);
    const { campaign: campaignId } = request.params as { campaign: string };
    const q = request.query as Record<string, unknown>;
    const definition = await definitionOf(ctx, campaignId);
    if (!definition) return notFound(reply, 'vi', user);
    const lang = definition.campaign.language === 'en' ? 'en' : 'vi';
    const unitId = typeof q.unit === 'string' && q.unit !== '' ? q.unit : undefined;
    if (unitId && !definition.units.some((u) => u.id === unitId)) return notFound(reply, lang, user);
    const trail = await buildAudit(ctx.client, campaignId, { definition, ...(unitId ? { unitId } : {}) });
    const name = `${campaignId}${unitId ? `-${unitId}` : ''}-audit.${format}`;
    request.log.info({ staff: user.username, campaignId, unitId, format }, 'audit exported');
    return reply
      .code(200)
      .header(
        'Content-Type',
        format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      )
      .header('Content-Disposition', contentDisposition(name))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(format === 'csv' ? auditToCsv(trail) : `${JSON.stringify(trail, null, 2)}\n`);
  };
}
