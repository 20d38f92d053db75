// DONDOC_SMTP_RATE against a mail server that refuses (421, try later) whatever comes faster than it allows:
// on the dev server (the task-queue rate limit is the server's), a campaign's opening notices go through the
// mail task queue at the set rate, none is refused, none is lost and none is sent twice. The same server, sent
// the same number of messages at once without the limit, does refuse: the limit is what holds it.
import nodemailer from 'nodemailer';
import { linkNoticeWorkflowId, unitWorkflowId } from '../../contract/ids';
import { revokeLinkUpdate } from '../../contract/messages';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign, Unit } from '../../core/definition/types';
import { mailTaskQueue } from '../../worker/queues';
import type { LinkNoticeInput } from '../../workflows/link';
import { plan, tinyCampaign } from '../support/campaigns';
import { Engine, kindOf } from '../support/engine';

const RATE = 4;
/**
 * The provider's limit: at most this many recipients accepted in any second (the rate, with room for a burst:
 * on a loaded machine the worker can run two or three sends it was given a quarter second apart together).
 */
const PROVIDER_PER_SECOND = 3 * RATE;
const UNITS = 24;

const engine = new Engine('smtp-rate', { devServer: true, smtpRate: RATE });

function campaign(year: number): Campaign {
  const base = tinyCampaign([plan('ke-hoach', { kind: 'before', date: `${year + 1}-06-01` })], {
    id: `smtp-rate-${year}`,
    document: { issued: `${year}-01-02` },
  });
  const communes: Unit[] = Array.from({ length: UNITS }, (_, i) => ({
    id: `xa-${i}`,
    name: `Xã ${i}`,
    level: 'commune',
    parent: 'root',
    emails: [`xa${i}@example.org`],
    tags: [],
  }));
  return {
    ...base,
    units: [...base.units.filter((u) => u.id === 'root'), ...communes],
    calendar: DEFAULT_CALENDAR_RULES,
  };
}

const accepted: number[] = [];
let refused = 0;

beforeAll(async () => {
  await engine.start(campaign);
  engine.smtp.rejectRecipient(() => {
    const now = Date.now();
    while (accepted.length > 0 && (accepted[0] as number) <= now - 1000) accepted.shift();
    if (accepted.length >= PROVIDER_PER_SECOND) {
      refused += 1;
      return { code: 421, message: '4.7.0 Too many messages, slow down' };
    }
    accepted.push(now);
    return undefined;
  });
}, 180_000);
afterAll(() => engine.stop());

it('sends every notice at the set rate: none refused, none lost, none twice', async () => {
  await engine.smtp.waitFor((all) => all.filter((m) => kindOf(m) === 'opened').length >= UNITS, 60_000);
  const opened = engine.smtp.received.filter((m) => kindOf(m) === 'opened');
  expect(new Set(opened.map((m) => m.messageId)).size).toBe(UNITS);
  expect(opened).toHaveLength(UNITS);
  expect(refused).toBe(0);
}, 120_000);

it('the same server refuses the same messages sent at once', async () => {
  const before = refused;
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    host: '127.0.0.1',
    port: engine.smtp.port,
    ignoreTLS: true,
  });
  try {
    const sends = Array.from({ length: UNITS }, (_, i) =>
      transport.sendMail({ from: 'x@example.org', to: `xa${i}@example.org`, subject: 'x', text: 'x' }).then(
        () => 'sent',
        () => 'refused',
      ),
    );
    expect((await Promise.all(sends)).filter((r) => r === 'refused').length).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(before);
  } finally {
    transport.close();
  }
});

it('mails a unit its new portal link through the mail task queue too', async () => {
  const unit = engine.campaign.units.find((u) => u.id === 'xa-0') as Unit;
  const r = await engine.env.client.workflow
    .getHandle(unitWorkflowId(engine.campaign.campaign.id, unit.id))
    .executeUpdate(revokeLinkUpdate, { args: [{ actor: 'quantri', reason: 'thư chuyển nhầm' }] });
  expect(r.mail).toEqual({ taskQueue: mailTaskQueue('smtp-rate') });
  // As the portal starts it (portal/staff/actions.ts), with the route the update answered.
  const input: LinkNoticeInput = {
    campaignId: engine.campaign.campaign.id,
    unitId: unit.id,
    campaign: engine.campaign.campaign,
    unit: { id: unit.id, name: unit.name, emails: unit.emails },
    count: r.count,
    revokedAt: r.revokedAt,
    actor: 'quantri',
    reason: 'thư chuyển nhầm',
    ...(r.mail ? { mail: r.mail } : {}),
  };
  const handle = await engine.env.client.workflow.start('linkNoticeWorkflow', {
    taskQueue: 'smtp-rate',
    workflowId: linkNoticeWorkflowId(input.campaignId, unit.id, r.count),
    args: [input],
  });
  await handle.result();
  const queues = ((await handle.fetchHistory()).events ?? []).flatMap((e) => {
    const q = e.activityTaskScheduledEventAttributes?.taskQueue?.name;
    return q ? [q] : [];
  });
  expect(queues).toEqual([mailTaskQueue('smtp-rate')]);
});
