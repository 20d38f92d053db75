// Reminders in batches (UnitPlan.batchReminders): a parent unit sends its subordinates' reminders, one activity
// per instant, and they are still each unit's own (its Message-ID, its record, its audit), on the time-skipping
// server with a real SMTP server.
import { buildAudit } from '../../client/audit';
import { unitWorkflowId } from '../../contract/ids';
import { extendUpdate, stateQuery, submitUpdate } from '../../contract/messages';
import { REMINDER_BATCH_ACTIVITY } from '../../contract/reminder-batch';
import { unitSchedule } from '../../core/calendar/schedule';
import { plan, tinyCampaign } from '../support/campaigns';
import { Engine, kindOf, milestone } from '../support/engine';

const engine = new Engine('reminder-batches');
const ID = 'reminder-batches';
const M = 'ke-hoach';
const DEAD = 'dead@xa-chet.example.org';
let year: number;

beforeAll(async () => {
  await engine.start((y) => {
    year = y + 1;
    const base = tinyCampaign([plan(M, { kind: 'before', date: `${year}-05-12` })], {
      id: ID,
      document: { issued: `${y}-01-02` },
    });
    const commune = (id: string) => ({
      id,
      name: `Xã ${id}`,
      level: 'commune',
      parent: 'huyen',
      emails: [`${id}@example.org`],
      tags: [],
    });
    return {
      ...base,
      levels: [...base.levels, { id: 'district', name: 'Huyện' }],
      units: [
        { id: 'root', name: 'Tỉnh', level: 'province', emails: ['root@example.org'], tags: [] },
        {
          id: 'huyen',
          name: 'Huyện',
          level: 'district',
          parent: 'root',
          emails: ['h@example.org'],
          tags: [],
        },
        commune('xa-1'),
        commune('xa-2'),
        commune('xa-3'),
        commune('xa-4'),
        { ...commune('xa-chet'), emails: [DEAD] },
      ],
    };
  });
  engine.smtp.rejectRecipient((address) =>
    address === DEAD ? { code: 550, message: '5.1.1 Mailbox does not exist' } : undefined,
  );
}, 180_000);

afterAll(async () => {
  await engine.recordHistories('reminder-batches-in-task', ['huyen', 'xa-1', 'xa-3']);
  await engine.stop();
});

/** Each reminder received by Message-ID, for one unit: the ids, and how many times each came. */
function remindersTo(unitId: string) {
  const mails = engine.mailFor(unitId, M).filter((m) => ['reminder', 'last-day'].includes(kindOf(m)));
  const ids = mails.map((m) => m.parsed.messageId ?? '');
  return { ids: [...new Set(ids)], copies: ids.length };
}

/** The batches a workflow's history holds: each one's scheduled input. */
async function batchesOf(unitId: string): Promise<{ items: { unitId: string }[] }[]> {
  const handle = engine.env.client.workflow.getHandle(unitWorkflowId(ID, unitId));
  const history = await handle.fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const s = e.activityTaskScheduledEventAttributes;
    if (s?.activityType?.name !== REMINDER_BATCH_ACTIVITY) return [];
    const data = s.input?.payloads?.[0]?.data;
    return data ? [JSON.parse(Buffer.from(data).toString('utf8'))] : [];
  });
}

/** The kinds of notice a unit's own history sent (sendNotice as an activity or a local activity). */
async function ownNoticeKinds(unitId: string): Promise<string[]> {
  const handle = engine.env.client.workflow.getHandle(unitWorkflowId(ID, unitId));
  const json = (p: { data?: Uint8Array | null } | undefined | null) =>
    p?.data ? JSON.parse(Buffer.from(p.data).toString('utf8')) : undefined;
  return ((await handle.fetchHistory()).events ?? []).flatMap((e) => {
    const s = e.activityTaskScheduledEventAttributes;
    if (s?.activityType?.name === 'sendNotice') return [json(s.input?.payloads?.[0])?.kind as string];
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_local_activity') return [];
    const kind = json(marker.details?.result?.payloads?.[0])?.notice?.notice;
    return kind ? [kind as string] : [];
  });
}

async function sentOwnReminder(unitId: string): Promise<boolean> {
  const kinds = await ownNoticeKinds(unitId);
  expect(kinds).toContain('opened');
  return kinds.some((k) => k === 'reminder' || k === 'last-day');
}

const OWING = ['xa-1', 'xa-4', 'huyen'];

it('sends each commune its reminders from the district, one batch per instant, each once', async () => {
  const schedule = unitSchedule(engine.campaign, 'xa-1').find((s) => s.milestoneId === M);
  const [r1, r2, r3] = schedule?.reminders ?? [];
  if (!schedule || !r1 || !r2 || !r3) throw new Error('expected three reminders');
  const [xa1, xa2, xa3] = await Promise.all(
    ['xa-1', 'xa-2', 'xa-3', 'xa-4', 'xa-chet'].map((u) => engine.unit(u)),
  );
  if (!xa1 || !xa2 || !xa3) throw new Error('units did not start');

  // Xã 2 submits before any reminder: it hears none.
  await xa2.executeUpdate(submitUpdate, {
    args: [{ milestoneId: M, actor: 'Xã 2', payload: { document: { title: 'Kế hoạch Xã 2' } } }],
  });
  await engine.advanceTo(r1.at);
  await engine.smtp.waitFor(() =>
    ['xa-1', 'xa-3', 'xa-4', 'huyen'].every((u) => remindersTo(u).ids.length === 1),
  );

  // Xã 3's deadline moves a week on after the first reminder: its later reminders follow the new deadline.
  await xa3.executeUpdate(extendUpdate, {
    args: [{ milestoneId: M, newDue: `${year}-05-19`, actor: 'Huyện', reason: 'thêm thời gian' }],
  });
  // The mail server is down from before the second reminder until two hours after it: nothing is lost, and
  // nothing is recorded as refused; once it is back, each second reminder arrives once.
  await engine.advanceTo(r2.at, -3_600_000);
  await engine.smtp.suspend();
  await engine.advanceTo(r2.at, 2 * 3_600_000);
  expect(OWING.map((u) => remindersTo(u).ids.length)).toEqual([1, 1, 1]);
  await engine.smtp.resume();
  await engine.env.sleep(3_600_000);
  await engine.smtp.waitFor(() => OWING.every((u) => remindersTo(u).ids.length === 2), 30_000);

  await engine.advanceTo(schedule.dueAt);
  await engine.smtp.waitFor(() => OWING.every((u) => remindersTo(u).ids.length === 3));

  for (const u of ['xa-1', 'xa-4', 'huyen']) expect(remindersTo(u)).toMatchObject({ copies: 3 });
  expect(remindersTo('xa-2').copies).toBe(0);
  // Xã 3: the first reminder under the old deadline, then those of the new one that fell before this instant.
  const xa3Ids = remindersTo('xa-3').ids;
  expect(xa3Ids[0]).toContain(`.${Date.parse(schedule.dueAt)}@`);
  expect(xa3Ids.slice(1).every((id) => !id.includes(`.${Date.parse(schedule.dueAt)}@`))).toBe(true);

  // The district sent the communes' reminders in batches, one per instant (Xã 3's own lane sent none).
  const batches = await batchesOf('huyen');
  expect(batches.length).toBeGreaterThanOrEqual(3);
  expect(batches[0]?.items.map((i) => i.unitId).sort()).toEqual(['xa-1', 'xa-3', 'xa-4', 'xa-chet']);
  for (const u of ['xa-1', 'xa-3', 'xa-4']) expect(await sentOwnReminder(u)).toBe(false);
  // The district's own reminders came from the province's batches.
  expect((await batchesOf('root')).flatMap((b) => b.items.map((i) => i.unitId))).toEqual([
    'huyen',
    'huyen',
    'huyen',
  ]);

  // Past the new deadline Xã 3 has heard the first reminder of the old one and all three of the new one.
  await engine.advanceTo(`${year}-05-19T00:00:00+07:00`);
  await engine.smtp.waitFor(() => remindersTo('xa-3').ids.length === 4);
  expect(remindersTo('xa-3').copies).toBe(4);
  expect(await sentOwnReminder('xa-3')).toBe(false);

  // Past the deadline each commune's record has the reminders the district sent for it, by Message-ID.
  const ms = milestone(await xa1.query(stateQuery), M);
  const recorded = ms.sent.filter((n) => n.kind === 'reminder');
  expect(recorded.map((n) => n.messageId).sort()).toEqual(remindersTo('xa-1').ids.sort());
  expect(recorded.every((n) => n.by === unitWorkflowId(ID, 'huyen'))).toBe(true);
  expect(milestone(await xa2.query(stateQuery), M).sent.filter((n) => n.kind === 'reminder')).toEqual([]);

  // A mailbox that does not exist: each reminder is refused once, and the unit records it and is flagged.
  const dead = milestone(await (await engine.unit('xa-chet')).query(stateQuery), M);
  const refused = dead.sent.filter((n) => n.kind === 'reminder' || n.kind === 'last-day');
  expect(refused.map((n) => n.seq)).toEqual([1, 2, 3]);
  for (const n of refused) expect(n.failure).toMatch(/550.*Mailbox does not exist/);
  expect(dead.flags).toEqual([expect.stringMatching(/^undeliverable: .*550/)]);
  // Each tried once: the opened notice, the reminders and the overdue notices, all recorded.
  const toUnit = dead.sent.filter((n) => n.recipients.join() === 'unit');
  expect(toUnit.length).toBeGreaterThan(4);
  expect(engine.smtp.rcptAttempts.filter((a) => a === DEAD)).toHaveLength(toUnit.length);
});

it('finds every batched reminder in the audit trail, under its unit, for the campaign and for one unit', async () => {
  const client = engine.env.client;
  const all = await buildAudit(client, ID);
  for (const u of ['xa-1', 'xa-3', 'xa-4', 'huyen']) {
    const received = remindersTo(u).ids.sort();
    expect(received.length).toBe(u === 'xa-3' ? 4 : 3);
    const audited = all.entries
      .filter((e) => e.unitId === u && e.kind === 'reminder')
      .map((e) => e.messageId)
      .sort();
    expect(audited).toEqual(received);
  }
  const one = await buildAudit(client, ID, { unitId: 'xa-1', campaignEntries: false });
  const reminders = one.entries.filter((e) => e.kind === 'reminder');
  expect(reminders.map((e) => e.messageId).sort()).toEqual(remindersTo('xa-1').ids.sort());
  expect(reminders.every((e) => e.workflowId === unitWorkflowId(ID, 'huyen'))).toBe(true);
  expect(one.entries.every((e) => e.unitId === 'xa-1')).toBe(true);
});
