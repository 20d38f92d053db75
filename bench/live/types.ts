// The live benchmark's figures, as they are printed and written to --out.
import type { PhaseResources } from './monitor';

/** What the SMTP sink received among the Message-IDs matching a pattern. */
export interface SinkStats {
  /** Distinct Message-IDs matching. */
  distinct: number;
  /** Messages matching, duplicates included. */
  total: number;
  /** Messages beyond the first of their Message-ID. */
  duplicates: number;
  /** Epoch ms of the first arrivals of the first, the median, the 90th percentile and the last of them. */
  firstAt: number | null;
  halfAt: number | null;
  p90At: number | null;
  lastAt: number | null;
  /** Every message received, matching or not, and those without a Message-ID. */
  received: number;
  withoutId: number;
}

/** Milliseconds: median, 95th percentile, max, over `count` samples. */
export interface Latency {
  count: number;
  median: number;
  p95: number;
  max: number;
}

export type System = 'dondoc' | 'raw' | 'nodemailer';
export type PhaseName = 'start' | 'burst' | 'submit';

export interface PhaseResult {
  phase: PhaseName;
  system: System;
  /** The measured time (see the phase's definition), null when it never completed. */
  seconds: number | null;
  completed: boolean;
  /** Emails (start, burst) or acknowledged submissions (submit). */
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  /** Per-call latency (submissions). */
  latency?: Latency;
  notes: string[];
  detail: Record<string, number | string | boolean | null>;
}

/** The status and overdue probes' latencies during one phase. */
export interface ProbePhase {
  status?: Latency;
  overdue?: Latency;
  statusErrors: number;
  overdueErrors: number;
  errors: string[];
}

export interface HistoryFigures {
  sampled: number;
  mean: number;
  max: number;
  maxWorkflowId: string;
  campaign: number;
  /** Mean history length of a few bare workflows (null without the raw phases). */
  bareMean: number | null;
}

export interface BenchResult {
  units: number;
  concurrency: number;
  startedAt: string;
  workerLog: string;
  workerEnv: Record<string, string>;
  bareCache: number;
  phases: PhaseResult[];
  probes: Record<string, ProbePhase>;
  history?: HistoryFigures;
  resources: Record<string, PhaseResources>;
  notes: string[];
  broken?: string;
}
