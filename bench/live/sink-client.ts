// The SMTP sink (sink.ts) as the live benchmark drives it: a child process, its port, and its figures for the
// Message-IDs matching a pattern; plus waiting until enough of them have arrived.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { track } from './procs';
import { log } from './stats';
import type { SinkStats } from './types';

export type SinkMode = 'normal' | 'refuse' | '421';

export interface Sink {
  port: number;
  child: ChildProcess;
  stats: (pattern: string) => Promise<SinkStats>;
  /** Each Message-ID matching `pattern`: [id, times received, first and latest arrival epoch ms]. */
  ids: (pattern: string) => Promise<[string, number, number, number][]>;
  /** Switches the sink's fault mode (sink.ts): refuse connections, answer 421, or normal. */
  setMode: (mode: SinkMode) => Promise<void>;
}

interface Reply {
  seq?: number;
  result?: SinkStats;
  ids?: [string, number, number, number][];
  mode?: SinkMode;
}

export function startSink(): Promise<Sink> {
  const child = track(fork(path.join(__dirname, 'sink.ts'), [], { execArgv: ['--import', 'tsx'] }));
  let seq = 0;
  const waiting = new Map<number, (r: Reply) => void>();
  child.on('message', (msg: Reply) => {
    if (msg.seq === undefined) return;
    waiting.get(msg.seq)?.(msg);
    waiting.delete(msg.seq);
  });
  const ask = (request: Record<string, unknown>) =>
    new Promise<Reply>((resolve, reject) => {
      if (!child.connected) {
        reject(new Error('the SMTP sink has stopped'));
        return;
      }
      seq += 1;
      waiting.set(seq, resolve);
      child.send({ ...request, seq });
    });
  const stats = (pattern: string) => ask({ stats: pattern }).then((r) => r.result as SinkStats);
  const ids = (pattern: string) => ask({ ids: pattern }).then((r) => r.ids ?? []);
  const setMode = (mode: SinkMode) => ask({ mode }).then(() => undefined);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code}) before listening`)));
    child.on('message', (msg: { port?: number }) => {
      if (msg.port) resolve({ port: msg.port, child, stats, ids, setMode });
    });
  });
}

/** A regular expression matching exactly `s`. */
export function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Polls the sink until `expected` distinct Message-IDs match `pattern`, or `deadline` (epoch ms) passes.
 */
export async function waitDelivered(input: {
  sink: Sink;
  pattern: string;
  expected: number;
  deadline: number;
  /** Names what is awaited in a progress line every 15 s. */
  label?: string;
}): Promise<{ stats: SinkStats; completed: boolean }> {
  let lastLog = Date.now();
  for (;;) {
    const stats = await input.sink.stats(input.pattern);
    if (input.label && Date.now() - lastLog >= 15_000) {
      lastLog = Date.now();
      log(`${input.label}: ${stats.distinct}/${input.expected} arrived`);
    }
    if (stats.distinct >= input.expected) return { stats, completed: true };
    if (Date.now() >= input.deadline) return { stats, completed: false };
    await new Promise((r) => setTimeout(r, 250));
  }
}
