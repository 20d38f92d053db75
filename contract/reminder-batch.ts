// A parent's batch of its subordinates' reminders due at one instant (UnitPlan.batchReminders): what the
// workflow hands the sending activity, and what the activity answers for each reminder. The answer is the
// record `audit` reads from the superior's history: each reminder under the unit it was for.
import type { ReminderAt } from '../core/calendar/schedule';
import type { NoticeAudit } from './audit';
import type { DelegatedReminders } from './delegated-reminders';
import type { NoticeKind } from './notices';

/** The activity that sends a batch (activities' `sendReminderBatch`). */
export const REMINDER_BATCH_ACTIVITY = 'sendReminderBatch';

/** One subordinate's reminder, as its delegated list says it (the activity composes the email from its plan). */
export interface ReminderBatchItem extends Omit<DelegatedReminders, 'reminders' | 'from'> {
  unitId: string;
  reminder: ReminderAt;
}

export interface ReminderBatchInput {
  campaignId: string;
  /** The version of the campaign's own templates, if any (UnitPlan.templatesVersion). */
  templatesVersion?: string;
  items: ReminderBatchItem[];
}

/** How one reminder of a batch went: taken by the mail server (some recipients may be refused), or refused. */
export interface ReminderBatchOutcome {
  unitId: string;
  milestoneId: string;
  seq: number;
  /** The template used (reminder or last-day). */
  kind: NoticeKind;
  messageId: string;
  /** When the mail server answered (ISO). */
  at: string;
  /** What the audit says of it (contract/audit.ts noticeAudit). */
  notice: NoticeAudit;
  /** Refused for good, for all recipients (the reason) or for those named. */
  failure?: string;
}

export interface ReminderBatchResult {
  outcomes: ReminderBatchOutcome[];
}
