// A batch of reminders (activities/reminder-batch.ts) that a greylisting address makes fail part-way: its retry,
// even on another worker (a fresh `sendNotice` memory), sends only what the first attempt did not, because the
// outcomes so far went with the heartbeats. Real SMTP server, the activity run in the SDK's activity context.
import { MockActivityEnvironment } from '@temporalio/testing';
import nodemailer from 'nodemailer';
import { createActivities } from '../../activities';
import { reminderBatch } from '../../activities/reminder-batch';
import type { UnitPlan } from '../../contract/messages';
import type { ReminderBatchInput, ReminderBatchOutcome } from '../../contract/reminder-batch';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { ctx, iso, milestone, scheduleAround, T0 } from '../workflows/plan-fixtures';
import { FROM } from './notices';

const GREY = 'u3@x.vn';
const DUE = T0 + 240 * 3_600_000;
let smtp: TestSmtpServer;
let transport: ReturnType<typeof nodemailer.createTransport>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
  });
});
afterAll(async () => {
  transport.close();
  await smtp.close();
});

const plans = new Map(
  ['u1', 'u2', 'u3'].map((id) => [
    id,
    {
      ...ctx,
      unit: { ...ctx.unit, id, name: `Unit ${id}`, emails: [`${id}@x.vn`] },
      milestones: [milestone()],
    } as unknown as UnitPlan,
  ]),
);
const [reminder] = scheduleAround(DUE, [24], []).reminders;
const input: ReminderBatchInput = {
  campaignId: ctx.campaign.id,
  items: ['u1', 'u2', 'u3'].map((unitId) => ({
    unitId,
    milestoneId: 'm1',
    dueAt: iso(DUE),
    icsSequence: 0,
    reminder: reminder as NonNullable<typeof reminder>,
  })),
};

/** One worker's batch activity: its own `sendNotice`, so its own memory of what it sent. */
function worker() {
  const acts = createActivities({ transport, from: FROM });
  return reminderBatch({ plansOf: async () => (id) => plans.get(id), send: acts.sendNotice });
}

const copies = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address)).length;

it('retries only the reminders without an outcome, on another worker too', async () => {
  smtp.rejectRecipient((a) => (a === GREY ? { code: 451, message: '4.7.1 Greylisted' } : undefined));
  const first = new MockActivityEnvironment({ attempt: 1 });
  let details: ReminderBatchOutcome[] = [];
  first.on('heartbeat', (d: ReminderBatchOutcome[]) => {
    details = d;
  });
  await expect(first.run(worker(), input)).rejects.toThrow(/451/);
  await smtp.waitFor(() => copies('u1@x.vn') === 1 && copies('u2@x.vn') === 1);
  expect(details.map((o) => o.unitId).sort()).toEqual(['u1', 'u2']);

  smtp.rejectRecipient(() => undefined);
  const retry = new MockActivityEnvironment({ attempt: 2, heartbeatDetails: details });
  const result = (await retry.run(worker(), input)) as { outcomes: ReminderBatchOutcome[] };
  expect(result.outcomes.map((o) => [o.unitId, o.failure])).toEqual([
    ['u1', undefined],
    ['u2', undefined],
    ['u3', undefined],
  ]);
  await smtp.waitFor(() => copies(GREY) === 1);
  expect([copies('u1@x.vn'), copies('u2@x.vn'), copies(GREY)]).toEqual([1, 1, 1]);
  // Each email is the unit's reminder, with the Message-ID its own lane would have used.
  expect(smtp.received.map((m) => m.messageId).sort()).toEqual(
    result.outcomes.map((o) => o.messageId).sort(),
  );

  // Without the heartbeat's outcomes, a fresh worker would have mailed them all again.
  await new MockActivityEnvironment({ attempt: 3 }).run(worker(), input);
  await smtp.waitFor(() => copies('u1@x.vn') === 2);
  expect([copies('u1@x.vn'), copies('u2@x.vn'), copies(GREY)]).toEqual([2, 2, 2]);
});
