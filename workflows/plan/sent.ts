// What a milestone has already sent: the key that makes a notice unique, and recording one.
import type { MilestoneState, PendingNotice, SentNotice } from '../../contract/messages';
import type { DeadlineNotice, NoticeKind } from '../../contract/notices';
import type { Recipient } from '../../core/definition/types';

/** What makes a sent notice unique: its Message-ID, or for an escalation into digests its step. */
export function sentKey(n: Pick<SentNotice, 'digest' | 'seq' | 'dueAt' | 'messageId'>): string {
  return n.digest ? `digest:${n.seq}:${n.dueAt}` : n.messageId;
}

/** Records a sent notice; a refusal flags the milestone (replacing an earlier refusal's flag). */
export function recordSent(ms: Pick<MilestoneState, 'sent' | 'flags'>, n: SentNotice): void {
  ms.sent.push(n);
  if (n.failure) {
    ms.flags = [...ms.flags.filter((f) => !f.startsWith('undeliverable')), `undeliverable: ${n.failure}`];
  }
}

/** How the mail server took a notice: the template used, and a permanent refusal if any. */
export interface Delivery {
  kind: NoticeKind;
  failure?: string;
}

/** The record of a queued notice (outbox) once sent: always to the unit. */
export function sentOfQueued(queued: PendingNotice, r: Delivery, sentAt: string, to: string[]): SentNotice {
  return {
    kind: r.kind,
    seq: queued.seq,
    plannedAt: queued.asOf,
    sentAt,
    dueAt: queued.dueAt,
    recipients: ['unit'],
    to,
    messageId: queued.messageId,
    ...(r.failure ? { failure: r.failure } : {}),
  };
}

/**
 * The record of one part of a scheduled reminder or escalation step: an email (with how it was delivered), or
 * without a notice an entry in superiors' digests (`dueAt`: the milestone's deadline then).
 */
export function sentOfPart(
  part: { seq: number; recipients: Recipient[]; notice?: DeadlineNotice; digest?: string[] },
  plannedAt: string,
  sentAt: string,
  dueAt: string,
  r?: Delivery,
): SentNotice {
  if (!part.notice || !r) {
    return {
      kind: 'escalation',
      seq: part.seq,
      plannedAt,
      sentAt,
      dueAt,
      recipients: part.recipients,
      to: [],
      messageId: '',
      digest: part.digest ?? [],
    };
  }
  return {
    kind: r.kind,
    seq: part.seq,
    plannedAt,
    sentAt,
    dueAt: part.notice.dueAt,
    recipients: part.recipients,
    to: part.notice.to,
    messageId: part.notice.messageId,
    ...(r.failure ? { failure: r.failure } : {}),
  };
}
