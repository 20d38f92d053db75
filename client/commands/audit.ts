// `dondoc audit <campaign>`: the timeline from workflow history (who did what and when, every notice sent).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { printable, terminalJson } from '../../core/text/printable';
import { type AuditTrail, buildAudit, parseSince } from '../audit';
import { loadDefinition } from '../campaign-view';
import { rejected } from '../errors';
import { localTime, table } from '../format';
import { type Io, type Outcome, runCommand, type Session } from '../kit';
import { auditToCsv, describeEntry } from '../read/audit';

export { auditToCsv, describeEntry } from '../read/audit';

const FORMATS = ['text', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

interface AuditOptions {
  unit?: string;
  since?: string;
  format?: string;
  out?: string;
  json?: boolean;
}

function auditText(trail: AuditTrail): string {
  const zone = trail.timeZone;
  const head = [
    `Lịch sử kiểm tra chiến dịch ${trail.campaignId}: ${trail.title}`,
    `${trail.unit ? `Đơn vị ${trail.unit}; ` : ''}${trail.since ? `từ ${localTime(trail.since, zone, true)}; ` : ''}${trail.entries.length} sự kiện (giờ ${zone})`,
    '',
  ];
  const rows = [['Thời điểm', 'Đơn vị', 'Sự kiện']];
  for (const e of trail.entries)
    rows.push([localTime(e.at, zone, true), e.unitId ?? '(chiến dịch)', describeEntry(e, zone)]);
  return `${head.map(printable).join('\n')}${table(rows)}`;
}

async function audit(s: Session, campaignId: string, opts: AuditOptions): Promise<Outcome> {
  const format = (opts.format ?? (opts.json ? 'json' : 'text')) as Format;
  if (!FORMATS.includes(format)) {
    throw rejected(`--format: '${opts.format}' không được hỗ trợ (chọn một trong: ${FORMATS.join(', ')})`);
  }
  const client = await s.client();
  const definition = await loadDefinition({ client, campaignId });
  if (opts.unit && !definition.units.some((u) => u.id === opts.unit)) {
    throw rejected(`chiến dịch '${campaignId}' không có đơn vị '${opts.unit}'`);
  }
  let since: string | undefined;
  if (opts.since) {
    since = parseSince(opts.since, definition.campaign.timeZone);
    if (!since)
      throw rejected(
        `--since: '${opts.since}' không phải là thời điểm (yyyy-mm-dd, yyyy-mm-dd HH:mm hoặc ISO-8601)`,
      );
  }
  const trail = await buildAudit(client, campaignId, {
    definition,
    ...(opts.unit ? { unitId: opts.unit } : {}),
    ...(since ? { since } : {}),
  });
  const content =
    format === 'json'
      ? `${terminalJson(trail)}\n`
      : format === 'csv'
        ? auditToCsv(trail)
        : `${auditText(trail)}\n`;
  if (!opts.out) return { json: trail, text: '', raw: content };
  const file = path.resolve(opts.out);
  await writeFile(file, content, 'utf8');
  return {
    json: { ok: true, campaignId, format, file, entries: trail.entries.length },
    text: `Đã ghi ${trail.entries.length} sự kiện (${format}) vào ${file}`,
  };
}

export function registerAudit(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('audit')
    .description(
      'lịch sử kiểm tra từ lịch sử workflow: ai làm gì, lúc nào; mọi thư nhắc hạn và đôn đốc đã gửi',
    )
    .argument('<campaign>', 'mã chiến dịch')
    .option('--unit <unit>', 'chỉ đơn vị này (cùng các sự kiện chung của chiến dịch)')
    .option(
      '--since <time>',
      'chỉ từ thời điểm này (yyyy-mm-dd, "yyyy-mm-dd HH:mm" theo giờ chiến dịch, hoặc ISO-8601)',
    )
    .option('--format <format>', 'text, json hoặc csv')
    .option('--out <file>', 'ghi ra tệp')
    .option('--json', 'như --format json')
    .action(async (campaignId: string, opts: AuditOptions) => {
      setExit(await runCommand({ io, json: Boolean(opts.json), body: (s) => audit(s, campaignId, opts) }));
    });
}
