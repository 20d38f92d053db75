// The audit trail as people and spreadsheets read it, shared by `dondoc audit` and the staff portal's
// timeline and export: one line of Vietnamese per entry, and the CSV table (every text cell neutralised
// against spreadsheet formula injection, as in every CSV dondoc writes).
import { type CsvCell, neutraliseCell, toCsv } from '../../core/report/csv';
import type { AuditEntry, AuditTrail } from '../audit';
import { localTime, RECIPIENT_TEXT } from '../format';

/** Moved to core/report/csv.ts (the report's CSV uses it too); still exported here for its callers. */
export { neutraliseCell };

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
  const rows: CsvCell[][] = [CSV_COLUMNS];
  for (const e of trail.entries) {
    rows.push(
      CSV_COLUMNS.map((k) => {
        const v = e[k];
        if (v === undefined) return null;
        if (Array.isArray(v)) return v.join(';');
        if (typeof v === 'object') return JSON.stringify(v);
        return v as string | number | boolean;
      }),
    );
  }
  return toCsv(rows);
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
  link: 'thư gửi đường dẫn mới',
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
      const file = e.document ? `; tệp ${e.document.name} (sha256 ${e.document.sha256})` : '';
      return `Nộp ${m} (lần ${e.seq ?? '?'}, ${timing}${due})${who(e)}${file}${failed}`;
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
    case 'link-revoked':
      return `Thu hồi đường dẫn của đơn vị${e.seq ? ` (lần ${e.seq})` : ''}${who(e)}${why(e)}${failed}`;
    case 'update':
      return `${e.detail ?? 'update'}${who(e)}${why(e)}${failed}`;
  }
}

const NOTICE_TEXT_EN: Record<string, string> = {
  reminder: 'reminder',
  'last-day': 'last-day reminder',
  overdue: 'overdue notice',
  escalation: 'escalation',
  digest: 'digest of overdue units',
  opened: 'opening notice',
  receipt: 'receipt',
  returned: 'draft returned notice',
  extended: 'extension notice',
  waived: 'waiver notice',
  link: 'new link',
};

const RECIPIENT_TEXT_EN: Record<string, string> = { unit: 'unit', parent: 'superior', issuer: 'issuer' };

/** The same line in English (campaigns whose language is `en`). */
export function describeEntryEn(e: AuditEntry, zone: string): string {
  const m = e.milestoneId ?? '';
  const by = e.actor ? ` by ${e.actor}` : '';
  const why = e.reason ? `: ${e.reason}` : '';
  const recipients = (e.recipients ?? []).map((r) => RECIPIENT_TEXT_EN[r] ?? r).join(', ');
  const mail = `to ${recipients ? `${recipients} ` : ''}(${(e.to ?? []).join(', ')}), Message-ID ${e.messageId ?? '?'}`;
  const failed = e.failure ? ` [error: ${e.failure}]` : '';
  switch (e.kind) {
    case 'campaign-started':
      return `Campaign started${by}`;
    case 'campaign-closed':
      return `Campaign closed${by}${why}`;
    case 'campaign-cancelled':
      return `Campaign cancelled${by}${why}`;
    case 'extended-all':
      return `Extended ${m} for every unit (${e.detail ?? ''})${by}${why}`;
    case 'unit-started':
      return 'Unit tracking started';
    case 'reminder':
    case 'escalation':
    case 'notice':
      return `Sent ${NOTICE_TEXT_EN[e.notice ?? ''] ?? `mail (${e.notice ?? '?'})`}${e.seq ? ` #${e.seq}` : ''}${m ? ` for ${m}` : ''} ${mail}${failed}`;
    case 'overdue':
      return `${m} became overdue`;
    case 'submitted': {
      const timing = e.onTime ? 'on time' : 'late';
      const due = e.dueAt ? `, due ${localTime(e.dueAt, zone)}` : '';
      const file = e.document ? `; file ${e.document.name} (sha256 ${e.document.sha256})` : '';
      return `Submitted ${m} (#${e.seq ?? '?'}, ${timing}${due})${by}${file}${failed}`;
    }
    case 'approved':
      return `Approved draft ${m}${by}${why}${failed}`;
    case 'returned':
      return `Returned draft ${m}${by}${why}${failed}`;
    case 'extended':
      return `Extended ${m}${e.detail ? ` (${localInstants(e.detail, zone)})` : ''}${by}${why}${failed}`;
    case 'waived':
      return `Waived ${m}${by}${why}${failed}`;
    case 'closed':
      return `Unit tracking ended (campaign closed)${by}${why}`;
    case 'cancelled':
      return `Unit tracking ended (campaign cancelled)${by}${why}`;
    case 'link-revoked':
      return `Unit's link revoked${e.seq ? ` (#${e.seq})` : ''}${by}${why}${failed}`;
    case 'update':
      return `${e.detail ?? 'update'}${by}${why}${failed}`;
  }
}
