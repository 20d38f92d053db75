// Batched reminders (UnitPlan.batchReminders): the list of reminders a unit leaves to its parent unit, and what
// the parent carries over continue-as-new. Types only (contract/reminder-batch.ts has the batch activity's).
import type { ReminderAt } from '../core/calendar/schedule';

/**
 * The reminders of one open milestone a unit leaves to its superior's batches (UnitPlan.batchReminders): those
 * from `from` (the milestone's activeFrom: its start, or its last extension or return) on. A new `from` is a new
 * list: the superior forgets what it sent of the previous one.
 */
export interface DelegatedReminders {
  milestoneId: string;
  /** The milestone's activeFrom when the list was made. */
  from: string;
  dueAt: string;
  opensAt?: string;
  icsSequence: number;
  reminders: ReminderAt[];
}

/**
 * What a superior carries over continue-as-new of its subordinates' delegated reminders: each distinct list once
 * (subordinates started together share theirs: a district of a thousand schools carries one or two), and for each
 * subordinate and milestone which list, from when, and the instant of the last reminder of it sent.
 */
export interface CarriedReminders {
  lists: Omit<DelegatedReminders, 'from'>[];
  held: { unitId: string; list: number; from: string; sentThrough?: string }[];
}
