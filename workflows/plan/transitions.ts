// How a milestone's status and flags change on a submission, a return, an extension and a close: pure, with
// the instant passed in (ms since the epoch, workflow time).
import type { MilestoneState } from '../../contract/messages';
import type { MilestoneStatus, SubmissionPayload } from '../../contract/submission';
import type { Milestone } from '../../core/definition/types';
import { flagsFor } from '../submission-check';
import { OPEN_STATUSES } from './actions';

/**
 * After a submission (already appended to `ms.submissions`): the submission's flags, the milestone's status and
 * its flags. Event windows accumulate events and are met once enough were held (till then the status stays); a
 * draft waits for approval. An address the mail server refused stays flagged.
 */
export function afterSubmission(
  m: Milestone,
  ms: Pick<MilestoneState, 'status' | 'submissions' | 'flags'>,
  payload: SubmissionPayload,
  onTime: boolean,
): { flags: string[]; status: MilestoneStatus; milestoneFlags: string[] } {
  let flags: string[];
  let status = ms.status;
  if (m.kind === 'event-window') {
    const events = ms.submissions.flatMap((s) => s.payload.events ?? []);
    flags = flagsFor(m, { events });
    if (events.length >= m.minEvents) status = onTime ? 'submitted' : 'late';
  } else {
    flags = flagsFor(m, payload);
    status = m.kind === 'draft-plan' ? 'awaiting-approval' : onTime ? 'submitted' : 'late';
  }
  return {
    flags,
    status,
    milestoneFlags: [...flags, ...ms.flags.filter((f) => f.startsWith('undeliverable'))],
  };
}

/** A returned draft is owed again: overdue if its deadline has passed at `now`. */
export function reopenedStatus(dueAt: string, now: number): MilestoneStatus {
  return now >= Date.parse(dueAt) ? 'overdue' : 'open';
}

/** An extension to a deadline still ahead at `now` reopens an overdue milestone. */
export function extendedStatus(status: MilestoneStatus, newDueAt: string, now: number): MilestoneStatus {
  return status === 'overdue' && !(now >= Date.parse(newDueAt)) ? 'open' : status;
}

/** Closing the campaign closes what is still owed or awaiting approval. */
export function closedStatus(status: MilestoneStatus): MilestoneStatus {
  return OPEN_STATUSES.has(status) || status === 'awaiting-approval' ? 'closed' : status;
}
