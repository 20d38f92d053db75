// Activities, built by a factory so that tests and the worker inject real-but-local services.
import { ApplicationFailure } from '@temporalio/activity';
import { DateTime } from 'luxon';
import type { Transporter } from 'nodemailer';
import { type MilestoneSchedule, milestoneSchedule } from '../core/calendar/schedule';
import { type CalendarRules, WorkCalendar } from '../core/calendar/workdays';
import type { Campaign, CampaignHeader, Milestone } from '../core/definition/types';
import { type NoticeInput, renderNotice } from './render';

export interface ActivityDeps {
  transport: Transporter;
  /** The From address of every notice. */
  from: string;
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
  return {
    async computeUnitSchedule(input: ComputeScheduleInput): Promise<MilestoneSchedule[]> {
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
