// The notices the engine sends when something happens, read back from a real SMTP server: the campaign opened,
// a submission received, a draft returned, a deadline extended, a milestone waived. Each at its moment, to the
// unit, with its invite (same UID, growing SEQUENCE) and threaded on the milestone.
import { DateTime } from 'luxon';
import { icsUid, noticeMessageId, threadRootId } from '../../contract/ids';
import { extendUpdate, returnUpdate, stateQuery, submitUpdate, waiveUpdate } from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign } from '../../core/definition/types';
import { inviteOf } from '../mail/inbox';
import { DEFAULT_ESCALATION, DEFAULT_REMINDERS, plan } from '../support/campaigns';
import { Engine, kindOf, milestone, ZONE } from '../support/engine';
import type { ReceivedMail } from '../support/smtp';

const engine = new Engine('notices');
const C = 'notices';

function campaign(year: number): Campaign {
  return {
    campaign: {
      id: C,
      title: 'Kế hoạch tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc',
      issuer: 'tinh',
      document: { number: '12/KH-BCĐ', issued: `${year}-01-05` },
      timeZone: ZONE,
      language: 'vi',
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'commune', name: 'Xã' },
    ],
    units: [
      { id: 'tinh', name: 'Ban Chỉ đạo tỉnh', level: 'province', emails: ['bcd@tinh.example.org'], tags: [] },
      {
        id: 'xa-a',
        name: 'Xã An Bình',
        level: 'commune',
        parent: 'tinh',
        emails: ['a@xa.example.org'],
        tags: [],
      },
      {
        id: 'xa-b',
        name: 'Xã Bình Châu',
        level: 'commune',
        parent: 'tinh',
        emails: ['b@xa.example.org'],
        tags: [],
      },
    ],
    calendar: DEFAULT_CALENDAR_RULES,
    milestones: [
      {
        id: 'du-thao',
        kind: 'draft-plan',
        title: 'Dự thảo kế hoạch',
        appliesTo: { units: ['xa-a'] },
        due: { kind: 'before', date: `${year}-03-02` },
        reminders: DEFAULT_REMINDERS,
        escalation: DEFAULT_ESCALATION,
      },
      plan('ke-hoach', { kind: 'before', date: `${year}-03-10` }, { title: 'Kế hoạch tổ chức' }),
    ],
    // The campaign's own wording for one notice; the others keep dondoc's.
    templates: {
      'vi/waived.subject.txt': '[Miễn - {{campaign.document}}] {{unit.name}}: {{milestone.title}}\n',
    },
  };
}

beforeAll(() => engine.start((y) => campaign(y + 1)));
afterAll(() => engine.stop());

const header = (m: ReceivedMail | undefined, name: string) => String(m?.parsed.headers.get(name) ?? '');
const date = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('dd/MM/yyyy');
const dueOf = (unitId: string, milestoneId: string) => {
  const s = unitSchedule(engine.campaign, unitId).find((x) => x.milestoneId === milestoneId);
  if (!s) throw new Error(`no ${milestoneId} for ${unitId}`);
  return s.dueAt;
};

/** The one mail of that kind about the unit and milestone, with the invariants every notice has. */
async function one(unitId: string, milestoneId: string, kind: string): Promise<ReceivedMail> {
  await engine.smtp.waitFor(() => engine.mailFor(unitId, milestoneId, kind).length > 0, 20_000);
  const all = engine.mailFor(unitId, milestoneId, kind);
  expect(all).toHaveLength(1);
  const m = all[0] as ReceivedMail;
  const root = threadRootId(C, unitId, milestoneId);
  expect(header(m, 'in-reply-to')).toBe(root);
  expect(m.parsed.references).toEqual(root);
  expect(m.envelopeTo).toEqual([engine.campaign.units.find((u) => u.id === unitId)?.emails[0]]);
  expect(m.parsed.html).toBeTruthy();
  return m;
}

it('announces every milestone still ahead when a unit starts, with a calendar invite', async () => {
  await Promise.all([engine.unit('xa-a'), engine.unit('xa-b')]);
  const due = dueOf('xa-a', 'ke-hoach');
  const opened = await one('xa-a', 'ke-hoach', 'opened');
  expect(opened.messageId).toBe(noticeMessageId(C, 'xa-a', 'ke-hoach', 'opened', 1, due));
  expect(opened.subject).toBe(`[Triển khai] Xã An Bình: Kế hoạch tổ chức, hạn trước ngày ${date(due)}`);
  expect(opened.text).toContain('Kính gửi: Xã An Bình');
  expect(inviteOf(opened)).toMatchObject({
    method: 'REQUEST',
    uid: icsUid(C, 'xa-a', 'ke-hoach'),
    sequence: 0,
    end: new Date(due).toISOString(),
  });
  await one('xa-a', 'du-thao', 'opened');
  await one('xa-b', 'ke-hoach', 'opened');
  // xa-b owes no draft.
  expect(engine.mailFor('xa-b', 'du-thao')).toEqual([]);
  const state = await (await engine.unit('xa-a')).query(stateQuery);
  expect(milestone(state, 'ke-hoach').sent.map((n) => [n.kind, n.messageId, n.to])).toEqual([
    ['opened', opened.messageId, ['a@xa.example.org']],
  ]);
});

it('acknowledges a submission even while the mail server is down; the receipt follows once it is back', async () => {
  const xaA = await engine.unit('xa-a');
  const due = dueOf('xa-a', 'du-thao');
  await engine.smtp.suspend();
  const started = Date.now();
  const receipt = await xaA.executeUpdate(submitUpdate, {
    args: [
      {
        milestoneId: 'du-thao',
        actor: 'Nguyễn Văn A',
        payload: { document: { title: 'Dự thảo KH số 3/KH-UBND' } },
        note: 'Gửi kèm danh sách điểm',
      },
    ],
  });
  // The update answers after one attempt to send the receipt (a local activity in the submission's own task),
  // which the closed port refused at once: the retry waits on a timer, after the answer.
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(receipt).toMatchObject({ status: 'awaiting-approval', onTime: true, seq: 1 });
  expect(engine.mailFor('xa-a', 'du-thao', 'receipt')).toEqual([]);
  await engine.smtp.resume();
  // The first retries back off by seconds: skip past them.
  await engine.env.sleep(60_000);
  const mail = await one('xa-a', 'du-thao', 'receipt');
  expect(mail.messageId).toBe(noticeMessageId(C, 'xa-a', 'du-thao', 'receipt', 1, due));
  // It was refused at least once, then retried: the same message, sent once.
  expect(await engine.sendAttempts('xa-a', mail.messageId)).toBeGreaterThan(1);
  expect(mail.subject).toBe(`[Đã nhận] Xã An Bình: Dự thảo kế hoạch, đúng hạn (hạn trước ngày ${date(due)})`);
  expect(mail.text).toContain('Dự thảo KH số 3/KH-UBND');
  expect(mail.text).toContain('Ghi chú: Gửi kèm danh sách điểm');
  expect(mail.text).toContain('Dự thảo đang chờ cấp trên phê duyệt');
  // Waiting for approval meets the obligation for now: the invite is cancelled.
  expect(inviteOf(mail)).toMatchObject({ method: 'CANCEL', uid: icsUid(C, 'xa-a', 'du-thao'), sequence: 1 });
});

it('sends a returned draft back with the reason, and its deadline back to the calendar', async () => {
  const xaA = await engine.unit('xa-a');
  const due = dueOf('xa-a', 'du-thao');
  await xaA.executeUpdate(returnUpdate, {
    args: [
      { milestoneId: 'du-thao', actor: 'Phòng PV05', reason: 'Bổ sung phân công <nhiệm vụ> & thời gian' },
    ],
  });
  const mail = await one('xa-a', 'du-thao', 'returned');
  expect(mail.messageId).toBe(noticeMessageId(C, 'xa-a', 'du-thao', 'returned', 1, due));
  expect(mail.subject).toBe(
    `[Trả lại] Xã An Bình: Dự thảo kế hoạch cần chỉnh sửa, hạn trước ngày ${date(due)}`,
  );
  expect(mail.text).toContain('Lý do: Bổ sung phân công <nhiệm vụ> & thời gian');
  expect(mail.text).toContain('người trả lại: Phòng PV05');
  // User text is escaped in HTML.
  expect(mail.parsed.html).toContain('Bổ sung phân công &lt;nhiệm vụ&gt; &amp; thời gian');
  expect(inviteOf(mail)).toMatchObject({ method: 'REQUEST', uid: icsUid(C, 'xa-a', 'du-thao'), sequence: 2 });
});

it('announces an extension with the old and the new deadline, updating the same invite', async () => {
  const xaA = await engine.unit('xa-a');
  const old = dueOf('xa-a', 'ke-hoach');
  const newDue = DateTime.fromISO(old, { zone: ZONE }).plus({ days: 20 }).toISODate() as string;
  const extended = await xaA.executeUpdate(extendUpdate, {
    args: [{ milestoneId: 'ke-hoach', actor: 'Phòng PV05', reason: 'Mưa bão', newDue }],
  });
  const mail = await one('xa-a', 'ke-hoach', 'extended');
  expect(mail.messageId).toBe(noticeMessageId(C, 'xa-a', 'ke-hoach', 'extended', 1, extended.schedule.dueAt));
  expect(mail.subject).toBe(
    `[Gia hạn] Xã An Bình: Kế hoạch tổ chức, hạn mới trước ngày ${date(extended.schedule.dueAt)}`,
  );
  expect(mail.text).toContain(`Hạn cũ: trước ngày ${date(old)}`);
  expect(mail.text).toContain(`Hạn mới: trước ngày ${date(extended.schedule.dueAt)}`);
  expect(mail.text).toContain('Lý do: Mưa bão');
  expect(inviteOf(mail)).toMatchObject({
    method: 'REQUEST',
    uid: icsUid(C, 'xa-a', 'ke-hoach'),
    sequence: 1,
    end: new Date(extended.schedule.dueAt).toISOString(),
  });
});

it('announces a waiver and cancels the invite; a later submission is acknowledged and cancels it too', async () => {
  const xaB = await engine.unit('xa-b');
  const due = dueOf('xa-b', 'ke-hoach');
  await xaB.executeUpdate(waiveUpdate, {
    args: [{ milestoneId: 'ke-hoach', actor: 'Phòng PV05', reason: 'Đơn vị sáp nhập' }],
  });
  const waived = await one('xa-b', 'ke-hoach', 'waived');
  expect(waived.messageId).toBe(noticeMessageId(C, 'xa-b', 'ke-hoach', 'waived', 1, due));
  // Written with the campaign's own template (fetched by the sending activity, not carried by the unit).
  expect(waived.subject).toBe('[Miễn - 12/KH-BCĐ] Xã Bình Châu: Kế hoạch tổ chức');
  expect(waived.text).toContain(
    `Xã Bình Châu được miễn thực hiện: Kế hoạch tổ chức (hạn trước ngày ${date(due)})`,
  );
  expect(waived.text).toContain('Lý do: Đơn vị sáp nhập');
  expect(inviteOf(waived)).toMatchObject({
    method: 'CANCEL',
    uid: icsUid(C, 'xa-b', 'ke-hoach'),
    sequence: 1,
  });

  const xaA = await engine.unit('xa-a');
  await xaA.executeUpdate(submitUpdate, {
    args: [
      { milestoneId: 'ke-hoach', actor: 'Trần Thị B', payload: { document: { title: 'KH 15/KH-UBND' } } },
    ],
  });
  const receipt = await one('xa-a', 'ke-hoach', 'receipt');
  expect(inviteOf(receipt)).toMatchObject({
    method: 'CANCEL',
    uid: icsUid(C, 'xa-a', 'ke-hoach'),
    sequence: 2,
  });

  // Every notice is recorded on the milestone, once, with the Message-ID that arrived. The email can arrive
  // before the send's result reaches the workflow (a busy machine): the state is read once it has.
  let a = await xaA.query(stateQuery);
  for (let i = 0; i < 100 && !milestone(a, 'ke-hoach').sent.some((n) => n.kind === 'receipt'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    a = await xaA.query(stateQuery);
  }
  expect(milestone(a, 'du-thao').sent.map((n) => n.kind)).toEqual(['opened', 'receipt', 'returned']);
  expect(milestone(a, 'ke-hoach').sent.map((n) => n.kind)).toEqual(['opened', 'extended', 'receipt']);
  expect(milestone(a, 'ke-hoach').outbox).toEqual([]);
  for (const n of [...milestone(a, 'du-thao').sent, ...milestone(a, 'ke-hoach').sent]) {
    expect(n.failure).toBeUndefined();
    expect(engine.smtp.received.filter((m) => m.messageId === n.messageId)).toHaveLength(1);
  }
  const ids = engine.smtp.received.map((m) => m.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(engine.smtp.received.map(kindOf).sort()).toEqual(
    ['opened', 'opened', 'opened', 'receipt', 'returned', 'extended', 'waived', 'receipt'].sort(),
  );
});
