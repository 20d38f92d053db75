// The worker's Temporal workers, as `npm run worker` runs them and as the engine tests do: one on the task queue
// (the campaign and the units without subordinates, and every activity), one on the superiors' task queue (units
// with subordinates, their own workflow cache and thread), and, with a sending rate (DONDOC_SMTP_RATE), one on the
// mail task queue that only sends notices, at that rate across all workers (Temporal's task-queue activity rate
// limit).
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import { type ActivityDeps, createActivities } from '../activities';
import type { MailRoute } from '../contract/messages';
import { dataConverter } from '../core/payload-codec';
import { SUPERIOR_CACHE } from './config';
import { promiseStacksCanBeTurnedOff, withoutPromiseStacks } from './promise-stacks';
import { mailTaskQueue, superiorTaskQueue } from './queues';

/** How units started by this worker send: on the mail queue at a rate, or as local activities (default). */
export function mailRoute(taskQueue: string, ratePerSecond: number | undefined): MailRoute {
  return ratePerSecond ? { taskQueue: mailTaskQueue(taskQueue) } : { local: true };
}

export interface WorkerSetup {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  /** The workflow code: a prebuilt bundle (worker/bundle.ts) or its path. */
  workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>;
  /** Everything the activities need but how notices are routed, which comes from `smtpRate`. */
  deps: Omit<ActivityDeps, 'mail' | 'taskQueue'>;
  /** Messages per second across all workers (DONDOC_SMTP_RATE); absent: no limit, notices sent locally. */
  smtpRate?: number;
  /** The superiors' worker's workflow cache (SUPERIOR_CACHE by default); `tuning` sizes the other's. */
  superiorCache?: number;
  /** Worker tuning (worker/config.ts); the SDK's defaults where absent. */
  tuning?: Pick<
    WorkerOptions,
    | 'maxCachedWorkflows'
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxConcurrentLocalActivityExecutions'
    | 'maxConcurrentWorkflowTaskExecutions'
  >;
  /**
   * Keep the SDK's promise hook, which the `__stack_trace` query (the Web UI's "Stack Trace" tab) reads, at a third
   * of the worker's CPU under load (worker/promise-stacks.ts; DONDOC_WORKFLOW_STACK_TRACES). Off by default.
   */
  workflowStackTraces?: boolean;
  /** Wraps the real activities, e.g. for a test to hold one back (never to replace it). */
  wrap?: (real: ReturnType<typeof createActivities>) => ReturnType<typeof createActivities>;
}

export interface RunningWorkers {
  workers: Worker[];
  /** Whether the workflow threads record promise stack traces (asked for, or an SDK the preload does not know). */
  workflowStackTraces: boolean;
  /** Resolves when every worker has stopped; rejects with the first that failed (after stopping the others). */
  run(): Promise<void>;
  shutdown(): void;
}

export async function createWorkers(s: WorkerSetup): Promise<RunningWorkers> {
  const mail = mailRoute(s.taskQueue, s.smtpRate);
  const superiors = superiorTaskQueue(s.taskQueue);
  const activities = (s.wrap ?? ((a) => a))(
    createActivities({ ...s.deps, taskQueue: s.taskQueue, superiorTaskQueue: superiors, mail }),
  );
  const common = {
    connection: s.connection,
    dataConverter,
    ...(s.namespace ? { namespace: s.namespace } : {}),
  };
  const workflowStackTraces = s.workflowStackTraces === true || !promiseStacksCanBeTurnedOff();
  const create = (taskQueue: string, cache?: number) => {
    const tuning = { ...s.tuning, ...(cache !== undefined ? { maxCachedWorkflows: cache } : {}) };
    const make = () => Worker.create({ ...common, taskQueue, ...s.workflows, ...tuning, activities });
    return workflowStackTraces ? make() : withoutPromiseStacks(make);
  };
  const workers = [await create(s.taskQueue), await create(superiors, s.superiorCache ?? SUPERIOR_CACHE)];
  if ('taskQueue' in mail && s.smtpRate) {
    workers.push(
      await Worker.create({
        ...common,
        taskQueue: mail.taskQueue,
        activities: { sendNotice: activities.sendNotice },
        maxTaskQueueActivitiesPerSecond: s.smtpRate,
        ...(s.tuning?.maxConcurrentActivityTaskExecutions
          ? { maxConcurrentActivityTaskExecutions: s.tuning.maxConcurrentActivityTaskExecutions }
          : {}),
      }),
    );
  }
  const shutdown = () => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  };
  return {
    workers,
    workflowStackTraces,
    shutdown,
    run: async () => {
      const runs = workers.map((w) =>
        w.run().catch((err: unknown) => {
          shutdown();
          throw err;
        }),
      );
      const results = await Promise.allSettled(runs);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
