// Small helpers of the live benchmark: latency figures, seconds between instants, sleeping, a progress log.
import type { Latency } from './types';

export function latency(ms: number[]): Latency | undefined {
  if (ms.length === 0) return undefined;
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  const r = (x: number) => Math.round(x);
  return { count: s.length, median: r(at(0.5)), p95: r(at(0.95)), max: r(s[s.length - 1] ?? 0) };
}

/** Seconds from `from` to `to` (epoch ms), to a tenth. */
export function seconds(from: number, to: number): number {
  return Number(((to - from) / 1000).toFixed(1));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

export async function sleepUntil(epochMs: number): Promise<void> {
  await sleep(epochMs - Date.now());
}

const t0 = Date.now();

/** A progress line, stamped with the time since the benchmark started. */
export function log(s: string): void {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(7)}s] ${s}`);
}
