// Delivery through the engine: a mail server that refuses connections for a while gets every notice that came
// due meanwhile, each once; a 4xx is retried until it passes; a 5xx is recorded on the unit (flag and the sent
// record's failure), tried once, and the unit's other obligations go on.
import { noticeMessageId } from '../../contract/ids';
import { stateQuery, submitUpdate } from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign, Unit } from '../../core/definition/types';
import { DEFAULT_ESCALATION, DEFAULT_REMINDERS, plan } from '../support/campaigns';
import { Engine, kindOf, milestone, ZONE } from '../support/engine';

// Each unit sends its own reminders here: what a unit's own sends do when the server fails. The same faults
// under batched reminders are in reminder-batches.test.ts.
const engine = new Engine('delivery', { batchReminders: false });
const C = 'delivery';
const DEAD = 'dead@xa-chet.example.org';
const HALF_DEAD = 'cu@xa-nua.example.org';
const GREY = 'grey@xa-xam.example.org';

function campaign(year: number): Campaign {
  const commune = (id: string, emails: string[]): Unit => ({
    id,
    name: `Xã ${id}`,
    level: 'commune',
    parent: 'tinh',
    emails,
    tags: [],
  });
  return {
    campaign: {
      id: C,
      title: 'Chiến dịch thử gửi thư',
      issuer: 'tinh',
      document: { issued: `${year}-01-05` },
      timeZone: ZONE,
      language: 'vi',
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'commune', name: 'Xã' },
    ],
    units: [
      { id: 'tinh', name: 'Ban Chỉ đạo tỉnh', level: 'province', emails: ['bcd@tinh.example.org'], tags: [] },
      commune('xa-1', ['xa1@example.org']),
      commune('xa-2', ['xa2@example.org']),
      commune('xa-3', ['xa3@example.org']),
      commune('xa-xam', [GREY]),
      commune('xa-chet', [DEAD]),
      commune('xa-nua', ['moi@xa-nua.example.org', HALF_DEAD]),
    ],
    calendar: DEFAULT_CALENDAR_RULES,
    milestones: [
      plan(
        'ke-hoach',
        { kind: 'before', date: `${year}-03-10` },
        {
          reminders: DEFAULT_REMINDERS,
          escalation: DEFAULT_ESCALATION,
        },
      ),
    ],
  };
}

beforeAll(async () => {
  await engine.start((y) => campaign(y + 1));
  engine.smtp.rejectRecipient((address) =>
    address === DEAD || address === HALF_DEAD
      ? { code: 550, message: '5.1.1 Mailbox does not exist' }
      : undefined,
  );
});
afterAll(() => engine.stop());

const schedule = () => {
  const s = unitSchedule(engine.campaign, 'xa-1').find((x) => x.milestoneId === 'ke-hoach');
  if (!s) throw new Error('no schedule');
  return s;
};
const COMMUNES = ['xa-1', 'xa-2', 'xa-3', 'xa-xam', 'xa-chet', 'xa-nua'];
const reminderId = (unitId: string, seq: number) =>
  noticeMessageId(C, unitId, 'ke-hoach', 'reminder', seq, schedule().dueAt);
const state = async (unitId: string) =>
  milestone(await (await engine.unit(unitId)).query(stateQuery), 'ke-hoach');
const count = (address: string) => engine.smtp.rcptAttempts.filter((a) => a === address).length;

it('a mail server down for hours receives every notice that came due meanwhile, each once', async () => {
  await Promise.all(COMMUNES.map((u) => engine.unit(u)));
  await engine.smtp.waitFor(
    () => engine.smtp.received.filter((m) => kindOf(m) === 'opened').length >= 5,
    20_000,
  );
  const [first] = schedule().reminders;
  if (!first) throw new Error('no reminder');

  // The server goes away just before the morning's reminders; xa-1 submits while it is away. A greylisting
  // server answers 451 to one address for a while.
  await engine.advanceTo(first.at, -3_600_000);
  await engine.smtp.suspend();
  engine.smtp.rejectRecipient((address) =>
    address === DEAD || address === HALF_DEAD
      ? { code: 550, message: '5.1.1 Mailbox does not exist' }
      : address === GREY
        ? { code: 451, message: '4.7.1 Greylisted, try again later' }
        : undefined,
  );
  const before = engine.smtp.received.length;
  await engine.advanceTo(first.at, 2 * 3_600_000);
  const receipt = await (await engine.unit('xa-1')).executeUpdate(submitUpdate, {
    args: [{ milestoneId: 'ke-hoach', actor: 'UBND xã 1', payload: { document: { title: 'Kế hoạch' } } }],
  });
  expect(receipt.status).toBe('submitted');
  expect(engine.smtp.received.length).toBe(before);
  // Nothing was lost: the reminders are still being tried, not recorded as failed.
  for (const u of ['xa-1', 'xa-2', 'xa-3']) {
    expect((await state(u)).sent.filter((n) => n.kind === 'reminder')).toEqual([]);
  }

  await engine.smtp.resume();
  await engine.env.sleep(3_600_000);
  const expected = [
    ...['xa-1', 'xa-2', 'xa-3', 'xa-nua'].map((u) => reminderId(u, 1)),
    noticeMessageId(C, 'xa-1', 'ke-hoach', 'receipt', 1, schedule().dueAt),
  ];
  await engine.smtp.waitFor((all) => expected.every((id) => all.some((m) => m.messageId === id)), 30_000);
  // The greylisted address is still being tried; once the server takes it, it gets its reminder too.
  expect(engine.smtp.received.some((m) => m.messageId === reminderId('xa-xam', 1))).toBe(false);
  expect(count(GREY)).toBeGreaterThan(1);
  engine.smtp.rejectRecipient((address) =>
    address === DEAD || address === HALF_DEAD
      ? { code: 550, message: '5.1.1 Mailbox does not exist' }
      : undefined,
  );
  await engine.env.sleep(3_600_000);
  await engine.smtp.waitFor((all) => all.some((m) => m.messageId === reminderId('xa-xam', 1)), 30_000);

  const ids = engine.smtp.received.map((m) => m.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  // Each was refused (no server) and retried, then sent once.
  for (const u of ['xa-1', 'xa-2', 'xa-3', 'xa-xam']) {
    expect(await engine.sendAttempts(u, reminderId(u, 1))).toBeGreaterThan(2);
  }
  const since = engine.smtp.received.slice(before).map((m) => m.messageId);
  expect(since.sort()).toEqual([...expected, reminderId('xa-xam', 1)].sort());
  // Recorded as sent, without failure, with the instant each fell due.
  for (const u of ['xa-2', 'xa-3', 'xa-xam']) {
    const [r] = (await state(u)).sent.filter((n) => n.kind === 'reminder');
    expect(r).toMatchObject({ seq: 1, plannedAt: first.at, messageId: reminderId(u, 1) });
    expect(r?.failure).toBeUndefined();
  }
});

it('a 5xx address is recorded, not retried, and the unit’s other obligations go on', async () => {
  const s = schedule();
  const last = s.escalations[s.escalations.length - 1];
  if (!last) throw new Error('no escalations');
  await engine.advanceTo(last.at);
  await engine.smtp.waitFor(
    (all) =>
      all.some((m) => kindOf(m) === 'escalation' && m.parsed.headers.get('x-dondoc-unit') === 'xa-chet'),
    30_000,
  );

  const dead = await state('xa-chet');
  const toUnit = dead.sent.filter((n) => n.recipients.join() === 'unit');
  // opened, every reminder, every overdue notice: each tried once, each recorded with the server's answer.
  expect(toUnit.map((n) => n.kind)).toEqual([
    'opened',
    ...s.reminders.map(() => expect.stringMatching(/^(reminder|last-day)$/)),
    ...s.escalations.filter((e) => e.to.includes('unit')).map(() => 'overdue'),
  ]);
  for (const n of toUnit) expect(n.failure).toMatch(/550.*Mailbox does not exist/);
  expect(count(DEAD)).toBe(toUnit.length);
  expect(dead.flags).toEqual([expect.stringMatching(/^undeliverable: .*550/)]);
  expect(dead.status).toBe('overdue');
  // Its superior still hears about it.
  const escalation = dead.sent.filter((n) => n.kind === 'escalation');
  expect(escalation).toHaveLength(s.escalations.filter((e) => e.to.includes('parent')).length);
  for (const n of escalation) {
    expect(n.failure).toBeUndefined();
    expect(n.to).toEqual(['bcd@tinh.example.org']);
    expect(engine.smtp.received.filter((m) => m.messageId === n.messageId)).toHaveLength(1);
  }

  // A unit with one good and one dead address: the good one gets everything, the dead one is named.
  const half = await state('xa-nua');
  expect(half.sent.length).toBeGreaterThan(4);
  for (const n of half.sent.filter((x) => x.recipients.join() === 'unit')) {
    expect(n.failure).toMatch(new RegExp(`^${HALF_DEAD}: .*550`));
    expect(engine.smtp.received.filter((m) => m.messageId === n.messageId)).toHaveLength(1);
  }
  expect(half.flags).toEqual([expect.stringMatching(new RegExp(`^undeliverable: ${HALF_DEAD}`))]);

  // The dead mailbox's unit can still submit; its receipt is tried once and recorded, and the flag stays.
  await (await engine.unit('xa-chet')).executeUpdate(submitUpdate, {
    args: [{ milestoneId: 'ke-hoach', actor: 'UBND xã chết', payload: { document: { title: 'Kế hoạch' } } }],
  });
  for (let i = 0; i < 100 && !(await state('xa-chet')).sent.some((n) => n.kind === 'receipt'); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const after = await state('xa-chet');
  expect(after.status).toBe('late');
  expect(after.sent.find((n) => n.kind === 'receipt')?.failure).toMatch(/550/);
  expect(after.flags).toEqual([expect.stringMatching(/^undeliverable: /)]);
  expect(count(DEAD)).toBe(toUnit.length + 1);
});
