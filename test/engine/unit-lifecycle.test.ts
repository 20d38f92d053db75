// A unit's lifecycle on the time-skipping server, with mail through a real SMTP server in the test.
import { DateTime } from 'luxon';
import { unitSchedule } from '../../core/calendar/schedule';
import type { Campaign } from '../../core/definition/types';
import {
  extendUpdate,
  type MilestoneState,
  stateQuery,
  submitUpdate,
  waiveUpdate,
} from '../../workflows/messages';
import { bacGiangIn } from '../support/campaigns';
import { Engine, local, milestone, rejection, ZONE } from '../support/engine';
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
  await engine.recordHistories('lifecycle', ['son-dong', 'luc-ngan', 'yen-the', 'yen-dung']);
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
    await smtp.waitFor((all) => all.filter((m) => m.subject.includes('Kế hoạch tổ chức')).length >= 2);
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
    const reminders = (s: MilestoneState) => s.sent.filter((n) => n.kind === 'reminder');
    // Each reminder once, at its computed instant.
    expect(reminders(sd).map((n) => local(n.sentAt))).toEqual(plan.reminders.map((r) => local(r.at)));
    expect(reminders(ln).map((n) => local(n.sentAt))).toEqual([local(first.at)]);
    expect(sd.status).toBe('overdue');
    expect(ln.status).toBe('submitted');

    const mails = smtp.received.filter((m) => m.parsed.headers.get('x-dondoc-milestone') === 'ke-hoach');
    const toSonDong = mails.filter(
      (m) => m.subject.startsWith('[Nhắc hạn]') && m.envelopeTo.includes('bcd@sondong.example.org'),
    );
    expect(toSonDong).toHaveLength(plan.reminders.length);
    const dueText = `trước ngày ${DateTime.fromISO(plan.dueAt, { zone: ZONE }).toFormat('dd/MM/yyyy')}`;
    for (const m of toSonDong) {
      expect(m.subject).toContain(dueText);
      expect(m.text).toContain('Kính gửi: Ban Chỉ đạo huyện Sơn Động');
    }
    expect(
      mails.filter(
        (m) => m.subject.startsWith('[Nhắc hạn]') && m.envelopeTo.includes('bcd@lucngan.example.org'),
      ),
    ).toHaveLength(1);
    // Every Message-ID once: nothing sent twice.
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);

    // Escalations: first to the unit, then to the unit and its parent; they name the unit. Lục Ngạn gets none.
    const escalations = sd.sent.filter((n) => n.kind === 'escalation');
    expect(escalations.map((n) => [local(n.sentAt), n.recipients])).toEqual([
      [local(e1.at), ['unit']],
      [local(e2.at), ['unit', 'parent']],
    ]);
    const toParent = mails.find(
      (m) =>
        m.subject.startsWith('[Quá hạn]') &&
        m.envelopeTo.includes('bcd138@bacgiang.example.org') &&
        m.parsed.headers.get('x-dondoc-unit') === 'son-dong',
    );
    expect(toParent?.subject).toContain('Ban Chỉ đạo huyện Sơn Động chưa gửi');
    expect(ln.sent.filter((n) => n.kind === 'escalation')).toHaveLength(0);

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
      /sites: Số điểm tổ chức Ngày hội must be at least 0.*attendance: Số người tham dự must be a number/,
    );
    await expect(
      rejection(
        sonDong.executeUpdate(submitUpdate, {
          args: [{ milestoneId: 'to-chuc-ngay-hoi', actor: 'x', payload: { events: [] } }],
        }),
      ),
    ).resolves.toMatch(/does not apply to unit 'son-dong'/);
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
    expect(ydState.sent.map((n) => n.seq)).toEqual([1]);
    expect(ytState.status).toBe('open');
    expect(ytState.sent.filter((n) => n.kind === 'escalation')).toHaveLength(0);
    // The new schedule's reminders after the extension went out at their new instants.
    const sentAfter = ytState.sent
      .filter((n) => n.dueAt === extended.schedule.dueAt)
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
