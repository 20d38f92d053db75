// A superior's batch of its subordinates' reminders (workflows/reminder-batches.ts): each email composed from
// the subordinate's plan (as its own lane would have: workflows/plan/parts.ts) and sent through `sendNotice`,
// so its Message-ID, templates, links, refusals and the worker's memory of what it sent are the same.
import { ApplicationFailure, activityInfo, heartbeat } from '@temporalio/activity';
import pMap from 'p-map';
import { type NoticeAudit, noticeAudit } from '../contract/audit';
import { noticeMessageId } from '../contract/ids';
import type { UnitPlan } from '../contract/messages';
import type { DeadlineNotice, NoticeKind } from '../contract/notices';
import type {
  ReminderBatchInput,
  ReminderBatchItem,
  ReminderBatchOutcome,
  ReminderBatchResult,
} from '../contract/reminder-batch';
import type { MilestoneSchedule } from '../core/calendar/schedule';
import { partsOf } from '../workflows/plan/parts';

/** Reminders in flight at once within a batch (the transport's pool queues the rest). */
const WIDTH = 10;
/** How often, at most, a batch heartbeats the outcomes so far. */
const HEARTBEAT_EVERY_MS = 1_000;

export interface ReminderBatchDeps {
  /** The plan of a unit of a campaign (activities/unit-starts.ts, cached per campaign). */
  plansOf: (campaignId: string) => Promise<(unitId: string) => UnitPlan | undefined>;
  /** The worker's `sendNotice` (activities/index.ts). */
  send: (n: DeadlineNotice & { templatesVersion?: string }) => Promise<{
    messageId: string;
    kind: NoticeKind;
    rejected: { address: string; message: string }[];
    notice: NoticeAudit;
  }>;
}

/** The email of one reminder, as the unit's lane composes it: undefined if the plan no longer has it. */
export function reminderNotice(plan: UnitPlan, item: ReminderBatchItem): DeadlineNotice | undefined {
  const m = plan.milestones.find((x) => x.id === item.milestoneId);
  if (!m) return undefined;
  const schedule = {
    milestoneId: m.id,
    kind: m.kind,
    title: m.title,
    dueAt: item.dueAt,
    ...(item.opensAt ? { opensAt: item.opensAt } : {}),
    reminders: [item.reminder],
    escalations: [],
  } satisfies MilestoneSchedule;
  const [part] = partsOf(
    plan,
    m,
    { id: m.id, schedule, icsSequence: item.icsSequence },
    {
      type: 'reminder',
      at: item.reminder.at,
      r: item.reminder,
    },
  );
  return part?.notice;
}

/** A permanent refusal's reason and what the audit says of the notice (carried in the failure's details). */
function refusal(err: unknown): { failure: string; notice?: NoticeAudit } | undefined {
  if (!(err instanceof ApplicationFailure) || !err.nonRetryable) return undefined;
  const notice = err.details?.[0] as NoticeAudit | undefined;
  return { failure: err.message, ...(notice?.messageId ? { notice } : {}) };
}

const keyOf = (o: { unitId: string; milestoneId: string; seq: number }) =>
  `${o.unitId}/${o.milestoneId}/${o.seq}`;

/** The outcome of a reminder the batch cannot compose (not in the campaign's definition): said, not sent. */
function notComposed(input: ReminderBatchInput, item: ReminderBatchItem): ReminderBatchOutcome {
  const { seq } = item.reminder;
  const messageId = noticeMessageId(
    input.campaignId,
    item.unitId,
    item.milestoneId,
    'reminder',
    seq,
    item.dueAt,
  );
  return {
    unitId: item.unitId,
    milestoneId: item.milestoneId,
    seq,
    kind: 'reminder',
    messageId,
    at: new Date().toISOString(),
    notice: { kind: 'reminder', milestoneId: item.milestoneId, messageId, seq },
    failure: `chiến dịch ${input.campaignId}: đơn vị ${item.unitId} không có mốc ${item.milestoneId}`,
  };
}

/** Sends one reminder: its outcome, or the error of a temporary failure (to retry). */
async function sendOne(
  deps: ReminderBatchDeps,
  input: ReminderBatchInput,
  item: ReminderBatchItem,
  plan: UnitPlan | undefined,
): Promise<ReminderBatchOutcome | { temporary: unknown }> {
  const notice = plan && reminderNotice(plan, item);
  if (!notice) return notComposed(input, item);
  const about = { unitId: item.unitId, milestoneId: item.milestoneId, seq: item.reminder.seq };
  try {
    const r = await deps.send({
      ...notice,
      ...(input.templatesVersion ? { templatesVersion: input.templatesVersion } : {}),
    });
    const refused = r.rejected.map((x) => `${x.address}: ${x.message}`).join('; ');
    return {
      ...about,
      kind: r.kind,
      messageId: r.messageId,
      at: new Date().toISOString(),
      notice: r.notice,
      ...(refused ? { failure: refused } : {}),
    };
  } catch (err) {
    const refused = refusal(err);
    if (!refused) return { temporary: err };
    return {
      ...about,
      kind: 'reminder',
      messageId: notice.messageId,
      at: new Date().toISOString(),
      notice: refused.notice ?? noticeAudit(notice),
      failure: refused.failure,
    };
  }
}

/**
 * Sends a batch. Each reminder taken or refused for good has its outcome; a temporary failure of any (the mail
 * server down, a 421) fails the activity once all were tried, and its retry sends only those without an
 * outcome: the outcomes so far go with each heartbeat, so a retry on another worker process or machine knows
 * them too (and this worker also remembers what it sent by Message-ID).
 */
export function reminderBatch(deps: ReminderBatchDeps) {
  return async function sendReminderBatch(input: ReminderBatchInput): Promise<ReminderBatchResult> {
    const planOf = await deps.plansOf(input.campaignId);
    const earlier = activityInfo().heartbeatDetails as ReminderBatchOutcome[] | undefined;
    const known = new Map((Array.isArray(earlier) ? earlier : []).map((o) => [keyOf(o), o]));
    const taken: ReminderBatchOutcome[] = [...known.values()];
    let temporary: unknown;
    // The SDK encodes the details of each heartbeat it passes on (only calls made while it is busy are merged):
    // one per reminder encoded the growing list again and again, quadratic in the batch. One a second at most,
    // and the whole list before a temporary failure (what the retry reads).
    let beatAt = Date.now();
    const outcomes = await pMap(
      input.items,
      async (item) => {
        const already = known.get(keyOf({ ...item, seq: item.reminder.seq }));
        if (already) return already;
        const r = await sendOne(deps, input, item, planOf(item.unitId));
        if ('temporary' in r) {
          temporary ??= r.temporary;
          return undefined;
        }
        taken.push(r);
        if (Date.now() - beatAt >= HEARTBEAT_EVERY_MS) {
          beatAt = Date.now();
          heartbeat(taken);
        }
        return r;
      },
      { concurrency: WIDTH },
    );
    if (temporary) {
      heartbeat(taken);
      throw temporary;
    }
    return { outcomes: outcomes.filter((o): o is ReminderBatchOutcome => o !== undefined) };
  };
}
