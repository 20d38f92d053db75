// What every phase of the live benchmark shares: the size, the clients, the sink, the monitor, the time limit
// (generous, growing with N), and how a phase's deliveries become its result.
import type { Client } from '@temporalio/client';
import type { Monitor } from './monitor';
import type { Sink, waitDelivered } from './sink-client';
import { seconds } from './stats';
import type { PhaseName, PhaseResult, System } from './types';

export interface Ctx {
  n: number;
  concurrency: number;
  dir: string;
  /** dondoc's data converter (the CLI's). */
  client: Client;
  /** Temporal's default data converter (the bare worker's). */
  rawClient: Client;
  bareQueue: string;
  sink: Sink;
  monitor: Monitor;
}

/** How long a phase may take before the benchmark counts it as broken: 3 minutes plus half a second a unit. */
export function phaseTimeoutMs(n: number): number {
  return 180_000 + 500 * n;
}

/** A phase that did not complete within its time limit: the benchmark stops with what it has. */
export class PhaseTimeout extends Error {
  constructor(readonly result: PhaseResult) {
    super(`${result.system} ${result.phase} did not complete: ${result.delivered}/${result.expected}`);
    this.name = 'PhaseTimeout';
  }
}

const since = (from: number, at: number | null) => (at === null ? null : seconds(from, at));

/** A phase measured by emails: from `from` to the first arrival of the last expected Message-ID. */
export function deliveryResult(input: {
  phase: PhaseName;
  system: System;
  from: number;
  expected: number;
  waited: Awaited<ReturnType<typeof waitDelivered>>;
  notes?: string[];
  detail?: PhaseResult['detail'];
}): PhaseResult {
  const { stats, completed } = input.waited;
  return {
    phase: input.phase,
    system: input.system,
    seconds: completed && stats.lastAt !== null ? seconds(input.from, stats.lastAt) : null,
    completed,
    expected: input.expected,
    delivered: stats.distinct,
    lost: Math.max(0, input.expected - stats.distinct),
    duplicates: stats.duplicates,
    notes: input.notes ?? [],
    detail: {
      firstSeconds: since(input.from, stats.firstAt),
      halfSeconds: since(input.from, stats.halfAt),
      p90Seconds: since(input.from, stats.p90At),
      ...(input.detail ?? {}),
    },
  };
}

/** Throws PhaseTimeout for a result that did not complete (after it was recorded). */
export function requireCompleted(r: PhaseResult): PhaseResult {
  if (!r.completed) throw new PhaseTimeout(r);
  return r;
}
