// Issue 15, defect 18: a mail server that answers a unit's only address with a 4xx every time (452, mailbox
// full) must not hold back the notices after it in that milestone's lane, the escalations to the unit's
// superior included. Each notice to it is tried again (a greylist's 451 passes on a later try), then given up
// once deferred long enough (here at once: deferGiveUpMs 0, so on its second deferral) and recorded as
// undeliverable; the superior hears about the unit as it would about any other.
import { stateQuery } from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign } from '../../core/definition/types';
import { DEFAULT_ESCALATION, DEFAULT_REMINDERS, plan } from '../support/campaigns';
import { Engine, kindOf, milestone, ZONE } from '../support/engine';

const engine = new Engine('deferred', { deferGiveUpMs: 0 });
const FULL = 'day@xa-day.example.org';

function campaign(year: number): Campaign {
  return {
    campaign: {
      id: 'deferred',
      title: 'Chiến dịch thử hộp thư đầy',
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
      { id: 'xa-day', name: 'Xã Đầy', level: 'commune', parent: 'tinh', emails: [FULL], tags: [] },
      { id: 'xa-1', name: 'Xã 1', level: 'commune', parent: 'tinh', emails: ['xa1@example.org'], tags: [] },
    ],
    calendar: DEFAULT_CALENDAR_RULES,
    milestones: [
      plan(
        'ke-hoach',
        { kind: 'before', date: `${year}-03-10` },
        { reminders: DEFAULT_REMINDERS, escalation: DEFAULT_ESCALATION },
      ),
    ],
  };
}

beforeAll(async () => {
  await engine.start((y) => campaign(y + 1));
  engine.smtp.rejectRecipient((address) =>
    address === FULL ? { code: 452, message: '4.2.2 Mailbox full' } : undefined,
  );
});
afterAll(() => engine.stop());

it('gives up a notice deferred too long, records it, and the lane and the superior go on', async () => {
  const s = unitSchedule(engine.campaign, 'xa-day').find((x) => x.milestoneId === 'ke-hoach');
  const last = s?.escalations[s.escalations.length - 1];
  if (!s || !last) throw new Error('no schedule');
  await engine.advanceTo(last.at);
  await engine.smtp.waitFor(
    (all) =>
      all.some((m) => kindOf(m) === 'escalation' && m.parsed.headers.get('x-dondoc-unit') === 'xa-day'),
    60_000,
  );
  const full = milestone(await (await engine.unit('xa-day')).query(stateQuery), 'ke-hoach');
  const toUnit = full.sent.filter((n) => n.recipients.join() === 'unit');
  expect(toUnit.map((n) => n.kind)).toEqual([
    'opened',
    ...s.reminders.map(() => expect.stringMatching(/^(reminder|last-day)$/)),
    ...s.escalations.filter((e) => e.to.includes('unit')).map(() => 'overdue'),
  ]);
  for (const n of toUnit) expect(n.failure).toMatch(/452.*given up/);
  // Each tried twice (a 4xx gets another try), none delivered.
  const tries = engine.smtp.rcptAttempts.filter((a) => a === FULL).length;
  expect(tries).toBe(2 * toUnit.length);
  expect(full.flags).toEqual([expect.stringMatching(/^undeliverable: .*452/)]);
  // The superior heard about it at each escalation step, once each.
  const escalations = full.sent.filter((n) => n.kind === 'escalation');
  expect(escalations).toHaveLength(s.escalations.filter((e) => e.to.includes('parent')).length);
  for (const n of escalations) {
    expect(n.failure).toBeUndefined();
    expect(engine.smtp.received.filter((m) => m.messageId === n.messageId)).toHaveLength(1);
  }
  // The other commune's lane was never held: its reminders all came.
  const other = milestone(await (await engine.unit('xa-1')).query(stateQuery), 'ke-hoach');
  expect(other.sent.filter((n) => n.kind === 'reminder' || n.kind === 'last-day')).toHaveLength(
    s.reminders.length,
  );
});
