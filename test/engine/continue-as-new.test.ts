// A root with many direct subordinates and a district with many communes, run with a tiny history limit:
// the campaign and the busy units continue as new and lose nothing (reminders, submissions, aggregates).
import { temporal } from '@temporalio/proto';
import { unitWorkflowId } from '../../contract/ids';
import { aggregateQuery, closeCampaignUpdate, stateQuery, submitUpdate } from '../../contract/messages';
import { CAMPAIGN_STATUS_MEMO, UNIT_STATUS_MEMO } from '../../contract/status';
import { unitSchedule } from '../../core/calendar/schedule';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign, Unit } from '../../core/definition/types';
import type { SubtreeAggregate } from '../../core/report/aggregate';
import { DEFAULT_ESCALATION, DEFAULT_REMINDERS, plan } from '../support/campaigns';
import { Engine, milestone } from '../support/engine';

const LIMIT = 150;
// Every report goes up at once (no gathering for two seconds at each superior): the campaign workflow's history
// then fills with the issuer's reports within the test, and it continues as new too.
const engine = new Engine('continue-as-new', { historyLimit: LIMIT, reportEveryMs: 0 });
const DIRECT = 40;
const UNDER_DISTRICT = 30;

function manyUnits(year: number): Campaign {
  const unit = (id: string, level: string, parent?: string): Unit => ({
    id,
    name: `Đơn vị ${id}`,
    level,
    ...(parent ? { parent } : {}),
    emails: [`${id}@example.org`],
    tags: [],
  });
  return {
    campaign: {
      id: `can-${year}`,
      title: 'Chiến dịch nhiều đơn vị',
      issuer: 'tinh',
      document: { issued: `${year}-01-05` },
      timeZone: 'Asia/Ho_Chi_Minh',
      language: 'vi',
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'district', name: 'Huyện' },
      { id: 'commune', name: 'Xã' },
    ],
    units: [
      unit('tinh', 'province'),
      unit('huyen', 'district', 'tinh'),
      ...Array.from({ length: DIRECT }, (_, i) => unit(`x${i}`, 'commune', 'tinh')),
      ...Array.from({ length: UNDER_DISTRICT }, (_, i) => unit(`h${i}`, 'commune', 'huyen')),
    ],
    calendar: DEFAULT_CALENDAR_RULES,
    milestones: [
      plan('ke-hoach', { kind: 'before', date: `${year}-03-10` }),
      {
        id: 'bao-cao',
        kind: 'result-report',
        title: 'Báo cáo kết quả',
        appliesTo: { all: true },
        due: { kind: 'before', date: `${year}-04-20` },
        outline: [
          { id: 'sites', label: 'Số điểm', type: 'integer', required: true, min: 0, aggregate: 'sum' },
        ],
        reminders: DEFAULT_REMINDERS,
        escalation: DEFAULT_ESCALATION,
      },
    ],
  };
}

/** Whether the workflow's current run was started by continue-as-new. */
async function continued(workflowId: string): Promise<boolean> {
  const history = await engine.env.client.workflow.getHandle(workflowId).fetchHistory();
  const first = history.events?.[0];
  expect(first?.eventType).toBe(temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
  const started = first?.workflowExecutionStartedEventAttributes;
  if (started?.continuedExecutionRunId) {
    // The run starts with the status its previous run published: `status` never shows it as not started.
    expect(Object.keys(started.memo?.fields ?? {})).toEqual(
      expect.arrayContaining([workflowId.includes('/') ? UNIT_STATUS_MEMO : CAMPAIGN_STATUS_MEMO]),
    );
  }
  return Boolean(started?.continuedExecutionRunId);
}

/** Reports climb the tree by signals; one that met a superior between two runs is sent again seconds later. */
async function eventually<T>(get: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let last = await get();
  for (let i = 0; i < 1200 && !ok(last); i++) {
    await new Promise((r) => setTimeout(r, 50));
    last = await get();
  }
  return last;
}

/**
 * What the test is doing, said on stderr every minute while it lasts: on a loaded machine this test has once
 * run past its time (in CI, where nothing else says which step was slow or stuck).
 */
let doing = 'starting';
let since = Date.now();
const watchdog = setInterval(() => {
  process.stderr.write(`continue-as-new: ${doing} for ${Math.round((Date.now() - since) / 1000)} s\n`);
}, 60_000);
watchdog.unref();
function now(what: string): void {
  doing = what;
  since = Date.now();
}

beforeAll(async () => {
  await engine.start((y) => manyUnits(y + 1));
});

afterAll(async () => {
  clearInterval(watchdog);
  await engine.stop();
});

describe('continue-as-new under a small history limit', () => {
  it('carries reminders, submissions and aggregates across runs', async () => {
    const c = engine.campaign;
    const subordinates = c.units.filter((u) => u.id !== 'tinh');
    const planDue = unitSchedule(c, 'x0').find((s) => s.milestoneId === 'ke-hoach');
    const reportDue = unitSchedule(c, 'x0').find((s) => s.milestoneId === 'bao-cao');
    if (!planDue || !reportDue) throw new Error('no schedule');

    // All reminders of the plan, then half of the units submit on time and the rest never.
    now('skipping to the last reminder of the plan');
    await engine.advanceTo(planDue.reminders[planDue.reminders.length - 1]?.at ?? planDue.dueAt);
    const submitters = subordinates.filter((_, i) => i % 2 === 0);
    for (const u of submitters) {
      now(`submitting the plan of ${u.id}`);
      await (await engine.unit(u.id)).executeUpdate(submitUpdate, {
        args: [{ milestoneId: 'ke-hoach', actor: `Cán bộ ${u.id}`, payload: { document: { title: 'KH' } } }],
      });
    }
    // Reports: every unit reports 2 sites, late.
    now('skipping past the report deadline');
    await engine.advanceTo(reportDue.dueAt, 86_400_000);
    for (const u of subordinates) {
      now(`submitting the report of ${u.id}`);
      await (await engine.unit(u.id)).executeUpdate(submitUpdate, {
        args: [{ milestoneId: 'bao-cao', actor: `Cán bộ ${u.id}`, payload: { values: { sites: 2 } } }],
      });
    }

    const root = engine.campaignHandle();
    now('waiting for every report to reach the campaign');
    const total = await eventually<SubtreeAggregate>(
      () => root.query(aggregateQuery),
      (a) => a.tallies['bao-cao']?.submitted === subordinates.length,
    );
    expect(total.units).toBe(c.units.length);
    expect(total.tallies['ke-hoach']).toMatchObject({
      expected: subordinates.length,
      submitted: submitters.length,
      onTime: submitters.length,
      missing: subordinates.length - submitters.length,
    });
    expect(total.tallies['bao-cao']).toMatchObject({
      submitted: subordinates.length,
      late: subordinates.length,
    });
    expect(total.values['bao-cao']).toMatchObject({ sites: 2 * subordinates.length });

    // The root and the district (30 subordinates signalling it) continued as new at least once.
    expect(await continued(c.campaign.id)).toBe(true);
    expect(await continued(unitWorkflowId(c.campaign.id, 'huyen'))).toBe(true);
    // Each reminder of each unit went out exactly once, across runs.
    const reminders = planDue.reminders.length;
    for (const u of subordinates) {
      // The last one falls on the deadline's last day: the last-day notice.
      const mail = engine.mailFor(u.id, 'ke-hoach', 'reminder', 'last-day');
      expect(new Set(mail.map((m) => m.messageId)).size).toBe(mail.length);
      expect(mail.length).toBe(reminders);
    }
    // The district's own state survived its runs.
    const huyen = milestone(await (await engine.unit('huyen')).query(stateQuery), 'ke-hoach');
    expect(huyen.sent.filter((n) => n.kind === 'reminder' || n.kind === 'last-day')).toHaveLength(reminders);
    // So did what it was sent when it started, and the receipt of its submission.
    expect(huyen.sent.filter((n) => n.kind === 'opened' || n.kind === 'receipt').map((n) => n.kind)).toEqual([
      'opened',
      'receipt',
    ]);
    expect(huyen.submissions.map((s) => s.actor)).toEqual(['Cán bộ huyen']);

    now('closing the campaign');
    const closed = await root.executeUpdate(closeCampaignUpdate, { args: [{ actor: 'PV05' }] });
    expect(closed.closed).toBe(true);
    // No unit failed along the way (a signal to a parent between two runs is sent again, not fatal).
    const statuses = new Set<string>();
    for (const u of subordinates) {
      now(`waiting for ${u.id} to finish`);
      const handle = engine.env.client.workflow.getHandle(unitWorkflowId(c.campaign.id, u.id));
      statuses.add(
        (
          await eventually(
            () => handle.describe(),
            (d) => d.status.name !== 'RUNNING',
          )
        ).status.name,
      );
    }
    expect([...statuses]).toEqual(['COMPLETED']);
  }, 480_000);
});
