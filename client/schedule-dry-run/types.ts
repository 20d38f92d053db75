// What the dry run of a campaign's schedule lists: one entry per email the engine would send.
import type { DayNote, Move } from '../../core/calendar/moves';
import type { CampaignHeader, MilestoneKind, Recipient } from '../../core/definition/types';

export interface UnitRef {
  id: string;
  name: string;
}

/** A unit an email goes to, with its addresses. */
export interface DryRunRecipient extends UnitRef {
  emails: string[];
}

/** The template the engine writes it with (a reminder on the deadline's last day is `last-day`). */
export type DryRunKind = 'opened' | 'reminder' | 'last-day' | 'overdue' | 'escalation' | 'digest';

export interface DigestEntry {
  unit: UnitRef;
  milestone: { id: string; title: string };
  dueAt: string;
}

export interface DryRunNotice {
  /** ISO instant with the campaign zone's offset. */
  at: string;
  kind: DryRunKind;
  /** The reminder's or escalation step's number within its milestone; a digest's number within its day. */
  seq: number;
  /** The unit the notice is about; for a digest, the superior it goes to. */
  unit: UnitRef;
  /** Absent for a digest (its entries name theirs). */
  milestone?: { id: string; title: string; kind: MilestoneKind };
  dueAt?: string;
  /** Reminders: before the window opens or before the deadline, and the policy's offset. */
  phase?: 'before-open' | 'before-due';
  offset?: string;
  /** Escalations: the policy's step (or repeat interval) and the repeat number (0 for the step itself). */
  after?: string;
  repeat?: number;
  /** Whom the policy names (a digest: none; it goes to the superior). */
  recipients: Recipient[];
  /** The units it goes to. */
  to: DryRunRecipient[];
  /** Every address, once. */
  emails: string[];
  /** A digest's addresses copied for information (`copyTo`). */
  cc?: string[];
  /** An opening notice to a unit that only coordinates the milestone: it gets nothing more about it. */
  role?: 'coordinate';
  /** The Message-ID the engine gives it. */
  messageId: string;
  /** Set when its nominal day was not kept: the days stepped over and why. */
  moved?: Move;
  /** Set when it goes on an announced make-up working day. */
  madeUp?: DayNote;
  /** A digest's entries: every overdue (subordinate, milestone) it lists. */
  listed?: DigestEntry[];
}

export interface DryRun {
  campaign: CampaignHeader;
  /** When the campaign is assumed to start (ISO instant). */
  start: string;
  notices: DryRunNotice[];
}
