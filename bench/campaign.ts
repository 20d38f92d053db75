// Benchmark: a synthetic campaign of N units (province > districts > communes) run to its end on the
// time-skipping server, with the worker in this process and a real SMTP server in a child process.
// Prints figures; asserts nothing.
//   npm run bench -- --units 1000

import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { pooled } from '../client/kit';
import { campaignWorkflowId, unitWorkflowId } from '../contract/ids';
import { aggregateQuery, closeCampaignUpdate, submitUpdate } from '../contract/messages';
import type { Unit } from '../core/definition/types';
import { bundleOnce, createTimeSkippingEnv } from '../test/support/temporal';
import { createWorkers } from '../worker/workers';
import { synthetic } from './synthetic';

const { values: args } = parseArgs({
  options: { units: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '50' } },
});
const N = Number(args.units);
const CONCURRENCY = Number(args.concurrency);
const TASK_QUEUE = 'bench';

interface Sink {
  port: number;
  count: () => Promise<number>;
  close: () => Promise<void>;
}

function startSink(): Promise<Sink> {
  const child: ChildProcess = fork(path.join(__dirname, 'smtp-sink.ts'), [], {
    execArgv: ['--import', 'tsx'],
  });
  child.on('error', (e) => console.error(`bench: SMTP sink: ${e.message}`));
  const next = <T>(key: string) =>
    new Promise<T>((resolve) => {
      const on = (msg: Record<string, T>) => {
        if (key in msg) {
          child.off('message', on);
          resolve(msg[key] as T);
        }
      };
      child.on('message', on);
    });
  return next<number>('port').then((port) => ({
    port,
    count: () => {
      if (!child.connected) return Promise.resolve(Number.NaN);
      const answer = next<number>('count');
      child.send('count');
      return answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('close');
      }),
  }));
}

type Env = TestWorkflowEnvironment;
type Share = 'on-time' | 'late' | 'never';

/** The worker in this process, its activities sending through a pooled transport to the sink. */
async function startWorker(env: Env, bundle: WorkflowBundleWithSourceMap, smtpPort: number) {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 10,
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  // The product's workers (worker/workers.ts): notices by local activity, as the worker sends them.
  const worker = await createWorkers({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflows: { workflowBundle: bundle },
    deps: { transport, from: 'bench@example.org', client: env.client },
    tuning: {
      // Every unit stays cached: an evicted workflow replays its whole history on each timer.
      maxCachedWorkflows: N + 100,
      maxConcurrentActivityTaskExecutions: 200,
    },
  });
  return { transport, worker, running: worker.run() };
}

/** Moves the locked test server's clock to an instant (never back), then holds it still again. */
function clockMover(env: Env, testService: NonNullable<Env['connection']['testService']>) {
  return async (ms: number) => {
    const now = await env.currentTimeMs();
    if (ms <= now) return;
    const d = ms - now;
    await testService.unlockTimeSkipping({});
    try {
      await testService.unlockTimeSkippingWithSleep({ duration: msToTs(d) });
    } finally {
      await testService.lockTimeSkipping({});
    }
  };
}

/** Six in ten subordinates submit on time, two late, two never. */
const shareOf = (i: number): Share => (i % 10 < 6 ? 'on-time' : i % 10 < 8 ? 'late' : 'never');

async function submitShare(input: {
  env: Env;
  campaignId: string;
  subordinates: Unit[];
  milestoneId: string;
  which: 'on-time' | 'late';
  log: (s: string) => Promise<void>;
}): Promise<void> {
  const { env, campaignId, milestoneId, which } = input;
  const who = input.subordinates.filter((_, i) => shareOf(i) === which);
  await pooled(who, CONCURRENCY, async (u) => {
    await env.client.workflow.getHandle(unitWorkflowId(campaignId, u.id)).executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId,
          actor: `bench ${u.id}`,
          payload:
            milestoneId === 'plan'
              ? { document: { title: 'Kế hoạch' } }
              : { values: { sites: 2, attendance: 100 } },
        },
      ],
    });
  });
  await input.log(`${who.length} ${which} submissions of ${milestoneId}`);
}

/** Each workflow's history length (events), 20 fetched at a time. */
async function historyLengths(env: Env, ids: string[]): Promise<Map<string, number>> {
  const lengths = new Map<string, number>();
  await pooled(ids, 20, async (wid) => {
    let events = 0;
    // A unit that continued as new has several runs; count the latest run's history.
    const history = await env.client.workflow.getHandle(wid).fetchHistory();
    events = history.events?.length ?? 0;
    lengths.set(wid, events);
  });
  return lengths;
}

/** Until every unit started and reports (each unit's first aggregate reaches the root). */
async function waitStarted(root: WorkflowHandle): Promise<void> {
  for (;;) {
    const total = await root.query(aggregateQuery);
    if (total.units >= N) break;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** History lengths: per unit (mean, max), the largest of all, and the campaign's. */
function historyFigures(lengths: Map<string, number>, campaignId: string, subordinates: Unit[]) {
  const unitLengths = subordinates.map((u) => lengths.get(unitWorkflowId(campaignId, u.id)) ?? 0);
  const largest = [...lengths.entries()].sort((a, b) => b[1] - a[1])[0];
  return {
    historyEventsPerUnit: {
      mean: Number((unitLengths.reduce((a, b) => a + b, 0) / unitLengths.length).toFixed(1)),
      max: Math.max(...unitLengths),
    },
    largestHistory: { workflowId: largest?.[0], events: largest?.[1] },
    campaignHistoryEvents: lengths.get(campaignWorkflowId(campaignId)),
  };
}

/** This process's peak RSS, sampled, and a progress line every 30 s (emails counted by the sink, once up). */
function monitor(t0: number, sink: () => Sink | undefined) {
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);
  const progress = setInterval(() => {
    const m = process.memoryUsage();
    void sink()
      ?.count()
      .then((n) => {
        const mib = (b: number) => Math.round(b / 1024 / 1024);
        console.log(
          `[${((Date.now() - t0) / 1000).toFixed(1)}s] … ${n} emails; rss ${mib(m.rss)} MiB, main heap ${mib(m.heapUsed)} MiB`,
        );
      });
  }, 30_000);
  return {
    peakRss: () => peakRss,
    stop: () => {
      clearInterval(sampler);
      clearInterval(progress);
    },
  };
}

async function main(): Promise<void> {
  // The Java test server keeps every workflow in memory: give it room for a large campaign.
  process.env.DONDOC_TEST_SERVER_JAVA_OPTS ??= `-Xmx${Math.max(1, Math.ceil(N / 2500))}g`;
  const t0 = Date.now();
  let sink: Sink | undefined;
  const monitors = monitor(t0, () => sink);
  const [env, smtp, bundle] = await Promise.all([
    createTimeSkippingEnv(),
    startSink(),
    bundleOnce(path.join(__dirname, '..', 'workflows')),
  ]);
  sink = smtp;
  // The test server skips time whenever it is idle unless told not to: hold the clock still while units start
  // and submit, and move it only in advanceTo.
  const testService = env.connection.testService;
  if (!testService) throw new Error('the time-skipping test server has no test service');
  await testService.lockTimeSkipping({});
  const year = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
  const campaign = synthetic(N, year);
  const id = campaign.campaign.id;
  const { transport, worker, running } = await startWorker(env, bundle, smtp.port);
  const root = await env.client.workflow.start('campaignWorkflow', {
    taskQueue: TASK_QUEUE,
    workflowId: campaignWorkflowId(id),
    args: [{ campaign }],
  });
  const at = (date: string) => Date.parse(`${date}T00:00:00+07:00`);
  const advanceTo = clockMover(env, testService);
  const log = async (s: string) => {
    console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}; ${await smtp.count()} emails so far`);
  };

  await waitStarted(root);
  await log(`${N} units started`);

  const subordinates = campaign.units.filter((u) => u.id !== 'p');
  const submit = (milestoneId: string, which: 'on-time' | 'late') =>
    submitShare({ env, campaignId: id, subordinates, milestoneId, which, log });
  for (const [milestoneId, due] of [
    ['plan', `${year}-03-10`],
    ['report', `${year}-08-20`],
  ] as const) {
    await advanceTo(at(due) - 2 * 86_400_000);
    await submit(milestoneId, 'on-time');
    await advanceTo(at(due) + 2 * 86_400_000);
    await submit(milestoneId, 'late');
  }
  await advanceTo(at(`${year}-09-30`));
  await root.executeUpdate(closeCampaignUpdate, { args: [{ actor: 'bench', reason: 'end of benchmark' }] });
  const final = await root.result();
  const wall = (Date.now() - t0) / 1000;
  await log(`campaign closed: ${JSON.stringify(final.total.tallies)}`);

  const lengths = await historyLengths(env, [
    campaignWorkflowId(id),
    ...subordinates.map((u) => unitWorkflowId(id, u.id)),
  ]);
  monitors.stop();
  const figures = {
    units: N,
    wallSeconds: Number(wall.toFixed(1)),
    ...historyFigures(lengths, id, subordinates),
    emailsSent: await smtp.count(),
    workerPeakRssMiB: Math.round(monitors.peakRss() / 1024 / 1024),
  };
  console.log(JSON.stringify(figures, null, 2));
  worker.shutdown();
  await running;
  transport.close();
  await smtp.close();
  await env.teardown();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
