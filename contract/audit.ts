// The audit trail's events, declared next to the messages and notices they come from: which workflow updates
// are audited and what each one's declared arguments and result say (who, what, when the engine recorded it),
// how a notice the engine sent reads, and which names in history (the notice activity, the overdue search
// attribute, the memo naming who started a campaign) carry them. The read side (client/read/audit-history.ts)
// decodes history and hands the payloads to these functions: it guesses no shape and hard-codes no name.
// Imports only the contract and types: safe in the workflow bundle.
import type { UpdateDefinition } from '@temporalio/common';
import {
  type AdminEvent,
  type AdminInput,
  approveUpdate,
  closeCampaignUpdate,
  closeUpdate,
  extendAllUpdate,
  extendUpdate,
  type MilestoneState,
  returnUpdate,
  revokeLinkUpdate,
  submitUpdate,
  waiveUpdate,
} from './messages';
import type { NoticeInput, NoticeKind } from './notices';
import { OVERDUE } from './search-attributes';
import type { SubmissionPayload } from './submission';

export type AuditKind =
  | 'campaign-started'
  | 'campaign-closed'
  | 'campaign-cancelled'
  | 'extended-all'
  | 'unit-started'
  | 'reminder'
  | 'escalation'
  | 'notice'
  | 'overdue'
  | 'submitted'
  | 'approved'
  | 'returned'
  | 'extended'
  | 'waived'
  | 'closed'
  | 'cancelled'
  | 'link-revoked'
  | 'update';

/** A stored document a submission sent (its name and sha256 in the document store). */
export interface AuditDocument {
  name: string;
  sha256: string;
  type?: string;
  size?: number;
}

/** One audited happening, as the audit trail shows it (the read side adds where in history it was read). */
export interface AuditEvent {
  /** The instant it happened: the engine's recorded time for submissions and changes, else the event's. */
  at: string;
  kind: AuditKind;
  milestoneId?: string;
  /** Who did it (submissions and administrators' changes; who started the campaign). */
  actor?: string;
  reason?: string;
  detail?: string;
  /** Notices: the engine's kind of notice, its recipients and addresses, its Message-ID. */
  notice?: string;
  to?: string[];
  /** Copied for information (a digest's `copyTo`). */
  cc?: string[];
  recipients?: string[];
  messageId?: string;
  seq?: number;
  dueAt?: string;
  /** A notice the mail server refused for good, or an accepted update whose handler failed. */
  failure?: string;
  /** Submissions. */
  onTime?: boolean;
  status?: string;
  payload?: unknown;
  /** Submissions: the stored document sent with it, if any. */
  document?: AuditDocument;
  note?: string;
  /** The Temporal client that sent the update or started the workflow. */
  identity?: string;
}

/**
 * What an update's arguments and result say. `at` is the instant the engine recorded, when the result carries
 * one (the read side falls back to the update's acceptance); failure and identity come from history itself.
 */
export type UpdateAudit = Omit<AuditEvent, 'at' | 'failure' | 'identity'> & { at?: string };

/** What a notice says (the read side adds when it was sent, and why it failed if it did). */
export type NoticeAudit = Omit<AuditEvent, 'at' | 'failure' | 'identity'>;

/** An audited update: its definition, and its audit event from its declared arguments and result. */
export interface AuditedUpdate {
  readonly name: string;
  readonly definition: UpdateDefinition<unknown, [unknown]>;
  /**
   * `result` is absent when the update failed or never completed. The arguments and result are those
   * decoded from history, taken to be the definition's declared types.
   */
  toEvent(args: unknown, result: unknown): UpdateAudit;
}

/** Declares an update's audit event; the compiler checks `toEvent` against the definition's types. */
export function audited<Ret, Args>(
  definition: UpdateDefinition<Ret, [Args]>,
  toEvent: (args: Args, result: Ret | undefined) => UpdateAudit,
): AuditedUpdate {
  return {
    name: definition.name,
    definition,
    toEvent: (args, result) => toEvent(args as Args, result as Ret | undefined),
  };
}

/** The object without its undefined and empty-string fields (an absent actor, reason or note is not shown). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** The stored document a submission references (`payload.document.file`), as the audit shows it. */
export function submittedDocument(payload: SubmissionPayload | undefined): AuditDocument | undefined {
  const file = payload?.document?.file;
  if (!file?.name || !file.sha256) return undefined;
  return compact({ name: file.name, sha256: file.sha256, type: file.type, size: file.size });
}

function lastOf(events: AdminEvent[] | undefined): AdminEvent | undefined {
  return events?.[events.length - 1];
}

/** An administrator's change to one milestone: the milestone's last event is the one it recorded. */
function milestoneChange(kind: AuditKind) {
  return (args: AdminInput, result: MilestoneState | undefined): UpdateAudit => {
    const last = lastOf(result?.events);
    return compact({
      at: last?.at,
      kind,
      milestoneId: args.milestoneId,
      actor: args.actor,
      reason: args.reason,
      detail: last?.detail,
    });
  };
}

/** Every update that changes a workflow's state, with its audit event. */
export const AUDITED_UPDATES: readonly AuditedUpdate[] = [
  audited(submitUpdate, (args, receipt) =>
    compact({
      at: receipt?.recordedAt,
      kind: 'submitted',
      milestoneId: args.milestoneId,
      actor: args.actor,
      ...(receipt
        ? { onTime: receipt.onTime, status: receipt.status, seq: receipt.seq, dueAt: receipt.dueAt }
        : {}),
      payload: args.payload,
      document: submittedDocument(args.payload),
      note: args.note,
    }),
  ),
  audited(approveUpdate, milestoneChange('approved')),
  audited(returnUpdate, milestoneChange('returned')),
  audited(extendUpdate, milestoneChange('extended')),
  audited(waiveUpdate, milestoneChange('waived')),
  audited(closeUpdate, (args) =>
    compact({ kind: args.cancel ? 'cancelled' : 'closed', actor: args.actor, reason: args.reason }),
  ),
  audited(revokeLinkUpdate, (args, revoked) =>
    compact({
      at: revoked?.revokedAt,
      kind: 'link-revoked',
      actor: args.actor,
      reason: args.reason,
      seq: revoked?.count,
    }),
  ),
  audited(closeCampaignUpdate, (args, state) => {
    const last = lastOf(state?.events);
    return compact({
      at: last ? last.at : state?.closedAt,
      kind: args.cancel ? 'campaign-cancelled' : 'campaign-closed',
      actor: args.actor,
      reason: args.reason,
      detail: last?.detail,
    });
  }),
  audited(extendAllUpdate, (args, result) =>
    compact({
      kind: 'extended-all',
      milestoneId: args.milestoneId,
      actor: args.actor,
      reason: args.reason,
      detail: result
        ? `${args.milestoneId} → trước ngày ${args.newDue}: ${result.extended} units`
        : undefined,
    }),
  ),
];

const BY_NAME = new Map(AUDITED_UPDATES.map((u) => [u.name, u]));

/** The declared audit of the update of this name, if it is audited. */
export function auditedUpdate(name: string): AuditedUpdate | undefined {
  return BY_NAME.get(name);
}

/** The engine's kinds of notice, in the two groups administrators and auditors ask about. */
export type NoticeCategory = 'reminder' | 'escalation' | 'notice';

const REMINDERS: ReadonlySet<string> = new Set<NoticeKind>(['reminder', 'last-day']);
const ESCALATIONS: ReadonlySet<string> = new Set<NoticeKind>(['overdue', 'escalation', 'digest']);

/** Reminders before a deadline, escalations after it (to the unit, its superiors, or a superior's digest). */
export function noticeCategory(kind: NoticeKind): NoticeCategory {
  if (REMINDERS.has(kind)) return 'reminder';
  if (ESCALATIONS.has(kind)) return 'escalation';
  return 'notice';
}

/** The activity that sends every notice (activities' `sendNotice`): its input is a NoticeInput. */
export const SEND_NOTICE_ACTIVITY = 'sendNotice';

/** The activity types whose input is a notice. */
export const NOTICE_ACTIVITIES: ReadonlySet<string> = new Set([SEND_NOTICE_ACTIVITY]);

/** What a notice the engine sent (or tried to) says, from the notice activity's input. */
export function noticeAudit(n: NoticeInput): NoticeAudit {
  return compact({
    kind: noticeCategory(n.kind),
    milestoneId: 'milestone' in n ? n.milestone.id : undefined,
    notice: n.kind,
    to: n.to,
    cc: n.kind === 'digest' && n.cc?.length ? n.cc : undefined,
    recipients: n.recipients ?? [],
    messageId: n.messageId,
    seq: n.seq,
    dueAt: 'dueAt' in n ? n.dueAt : undefined,
  });
}

/** The unit workflows' search attribute listing their overdue milestones: its first appearance is audited. */
export const OVERDUE_ATTRIBUTE: string = OVERDUE.name;

/** The memo field of the campaign workflow naming who started it (`dondoc start --by`). */
export const STARTED_BY_MEMO = 'startedBy';
