// Which template a reminder or escalation scheduled by the engine is written with.

import type { NoticeKind } from '../../contract/notices';
import type { Recipient } from '../../core/definition/types';
import { at, deadline } from './context';

export interface Scheduled {
  kind: 'reminder' | 'escalation';
  recipients: Recipient[];
  phase?: 'before-open' | 'before-due';
  dueAt: string;
  asOf: string;
  zone: string;
}

/** A reminder on the deadline's last day is `last-day`; an escalation to the unit alone is `overdue`. */
export function scheduledKind(s: Scheduled): NoticeKind {
  if (s.kind === 'escalation') return s.recipients.every((r) => r === 'unit') ? 'overdue' : 'escalation';
  if (s.phase === 'before-open') return 'reminder';
  const due = deadline(s.dueAt, s.zone);
  const now = at(s.asOf, s.zone);
  return now < due.at && now.hasSame(due.lastDay, 'day') ? 'last-day' : 'reminder';
}
