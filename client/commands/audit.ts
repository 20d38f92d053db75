// `dondoc audit <campaign>`: the timeline from workflow history (who did what and when, every notice sent).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { csvLine } from '../../core/report/csv';
import { type AuditEntry, type AuditTrail, buildAudit, parseSince } from '../audit';
import { loadDefinition } from '../campaign-view';
import { rejected } from '../errors';
import { localTime, RECIPIENT_TEXT, table } from '../format';
import { type Io, type Outcome, runCommand, type Session } from '../kit';

const FORMATS = ['text', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

interface AuditOptions {
  unit?: string;
  since?: string;
  format?: string;
  out?: string;
  json?: boolean;
}

const CSV_COLUMNS: (keyof AuditEntry)[] = [
  'at',
  'kind',
  'unitId',
  'milestoneId',
  'actor',
  'reason',
  'detail',
  'notice',
  'to',
  'recipients',
  'messageId',
  'seq',
  'dueAt',
  'onTime',
  'status',
  'failure',
  'note',
  'payload',
  'identity',
  'workflowId',
  'runId',
  'eventId',
];

export function auditToCsv(trail: AuditTrail): string {
  const lines = [csvLine(CSV_COLUMNS)];
  for (const e of trail.entries) {
    lines.push(
      csvLine(
        CSV_COLUMNS.map((k) => {
          const v = e[k];
          if (v === undefined) return null;
          if (Array.isArray(v)) return v.join(';');
          if (typeof v === 'object') return JSON.stringify(v);
          return v as string | number | boolean;
        }),
      ),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** ISO instants inside an engine's detail ("2024-05-10T00:00:00+07:00 → ...") in local time. */
function localInstants(text: string, zone: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})/g, (iso) => localTime(iso, zone));
}

/** What each kind of notice is, in words. */
const NOTICE_TEXT: Record<string, string> = {
  reminder: 'nhắc hạn',
  'last-day': 'nhắc hạn ngày cuối',
  overdue: 'thư báo quá hạn',
  escalation: 'đôn đốc',
  digest: 'bản tổng hợp đơn vị quá hạn',
  opened: 'thông báo mở mốc',
  receipt: 'giấy biên nhận',
  returned: 'thư trả lại dự thảo',
  extended: 'thư báo gia hạn',
  waived: 'thư báo miễn',
};

function who(e: AuditEntry): string {
  return e.actor ? ` bởi ${e.actor}` : '';
}

function why(e: AuditEntry): string {
  return e.reason ? `: ${e.reason}` : '';
}

export function describeEntry(e: AuditEntry, zone: string): string {
  const m = e.milestoneId ?? '';
  const recipients = (e.recipients ?? [])
    .map((r) => RECIPIENT_TEXT[r as keyof typeof RECIPIENT_TEXT] ?? r)
    .join(', ');
  const mail = `tới ${recipients ? `${recipients} ` : ''}(${(e.to ?? []).join(', ')}), Message-ID ${e.messageId ?? '?'}`;
  const failed = e.failure ? ` [lỗi: ${e.failure}]` : '';
  switch (e.kind) {
    case 'campaign-started':
      return `Khởi động chiến dịch${who(e)}`;
    case 'campaign-closed':
      return `Đóng chiến dịch${who(e)}${why(e)}`;
    case 'campaign-cancelled':
      return `Hủy chiến dịch${who(e)}${why(e)}`;
    case 'extended-all':
      return `Gia hạn ${m} cho mọi đơn vị (${e.detail ?? ''})${who(e)}${why(e)}`;
    case 'unit-started':
      return 'Bắt đầu theo dõi đơn vị';
    case 'reminder':
    case 'escalation':
    case 'notice':
      return `Gửi ${NOTICE_TEXT[e.notice ?? ''] ?? `thư (${e.notice ?? '?'})`}${e.seq ? ` lần ${e.seq}` : ''}${m ? ` mốc ${m}` : ''} ${mail}${failed}`;
    case 'overdue':
      return `Mốc ${m} quá hạn`;
    case 'submitted': {
      const timing = e.onTime ? 'đúng hạn' : 'muộn';
      const due = e.dueAt ? `, hạn ${localTime(e.dueAt, zone)}` : '';
      return `Nộp ${m} (lần ${e.seq ?? '?'}, ${timing}${due})${who(e)}${failed}`;
    }
    case 'approved':
      return `Duyệt dự thảo ${m}${who(e)}${why(e)}${failed}`;
    case 'returned':
      return `Trả lại dự thảo ${m}${who(e)}${why(e)}${failed}`;
    case 'extended':
      return `Gia hạn ${m}${e.detail ? ` (${localInstants(e.detail, zone)})` : ''}${who(e)}${why(e)}${failed}`;
    case 'waived':
      return `Miễn ${m}${who(e)}${why(e)}${failed}`;
    case 'closed':
      return `Kết thúc theo dõi đơn vị (đóng chiến dịch)${who(e)}${why(e)}`;
    case 'cancelled':
      return `Kết thúc theo dõi đơn vị (hủy chiến dịch)${who(e)}${why(e)}`;
    case 'update':
      return `${e.detail ?? 'update'}${who(e)}${why(e)}${failed}`;
  }
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
  return `${head.join('\n')}${table(rows)}`;
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
      ? `${JSON.stringify(trail, null, 2)}\n`
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
