// Daily digests (`escalation.digest: daily`): escalations to a superior go into one email per superior and day,
// at the policy's sendAt, listing exactly its overdue subordinates; the overdue notices to the units still go.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { mailTemplateChecker } from '../../activities/mail/templates';
import { digestMessageId, digestThreadRootId, unitWorkflowId } from '../../contract/ids';
import { stateQuery, submitUpdate } from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import { loadCampaignFile } from '../../core/definition/load';
import type { Campaign, EscalationPolicy, Unit } from '../../core/definition/types';
import { DEFAULT_REMINDERS, plan } from '../support/campaigns';
import { Engine, kindOf, milestone, ZONE } from '../support/engine';
import type { ReceivedMail } from '../support/smtp';

// A small history limit: superiors and the campaign continue as new along the way, carrying their digests.
const engine = new Engine('digest', { historyLimit: 60 });
const C = 'digest';

const DAILY: EscalationPolicy = {
  steps: [
    { after: 'P1D', to: ['unit'] },
    { after: 'P2D', to: ['unit', 'parent'] },
  ],
  repeatEvery: 'P7D',
  maxRepeats: 1,
  sendAt: '08:00',
  workingDaysOnly: true,
  digest: 'daily',
};

function campaign(year: number): Campaign {
  const unit = (id: string, name: string, level: string, parent: string): Unit => ({
    id,
    name,
    level,
    parent,
    emails: [`${id}@example.org`],
    tags: [],
  });
  return {
    campaign: {
      id: C,
      title: 'Chiến dịch thử tổng hợp',
      issuer: 'tinh',
      document: { issued: `${year}-01-05` },
      timeZone: ZONE,
      language: 'vi',
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'district', name: 'Huyện' },
      { id: 'commune', name: 'Xã' },
    ],
    units: [
      { id: 'tinh', name: 'Ban Chỉ đạo tỉnh', level: 'province', emails: ['bcd@tinh.example.org'], tags: [] },
      unit('huyen-a', 'Huyện A', 'district', 'tinh'),
      unit('huyen-b', 'Huyện B', 'district', 'tinh'),
      unit('so-x', 'Sở X', 'district', 'tinh'),
      unit('xa-1', 'Xã Một', 'commune', 'huyen-a'),
      unit('xa-2', 'Xã Hai', 'commune', 'huyen-a'),
      unit('xa-3', 'Xã Ba', 'commune', 'huyen-a'),
      unit('xa-4', 'Xã Bốn', 'commune', 'huyen-b'),
    ],
    calendar: DEFAULT_CALENDAR_RULES,
    milestones: [
      plan(
        'ke-hoach',
        { kind: 'before', date: `${year}-03-10` },
        {
          title: 'Kế hoạch tổ chức',
          reminders: { ...DEFAULT_REMINDERS, offsets: ['P1D'] },
          escalation: DAILY,
        },
      ),
      plan(
        'dang-ky',
        { kind: 'before', date: `${year}-03-10` },
        {
          title: 'Đăng ký điểm',
          appliesTo: { units: ['xa-2', 'xa-3'] },
          reminders: { ...DEFAULT_REMINDERS, offsets: ['P1D'] },
          escalation: DAILY,
        },
      ),
    ],
  };
}

beforeAll(() => engine.start((y) => campaign(y + 1)));
afterAll(async () => {
  // Replayed by test/replay.test.ts: superiors sending digests (a district, the issuer), a unit escalating into one.
  await engine.recordHistories('digest-status-memo', ['tinh', 'huyen-a', 'xa-3']);
  await engine.stop();
});

const steps = () => {
  const s = unitSchedule(engine.campaign, 'xa-3').find((x) => x.milestoneId === 'ke-hoach');
  if (!s) throw new Error('no schedule');
  return s;
};
const submit = async (unitId: string, milestoneId = 'ke-hoach') =>
  (await engine.unit(unitId)).executeUpdate(submitUpdate, {
    args: [{ milestoneId, actor: `Cán bộ ${unitId}`, payload: { document: { title: 'Kế hoạch' } } }],
  });
const digests = () => engine.smtp.received.filter((m) => kindOf(m) === 'digest');
const digestTo = (address: string) => digests().filter((m) => m.envelopeTo.includes(address));
const date = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('dd/MM/yyyy');
const daysOverdue = (at: string) =>
  DateTime.fromISO(at, { zone: ZONE })
    .startOf('day')
    .diff(DateTime.fromISO(steps().dueAt, { zone: ZONE }).startOf('day'), 'days').days;
/** Whether the workflow's current run was started by continue-as-new. */
async function continued(workflowId: string): Promise<boolean> {
  const history = await engine.env.client.workflow.getHandle(workflowId).fetchHistory();
  return Boolean(history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId);
}

/** The digest's rows, as its text lists them. */
const rows = (m: ReceivedMail | undefined) => (m?.text ?? '').split('\n').filter((l) => l.startsWith('- '));

it('validates the policy: daily or none, per campaign or per milestone', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-digest-'));
  const minimal = readFileSync(path.join(__dirname, '..', 'fixtures', 'good', 'minimal.yaml'), 'utf8');
  const write = (name: string, extra: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, `${minimal}\n${extra}\n`);
    return file;
  };
  const bad = await loadCampaignFile(write('bad.yaml', 'escalation:\n  digest: weekly'), mailTemplateChecker);
  expect(bad.ok).toBe(false);
  expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual([['escalation', 'digest']]);
  const good = await loadCampaignFile(
    write('good.yaml', 'escalation:\n  digest: daily'),
    mailTemplateChecker,
  );
  expect(good.ok && good.campaign.milestones.map((m) => m.escalation.digest)).toEqual(['daily', 'daily']);
  const none = await loadCampaignFile(write('none.yaml', ''), mailTemplateChecker);
  expect(none.ok && none.campaign.milestones.map((m) => m.escalation.digest ?? 'none')).toEqual([
    'none',
    'none',
  ]);
  const own = minimal.replace(
    'due: trước ngày 10/5/2024',
    'due: trước ngày 10/5/2024\n    escalation: { digest: none }',
  );
  writeFileSync(path.join(dir, 'own.yaml'), `${own}\nescalation:\n  digest: daily\n`);
  const mixed = await loadCampaignFile(path.join(dir, 'own.yaml'), mailTemplateChecker);
  expect(mixed.ok && mixed.campaign.milestones.map((m) => m.escalation.digest)).toEqual(['none', 'daily']);
});

it('a superior gets one digest at the policy’s sendAt listing exactly its overdue subordinates', async () => {
  const s = steps();
  const [p1, p2, repeat] = s.escalations;
  if (!p1 || !p2 || !repeat) throw new Error('expected three escalation steps');
  expect(p2.to).toEqual(['unit', 'parent']);
  await Promise.all(
    ['xa-1', 'xa-2', 'xa-3', 'xa-4', 'huyen-a', 'huyen-b', 'so-x'].map((u) => engine.unit(u)),
  );

  // On time: xa-1, xa-4, huyen-b; xa-2 registers its sites on time.
  await engine.advanceTo(s.reminders[0]?.at ?? s.dueAt);
  for (const u of ['xa-1', 'xa-4', 'huyen-b']) await submit(u);
  await submit('xa-2', 'dang-ky');
  // After the first step (to the units alone), xa-2 sends its plan late: it is off every list.
  await engine.advanceTo(p1.at);
  expect(digests()).toEqual([]);
  await submit('xa-2');
  await engine.advanceTo(p2.at);
  await engine.smtp.waitFor(() => digests().length >= 2, 20_000);

  const day = p2.at.slice(0, 10);
  const [toA, ...moreA] = digestTo('huyen-a@example.org');
  expect(moreA).toEqual([]);
  expect(toA?.envelopeTo).toEqual(['huyen-a@example.org']);
  expect(toA?.messageId).toBe(digestMessageId(C, 'huyen-a', day, 1));
  expect(String(toA?.parsed.headers.get('in-reply-to'))).toBe(digestThreadRootId(C, 'huyen-a'));
  // Dated at the step's instant, the policy's sendAt.
  expect(toA?.parsed.date?.toISOString()).toBe(new Date(p2.at).toISOString());
  expect(toA?.subject).toBe(
    `[Tổng hợp quá hạn] Huyện A: 2 nội dung của đơn vị trực thuộc chưa gửi, ngày ${date(p2.at)}`,
  );
  const n = daysOverdue(p2.at);
  expect(rows(toA)).toEqual([
    `- Xã Ba: Đăng ký điểm, hạn trước ngày ${date(s.dueAt)}, quá hạn ${n} ngày (xa-3@example.org)`,
    `- Xã Ba: Kế hoạch tổ chức, hạn trước ngày ${date(s.dueAt)}, quá hạn ${n} ngày (xa-3@example.org)`,
  ]);
  // The issuer's own digest: its direct subordinates that are overdue, not the communes below them.
  const [toIssuer, ...moreIssuer] = digestTo('bcd@tinh.example.org');
  expect(moreIssuer).toEqual([]);
  expect(toIssuer?.messageId).toBe(digestMessageId(C, 'tinh', day, 1));
  expect(rows(toIssuer).map((r) => r.split(':')[0])).toEqual(['- Huyện A', '- Sở X']);
  // Huyện B's subordinate is done: nothing for it.
  expect(digestTo('huyen-b@example.org')).toEqual([]);
  // No escalation of its own went to any superior; the units themselves were told, at both steps.
  expect(engine.smtp.received.filter((m) => kindOf(m) === 'escalation')).toEqual([]);
  expect(engine.mailFor('xa-3', 'ke-hoach', 'overdue')).toHaveLength(2);
  expect(engine.mailFor('xa-2', 'ke-hoach', 'overdue')).toHaveLength(1);

  // Both sides record it: the unit's escalation went into its parent's digest; the superior kept the digest.
  const xa3 = milestone(await (await engine.unit('xa-3')).query(stateQuery), 'ke-hoach');
  expect(xa3.sent.filter((x) => x.kind === 'escalation')).toEqual([
    expect.objectContaining({ seq: p2.seq, recipients: ['parent'], digest: ['huyen-a'], messageId: '' }),
  ]);
  const huyenA = await (await engine.unit('huyen-a')).query(stateQuery);
  const sentAt = Date.parse(huyenA.digest?.sent[0]?.sentAt ?? '');
  expect(sentAt - Date.parse(p2.at)).toBeGreaterThanOrEqual(0);
  expect(sentAt - Date.parse(p2.at)).toBeLessThan(60_000);
  expect(huyenA.digest?.sent).toEqual([
    expect.objectContaining({
      day,
      seq: 1,
      plannedAt: p2.at,
      messageId: toA?.messageId,
      to: ['huyen-a@example.org'],
      rows: ['xa-3/dang-ky', 'xa-3/ke-hoach'],
    }),
  ]);
  // The issuer is a unit like any other: its digest is in its own unit workflow.
  const issuer = await (await engine.unit('tinh')).query(stateQuery);
  expect(issuer.digest?.sent.map((d) => d.rows)).toEqual([['huyen-a/ke-hoach', 'so-x/ke-hoach']]);
});

it('the next digest lists those still overdue, with their days, and nothing once all have sent', async () => {
  const s = steps();
  const repeat = s.escalations[2];
  if (!repeat) throw new Error('no repeat');
  await submit('xa-3', 'dang-ky');
  await submit('so-x');
  await engine.advanceTo(repeat.at);
  await engine.smtp.waitFor(() => digests().length >= 4, 20_000);
  const n = daysOverdue(repeat.at);
  const day = repeat.at.slice(0, 10);
  const toA = digestTo('huyen-a@example.org');
  expect(toA).toHaveLength(2);
  expect(toA[1]?.messageId).toBe(digestMessageId(C, 'huyen-a', day, 1));
  expect(rows(toA[1])).toEqual([
    `- Xã Ba: Kế hoạch tổ chức, hạn trước ngày ${date(s.dueAt)}, quá hạn ${n} ngày (xa-3@example.org)`,
  ]);
  const toIssuer = digestTo('bcd@tinh.example.org');
  expect(toIssuer).toHaveLength(2);
  expect(rows(toIssuer[1]).map((r) => r.split(':')[0])).toEqual(['- Huyện A']);

  // Everyone sends: no more digests, whatever comes after. The district first: xa-3's report makes it continue
  // as new (its history limit is small). On the time-skipping server an update that meets that moment goes
  // unanswered and the workflow stops answering queries; a real server retries the update on the new run
  // (temporal#6485).
  await submit('huyen-a');
  await submit('xa-3');
  await engine.advanceTo(repeat.at, 14 * 86_400_000);
  expect(digests()).toHaveLength(4);
  const ids = engine.smtp.received.map((m) => m.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  const huyenA = await (await engine.unit('huyen-a')).query(stateQuery);
  expect(huyenA.digest?.rows).toEqual([]);
  expect(huyenA.digest?.sent.map((d) => d.rows)).toEqual([
    ['xa-3/dang-ky', 'xa-3/ke-hoach'],
    ['xa-3/ke-hoach'],
  ]);
  // Both superiors went through continue-as-new on the way.
  expect(await continued(unitWorkflowId(C, 'huyen-a'))).toBe(true);
  expect(await continued(unitWorkflowId(C, 'tinh'))).toBe(true);
});
