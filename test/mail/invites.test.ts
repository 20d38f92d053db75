// Calendar invites over real SMTP: one event per (campaign, unit, milestone), updated by extensions with a
// growing SEQUENCE, spanning an event window, cancelled by a waiver or a complete submission.
import { noticeMessageId } from '../../contract/ids';
import type { DeadlineNotice, ReceiptNotice } from '../../contract/notices';
import { Inbox, inviteOf, visible } from './inbox';
import { DUE_UTC, extended, FESTIVAL, notice, OPENS, receipt } from './notices';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await Inbox.start();
});
afterAll(async () => {
  await inbox.close();
});

const UID = 'ndh-2026.xa-an-binh.bao-cao@dondoc';

it('an extension updates the same event: same UID, higher SEQUENCE, the new instant', async () => {
  const first = inviteOf(await inbox.send(notice('reminder', 'vi')));
  const once = await inbox.send(extended('vi', '2026-08-25', 1));
  const twice = await inbox.send(extended('vi', '2026-08-30', 2, '2026-08-25T00:00:00+07:00'));
  const [a, b, c] = [first, inviteOf(once), inviteOf(twice)];
  expect([a?.uid, b?.uid, c?.uid]).toEqual([UID, UID, UID]);
  expect([a?.sequence, b?.sequence, c?.sequence]).toEqual([0, 1, 2]);
  expect([a?.method, b?.method, c?.method]).toEqual(['REQUEST', 'REQUEST', 'REQUEST']);
  expect([a?.end, b?.end, c?.end]).toEqual([DUE_UTC, '2026-08-24T17:00:00.000Z', '2026-08-29T17:00:00.000Z']);
  expect(twice.text).toContain('Hạn cũ: trước ngày 25/08/2026');
  expect(twice.text).toContain('Hạn mới: trước ngày 30/08/2026 (chậm nhất hết ngày 29/08/2026)');
});

it('a waiver and a complete submission cancel the event; a partial one leaves it', async () => {
  const waived = inviteOf(await inbox.send(notice('waived', 'vi')));
  expect(waived).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: UID, sequence: 2 });

  const late = await inbox.send(receipt('vi', false));
  expect(late.subject).toBe('[Đã nhận] Xã An Bình: Báo cáo kết quả, trễ hạn (hạn trước ngày 20/08/2026)');
  expect(inviteOf(late)).toMatchObject({ method: 'CANCEL', uid: UID });

  const partial: ReceiptNotice = {
    ...receipt('vi'),
    milestone: FESTIVAL,
    opensAt: OPENS,
    messageId: noticeMessageId('ndh-2026', 'xa-an-binh', FESTIVAL.id, 'receipt', 1, DUE_UTC),
    receipt: {
      ...receipt('vi').receipt,
      status: 'open',
      flags: ['below-min-events: 1 of 2'],
      payload: { events: [{ date: '2026-08-05', place: 'Nhà văn hóa thôn 1', attendance: 300 }] },
    },
  };
  const mail = await inbox.send(partial);
  expect(inviteOf(mail)).toBeUndefined();
  expect(mail.text).toContain('- Số buổi đã tổ chức: 1');
  expect(mail.text).toContain('  + 05/08/2026, Nhà văn hóa thôn 1, 300 người tham dự');
  expect(mail.text).toContain('- below-min-events: 1 of 2');
  expect(mail.text).toContain('Nội dung này chưa hoàn thành');
});

it('an event window is the event: from its first instant to its close', async () => {
  const beforeOpen: DeadlineNotice = {
    ...(notice('reminder', 'vi') as DeadlineNotice),
    milestone: FESTIVAL,
    opensAt: OPENS,
    phase: 'before-open',
    asOf: '2026-07-25T01:00:00Z',
    messageId: noticeMessageId('ndh-2026', 'xa-an-binh', FESTIVAL.id, 'reminder', 1, DUE_UTC),
  };
  const mail = await inbox.send(beforeOpen);
  expect(mail.subject).toBe(
    '[Nhắc hạn] Xã An Bình: Tổ chức Ngày hội, từ ngày 01/08/2026 đến hết ngày 19/08/2026',
  );
  expect(mail.text).toContain('Thời gian thực hiện: từ ngày 01/08/2026 đến hết ngày 19/08/2026.');
  expect(mail.text).toContain('Còn 7 ngày đến ngày bắt đầu (01/08/2026).');
  expect(mail.text).toContain('các buổi đã tổ chức (ít nhất 1 buổi)');
  expect(inviteOf(mail)).toMatchObject({
    method: 'REQUEST',
    uid: 'ndh-2026.xa-an-binh.ngay-hoi@dondoc',
    start: '2026-07-31T17:00:00.000Z',
    end: DUE_UTC,
    summary: 'Tổ chức Ngày hội (Xã An Bình)',
  });
});

it('a window that opens and closes at given times says so, and on its opening day that it opens today', async () => {
  const opensAt = '2026-08-01T07:30:00+07:00';
  const dueAt = '2026-08-19T17:00:00+07:00';
  const timed: DeadlineNotice = {
    ...(notice('reminder', 'vi') as DeadlineNotice),
    milestone: FESTIVAL,
    opensAt,
    dueAt,
    phase: 'before-open',
    asOf: '2026-08-01T00:00:00Z',
    messageId: noticeMessageId('ndh-2026', 'xa-an-binh', FESTIVAL.id, 'reminder', 1, dueAt),
  };
  const vi = await inbox.send(timed);
  expect(vi.subject).toBe(
    '[Nhắc hạn] Xã An Bình: Tổ chức Ngày hội, từ 07:30 ngày 01/08/2026 đến 17:00 ngày 19/08/2026',
  );
  expect(vi.text).toContain('Bắt đầu hôm nay (01/08/2026).');
  expect(visible(String(vi.parsed.html))).toContain('Bắt đầu hôm nay (01/08/2026).');
  expect(inviteOf(vi)).toMatchObject({ start: '2026-08-01T00:30:00.000Z', end: '2026-08-19T10:00:00.000Z' });
  const en = await inbox.send({
    ...timed,
    ...(notice('reminder', 'en') as DeadlineNotice),
    milestone: FESTIVAL,
    opensAt,
    dueAt,
    phase: 'before-open',
    asOf: timed.asOf,
    messageId: timed.messageId,
  });
  expect(en.text).toContain('from 07:30 on 01/08/2026 to 17:00 on 19/08/2026');
  expect(en.text).toContain('It opens today (01/08/2026).');
});

it('a deadline at an exact time is that instant, written with its hour', async () => {
  const dueAt = '2026-05-10T17:00:00+07:00';
  const lastDay: DeadlineNotice = {
    ...(notice('last-day', 'en') as DeadlineNotice),
    dueAt,
    asOf: '2026-05-10T01:00:00Z',
    messageId: noticeMessageId('ndh-2026', 'xa-an-binh', 'bao-cao', 'last-day', 1, dueAt),
  };
  const mail = await inbox.send(lastDay);
  expect(mail.subject).toBe('[Last day today] Xã An Bình: Báo cáo kết quả, due before 17:00 on 10/05/2026');
  expect(visible(String(mail.parsed.html))).toContain('Due: before 17:00 on 10/05/2026.');
  expect(inviteOf(mail)).toMatchObject({
    start: '2026-05-10T09:00:00.000Z',
    end: '2026-05-10T10:00:00.000Z',
  });
});
