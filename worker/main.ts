// The dondoc worker (`npm run worker`): one worker process, or DONDOC_WORKER_PROCESSES of them (or one with a heap
// limit) under a supervising process. The supervisor loads only what supervising needs (worker/processes.ts): the
// worker's own modules (the SDK, its native library, the activities) are imported by the processes that run it,
// and the workflow bundle is built by a short-lived child, so the supervisor stays small (it counts in the
// worker's memory: 283 MiB when it built the bundle itself, 113 MiB when it only imported the worker).
import { fork } from 'node:child_process';
import path from 'node:path';
import { loadWorkerConfig } from './config';
import { supervises, superviseWorkers } from './processes';

/** Set in the child that only builds the workflow bundle for the supervisor. */
const BUNDLE_ONLY = 'DONDOC_WORKER_BUNDLE_ONLY';

/** Builds the bundle in a child process (the same command line), so webpack's memory goes with it. */
function bundleInChild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = process.argv[1];
    if (!script) return reject(new Error('dondoc worker: no script to run the bundle step with'));
    const child = fork(path.resolve(script), [], { env: { ...process.env, [BUNDLE_ONLY]: '1' } });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`dondoc worker: building the workflow bundle failed (${signal ?? `code ${code}`})`),
          ),
    );
  });
}

export async function main(): Promise<number> {
  const config = loadWorkerConfig();
  if (process.env[BUNDLE_ONLY] === '1') {
    const { bundleDir, workflowBundle } = await import('./bundle');
    await workflowBundle(bundleDir(config.DONDOC_DATA_DIR));
    return 0;
  }
  const count = config.DONDOC_WORKER_PROCESSES;
  const heap = config.DONDOC_WORKER_HEAP_MIB;
  if (supervises(count, heap)) {
    // Built once, before the worker processes start, so that they all find it instead of each bundling the same code.
    await bundleInChild();
    return superviseWorkers(count, console.log, heap);
  }
  const { runWorker } = await import('./run');
  await runWorker();
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
