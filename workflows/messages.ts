// Names and shapes shared by workflows, worker and client. Imports only types and @temporalio/workflow's
// message definitions, so it is safe in the workflow bundle.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MilestoneSchedule } from '../core/calendar/schedule';
import type { CalendarRules } from '../core/calendar/workdays';
import type { Campaign, CampaignHeader, Milestone, Recipient, Unit } from '../core/definition/types';
import type { AggregationRules, SubtreeAggregate } from './aggregate';

export const TASK_QUEUE = 'dondoc';

export function unitWorkflowId(campaignId: string, unitId: string): string {
  return `${campaignId}/${unitId}`;
}

export interface Contact {
  id: string;
  name: string;
  emails: string[];
}

/** The campaign workflow's id is the campaign id; each unit's is `<campaign>/<unit>`. */
export function campaignWorkflowId(campaignId: string): string {
  return campaignId;
}

/** What a unit workflow needs to run, cut from the campaign by the campaign workflow. */
export interface UnitPlan {
  campaign: CampaignHeader;
  calendar: CalendarRules;
  /** The milestones that apply to this unit. */
  milestones: Milestone[];
  unit: Unit;
  parent?: Contact;
  issuer: Contact;
  /** Direct subordinates. */
  children: string[];
  /** How every report milestone of the campaign adds up. */
  rules: AggregationRules;
}

/** A unit workflow's input is small: it loads its plan from the campaign workflow through an activity. */
export interface UnitWorkflowInput {
  campaignId: string;
  unitId: string;
  /** Carried over continue-as-new. */
  carried?: CarriedState;
}

export interface CarriedState {
  plan: UnitPlan;
  state: UnitState;
  children: SubtreeAggregate[];
  lastSent?: string;
}

export interface CampaignWorkflowInput {
  campaign: Campaign;
}

export interface CampaignState {
  campaignId: string;
  closed: boolean;
  cancelled: boolean;
  startedAt: string;
  closedAt?: string;
  events: AdminEvent[];
  total: SubtreeAggregate;
}

export type MilestoneStatus =
  | 'open'
  | 'overdue'
  | 'submitted'
  | 'late'
  | 'awaiting-approval'
  | 'waived'
  | 'closed';

export type FieldValue = string | number | boolean;

/** What a unit sends. Which part is required depends on the milestone's kind. */
export interface SubmissionPayload {
  /** draft-plan, plan, periodic-report without outline: the document sent. */
  document?: { title: string; reference?: string; summary?: string };
  /** result-report, periodic-report: the outline's figures. */
  values?: Record<string, FieldValue>;
  /** site-registration: one row per site. */
  sites?: Record<string, FieldValue>[];
  /** event-window: the events held. */
  events?: { date: string; place: string; attendance: number }[];
}

export interface SubmitInput {
  milestoneId: string;
  actor: string;
  payload: SubmissionPayload;
  note?: string;
}

export interface Submission {
  seq: number;
  /** Instant it was recorded (workflow time). */
  at: string;
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
  kind: 'extended' | 'extended-all' | 'waived' | 'approved' | 'returned' | 'closed' | 'cancelled';
  at: string;
  actor: string;
  reason?: string;
  detail?: string;
}

export interface SentNotice {
  kind: 'reminder' | 'escalation';
  seq: number;
  plannedAt: string;
  sentAt: string;
  dueAt: string;
  recipients: Recipient[];
  to: string[];
  messageId: string;
  /** Set when the mail server refused the message permanently. */
  failure?: string;
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
  events: AdminEvent[];
  flags: string[];
}

export interface UnitState {
  campaignId: string;
  unitId: string;
  closed: boolean;
  milestones: MilestoneState[];
}

export const submitUpdate = defineUpdate<Receipt, [SubmitInput]>('submit');
export const extendUpdate = defineUpdate<MilestoneState, [ExtendInput]>('extend');
export const waiveUpdate = defineUpdate<MilestoneState, [AdminInput]>('waive');
export const approveUpdate = defineUpdate<MilestoneState, [AdminInput]>('approve');
export const returnUpdate = defineUpdate<MilestoneState, [AdminInput]>('return');
export const closeUpdate = defineUpdate<UnitState, [CloseInput]>('close');
export const stateQuery = defineQuery<UnitState>('state');
export const aggregateQuery = defineQuery<SubtreeAggregate>('aggregate');
export const planQuery = defineQuery<UnitPlan, [string]>('plan');
export const campaignStateQuery = defineQuery<CampaignState>('campaignState');
export const childAggregateSignal = defineSignal<[SubtreeAggregate]>('childAggregate');
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
