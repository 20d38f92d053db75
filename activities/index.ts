// Activities, built by a factory so that tests and the worker inject real-but-local services.
import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { DateTime } from 'luxon';
import type { Transporter } from 'nodemailer';
import { type MilestoneSchedule, milestoneSchedule } from '../core/calendar/schedule';
import { type CalendarRules, WorkCalendar } from '../core/calendar/workdays';
import type { Campaign, CampaignHeader, Milestone } from '../core/definition/types';
import {
  campaignWorkflowId,
  closeUpdate,
  type ExtendInput,
  extendUpdate,
  planQuery,
  TASK_QUEUE,
  type UnitPlan,
  unitWorkflowId,
} from '../workflows/messages';
import { type NoticeInput, renderNotice } from './render';

export interface ActivityDeps {
  transport: Transporter;
  /** The From address of every notice. */
  from: string;
  /** For activities that talk to other workflows (plans, starting and closing units). */
  client?: Client;
  /** Task queue unit workflows are started on. */
  taskQueue?: string;
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

/** Runs `fn` over `items`, `width` at a time, heartbeating progress. */
async function pooled<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
      done += 1;
      if (done % 50 === 0) heartbeat(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export interface ComputeScheduleInput {
  campaign: CampaignHeader;
  calendar: CalendarRules;
  milestones: Milestone[];
  /** Extended deadlines by milestone id: "trước ngày" this date (yyyy-mm-dd). */
  extensions: Record<string, string>;
}

export interface SendNoticeResult {
  messageId: string;
  accepted: string[];
}

function smtpCode(err: unknown): number | undefined {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : undefined;
}

export function createActivities(deps: ActivityDeps) {
  const needClient = (): Client => {
    if (!deps.client)
      throw ApplicationFailure.nonRetryable('this worker was created without a Temporal client');
    return deps.client;
  };
  const computeSchedules = (input: ComputeScheduleInput): MilestoneSchedule[] => {
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
  };
  return {
    /** The unit's plan from the campaign workflow, and its schedule from the calendar. */
    async loadUnitPlan(input: {
      campaignId: string;
      unitId: string;
    }): Promise<{ plan: UnitPlan; schedules: MilestoneSchedule[] }> {
      const plan = await needClient()
        .workflow.getHandle(campaignWorkflowId(input.campaignId))
        .query(planQuery, input.unitId);
      return { plan, schedules: computeSchedules({ ...plan, extensions: {} }) };
    },

    /** Starts unit workflows; one already running or finished is left alone. */
    async startUnits(input: UnitsInput): Promise<{ started: number; existing: number }> {
      const client = needClient();
      let started = 0;
      let existing = 0;
      await pooled(input.unitIds, 20, async (unitId) => {
        try {
          await client.workflow.start('unitWorkflow', {
            taskQueue: deps.taskQueue ?? TASK_QUEUE,
            workflowId: unitWorkflowId(input.campaignId, unitId),
            args: [{ campaignId: input.campaignId, unitId }],
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

    async sendNotice(input: NoticeInput): Promise<SendNoticeResult> {
      const { subject, text } = renderNotice(input);
      try {
        const info = await deps.transport.sendMail({
          from: deps.from,
          to: input.to,
          subject,
          text,
          messageId: input.messageId,
          headers: {
            'X-Dondoc-Campaign': input.campaign.id,
            'X-Dondoc-Unit': input.unit.id,
            'X-Dondoc-Milestone': input.milestone.id,
          },
        });
        return {
          messageId: input.messageId,
          accepted: (info.accepted as (string | { address: string })[]).map((a) =>
            typeof a === 'string' ? a : a.address,
          ),
        };
      } catch (err) {
        const code = smtpCode(err);
        // 5xx is a permanent rejection: retrying will not help. Anything else (4xx, refused, timeout) retries.
        if (code !== undefined && code >= 500) {
          throw ApplicationFailure.nonRetryable(
            `SMTP rejected the message (${code}): ${(err as Error).message}`,
            'SmtpPermanent',
          );
        }
        throw err;
      }
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
