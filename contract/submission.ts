// What a unit sends (a submission's payload, the documents it references) and the status of a milestone:
// the leaf of the contract, shared by its messages and notices.
import type { FieldValue } from '../core/definition/types';

export type MilestoneStatus =
  | 'open'
  | 'overdue'
  | 'submitted'
  | 'late'
  | 'awaiting-approval'
  | 'waived'
  | 'closed'
  /** The unit only coordinates the milestone ("phối hợp"): it was told when it opened and owes nothing. */
  | 'coordinating';

/**
 * A document a unit uploaded (a signed plan, a report): stored outside workflow history in the document store,
 * content-addressed by its sha256; history keeps only this reference.
 */
export interface DocumentRef {
  /** Lowercase hex sha256 of the content: its key in the document store. */
  sha256: string;
  /** The file name as uploaded (for the download's name only). */
  name: string;
  /** The media type found by looking at the content (never the uploader's claim). */
  type: string;
  size: number;
}

/** What a unit sends. Which part is required depends on the milestone's kind. */
export interface SubmissionPayload {
  /**
   * draft-plan, plan, a report without outline: the document sent (required); beside a report's figures, sites
   * or events: an optional document (the signed report, the list as the office sent it).
   */
  document?: { title: string; reference?: string; summary?: string; file?: DocumentRef };
  /** result-report, periodic-report: the outline's figures. */
  values?: Record<string, FieldValue>;
  /** site-registration: one row per site. */
  sites?: Record<string, FieldValue>[];
  /** event-window: the events held. */
  events?: { date: string; place: string; attendance: number }[];
}
