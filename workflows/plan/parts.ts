// The messages of a reminder or an escalation step: to the unit, to its superiors, or into their digests.
import { noticeMessageId } from '../../contract/ids';
import type { MilestoneState } from '../../contract/messages';
import type { DeadlineNotice } from '../../contract/notices';
import type { Milestone, Recipient } from '../../core/definition/types';
import type { Action } from './actions';
import { contactOf, noticeAbout, type PlanContext, recipientsOf, superiorOf, superiorsIn } from './context';
import { sentKey } from './sent';

/** One message (or digest entry) of a scheduled reminder or escalation step. */
export interface Part {
  key: string;
  /** The kind in its Message-ID: reminder (or last-day), overdue (to the unit), escalation (to superiors). */
  kind: 'reminder' | 'overdue' | 'escalation';
  seq: number;
  recipients: Recipient[];
  /** The email; absent for an escalation that goes into superiors' digests. */
  notice?: DeadlineNotice;
  /** Superiors (unit ids) whose digests take this escalation. */
  digest?: string[];
}

/**
 * The messages of a reminder, or of an escalation step (the deadline itself has none): the unit hears it is
 * overdue; its superiors hear about the unit, each in a message of their own or, with `digest: daily`, in
 * their digests. `m` is the milestone's definition.
 */
export function partsOf(
  ctx: PlanContext,
  m: Milestone,
  ms: Pick<MilestoneState, 'id' | 'schedule' | 'icsSequence'>,
  a: Action,
): Part[] {
  if (a.type === 'due') return [];
  const dueAt = ms.schedule.dueAt;
  const deadline = (
    kind: 'reminder' | 'escalation',
    idKind: Part['kind'],
    seq: number,
    to: Recipient[],
  ): Part => {
    const messageId = noticeMessageId(ctx.campaign.id, ctx.unit.id, ms.id, idKind, seq, dueAt);
    const superiors = superiorsIn(to);
    const superiorIds = [...new Set(superiors.map((r) => superiorOf(ctx, r)))];
    const notice: DeadlineNotice = {
      ...noticeAbout(ctx, m, ms.schedule),
      kind,
      to: recipientsOf(ctx, to),
      recipients: to,
      messageId,
      seq,
      asOf: a.at,
      dueAt,
      icsSequence: ms.icsSequence ?? 0,
      ...(a.type === 'reminder' ? { phase: a.r.phase } : {}),
      ...(superiors.length > 0
        ? { addressee: [...new Set(superiors.map((r) => contactOf(ctx, r).name))].join(', ') }
        : {}),
      // Addressed to one superior unit (the issuer's staff sign in instead): it may carry that unit's link.
      ...(superiorIds.length === 1 && superiorIds[0] !== ctx.issuer.id ? { superiorId: superiorIds[0] } : {}),
    };
    return { key: messageId, kind: idKind, seq, recipients: to, notice };
  };
  if (a.type === 'reminder') return [deadline('reminder', 'reminder', a.r.seq, ['unit'])];
  const { seq, to } = a.e;
  const parts: Part[] = [];
  if (to.includes('unit')) parts.push(deadline('escalation', 'overdue', seq, ['unit']));
  const superiors = superiorsIn(to);
  if (superiors.length > 0) {
    if (m.escalation.digest === 'daily') {
      parts.push({
        key: sentKey({ digest: [], seq, dueAt, messageId: '' }),
        kind: 'escalation',
        seq,
        recipients: superiors,
        digest: [...new Set(superiors.map((r) => superiorOf(ctx, r)))],
      });
    } else parts.push(deadline('escalation', 'escalation', seq, superiors));
  }
  return parts;
}
