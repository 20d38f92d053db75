// The activities that work on a campaign's unit workflows: their plans and schedules, starting, extending and
// closing them in batches (heartbeating as they go), and the archive once they have finished.

import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  type WorkflowStartOptions,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { DateTime } from 'luxon';
import pMap from 'p-map';
import { campaignWorkflowId, unitWorkflowId } from '../contract/ids';
import {
  closeUpdate,
  type ExtendInput,
  extendUpdate,
  type MailRoute,
  planQuery,
  TASK_QUEUE,
  type UnitPlan,
  type UnitStart,
} from '../contract/messages';
import { type MilestoneSchedule, milestoneSchedule } from '../core/calendar/schedule';
import { type CalendarRules, WorkCalendar } from '../core/calendar/workdays';
import type { Campaign, CampaignHeader, Milestone } from '../core/definition/types';
import type { Report } from '../core/report/build';
import type { FinalReportMailer, FinalReportSent } from './final-report';
import { unitStarts } from './unit-starts';

/**
 * The read side's archive writer (`campaignArchiver` in client/audit.ts, given by the worker): activities import
 * nothing from client/.
 */
export interface CampaignArchiver {
  /** Opens a campaign: all its units, the issuer's included, and the writer of its archive (the file written). */
  open(
    client: Client,
    campaignId: string,
  ): Promise<{
    unitIds: string[];
    /** Writes the archive; returns the file, with the campaign and the final report it holds. */
    write(
      onProgress: (done: number, total: number) => void,
    ): Promise<{ file: string; campaign: Campaign; report: Report }>;
  }>;
}

export interface ArchiveResult {
  /** The archive written; absent when the worker has no archive directory. */
  file?: string;
  /** Units whose workflows had not finished when the archive was written. */
  stillRunning: string[];
  /** The final report mailed to the issuer once the archive was written (activities/final-report.ts). */
  finalReport?: FinalReportSent;
}

export interface UnitsInput {
  campaignId: string;
  unitIds: string[];
}

export interface CloseUnitsInput extends UnitsInput {
  actor: string;
  reason?: string;
  cancel: boolean;
}

/** Runs `fn` over `items`, `width` at a time (p-map), heartbeating progress every 50 items. */
async function pooled<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let done = 0;
  await pMap(
    items,
    async (item) => {
      await fn(item);
      done += 1;
      if (done % 50 === 0) heartbeat(done);
    },
    { concurrency: Math.max(1, width) },
  );
}

export interface ComputeScheduleInput {
  campaign: CampaignHeader;
  calendar: CalendarRules;
  milestones: Milestone[];
  /** Extended deadlines by milestone id: "trước ngày" this date (yyyy-mm-dd). */
  extensions: Record<string, string>;
}

/** Each milestone's schedule from the calendar, with the extended deadlines given. */
export function computeSchedules(input: ComputeScheduleInput): MilestoneSchedule[] {
  const campaign: Campaign = {
    campaign: input.campaign,
    calendar: input.calendar,
    levels: [],
    units: [],
    milestones: input.milestones,
  };
  const cal = new WorkCalendar(input.calendar);
  return input.milestones.map((m) => {
    const ext = input.extensions[m.id];
    const dueAt = ext
      ? DateTime.fromISO(ext, { zone: input.campaign.timeZone }).startOf('day').toISO()
      : undefined;
    return milestoneSchedule(campaign, m, dueAt ? { dueAt } : {}, cal);
  });
}

/**
 * A superior's workflow task may replay a long history (thousands of its subordinates' reports) when it is not in
 * the worker's cache; under load that took longer than the default 10 s, and each timed-out attempt started the
 * replay again, longer each time (the province at 10,000 units: every task a full replay of 4,700 events, none
 * completed). A minute lets the replay finish once; a superior whose worker dies mid-task waits that long.
 * Continue-as-new keeps it (the server's default for the new run).
 */
const SUPERIOR_TASK_TIMEOUT = '60 seconds';

/**
 * How a unit is started: one with subordinates on the superiors' task queue, where there is one
 * (ActivityDeps.superiorTaskQueue), with a longer workflow task timeout.
 */
function startOptions(
  deps: { taskQueue?: string; superiorTaskQueue?: string },
  start: UnitStart,
): Pick<WorkflowStartOptions, 'taskQueue' | 'workflowTaskTimeout'> {
  const own = deps.taskQueue ?? TASK_QUEUE;
  if (start.plan.children.length === 0) return { taskQueue: own };
  return { taskQueue: deps.superiorTaskQueue ?? own, workflowTaskTimeout: SUPERIOR_TASK_TIMEOUT };
}

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: one object literal of activities sharing the client and the per-worker cache of unit plans
export function unitActivities(
  deps: {
    taskQueue?: string;
    superiorTaskQueue?: string;
    archive?: CampaignArchiver;
    mail?: MailRoute;
    reportEveryMs?: number;
    batchReminders?: boolean;
  },
  needClient: () => Client,
  mailFinalReport?: FinalReportMailer,
) {
  let startsOf: ReturnType<typeof unitStarts> | undefined;
  return {
    /** The unit's plan from the campaign workflow, and its schedule (units started before UnitStart existed). */
    async loadUnitPlan(input: {
      campaignId: string;
      unitId: string;
    }): Promise<{ plan: UnitPlan; schedules: MilestoneSchedule[] }> {
      const plan = await needClient()
        .workflow.getHandle(campaignWorkflowId(input.campaignId))
        .query(planQuery, input.unitId);
      return { plan, schedules: computeSchedules({ ...plan, extensions: {} }) };
    },

    /**
     * Starts unit workflows, each with its plan and schedule in its input (activities/unit-starts.ts); one
     * already running or finished is left alone.
     */
    async startUnits(input: UnitsInput): Promise<{ started: number; existing: number }> {
      const client = needClient();
      startsOf ??= unitStarts(
        client,
        (campaign, milestones) =>
          computeSchedules({
            campaign: campaign.campaign,
            calendar: campaign.calendar,
            milestones,
            extensions: {},
          }),
        deps.mail,
        deps.reportEveryMs,
        deps.batchReminders,
      );
      const startOf = await startsOf(input.campaignId);
      let started = 0;
      let existing = 0;
      await pooled(input.unitIds, 20, async (unitId) => {
        const start = startOf(unitId);
        if (!start)
          throw ApplicationFailure.nonRetryable(`campaign ${input.campaignId} has no unit '${unitId}'`);
        try {
          await client.workflow.start('unitWorkflow', {
            ...startOptions(deps, start),
            workflowId: unitWorkflowId(input.campaignId, unitId),
            args: [{ campaignId: input.campaignId, unitId, start }],
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          });
          started += 1;
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          existing += 1;
        }
      });
      return { started, existing };
    },

    /** Closes unit workflows; one already closed is left alone. */
    async closeUnits(input: CloseUnitsInput): Promise<{ closed: number }> {
      const client = needClient();
      let closed = 0;
      await pooled(input.unitIds, 20, async (unitId) => {
        try {
          await client.workflow
            .getHandle(unitWorkflowId(input.campaignId, unitId))
            .executeUpdate(closeUpdate, {
              args: [
                {
                  actor: input.actor,
                  cancel: input.cancel,
                  ...(input.reason ? { reason: input.reason } : {}),
                },
              ],
            });
          closed += 1;
        } catch (err) {
          // Already closed (the validator refused) or already finished.
          if (!(err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError)) throw err;
        }
      });
      return { closed };
    },

    /**
     * Once a campaign is closed: waits (up to `unitWaitMs`, 15 minutes by default) for its unit workflows to
     * send their last notices and finish, then writes the whole audit trail and the final report to
     * `<archive dir>/<campaign>.audit.json`. A unit still running then (its mail server down, say) is archived
     * as far as its history goes, and named in the result. Then mails the final report to the issuer, its
     * `copyTo` in Cc, once (activities/final-report.ts).
     */
    async archiveCampaign(input: { campaignId: string; unitWaitMs?: number }): Promise<ArchiveResult> {
      const archive = deps.archive;
      if (!archive) return { stillRunning: [] };
      const client = needClient();
      const alive = setInterval(() => heartbeat(), 20_000);
      try {
        const opened = await archive.open(client, input.campaignId);
        const unitIds = opened.unitIds;
        const pending = new Set(unitIds);
        let gaveUp = false;
        const finished = pooled(unitIds, 20, async (unitId) => {
          if (gaveUp) return;
          try {
            await client.workflow.getHandle(unitWorkflowId(input.campaignId, unitId)).result();
          } catch (err) {
            // Failed, terminated or never started: its history is archived as it is.
            if (!(err instanceof WorkflowFailedError || err instanceof WorkflowNotFoundError)) throw err;
          }
          pending.delete(unitId);
        });
        // A failure after the wait gave up has no one to tell.
        finished.catch(() => undefined);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          finished,
          new Promise((resolve) => {
            timer = setTimeout(resolve, input.unitWaitMs ?? 15 * 60_000);
          }),
        ]);
        clearTimeout(timer);
        gaveUp = true;
        const stillRunning = [...pending];
        const archived = await opened.write((done, total) => heartbeat({ archived: done, of: total }));
        const finalReport = await mailFinalReport?.(archived);
        return { file: archived.file, stillRunning, ...(finalReport ? { finalReport } : {}) };
      } finally {
        clearInterval(alive);
      }
    },

    async computeUnitSchedule(input: ComputeScheduleInput): Promise<MilestoneSchedule[]> {
      return computeSchedules(input);
    },

    /** Extends one milestone for many units; a unit whose validator refuses (waived, closed) is reported. */
    async extendUnits(
      input: UnitsInput & Omit<ExtendInput, never>,
    ): Promise<{ extended: number; skipped: string[] }> {
      const client = needClient();
      let extended = 0;
      const skipped: string[] = [];
      await pooled(input.unitIds, 20, async (unitId) => {
        try {
          await client.workflow
            .getHandle(unitWorkflowId(input.campaignId, unitId))
            .executeUpdate(extendUpdate, {
              args: [
                {
                  milestoneId: input.milestoneId,
                  newDue: input.newDue,
                  actor: input.actor,
                  reason: input.reason,
                },
              ],
            });
          extended += 1;
        } catch (err) {
          if (!(err instanceof WorkflowUpdateFailedError)) throw err;
          skipped.push(`${unitId}: ${err.cause?.message ?? err.message}`);
        }
      });
      return { extended, skipped };
    },
  };
}
