// A unit workflow's plan: what it needs to run, cut from the campaign and passed in its start input (and over
// continue-as-new), with the flags the starting worker sets. Re-exported by messages.ts. Types only: safe in the
// workflow bundle.
import type { MilestoneSchedule } from '../core/calendar/schedule';
import type { CalendarRules } from '../core/calendar/workdays';
import type { CampaignHeader, Milestone, Unit } from '../core/definition/types';
import type { AggregationRules } from '../core/report/aggregate';

export interface Contact {
  id: string;
  name: string;
  emails: string[];
}

/** What a unit workflow needs to run, cut from the campaign by the campaign workflow. */
export interface UnitPlan {
  campaign: CampaignHeader;
  calendar: CalendarRules;
  /** The milestones that apply to this unit, those it only coordinates included. */
  milestones: Milestone[];
  /**
   * The milestones (ids) this unit only coordinates ("phối hợp"): it hears when each opens and nothing else, and
   * owes nothing. Absent (every plan before it existed): the unit implements all its milestones.
   */
  coordinates?: string[];
  unit: Unit;
  parent?: Contact;
  issuer: Contact;
  /** Direct subordinates. */
  children: string[];
  /** How every report milestone of the campaign adds up. */
  rules: AggregationRules;
  /** Continue as new above this many history events (the campaign's setting, passed down). */
  historyLimit?: number;
  /**
   * Set when the campaign has mail templates of its own: their version, for the sending activity to fetch
   * them once (from the campaign workflow's start event) instead of every unit carrying them.
   */
  templatesVersion?: string;
  /** How this unit's notices go out (set by the worker that started it); absent: as activities, as before. */
  mail?: MailRoute;
  /**
   * Set by the worker that started the unit (absent for units started before they existed): the unit publishes
   * what `status` shows in its memo (contract/status.ts), and as a superior passes its subordinates' reports up
   * at most once per `reportEveryMs` instead of once per report.
   */
  statusMemo?: true;
  reportEveryMs?: number;
  /**
   * Set by the worker that started the unit when its notices go by local activity (absent for units started
   * before it existed, and with a sending rate, whose limit counts one activity per email): while a milestone is
   * open, its reminders are sent by the unit's superior (its parent, or the issuer) in one batch per instant with
   * those of its other subordinates (workflows/reminder-batches.ts), instead of each unit waking on a timer of
   * its own. The unit tells the superior which reminders it owes with its aggregate report (DelegatedReminders).
   */
  batchReminders?: true;
  /**
   * Set by the worker that started the unit (absent for units started before it existed): a submission's receipt
   * goes by local activity in the submission's own task, and reports go up the tree by a local activity that
   * signals the parent. Units started before it keep doing what their `patched()` markers recorded
   * (workflows/unit/lane.ts, reporters.ts); those started with it call no `patched()` for these two, so their
   * histories get neither the patch markers nor the search-attribute upserts (TemporalChangeVersion) the SDK
   * adds to each patch's first use in a run.
   */
  sendsInTask?: true;
}

/**
 * How a unit's notices are sent. `local`: a local activity in the unit's own workflow task (one history event and
 * no task-queue round trip per notice: the fast default). `taskQueue`: an activity on a dedicated mail task
 * queue whose workers hold the sending rate (DONDOC_SMTP_RATE) across all of them. Either way the notice's
 * Message-ID is deterministic, so a retried send is one message to the reader.
 */
export type MailRoute = { local: true } | { taskQueue: string };

/** What a unit starts with: its plan and its milestones' schedule (computed by the starting activity). */
export interface UnitStart {
  plan: UnitPlan;
  schedules: MilestoneSchedule[];
}
