// After recovery: what arrived at the sink (reminders, receipts, by Message-ID) and what the engine recorded of
// each submission (the unit's status memo, as `dondoc status` reads it; its state query when the memo lacks it).
import { pooled } from '../../client/kit';
import { readUnitState } from '../../client/read/aggregates';
import { readStatusMemos } from '../../client/read/status-memos';
import { noticeCategory } from '../../contract/audit';
import { type LiveCampaign, MILESTONE, noticePattern } from '../live/campaign-file';
import { log, seconds, sleep } from '../live/stats';
import type { ReminderFigures, SubmissionFigures, SubmissionRecord } from './types';
import type { ChaosWorld } from './world';

export const REMINDERS = '(reminder|last-day)';

/** The unit a notice's Message-ID names (`<campaign.unit.milestone.kind.seq.due@dondoc>`). */
export function unitOfId(c: LiveCampaign, id: string): string {
  return id.slice(`<${c.id}.`.length).split('.')[0] ?? '';
}

/** Per unit, the Message-IDs of `kind` it was sent, with their counts and first arrivals. */
export async function byUnit(world: ChaosWorld, c: LiveCampaign, kind: string) {
  const out = new Map<string, [string, number, number, number][]>();
  for (const entry of await world.sink.ids(noticePattern(c, kind))) {
    const unit = unitOfId(c, entry[0]);
    out.set(unit, [...(out.get(unit) ?? []), entry]);
  }
  return out;
}

/** Duplicates whose first and latest copies straddle a worker kill or the server's stop. */
function straddlingAFault(world: ChaosWorld, dups: [string, number, number, number][]): number {
  const faults = world.timeline
    .filter((e) => /killed|stopped|exited on its own/.test(e.what))
    .map((e) => e.at);
  return dups.filter(([, , first, last]) => faults.some((at) => first <= at + 1_000 && at <= last)).length;
}

/**
 * Units the engine rightly did not remind: submitted (by this run) before their reminder went out, and the
 * engine's record says it sent none.
 */
function skipped(view: EngineView, got: Map<string, unknown>): string[] {
  return [...view].filter(([u, v]) => v.submitted && v.remindersSent === 0 && !got.has(u)).map(([u]) => u);
}

export async function reminderFigures(
  world: ChaosWorld,
  c: LiveCampaign,
  view: EngineView,
): Promise<ReminderFigures> {
  const got = await byUnit(world, c, REMINDERS);
  const all = [...got.values()].flat();
  const dups = all.filter((e) => e[1] > 1);
  const excused = new Set(skipped(view, got));
  const lostUnits = c.owing.filter((u) => !got.has(u) && !excused.has(u));
  const last = Math.max(0, ...all.map((e) => e[2]));
  return {
    expected: c.owing.length - excused.size,
    delivered: c.owing.length - excused.size - lostUnits.length,
    lost: lostUnits.length,
    lostUnits,
    skippedSubmittedFirst: [...excused],
    duplicates: dups.map((e) => [e[0], e[1]]),
    duplicatesAcrossAFault: straddlingAFault(world, dups),
    unitsWithSeveralIds: [...got].filter(([, ids]) => ids.length > 1).map(([u]) => u),
    lastArrivalSeconds: all.length ? seconds(c.burstAt, last) : null,
  };
}

/** Until every owing unit's reminder (but those rightly skipped) and every acknowledged receipt arrived. */
export async function waitAllArrived(input: {
  world: ChaosWorld;
  campaign: LiveCampaign;
  submitted: string[];
  acknowledged: string[];
  deadline: number;
}): Promise<boolean> {
  const { world, campaign: c } = input;
  const tried = new Set(input.submitted);
  let lastLog = 0;
  for (;;) {
    const reminders = await byUnit(world, c, REMINDERS);
    const receipts = await byUnit(world, c, 'receipt');
    let missing = c.owing.filter((u) => !reminders.has(u));
    if (missing.length > 0 && missing.every((u) => tried.has(u))) {
      const excused = new Set(skipped(await engineView(world, c.id, missing), reminders));
      missing = missing.filter((u) => !excused.has(u));
    }
    const k = input.acknowledged.filter((u) => receipts.has(u)).length;
    const done = missing.length === 0 && k >= input.acknowledged.length;
    if (done || Date.now() - lastLog >= 15_000) {
      lastLog = Date.now();
      log(`waiting: ${missing.length} reminders missing, receipts ${k}/${input.acknowledged.length}`);
    }
    if (done) return true;
    if (Date.now() >= input.deadline) return false;
    await sleep(2_000);
  }
}

/** What the engine recorded of each unit: submitted by this run, and how many reminders it sent. */
export type EngineView = Map<string, { submitted: boolean; remindersSent: number }>;

/** The units' status memos (as `dondoc status` reads them), their state query where a memo shows no submission. */
export async function engineView(
  world: ChaosWorld,
  campaignId: string,
  unitIds: string[],
): Promise<EngineView> {
  const read = await readStatusMemos({ client: world.client, campaignId, unitIds, width: 10 });
  const view: EngineView = new Map();
  for (const [unit, memo] of read.memos) {
    const ms = memo.milestones.find((m) => m.id === MILESTONE);
    const submitted = Boolean(ms?.submittedAt) && ms?.submittedBy === `chaos ${unit}`;
    view.set(unit, { submitted, remindersSent: ms?.remindersSent ?? 0 });
  }
  const rest = unitIds.filter((u) => !view.get(u)?.submitted);
  await pooled(rest, 5, async (unitId) => {
    const s = await readUnitState({ client: world.client, campaignId, unitId }).catch(() => undefined);
    const ms = s?.state.milestones.find((m) => m.id === MILESTONE);
    if (!ms) return;
    view.set(unitId, {
      submitted: ms.submissions.some((x) => x.actor === `chaos ${unitId}`),
      remindersSent: ms.sent.filter((n) => noticeCategory(n.kind) === 'reminder').length,
    });
  });
  return view;
}

function tallyBy(records: SubmissionRecord[]) {
  const failures: Record<string, number> = {};
  const byDuring: SubmissionFigures['byDuring'] = {};
  for (const r of records) {
    const b = byDuring[r.during] ?? { attempted: 0, acknowledged: 0 };
    byDuring[r.during] = b;
    b.attempted += 1;
    if (r.code === 0) b.acknowledged += 1;
    else failures[r.error ?? '?'] = (failures[r.error ?? '?'] ?? 0) + 1;
  }
  return { failures, byDuring };
}

export async function submissionFigures(
  world: ChaosWorld,
  c: LiveCampaign,
  records: SubmissionRecord[],
  view: EngineView,
): Promise<SubmissionFigures> {
  const acked = records.filter((r) => r.code === 0).map((r) => r.unitId);
  const failed = records.filter((r) => r.code !== 0).map((r) => r.unitId);
  const recorded = new Set([...view].filter(([, v]) => v.submitted).map(([u]) => u));
  const receipts = await byUnit(world, c, 'receipt');
  const lostUnits = acked.filter((u) => !recorded.has(u));
  return {
    attempted: records.length,
    acknowledged: acked.length,
    failed: failed.length,
    recorded: acked.filter((u) => recorded.has(u)).length,
    lost: lostUnits.length,
    lostUnits,
    failedButRecorded: failed.filter((u) => recorded.has(u)).length,
    receipts: acked.filter((u) => receipts.has(u)).length,
    missingReceipts: acked.filter((u) => !receipts.has(u)),
    duplicateReceipts: [...receipts.values()]
      .flat()
      .filter((e) => e[1] > 1)
      .map((e) => [e[0], e[1]]),
    ...tallyBy(records),
    failedRuns: records.filter((r) => r.code !== 0),
    inFlightAtAFault: {
      attempted: records.filter((r) => r.acrossFaults?.length).length,
      acknowledged: records.filter((r) => r.acrossFaults?.length && r.code === 0).length,
    },
  };
}
