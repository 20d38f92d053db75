import type { FuzzFigures } from './fuzz';
// The chaos run's options and figures, as printed and written to --out.

export interface ChaosOptions {
  n: number;
  seed: number;
  /** The SMTP sink refuses connections this long, then answers 421 for `s421` seconds. */
  outageSeconds: number;
  s421: number;
  kills: number;
  submitShare: number;
  submitConcurrency: number;
  /** Replay at most this many unit workflows (a random sample); 0: all. */
  replayLimit: number;
  /** Run the fuzz tests first with this many inputs per target; 0: not at all. */
  fuzzRuns: number;
  out?: string;
  keep: boolean;
}

/** One fault or recovery, at epoch ms `at`. */
export interface FaultEvent {
  at: number;
  what: string;
}

export interface SubmissionRecord {
  unitId: string;
  /** What was down when it was sent: worker, server, smtp (refusing / 421), or nothing. */
  during: string;
  startedAt: number;
  seconds: number;
  code: number | null;
  error?: string;
  /** The worker kills and server stops while it ran. */
  acrossFaults?: string[];
}

export interface ReminderFigures {
  expected: number;
  delivered: number;
  lost: number;
  lostUnits: string[];
  /** Units submitted (by this run) before their reminder went out, rightly not reminded (not expected). */
  skippedSubmittedFirst: string[];
  /** Message-IDs received more than once: [id, times]. */
  duplicates: [string, number][];
  /** Of those, how many had their first copy before a worker kill (or the server's stop) and a later one after. */
  duplicatesAcrossAFault: number;
  /** Units that received their reminder under more than one Message-ID (a real double send). */
  unitsWithSeveralIds: string[];
  lastArrivalSeconds: number | null;
}

export interface SubmissionFigures {
  attempted: number;
  acknowledged: number;
  failed: number;
  recorded: number;
  lost: number;
  lostUnits: string[];
  /** Failed (non-zero exit) but recorded after all: the CLI said it might have been. */
  failedButRecorded: number;
  receipts: number;
  missingReceipts: string[];
  duplicateReceipts: [string, number][];
  failures: Record<string, number>;
  /** Every failed submission: unit, what was down when sent, seconds, the CLI's message. */
  failedRuns: SubmissionRecord[];
  /** Submissions in flight while the worker was killed or the server stopped, and how many were acknowledged. */
  inFlightAtAFault: { attempted: number; acknowledged: number };
  byDuring: Record<string, { attempted: number; acknowledged: number }>;
}

export interface ReplayFigures {
  workflows: number;
  replayed: number;
  failed: number;
  fetchErrors: number;
  failures: string[];
  seconds: number;
}

export interface ChaosResult {
  options: ChaosOptions;
  campaignId?: string;
  burstAt?: string;
  startedAt: string;
  reminders?: ReminderFigures;
  submissions?: SubmissionFigures;
  replay?: ReplayFigures;
  fuzz?: FuzzFigures;
  timeline: { seconds: number; what: string }[];
  notes: string[];
  passed: boolean;
  broken?: string;
}
