// Notice inputs for the mail tests: one campaign (Asia/Ho_Chi_Minh), a result report due "trước ngày
// 20/08/2026" (2026-08-19T17:00:00Z) and a festival window 01/08–19/08/2026.
import { linkMessageId, noticeMessageId } from '../../contract/ids';
import type {
  DeadlineNotice,
  DigestNotice,
  ExtendedNotice,
  Language,
  LinkNotice,
  NoticeInput,
  NoticeKind,
  NoticeMilestone,
  ReceiptNotice,
  ReturnedNotice,
  WaivedNotice,
} from '../../contract/notices';
import type { CampaignHeader } from '../../core/definition/types';

export const FROM = 'Ban Chỉ đạo 138 tỉnh <no-reply@dondoc.example>';
export const DUE = '2026-08-20T00:00:00+07:00';
export const DUE_UTC = '2026-08-19T17:00:00.000Z';
export const OPENS = '2026-08-01T00:00:00+07:00';

export function header(language: Language = 'vi'): CampaignHeader {
  return {
    id: 'ndh-2026',
    title: 'Kế hoạch tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026',
    issuer: 'tinh',
    document: { number: '123/KH-BCĐ', issued: '2026-04-16' },
    timeZone: 'Asia/Ho_Chi_Minh',
    language,
    contact: 'Phòng PV05, 0204.3854.000',
  };
}

export const REPORT: NoticeMilestone = {
  id: 'bao-cao',
  kind: 'result-report',
  title: 'Báo cáo kết quả',
  fields: [
    { id: 'sites', label: 'Số điểm tổ chức', required: true },
    { id: 'attendance', label: 'Số người tham dự', required: true },
    { id: 'notes', label: 'Ghi chú', required: false },
  ],
};

export const FESTIVAL: NoticeMilestone = {
  id: 'ngay-hoi',
  kind: 'event-window',
  title: 'Tổ chức Ngày hội',
  minEvents: 1,
};

export const UNIT = { id: 'xa-an-binh', name: 'Xã An Bình', emails: ['ubnd@an-binh.example.org'] };

function base(kind: NoticeKind, language: Language, asOf: string, seq = 1) {
  return {
    campaign: header(language),
    unit: UNIT,
    issuerName: 'Ban Chỉ đạo 138 tỉnh',
    to: UNIT.emails,
    seq,
    asOf,
    messageId: noticeMessageId('ndh-2026', UNIT.id, REPORT.id, kind, seq, DUE),
  };
}

function deadlineNotice(kind: DeadlineNotice['kind'], language: Language, asOf: string): DeadlineNotice {
  return { ...base(kind, language, asOf), kind, milestone: REPORT, dueAt: DUE, icsSequence: 0 };
}

export function notice(kind: NoticeKind, language: Language): NoticeInput {
  switch (kind) {
    case 'opened':
      return deadlineNotice(kind, language, '2026-04-20T01:00:00Z');
    case 'reminder':
      return deadlineNotice(kind, language, '2026-08-13T01:00:00Z');
    case 'last-day':
      return deadlineNotice(kind, language, '2026-08-19T01:00:00Z');
    case 'overdue':
      return deadlineNotice(kind, language, '2026-08-21T01:00:00Z');
    case 'escalation':
      return {
        ...deadlineNotice(kind, language, '2026-08-24T01:00:00Z'),
        addressee: 'Huyện Bình Sơn',
        to: ['bcd@binh-son.example.org'],
        recipients: ['parent'],
      };
    case 'digest':
      return digest(language);
    case 'receipt':
      return receipt(language);
    case 'returned':
      return {
        ...base(kind, language, '2026-08-10T03:00:00Z'),
        kind,
        milestone: REPORT,
        dueAt: DUE,
        icsSequence: 2,
        reason: 'Thiếu số liệu điểm tổ chức',
        actor: 'Phòng PV05',
      } satisfies ReturnedNotice;
    case 'extended':
      return extended(language, '2026-08-25', 1);
    case 'waived':
      return {
        ...base(kind, language, '2026-08-11T03:00:00Z'),
        kind,
        milestone: REPORT,
        dueAt: DUE,
        icsSequence: 2,
        reason: 'Đơn vị sáp nhập',
        actor: 'Phòng PV05',
      } satisfies WaivedNotice;
    case 'link':
      return link(language);
  }
}

/** A unit's new portal link after its `count`th revocation (the link itself is minted when sending). */
export function link(language: Language, count = 1): LinkNotice {
  return {
    kind: 'link',
    campaign: header(language),
    unit: UNIT,
    issuerName: 'Ban Chỉ đạo 138 tỉnh',
    to: UNIT.emails,
    recipients: ['unit'],
    seq: count,
    asOf: '2026-08-05T03:00:00Z',
    messageId: linkMessageId('ndh-2026', UNIT.id, count),
    actor: 'Phòng PV05',
    reason: 'Thư chứa đường dẫn bị chuyển nhầm',
    revokedAt: '2026-08-05T02:59:30Z',
  };
}

/** "trước ngày <newDay>" (yyyy-mm-dd), the `count`th extension. */
export function extended(
  language: Language,
  newDay: string,
  count: number,
  previousDueAt = DUE,
): ExtendedNotice {
  const dueAt = `${newDay}T00:00:00+07:00`;
  return {
    ...base('extended', language, '2026-08-15T03:00:00Z', count),
    messageId: noticeMessageId('ndh-2026', UNIT.id, REPORT.id, 'extended', count, dueAt),
    kind: 'extended',
    milestone: REPORT,
    dueAt,
    previousDueAt,
    icsSequence: count,
    reason: 'Mưa bão',
    actor: 'Phòng PV05',
  };
}

export function receipt(language: Language, onTime = true): ReceiptNotice {
  return {
    ...base('receipt', language, onTime ? '2026-08-18T02:30:00Z' : '2026-08-22T02:30:00Z'),
    kind: 'receipt',
    milestone: REPORT,
    dueAt: DUE,
    icsSequence: 1,
    receipt: {
      seq: 1,
      recordedAt: onTime ? '2026-08-18T02:30:00Z' : '2026-08-22T02:30:00Z',
      onTime,
      status: onTime ? 'submitted' : 'late',
      actor: 'Nguyễn Văn Hùng',
      flags: [],
      payload: { values: { sites: 3, attendance: 1250, notes: 'Tổ chức tại 3 thôn' } },
    },
  };
}

export const DIGEST_ROWS: DigestNotice['rows'] = [
  {
    unit: { id: 'xa-an-binh', name: 'Xã An Bình', emails: ['ubnd@an-binh.example.org'] },
    milestone: { id: 'bao-cao', title: 'Báo cáo kết quả' },
    dueAt: DUE,
  },
  {
    unit: { id: 'xa-binh-chau', name: 'Xã Bình Châu' },
    milestone: { id: 'ke-hoach', title: 'Kế hoạch tổ chức' },
    dueAt: '2026-05-20T00:00:00+07:00',
  },
  {
    unit: { id: 'xa-tinh-ky', name: 'Xã Tịnh Kỳ' },
    milestone: { id: 'bao-cao', title: 'Báo cáo kết quả' },
    dueAt: DUE,
  },
];

export function digest(language: Language, rows = DIGEST_ROWS): DigestNotice {
  return {
    kind: 'digest',
    campaign: header(language),
    unit: { id: 'huyen-binh-son', name: 'Huyện Bình Sơn', emails: ['bcd@binh-son.example.org'] },
    issuerName: 'Ban Chỉ đạo 138 tỉnh',
    to: ['bcd@binh-son.example.org'],
    seq: 1,
    asOf: '2026-08-24T01:00:00Z',
    messageId: '<ndh-2026.huyen-binh-son.digest.2026-08-24.1@dondoc>',
    rows,
  };
}
