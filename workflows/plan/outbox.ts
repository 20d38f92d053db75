// Notices about changes (opened, receipt, returned, extended, waived): the email of a queued one, built from
// what was recorded when it was queued.
import type { MilestoneState, PendingNotice } from '../../contract/messages';
import type { NoticeInput } from '../../contract/notices';
import type { Milestone, Recipient } from '../../core/definition/types';
import { noticeAbout, type PlanContext } from './context';

export function queuedNotice(
  ctx: PlanContext,
  m: Milestone,
  ms: Pick<MilestoneState, 'schedule' | 'submissions' | 'status'>,
  p: PendingNotice,
): NoticeInput {
  const common = {
    ...noticeAbout(ctx, m, ms.schedule),
    to: ctx.unit.emails,
    recipients: ['unit'] as Recipient[],
    messageId: p.messageId,
    seq: p.seq,
    asOf: p.asOf,
    dueAt: p.dueAt,
    icsSequence: p.icsSequence,
  };
  const who = p.actor ? { actor: p.actor } : {};
  switch (p.kind) {
    case 'opened':
      return { ...common, kind: 'opened' };
    case 'returned':
      return { ...common, kind: 'returned', reason: p.reason ?? '', ...who };
    case 'extended':
      return {
        ...common,
        kind: 'extended',
        previousDueAt: p.previousDueAt ?? p.dueAt,
        reason: p.reason ?? '',
        ...who,
      };
    case 'waived':
      return { ...common, kind: 'waived', ...(p.reason ? { reason: p.reason } : {}), ...who };
    case 'receipt': {
      // Submissions are only ever appended: the one it acknowledges is there.
      const s = ms.submissions.find((x) => x.seq === p.seq);
      return {
        ...common,
        kind: 'receipt',
        receipt: {
          seq: p.seq,
          recordedAt: s?.at ?? p.asOf,
          onTime: s?.onTime ?? Date.parse(p.asOf) < Date.parse(p.dueAt),
          status: p.status ?? ms.status,
          actor: s?.actor ?? p.actor ?? '',
          ...(s?.note ? { note: s.note } : {}),
          flags: p.flags ?? [],
          payload: s?.payload ?? {},
        },
      };
    }
  }
}
