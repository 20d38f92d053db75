// A unit's lifecycle on the time-skipping server, with mail through a real SMTP server in the test.
import { DateTime } from 'luxon';
import {
  extendUpdate,
  type MilestoneState,
  stateQuery,
  submitUpdate,
  waiveUpdate,
} from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import type { Campaign } from '../../core/definition/types';
import { bacGiangIn } from '../support/campaigns';
import { Engine, kindOf, local, milestone, rejection, ZONE } from '../support/engine';
import type { TestSmtpServer } from '../support/smtp';

const engine = new Engine('unit-lifecycle');
let campaign: Campaign;
let smtp: TestSmtpServer;

beforeAll(async () => {
  await engine.start((year) => bacGiangIn(year + 1));
  campaign = engine.campaign;
  smtp = engine.smtp;
});

afterAll(async () => {
  await engine.recordHistories('lifecycle-in-task', ['son-dong', 'luc-ngan', 'yen-the', 'yen-dung']);
  await engine.stop();
});

const advanceTo = (iso: string) => engine.advanceTo(iso);
const startUnit = (id: string) => engine.unit(id);

describe('a Bắc Giang-shaped campaign, one unit at a time', () => {
  it('reminds each unit exactly once per reminder, stops after a submission, escalates to the parent', async () => {
    const [sonDong, lucNgan] = await Promise.all([startUnit('son-dong'), startUnit('luc-ngan')]);
    const plan = unitSchedule(campaign, 'son-dong').find((s) => s.milestoneId === 'ke-hoach');
    if (!plan) throw new Error('no ke-hoach schedule');
    const first = plan.reminders[0];
    if (!first || plan.reminders.length < 2) throw new Error('expected at least two reminders');

    // After the first reminder, Lục Ngạn submits its plan on time.
    await advanceTo(first.at);
    await smtp.waitFor(
      () =>
        engine.mailFor('son-dong', 'ke-hoach', 'reminder').length >= 1 &&
        engine.mailFor('luc-ngan', 'ke-hoach', 'reminder').length >= 1,
    );
    const receipt = await lucNgan.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'ke-hoach',
          actor: 'Nguyễn Văn A (Công an huyện Lục Ngạn)',
          payload: { document: { title: 'Kế hoạch số 12/KH-BCĐ' } },
        },
      ],
    });
    expect(receipt).toMatchObject({
      unitId: 'luc-ngan',
      milestoneId: 'ke-hoach',
      onTime: true,
      status: 'submitted',
    });
    // Started with `sendsInTask` in its plan, the unit sent its receipt and its reports without a patch marker,
    // so without the search-attribute upsert (TemporalChangeVersion) the SDK adds to each patch's first use.
    const events = (await lucNgan.fetchHistory()).events ?? [];
    expect(
      events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
    ).toBeGreaterThanOrEqual(2);
    expect(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')).toEqual([]);
    const changeVersion = events.filter(
      (e) =>
        e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields
          ?.TemporalChangeVersion,
    );
    expect(changeVersion).toEqual([]);

    // Past the deadline and the first two escalations.
    const [e1, e2] = plan.escalations;
    if (!e1 || !e2) throw new Error('expected escalations');
    await advanceTo(e2.at);
    await smtp.waitFor((all) =>
      all.some(
        (m) =>
          m.subject.startsWith('[Quá hạn]') &&
          m.envelopeTo.includes('bcd138@bacgiang.example.org') &&
          m.parsed.headers.get('x-dondoc-unit') === 'son-dong',
      ),
    );

    const sd = milestone(await sonDong.query(stateQuery), 'ke-hoach');
    const ln = milestone(await lucNgan.query(stateQuery), 'ke-hoach');
    // The last reminder, on the deadline's last day, is the last-day notice.
    const reminders = (s: MilestoneState) =>
      s.sent.filter((n) => n.kind === 'reminder' || n.kind === 'last-day');
    // Each reminder once, at its computed instant.
    expect(reminders(sd).map((n) => local(n.sentAt))).toEqual(plan.reminders.map((r) => local(r.at)));
    expect(reminders(ln).map((n) => local(n.sentAt))).toEqual([local(first.at)]);
    expect(sd.status).toBe('overdue');
    expect(ln.status).toBe('submitted');

    const mails = smtp.received.filter((m) => m.parsed.headers.get('x-dondoc-milestone') === 'ke-hoach');
    const toSonDong = engine.mailFor('son-dong', 'ke-hoach', 'reminder', 'last-day');
    expect(toSonDong).toHaveLength(plan.reminders.length);
    // A reminder on the deadline's last day (the day before "trước ngày D") is the last-day notice.
    const lastDay = DateTime.fromISO(plan.dueAt, { zone: ZONE }).minus({ days: 1 }).toISODate();
    expect(toSonDong.map(kindOf)).toEqual(
      plan.reminders.map((r) =>
        DateTime.fromISO(r.at, { zone: ZONE }).toISODate() === lastDay ? 'last-day' : 'reminder',
      ),
    );
    const dueText = `trước ngày ${DateTime.fromISO(plan.dueAt, { zone: ZONE }).toFormat('dd/MM/yyyy')}`;
    for (const m of toSonDong) {
      expect(m.envelopeTo).toEqual(['bcd@sondong.example.org']);
      expect(m.subject).toMatch(/^\[(Nhắc hạn|Hạn cuối hôm nay)\] Ban Chỉ đạo huyện Sơn Động: /);
      expect(m.subject).toContain(dueText);
      expect(m.text).toContain('Kính gửi: Ban Chỉ đạo huyện Sơn Động');
    }
    expect(engine.mailFor('luc-ngan', 'ke-hoach', 'reminder', 'last-day')).toHaveLength(1);
    // Lục Ngạn's submission was acknowledged by mail, its invite cancelled.
    const [ack] = engine.mailFor('luc-ngan', 'ke-hoach', 'receipt');
    expect(ack?.subject).toBe(
      `[Đã nhận] Ban Chỉ đạo huyện Lục Ngạn: ${plan.title}, đúng hạn (hạn ${dueText})`,
    );
    expect(ack?.text).toContain('Kế hoạch số 12/KH-BCĐ');
    expect(ln.sent.map((n) => n.kind)).toEqual(['opened', 'reminder', 'receipt']);
    // Every Message-ID once: nothing sent twice.
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);

    // Escalations: first the unit is told it is overdue, then also its parent, in a message of its own that
    // names the unit. Lục Ngạn gets none.
    const escalations = sd.sent.filter((n) => n.kind === 'overdue' || n.kind === 'escalation');
    expect(escalations.map((n) => [local(n.sentAt), n.kind, n.recipients, n.to])).toEqual([
      [local(e1.at), 'overdue', ['unit'], ['bcd@sondong.example.org']],
      [local(e2.at), 'overdue', ['unit'], ['bcd@sondong.example.org']],
      [local(e2.at), 'escalation', ['parent'], ['bcd138@bacgiang.example.org']],
    ]);
    const toParent = engine.mailFor('son-dong', 'ke-hoach', 'escalation');
    expect(toParent).toHaveLength(1);
    expect(toParent[0]?.envelopeTo).toEqual(['bcd138@bacgiang.example.org']);
    expect(toParent[0]?.subject).toBe(
      `[Quá hạn] Ban Chỉ đạo huyện Sơn Động chưa gửi ${plan.title} (hạn ${dueText})`,
    );
    expect(engine.mailFor('son-dong', 'ke-hoach', 'overdue').map((m) => m.subject)).toEqual([
      `[Quá hạn] Ban Chỉ đạo huyện Sơn Động: ${plan.title}, hạn ${dueText}`,
      `[Quá hạn] Ban Chỉ đạo huyện Sơn Động: ${plan.title}, hạn ${dueText}`,
    ]);
    expect(mails.filter((m) => m.parsed.headers.get('x-dondoc-unit') === 'luc-ngan').map(kindOf)).toEqual([
      'opened',
      'reminder',
      'receipt',
    ]);

    // A late submission is accepted and marked late; a bad one is rejected and changes nothing.
    await expect(
      rejection(
        sonDong.executeUpdate(submitUpdate, {
          args: [
            {
              milestoneId: 'bao-cao-ket-qua',
              actor: 'x',
              payload: { values: { sites: -1, attendance: 'nhiều' } },
            },
          ],
        }),
      ),
    ).resolves.toMatch(
      /sites: Số điểm tổ chức Ngày hội không được nhỏ hơn 0.*attendance: Số người tham dự phải là số/,
    );
    await expect(
      rejection(
        sonDong.executeUpdate(submitUpdate, {
          args: [{ milestoneId: 'to-chuc-ngay-hoi', actor: 'x', payload: { events: [] } }],
        }),
      ),
    ).resolves.toMatch(/không áp dụng cho đơn vị 'son-dong'/);
    const late = await sonDong.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'ke-hoach',
          actor: 'Trần Văn B',
          payload: { document: { title: 'Kế hoạch 15/KH-BCĐ' } },
        },
      ],
    });
    expect(late).toMatchObject({ onTime: false, status: 'late' });
    const after = await sonDong.query(stateQuery);
    expect(milestone(after, 'bao-cao-ket-qua').submissions).toHaveLength(0);
    expect(milestone(after, 'ke-hoach').submissions.map((s) => [s.actor, s.onTime])).toEqual([
      ['Trần Văn B', false],
    ]);
  });

  it('an extension moves the pending reminders and escalations; a waiver stops them', async () => {
    const [yenThe, yenDung] = await Promise.all([startUnit('yen-the'), startUnit('yen-dung')]);
    const reg = unitSchedule(campaign, 'yen-the').find((s) => s.milestoneId === 'bao-cao-ket-qua');
    if (!reg) throw new Error('no bao-cao-ket-qua');
    const first = reg.reminders[0];
    if (!first) throw new Error('no reminder');
    await advanceTo(first.at);
    await smtp.waitFor(
      (all) =>
        all.filter(
          (m) =>
            m.parsed.headers.get('x-dondoc-milestone') === 'bao-cao-ket-qua' &&
            ['yen-the', 'yen-dung'].includes(String(m.parsed.headers.get('x-dondoc-unit'))),
        ).length >= 2,
    );

    const dueDate = DateTime.fromISO(reg.dueAt, { zone: ZONE });
    const newDue = dueDate.plus({ days: 45 }).toISODate() as string;
    const extended = await yenThe.executeUpdate(extendUpdate, {
      args: [
        { milestoneId: 'bao-cao-ket-qua', actor: 'PV05', reason: 'Huyện đề nghị gia hạn do mưa bão', newDue },
      ],
    });
    expect(extended.schedule.dueAt).toBe(
      DateTime.fromISO(newDue, { zone: ZONE }).toISO({ suppressMilliseconds: true }),
    );
    expect(extended.events.map((e) => [e.kind, e.actor, e.reason])).toEqual([
      ['extended', 'PV05', 'Huyện đề nghị gia hạn do mưa bão'],
    ]);
    await yenDung.executeUpdate(waiveUpdate, {
      args: [{ milestoneId: 'bao-cao-ket-qua', actor: 'PV05', reason: 'Không có điểm được chọn' }],
    });

    // Past the original deadline and its escalations, but before the new one.
    const lastOriginal = reg.escalations[reg.escalations.length - 1];
    await advanceTo(lastOriginal?.at ?? reg.dueAt);
    const ytState = milestone(await yenThe.query(stateQuery), 'bao-cao-ket-qua');
    const ydState = milestone(await yenDung.query(stateQuery), 'bao-cao-ket-qua');
    expect(ydState.status).toBe('waived');
    expect(ydState.sent.map((n) => [n.kind, n.seq])).toEqual([
      ['opened', 1],
      ['reminder', 1],
      ['waived', 1],
    ]);
    expect(ytState.status).toBe('open');
    expect(ytState.sent.filter((n) => n.kind === 'escalation' || n.kind === 'overdue')).toHaveLength(0);
    // The extension was announced, then the new schedule's reminders went out at their new instants.
    expect(ytState.sent.map((n) => n.kind).slice(0, 3)).toEqual(['opened', 'reminder', 'extended']);
    const sentAfter = ytState.sent
      .filter((n) => n.dueAt === extended.schedule.dueAt && n.kind !== 'extended')
      .map((n) => local(n.sentAt));
    const expected = extended.schedule.reminders
      .filter(
        (r) =>
          Date.parse(r.at) >= Date.parse(extended.activeFrom) &&
          Date.parse(r.at) <= Date.parse(lastOriginal?.at ?? reg.dueAt) + 60_000,
      )
      .map((r) => local(r.at));
    expect(sentAfter).toEqual(expected);
    for (const n of ytState.sent.filter((x) => x.dueAt === extended.schedule.dueAt)) {
      const mail = smtp.received.find((m) => m.messageId === n.messageId);
      expect(mail?.subject).toContain(`trước ngày ${DateTime.fromISO(newDue).toFormat('dd/MM/yyyy')}`);
    }
  });
});
