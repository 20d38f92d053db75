// Every notice kind, in Vietnamese and English, sent over real SMTP and read back: subject, text and HTML
// parts, threading headers and the calendar invite, with the deadline's instant in Asia/Ho_Chi_Minh.
import { linkThreadRootId, threadRootId } from '../../contract/ids';
import type { Language, NoticeKind } from '../../contract/notices';
import { header, Inbox, inviteOf, visible } from './inbox';
import { DUE_UTC, notice } from './notices';

interface Expected {
  subject: string;
  /** In the text part, and in the HTML part's visible text. */
  says: string[];
  invite?: { method: 'REQUEST' | 'CANCEL'; sequence: number; end?: string };
}

const EXTENDED_UTC = '2026-08-24T17:00:00.000Z';

const CASES: Record<Language, Record<NoticeKind, Expected>> = {
  vi: {
    opened: {
      subject: '[Triển khai] Xã An Bình: Báo cáo kết quả, hạn trước ngày 20/08/2026',
      says: [
        'Kính gửi: Xã An Bình',
        'Thời hạn: trước ngày 20/08/2026 (chậm nhất hết ngày 19/08/2026)',
        'Còn 122 ngày đến hạn',
        'Số người tham dự (bắt buộc)',
        'npx dondoc submit ndh-2026 xa-an-binh bao-cao',
      ],
      invite: { method: 'REQUEST', sequence: 0 },
    },
    reminder: {
      subject: '[Nhắc hạn] Xã An Bình: Báo cáo kết quả, hạn trước ngày 20/08/2026',
      says: [
        'Kính gửi: Xã An Bình',
        'Còn 7 ngày đến hạn',
        'Nội dung cần gửi: báo cáo kết quả với các chỉ tiêu',
      ],
      invite: { method: 'REQUEST', sequence: 0 },
    },
    'last-day': {
      subject: '[Hạn cuối hôm nay] Xã An Bình: Báo cáo kết quả, hạn trước ngày 20/08/2026',
      says: ['Hôm nay, ngày 19/08/2026, là ngày cuối cùng để Xã An Bình thực hiện', 'trễ hạn'],
      invite: { method: 'REQUEST', sequence: 0 },
    },
    overdue: {
      subject: '[Quá hạn] Xã An Bình: Báo cáo kết quả, hạn trước ngày 20/08/2026',
      says: ['Đến ngày 21/08/2026, Xã An Bình chưa gửi', 'Đã quá hạn', '1 ngày'],
    },
    escalation: {
      subject: '[Quá hạn] Xã An Bình chưa gửi Báo cáo kết quả (hạn trước ngày 20/08/2026)',
      says: ['Kính gửi: Huyện Bình Sơn', '4 ngày', 'Đề nghị đôn đốc Xã An Bình (ubnd@an-binh.example.org)'],
    },
    digest: {
      subject:
        '[Tổng hợp quá hạn] Huyện Bình Sơn: 3 nội dung của đơn vị trực thuộc chưa gửi, ngày 24/08/2026',
      says: [
        'Kính gửi: Huyện Bình Sơn',
        'Xã Bình Châu',
        'Kế hoạch tổ chức',
        'trước ngày 20/05/2026',
        'Xã Tịnh Kỳ',
      ],
    },
    receipt: {
      subject: '[Đã nhận] Xã An Bình: Báo cáo kết quả, đúng hạn (hạn trước ngày 20/08/2026)',
      says: [
        'lúc 18/08/2026 09:30 (lần gửi thứ 1, người gửi: Nguyễn Văn Hùng)',
        'đúng hạn',
        'Số điểm tổ chức: 3',
        'Số người tham dự: 1250',
        'Ghi chú: Tổ chức tại 3 thôn',
        'Lịch hạn chót của nội dung này trong lịch của đơn vị được hủy',
      ],
      invite: { method: 'CANCEL', sequence: 1 },
    },
    returned: {
      subject: '[Trả lại] Xã An Bình: Báo cáo kết quả cần chỉnh sửa, hạn trước ngày 20/08/2026',
      says: [
        'đã được trả lại để chỉnh sửa (người trả lại: Phòng PV05)',
        'Thiếu số liệu điểm tổ chức',
        'Còn 10 ngày',
      ],
      invite: { method: 'REQUEST', sequence: 2 },
    },
    extended: {
      subject: '[Gia hạn] Xã An Bình: Báo cáo kết quả, hạn mới trước ngày 25/08/2026',
      says: [
        'Hạn cũ: ',
        'trước ngày 20/08/2026',
        'Hạn mới: ',
        'trước ngày 25/08/2026',
        'hết ngày 24/08/2026',
        'Mưa bão',
      ],
      invite: { method: 'REQUEST', sequence: 1, end: EXTENDED_UTC },
    },
    waived: {
      subject: '[Miễn thực hiện] Xã An Bình: Báo cáo kết quả (hạn trước ngày 20/08/2026)',
      says: ['Xã An Bình được miễn thực hiện', 'Lý do: Đơn vị sáp nhập', 'theo quyết định của Phòng PV05'],
      invite: { method: 'CANCEL', sequence: 2 },
    },
    link: {
      subject: '[Đường dẫn mới] Xã An Bình: đường dẫn riêng để gửi trực tuyến',
      says: [
        'Kính gửi: Xã An Bình',
        'được cấp đường dẫn riêng mới',
        'Các đường dẫn cấp trước đây của đơn vị không còn sử dụng được.',
        'Lý do thu hồi: Thư chứa đường dẫn bị chuyển nhầm (người thực hiện: Phòng PV05)',
      ],
    },
  },
  en: {
    opened: {
      subject: '[New] Xã An Bình: Báo cáo kết quả, due before 20/08/2026',
      says: [
        'To: Xã An Bình',
        'Due: ',
        'before 20/08/2026',
        'by the end of 19/08/2026',
        'Days left: ',
        '122',
      ],
      invite: { method: 'REQUEST', sequence: 0 },
    },
    reminder: {
      subject: '[Reminder] Xã An Bình: Báo cáo kết quả, due before 20/08/2026',
      says: ['This is a reminder', 'Days left: ', '7', 'What to send: the result report, with these figures'],
      invite: { method: 'REQUEST', sequence: 0 },
    },
    'last-day': {
      subject: '[Last day today] Xã An Bình: Báo cáo kết quả, due before 20/08/2026',
      says: ['19/08/2026', 'is the last day for Xã An Bình to send'],
      invite: { method: 'REQUEST', sequence: 0 },
    },
    overdue: {
      subject: '[Overdue] Xã An Bình: Báo cáo kết quả, due before 20/08/2026',
      says: ['As of 21/08/2026, Xã An Bình has not sent', 'Overdue by ', '1 day(s)'],
    },
    escalation: {
      subject: '[Overdue] Xã An Bình has not sent Báo cáo kết quả (due before 20/08/2026)',
      says: ['To: Huyện Bình Sơn', '4 day(s)', 'Please follow up with Xã An Bình (ubnd@an-binh.example.org)'],
    },
    digest: {
      subject: '[Overdue digest] Huyện Bình Sơn: 3 item(s) overdue from subordinate units, 24/08/2026',
      says: ['To: Huyện Bình Sơn', 'Xã Bình Châu', 'before 20/05/2026', 'Xã Tịnh Kỳ'],
    },
    receipt: {
      subject: '[Received] Xã An Bình: Báo cáo kết quả, on time (due before 20/08/2026)',
      says: ['at 18/08/2026 09:30 (submission 1, by Nguyễn Văn Hùng)', 'on time', 'Số điểm tổ chức: 3'],
      invite: { method: 'CANCEL', sequence: 1 },
    },
    returned: {
      subject: '[Returned] Xã An Bình: Báo cáo kết quả needs changes, due before 20/08/2026',
      says: ['was returned for changes by Phòng PV05', 'Thiếu số liệu điểm tổ chức'],
      invite: { method: 'REQUEST', sequence: 2 },
    },
    extended: {
      subject: '[Extended] Xã An Bình: Báo cáo kết quả, now due before 25/08/2026',
      says: ['Was due: ', 'before 20/08/2026', 'Now due: ', 'before 25/08/2026', 'Mưa bão'],
      invite: { method: 'REQUEST', sequence: 1, end: EXTENDED_UTC },
    },
    waived: {
      subject: '[Waived] Xã An Bình: Báo cáo kết quả (due before 20/08/2026)',
      says: ['Xã An Bình no longer has to send', 'Reason: Đơn vị sáp nhập'],
      invite: { method: 'CANCEL', sequence: 2 },
    },
    link: {
      subject: "[New link] Xã An Bình: your unit's own link to submit online",
      says: [
        'To: Xã An Bình',
        'has a new link of its own',
        'Links issued to your unit before this one no longer work.',
        'Why they were revoked: Thư chứa đường dẫn bị chuyển nhầm (by Phòng PV05)',
      ],
    },
  },
};

let inbox: Inbox;
beforeAll(async () => {
  inbox = await Inbox.start();
});
afterAll(async () => {
  await inbox.close();
});

const table = (['vi', 'en'] as const).flatMap((lang) =>
  (Object.entries(CASES[lang]) as [NoticeKind, Expected][]).map(([kind, e]) => ({ lang, kind, e })),
);

describe.each(table)('$kind ($lang)', ({ lang, kind, e }) => {
  const input = notice(kind, lang);

  it('arrives with its subject, plain text and HTML', async () => {
    const mail = await inbox.send(input);
    expect(mail.subject).toBe(e.subject);
    expect(mail.envelopeTo).toEqual(input.to);
    const html = mail.parsed.html;
    if (typeof html !== 'string') throw new Error('no HTML part');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="(vi|en)">/);
    expect(html).toContain(`<html lang="${lang}">`);
    for (const s of e.says) {
      expect(mail.text).toContain(s);
      expect(visible(html)).toContain(s);
    }
    expect(html).not.toContain('{{');
    expect(mail.text).not.toContain('{{');
  });

  it('carries its Message-ID and threads on its milestone', async () => {
    const mail = await inbox.send(input);
    const root =
      kind === 'digest'
        ? '<ndh-2026.huyen-binh-son.digest.thread@dondoc>'
        : kind === 'link'
          ? linkThreadRootId('ndh-2026', 'xa-an-binh')
          : threadRootId('ndh-2026', 'xa-an-binh', 'bao-cao');
    expect(mail.messageId).toBe(input.messageId);
    expect(mail.parsed.inReplyTo).toBe(root);
    expect(mail.parsed.references).toBe(root);
    expect(header(mail, 'x-dondoc-kind')).toBe(kind);
    expect(header(mail, 'x-dondoc-campaign')).toBe('ndh-2026');
    expect(header(mail, 'auto-submitted')).toBe('auto-generated');
    expect(mail.parsed.date?.toISOString()).toBe(new Date(input.asOf).toISOString());
  });

  it(e.invite ? `has an ${e.invite.method} invite at the deadline's instant` : 'has no invite', async () => {
    const invite = inviteOf(await inbox.send(input));
    if (!e.invite) {
      expect(invite).toBeUndefined();
      return;
    }
    expect(invite).toMatchObject({
      method: e.invite.method,
      uid: 'ndh-2026.xa-an-binh.bao-cao@dondoc',
      sequence: e.invite.sequence,
      status: e.invite.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
      end: e.invite.end ?? DUE_UTC,
      attendees: ['mailto:ubnd@an-binh.example.org'],
      organizer: 'mailto:no-reply@dondoc.example',
    });
    // The hour that ends at the deadline: the last day, 23:00–24:00 local.
    expect(Date.parse(invite?.end ?? '') - Date.parse(invite?.start ?? '')).toBe(3_600_000);
    expect(invite?.summary).toContain('Báo cáo kết quả (Xã An Bình)');
  });
});
