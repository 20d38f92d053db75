// The SDK records a stack trace for every promise a workflow creates (a promise hook in its workflow thread), for
// the `__stack_trace` query behind the Web UI's "Stack Trace" tab (sdk-typescript#1587). At 2,000 units in real
// time the worker used 87.7 CPU-s for the submissions with it and 59.3 without (npm run bench:live). dondoc turns
// it off unless DONDOC_WORKFLOW_STACK_TRACES asks for it: the SDK's workflow threads are started with
// worker/workflow-thread-preload.cjs, which keeps the SDK from installing the hook, and the query then answers
// "Workflow stack traces are not enabled on this worker", as the SDK does where Node has no promise hooks.
// Workflows, their histories and their failures' stack traces are the same either way.
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import workerThreads from 'node:worker_threads';

const PRELOAD = path.join(__dirname, 'workflow-thread-preload.cjs');
const SDK_WORKFLOW_DIR = path.join(
  path.dirname(require.resolve('@temporalio/worker/package.json')),
  'lib',
  'workflow',
);
const SDK_THREAD = path.join(SDK_WORKFLOW_DIR, 'workflow-worker-thread.js');

/** Whether this SDK has what the preload changes (an SDK shaped otherwise keeps its hook). */
export function promiseStacksCanBeTurnedOff(): boolean {
  const vmShared = require(path.join(SDK_WORKFLOW_DIR, 'vm-shared.js')) as {
    GlobalHandlers?: { prototype?: { setPromiseHook?: unknown } };
  };
  return typeof vmShared.GlobalHandlers?.prototype?.setPromiseHook === 'function';
}

/** Whether the workflow threads started in this async context get the preload (withoutPromiseStacks). */
const preloading = new AsyncLocalStorage<boolean>();
let installed = false;

/**
 * Threads of the SDK's workflow thread file started in withoutPromiseStacks get the preload and the per-thread
 * options of this process (a profiler's, a debugger's); V8's own flags, such as the heap limit, are the process's
 * and apply to every thread. Any other thread, and one started elsewhere (another worker, at the same time, that
 * keeps the hook), starts as it would have.
 */
function install(): void {
  if (installed) return;
  installed = true;
  const Original = workerThreads.Worker;
  class Preloaded extends Original {
    constructor(file: string | URL, options?: workerThreads.WorkerOptions) {
      const preload = preloading.getStore() === true && String(file) === SDK_THREAD;
      super(file, preload ? { ...options, execArgv: threadArgs() } : options);
    }
  }
  (workerThreads as { Worker: typeof Original }).Worker = Preloaded;
}

function threadArgs(): string[] {
  return [
    ...process.execArgv.filter((a) => a.startsWith('--cpu-prof') || a.startsWith('--inspect')),
    '--require',
    PRELOAD,
  ];
}

let creating = 0;

/**
 * Runs `create` (the SDK's Worker.create) with the workflow threads it starts preloaded. Once no such call is
 * under way the async context is dropped, so the worker's promises do not carry it.
 */
export async function withoutPromiseStacks<T>(create: () => Promise<T>): Promise<T> {
  install();
  creating++;
  try {
    return await preloading.run(true, create);
  } finally {
    creating--;
    if (creating === 0) preloading.disable();
  }
}
