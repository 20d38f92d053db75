// What a milestone has already sent: the key that makes a notice unique, and recording one.
import type { MilestoneState, SentNotice } from '../../contract/messages';

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
