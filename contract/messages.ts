// The workflows' messages (updates, queries, signals) and the state and inputs they carry: shared by
// workflows, activities, worker, client and portal. Imports only types and @temporalio/workflow's message
// definitions, so it is safe in the workflow bundle.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MilestoneSchedule } from '../core/calendar/schedule';
import type { Campaign, Milestone, Recipient, TemplateFiles } from '../core/definition/types';
import type { SubtreeAggregate } from '../core/report/aggregate';
import type { CarriedReminders, DelegatedReminders } from './delegated-reminders';
import type { NoticeKind } from './notices';
import type { MilestoneStatus, SubmissionPayload } from './submission';
import type { MailRoute, UnitPlan, UnitStart } from './unit-plan';

export type { Contact, MailRoute, UnitPlan, UnitStart } from './unit-plan';

export const TASK_QUEUE = 'dondoc';

/**
 * A unit workflow's input: its plan and schedule from the activity that started it (`start`), so it asks the
 * campaign workflow nothing. Without `start` (a run started before it existed) it loads them by an activity.
 */
export interface UnitWorkflowInput {
  campaignId: string;
  unitId: string;
  start?: UnitStart;
  /** Carried over continue-as-new. */
  carried?: CarriedState;
}

export interface CarriedState {
  plan: UnitPlan;
  state: UnitState;
  /** The subordinates' last reported subtree aggregates. */
  children: SubtreeAggregate[];
  /** How many batches of subordinates were already started (absent: all of them). */
  startedBatches?: number;
  /** The subtree aggregate the parent last got (JSON). */
  lastSent?: string;
  /** The subordinates' delegated reminders this unit sends in its batches (UnitPlan.batchReminders). */
  reminders?: CarriedReminders;
}

export interface CampaignWorkflowInput {
  campaign: Campaign;
  /** Continue as new above this many history events; defaults to 8,000 (Temporal warns at 10,240). */
  historyLimit?: number;
  /** Carried over continue-as-new. */
  carried?: CampaignCarried;
}

export interface CampaignCarried {
  state: CampaignState;
}

export interface CampaignState {
  campaignId: string;
  closed: boolean;
  cancelled: boolean;
  startedAt: string;
  closedAt?: string;
  events: AdminEvent[];
  /** The whole tree's aggregate: the issuer's unit workflow reports it here. */
  total: SubtreeAggregate;
  /** Where the worker wrote the audit archive once the campaign closed (a path on the worker's machine). */
  archive?: string;
}

export interface SubmitInput {
  milestoneId: string;
  actor: string;
  payload: SubmissionPayload;
  note?: string;
  /**
   * When the client took the submission (ISO instant: the CLI when its command started, the portal when the
   * form arrived). On time is judged by it when it lies within RECEIVED_AT_SLACK before the workflow's clock
   * (workflows/unit/received-at.ts): a worker or server down across the deadline does not make it late.
   */
  receivedAt?: string;
  /**
   * Set by a client that sends the file as it read it, without reading the unit's plan first (the CLI with a
   * YAML or JSON file: one call to the server instead of two). The unit then refuses the issuer's report upward
   * (`NeedsPlan`): its missing figures come from the aggregate, which the client adds once it has read the plan.
   */
  planUnread?: true;
}

/** The type of the refusal a `planUnread` submission gets when the client must read the plan and send again. */
export const NEEDS_PLAN = 'NeedsPlan';

export interface Submission {
  seq: number;
  /** Instant it was recorded (workflow time). */
  at: string;
  /** The client's instant, when on time was judged by it (SubmitInput.receivedAt). */
  receivedAt?: string;
  actor: string;
  onTime: boolean;
  payload: SubmissionPayload;
  note?: string;
}

export interface Receipt {
  campaignId: string;
  unitId: string;
  milestoneId: string;
  seq: number;
  recordedAt: string;
  dueAt: string;
  onTime: boolean;
  status: MilestoneStatus;
  flags: string[];
  /** What the receipt is printed with, so a client need not read the plan for it (absent from older receipts). */
  unitName?: string;
  milestoneTitle?: string;
  timeZone?: string;
}

export interface AdminInput {
  milestoneId: string;
  actor: string;
  reason?: string;
}

export interface ExtendInput extends AdminInput {
  /** New due date: "trước ngày" this date (yyyy-mm-dd), in the campaign's zone. */
  newDue: string;
  reason: string;
}

export interface CloseInput {
  actor: string;
  reason?: string;
  cancel?: boolean;
}

export interface AdminEvent {
  kind:
    | 'extended'
    | 'extended-all'
    | 'waived'
    | 'approved'
    | 'returned'
    | 'closed'
    | 'cancelled'
    | 'link-revoked';
  at: string;
  actor: string;
  reason?: string;
  detail?: string;
}

/**
 * A notice the engine sent (or tried to) about one milestone. `kind` is the template used: a reminder on the
 * deadline's last day is `last-day`, the part of an escalation step addressed to the unit alone is `overdue`,
 * the part addressed to its superiors `escalation`.
 */
export interface SentNotice {
  kind: NoticeKind;
  seq: number;
  /** When it fell due (the schedule's instant, or the change that caused it). */
  plannedAt: string;
  /** When the mail server took it (or refused it). */
  sentAt: string;
  dueAt: string;
  recipients: Recipient[];
  to: string[];
  /** Empty for an escalation that went into superiors' digests instead of an email of its own. */
  messageId: string;
  /** Set when the mail server refused the message permanently (5xx), for all or some of `to`. */
  failure?: string;
  /** `digest: daily`: the superiors (unit ids) whose daily digest lists this escalation. */
  digest?: string[];
  /**
   * A reminder left to a superior's batch (UnitPlan.batchReminders): the superior's workflow id. Recorded by the
   * unit when it next wakes after the reminder's instant, with `sentAt` its planned instant; what the mail server
   * said (and when) is in the superior's history, where `audit` reads it (contract/reminder-batch.ts).
   */
  by?: string;
}

/**
 * A notice decided when something happened (the unit's start, a submission, a return, an extension, a
 * waiver), waiting in the milestone's outbox for its lane to send it: what it says is fixed at that moment.
 */
export interface PendingNotice {
  kind: 'opened' | 'receipt' | 'returned' | 'extended' | 'waived';
  /** opened: 1; receipt: the submission's seq; returned/extended/waived: the how-manieth of its kind. */
  seq: number;
  /** The instant of the change. */
  asOf: string;
  dueAt: string;
  /** The calendar invite's SEQUENCE at that moment. */
  icsSequence: number;
  messageId: string;
  actor?: string;
  reason?: string;
  /** extended: the deadline it replaced. */
  previousDueAt?: string;
  /** receipt: the milestone's status and the submission's flags right after it. */
  status?: MilestoneStatus;
  flags?: string[];
}

/** One overdue (subordinate, milestone), as its superior's digest sees it. */
export interface OverdueRow {
  unitId: string;
  unitName: string;
  emails: string[];
  milestoneId: string;
  milestoneTitle: string;
  dueAt: string;
  /** The instants of the escalation steps addressed to this superior, in order (ISO, the zone's offset). */
  steps: string[];
  /** When a digest last listed it. */
  listedAt?: string;
  /** The milestone's recipients for information only (`copyTo`): copied on the issuer's digest listing it. */
  cc?: string[];
}

/** A subordinate tells its superior that one of its milestones is overdue (`row`) or no longer (`row` absent). */
export interface OverdueReport {
  unitId: string;
  milestoneId: string;
  row?: OverdueRow;
}

export interface DigestRecord {
  /** The local date (yyyy-mm-dd) and the how-manieth digest of that day. */
  day: string;
  seq: number;
  plannedAt: string;
  sentAt: string;
  to: string[];
  /** Copied for information (the campaign's and the listed milestones' `copyTo`). */
  cc?: string[];
  messageId: string;
  /** `unit/milestone` of every row listed. */
  rows: string[];
  failure?: string;
}

/** A superior's daily digests: the overdue subordinates reported to it, and the digests sent. */
export interface DigestState {
  rows: OverdueRow[];
  sent: DigestRecord[];
}

export interface MilestoneState {
  id: string;
  kind: Milestone['kind'];
  title: string;
  status: MilestoneStatus;
  schedule: MilestoneSchedule;
  /** Reminders and escalations planned before this instant are not sent (they were past when planned). */
  activeFrom: string;
  submissions: Submission[];
  sent: SentNotice[];
  /** Notices decided but not yet sent, oldest first. */
  outbox?: PendingNotice[];
  /** The calendar invite's SEQUENCE: grows with every submission, extension, return and waiver. */
  icsSequence?: number;
  /** `digest: daily`: what this milestone last reported to each superior's workflow (id → the row as JSON). */
  reported?: Record<string, string>;
  events: AdminEvent[];
  flags: string[];
}

export interface UnitState {
  campaignId: string;
  unitId: string;
  closed: boolean;
  milestones: MilestoneState[];
  /** This unit as a superior: its daily digests of overdue subordinates. */
  digest?: DigestState;
  /** The unit's personal portal link: links issued before `revokedAt` no longer open anything. */
  link?: LinkState;
}

export interface LinkState {
  /** ISO instant of the latest revocation (workflow time). */
  revokedAt?: string;
  /** Every revocation: who, when, why (kind 'link-revoked'). */
  events: AdminEvent[];
}

export interface RevokeLinkInput {
  actor: string;
  reason: string;
}

export interface RevokeLinkResult {
  revokedAt: string;
  /** How many times this unit's link has been revoked, this one included. */
  count: number;
  /**
   * How the unit's notices go out and its campaign's templates' version (from its plan), for the email with the
   * new link to go the same way (through the mail task queue, at DONDOC_SMTP_RATE). Absent from older units.
   */
  mail?: MailRoute;
  templatesVersion?: string;
}

export const submitUpdate = defineUpdate<Receipt, [SubmitInput]>('submit');
export const extendUpdate = defineUpdate<MilestoneState, [ExtendInput]>('extend');
export const waiveUpdate = defineUpdate<MilestoneState, [AdminInput]>('waive');
export const approveUpdate = defineUpdate<MilestoneState, [AdminInput]>('approve');
export const returnUpdate = defineUpdate<MilestoneState, [AdminInput]>('return');
export const closeUpdate = defineUpdate<UnitState, [CloseInput]>('close');
/** Revokes the unit's portal links issued so far (the portal then mails a new one). */
export const revokeLinkUpdate = defineUpdate<RevokeLinkResult, [RevokeLinkInput]>('revokeLink');
export const stateQuery = defineQuery<UnitState>('state');
export const aggregateQuery = defineQuery<SubtreeAggregate>('aggregate');
/** A superior's (unit or campaign) latest aggregate of each direct subordinate, as they signalled it. */
export const childAggregatesQuery = defineQuery<SubtreeAggregate[]>('childAggregates');
export const planQuery = defineQuery<UnitPlan, [string]>('plan');
export const campaignStateQuery = defineQuery<CampaignState>('campaignState');
/**
 * A subordinate's subtree aggregate, and (UnitPlan.batchReminders) the reminders it leaves to this superior:
 * every list it delegates now (an empty array withdraws them all); absent from units started without batches.
 */
export const childAggregateSignal = defineSignal<[SubtreeAggregate, DelegatedReminders[]?]>('childAggregate');
/**
 * From the parent unit, when the mail server refused for good a reminder its batch sent for this unit
 * (UnitPlan.batchReminders): the unit records it, refused, and flags the milestone as its own sends do.
 */
export const reminderRefusedSignal = defineSignal<[SentNotice & { milestoneId: string }]>('reminderRefused');
/** To a superior (parent unit or campaign) whose escalations from this subordinate go into a daily digest. */
export const overdueReportSignal = defineSignal<[OverdueReport]>('overdueReport');
/** The campaign's own mail templates (its `templates` folder's files; empty: dondoc's defaults). */
export const templatesQuery = defineQuery<TemplateFiles>('templates');
export const closeCampaignUpdate = defineUpdate<CampaignState, [CloseInput]>('closeCampaign');

/** Extends a milestone's deadline for every unit it applies to. */
export interface ExtendAllInput {
  milestoneId: string;
  newDue: string;
  actor: string;
  reason: string;
}
export const extendAllUpdate = defineUpdate<{ extended: number; skipped: string[] }, [ExtendAllInput]>(
  'extendAll',
);
