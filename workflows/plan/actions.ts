// A milestone's schedule as a list of actions (reminders, the deadline, escalation steps), and which one comes
// next given its status and what it has already sent.
import type { MilestoneState } from '../../contract/messages';
import type { MilestoneStatus } from '../../contract/submission';
import type { EscalationAt, MilestoneSchedule, ReminderAt } from '../../core/calendar/schedule';
import { sentKey } from './sent';

export type Action =
  | { type: 'reminder'; at: string; r: ReminderAt }
  | { type: 'due'; at: string }
  | { type: 'escalation'; at: string; e: EscalationAt };

/** Statuses in which the unit still owes the milestone. */
export const OPEN_STATUSES: ReadonlySet<MilestoneStatus> = new Set<MilestoneStatus>(['open', 'overdue']);

/** Reminders, the deadline and escalation steps, by instant (stable: ties keep that order). */
export function actionsOf(s: Pick<MilestoneSchedule, 'reminders' | 'dueAt' | 'escalations'>): Action[] {
  const list: Action[] = [
    ...s.reminders.map((r): Action => ({ type: 'reminder', at: r.at, r })),
    { type: 'due', at: s.dueAt },
    ...s.escalations.map((e): Action => ({ type: 'escalation', at: e.at, e })),
  ];
  return list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The next action of a milestone and its parts not yet sent: the deadline while it is open; reminders while it
 * is open and escalation steps while it is owed, from `activeFrom` on. Undefined when nothing is left.
 * `partsOf` gives an action's messages (see parts.ts); those already in `sent` are left out. `delegated`: the
 * reminders are the superior's to send (plan/delegation.ts), so none is next.
 */
export function nextAction<P extends { key: string }>(
  ms: Pick<MilestoneState, 'schedule' | 'status' | 'activeFrom' | 'sent'>,
  partsOf: (a: Action) => P[],
  delegated = false,
): { action: Action; parts: P[] } | undefined {
  const done = new Set(ms.sent.map(sentKey));
  const from = Date.parse(ms.activeFrom);
  for (const a of actionsOf(ms.schedule)) {
    if (a.type === 'due') {
      if (ms.status === 'open') return { action: a, parts: [] };
      continue;
    }
    if (Date.parse(a.at) < from) continue;
    if (a.type === 'reminder' && (ms.status !== 'open' || delegated)) continue;
    if (a.type === 'escalation' && !OPEN_STATUSES.has(ms.status)) continue;
    const parts = partsOf(a).filter((p) => !done.has(p.key));
    if (parts.length > 0) return { action: a, parts };
  }
  return undefined;
}
