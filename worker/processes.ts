// Several worker processes on one machine (DONDOC_WORKER_PROCESSES): each runs its own Temporal workers (a
// workflow thread for each task queue, one Node event loop), and the server spreads tasks between them as it
// does between machines. The first process only supervises: it starts the others, starts one again if it dies,
// and passes a stop (SIGINT/SIGTERM) on, exiting once all of them have stopped.
import cluster, { type Worker as ClusterWorker } from 'node:cluster';

/** Restarts of a process that keeps dying are spaced out, so a broken configuration does not spin. */
const RESTART_DELAY_MS = 2_000;

export function superviseWorkers(
  count: number,
  log: (line: string) => void = console.log,
  heapMiB?: number,
): Promise<number> {
  // Each worker process's heap limit (DONDOC_WORKER_HEAP_MIB) applies to its workflow thread too (V8 flags are
  // the process's).
  if (heapMiB) cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${heapMiB}`] });
  return new Promise((resolve) => {
    let stopping = false;
    let exitCode = 0;
    const live = new Set<ClusterWorker>();
    // Each process keeps its index across restarts (its metrics port is DONDOC_METRICS_PORT + index).
    const start = (index: number) => {
      const w = cluster.fork({ DONDOC_WORKER_INDEX: String(index) });
      live.add(w);
      w.on('exit', (code, signal) => {
        live.delete(w);
        if (!stopping) {
          log(
            `dondoc worker process ${w.process.pid} stopped (${signal ?? `code ${code}`}); starting another`,
          );
          setTimeout(() => {
            if (!stopping) start(index);
          }, RESTART_DELAY_MS);
        } else if (code) {
          exitCode = code;
        }
        if (stopping && live.size === 0) resolve(exitCode);
      });
    };
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log(`dondoc worker: ${signal}, stopping ${live.size} processes`);
      for (const w of live) w.process.kill(signal);
      if (live.size === 0) resolve(exitCode);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    log(
      `dondoc worker: ${count} process${count > 1 ? 'es' : ''}${heapMiB ? `, ${heapMiB} MiB heap each` : ''}`,
    );
    for (let i = 0; i < count; i++) start(i);
  });
}

/** Whether this process supervises others rather than running a worker itself (several, or a heap limit). */
export function supervises(count: number, heapMiB?: number): boolean {
  return (count > 1 || heapMiB !== undefined) && cluster.isPrimary;
}
