// What the engine hands the mail composer (activities/mail). Plain JSON: built in workflow code, passed to an
// activity.
import type { CampaignHeader, MilestoneKind, Recipient } from '../core/definition/types';
import type { MilestoneStatus, SubmissionPayload } from './submission';

export const NOTICE_KINDS = [
  'opened',
  'reminder',
  'last-day',
  'overdue',
  'escalation',
  'digest',
  'receipt',
  'returned',
  'extended',
  'waived',
  'link',
] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type Language = 'vi' | 'en';

export interface NoticeUnit {
  id: string;
  name: string;
  emails: string[];
}

/** What a milestone asks for, enough to say what to send. `noticeMilestone()` (notice-milestone.ts) cuts it from a Milestone. */
export interface NoticeMilestone {
  id: string;
  kind: MilestoneKind;
  title: string;
  description?: string;
  /** The outline's fields (reports) or the site fields (site registration). */
  fields?: { id: string; label: string; required: boolean }[];
  minSites?: number;
  minEvents?: number;
  period?: string;
  /** The issuer's own report upward: whom it goes to ("Bộ Công an (Cục C06)"). */
  reportsTo?: string;
}

interface NoticeBase {
  campaign: CampaignHeader;
  /** The unit the notice is about; for a digest, the superior it goes to. */
  unit: NoticeUnit;
  /** The name after "Kính gửi" / "To"; the unit's name when absent (set it for escalations to a superior). */
  addressee?: string;
  /** The issuing unit's name, for signatures; the issuer's id when absent. */
  issuerName?: string;
  to: string[];
  /** Who it goes to, as the policy says: recorded in a header. */
  recipients?: Recipient[];
  /** Deterministic, `<...@dondoc>`: see ids.ts. */
  messageId: string;
  seq: number;
  /** Workflow time when the notice fell due: days left/overdue count from it, never from the worker's clock. */
  asOf: string;
  /** Overrides the campaign's language. */
  language?: Language;
}

interface MilestoneNoticeBase extends NoticeBase {
  milestone: NoticeMilestone;
  /** The deadline in force (for an event window, the instant it closes). */
  dueAt: string;
  /** An event window's first instant. */
  opensAt?: string;
  /**
   * The invite's SEQUENCE: must grow with every change to it (extension, submission, return, waiver), e.g.
   * the number of such changes recorded on the milestone so far.
   */
  icsSequence: number;
}

export interface DeadlineNotice extends MilestoneNoticeBase {
  kind: 'opened' | 'reminder' | 'last-day' | 'overdue' | 'escalation';
  /** Reminders of an event window before it opens count days to its opening. */
  phase?: 'before-open' | 'before-due';
  /**
   * An escalation addressed to one superior unit (not the issuer): that unit's id, so the email can carry the
   * superior's own portal link (its subtree's page) when the worker has a portal.
   */
  superiorId?: string;
  /** An opening notice to a unit that only coordinates the milestone ("phối hợp"): it owes nothing. */
  role?: 'coordinate';
}

export interface ExtendedNotice extends MilestoneNoticeBase {
  kind: 'extended';
  previousDueAt: string;
  reason: string;
  actor?: string;
}

export interface ReturnedNotice extends MilestoneNoticeBase {
  kind: 'returned';
  reason: string;
  actor?: string;
}

export interface WaivedNotice extends MilestoneNoticeBase {
  kind: 'waived';
  reason?: string;
  actor?: string;
}

export interface NoticeReceipt {
  seq: number;
  recordedAt: string;
  onTime: boolean;
  status: MilestoneStatus;
  actor: string;
  note?: string;
  flags: string[];
  payload: SubmissionPayload;
}

export interface ReceiptNotice extends MilestoneNoticeBase {
  kind: 'receipt';
  receipt: NoticeReceipt;
}

export interface DigestRow {
  unit: { id: string; name: string; emails?: string[] };
  milestone: { id: string; title: string };
  dueAt: string;
}

export interface DigestNotice extends NoticeBase {
  kind: 'digest';
  /** One row per overdue (unit, milestone), in the order given. */
  rows: DigestRow[];
  /** Recipients for information only (`copyTo`), copied (Cc): the issuer's digests. */
  cc?: string[];
}

/**
 * A unit's new portal link, sent after its old ones were revoked. The link itself is not in the input (nor
 * anywhere in workflow history): the sending activity mints it, issued after `revokedAt`.
 */
export interface LinkNotice extends NoticeBase {
  kind: 'link';
  /** The revocation this link follows: who, why and when (workflow time). */
  actor?: string;
  reason?: string;
  revokedAt?: string;
}

export type MilestoneNotice = DeadlineNotice | ExtendedNotice | ReturnedNotice | WaivedNotice | ReceiptNotice;
export type NoticeInput = MilestoneNotice | DigestNotice | LinkNotice;

/** The notices addressed to the unit itself: they carry its personal portal link when the worker has a portal. */
export const UNIT_NOTICE_KINDS: readonly NoticeKind[] = [
  'opened',
  'reminder',
  'last-day',
  'overdue',
  'receipt',
  'returned',
  'extended',
  'waived',
  'link',
];

/** Portal links put in a notice by the sending activity (never by workflow code: they are credentials). */
export interface NoticeLinks {
  /** The unit's own link (notices addressed to the unit). */
  unit?: string;
  /** The addressed superior's own link (an escalation to one superior unit, a digest). */
  superior?: string;
  /** When the link expires (ISO instant). */
  expiresAt?: string;
}
