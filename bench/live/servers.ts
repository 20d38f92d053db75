// The live benchmark's servers and workers, started as `npm start` starts them (scripts/start.sh): the Temporal
// dev server persisted to SQLite with dondoc's search attributes, the namespace's retention set; the dondoc
// worker (`node --import tsx worker/main.ts`) configured by environment variables; and the bare worker of the
// raw baseline on its own task queue.
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { connectClient, loadConnectionSettings } from '../../client/connection';
import { workflowPollers } from '../../client/queries';
import { devServerSearchAttributeFlags } from '../../client/search-attributes';
import { REPO_ROOT, toolPath } from '../../test/support/temporal';
import { freePort, listening, spawnLogged } from './procs';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DevServer {
  child: ChildProcess;
  address: string;
  port: number;
  uiPort: number;
  /** Its Prometheus metrics (what it did, counted per phase: server-counts.ts). */
  metricsUrl: string;
  log: string;
}

/**
 * `temporal server start-dev` as scripts/start.sh runs it, on free ports, its SQLite file in `dir`; with `reuse`,
 * on those ports (a restart on the same SQLite file, e.g. after the bench stopped it).
 */
export async function startDevServer(
  dir: string,
  retention = '3660d',
  reuse?: { port: number; uiPort: number },
): Promise<DevServer> {
  const temporal = toolPath('temporal');
  const [port, uiPort] = reuse ? [reuse.port, reuse.uiPort] : [await freePort(), await freePort()];
  const metricsPort = await freePort();
  const log = path.join(dir, 'temporal.log');
  const args = ['server', 'start-dev', '--db-filename', path.join(dir, 'temporal.sqlite')];
  args.push('--port', String(port), '--ui-port', String(uiPort), '--metrics-port', String(metricsPort));
  args.push('--log-level', 'warn');
  args.push(...devServerSearchAttributeFlags());
  const child = spawnLogged({ command: temporal, args, env: process.env, cwd: dir, logFile: log });
  for (let i = 0; i < 150 && !(await listening(port)); i++) await sleep(200);
  if (!(await listening(port))) throw new Error(`the Temporal dev server did not start; see ${log}`);
  const address = `127.0.0.1:${port}`;
  // As start.sh: closed workflows are the audit record; retried while the namespace comes up.
  for (let i = 0; ; i++) {
    try {
      const ns = ['--address', address, '--namespace', 'default', '--retention', retention];
      await run(temporal, ['operator', 'namespace', 'update', ...ns]);
      break;
    } catch (err) {
      if (i >= 50) throw new Error(`could not set the namespace retention: ${String(err)}`);
      await sleep(200);
    }
  }
  return { child, address, port, uiPort, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, log };
}

/** The environment of the processes dondoc runs (worker, CLI): the user's, without their Temporal profile. */
export function dondocEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('TEMPORAL_')) env[k] = v;
  return { ...env, ...extra };
}

/** The DONDOC_* settings the user gave, passed through to the worker (printed in the results). */
export function userDondocEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (k.startsWith('DONDOC_') && v !== undefined) out[k] = v;
  return out;
}

/** The dondoc worker, as the product runs it: `node --import tsx worker/main.ts`, its output in `log`. */
export function startDondocWorker(env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const profiles = process.env.BENCH_WORKER_CPU_PROF;
  return spawnLogged({
    command: process.execPath,
    args: [
      ...(profiles ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profiles)}`] : []),
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'worker', 'main.ts'),
    ],
    env,
    cwd: REPO_ROOT,
    logFile: log,
  });
}

/** The raw baseline's worker (bare-worker.ts) on its own task queue. */
export function startBareWorker(input: {
  address: string;
  taskQueue: string;
  smtpPort: number;
  maxCached: number;
  log: string;
}): ChildProcess {
  return spawnLogged({
    command: process.execPath,
    args: ['--import', 'tsx', path.join(__dirname, 'bare-worker.ts')],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: input.address,
      BARE_TASK_QUEUE: input.taskQueue,
      BARE_SMTP_PORT: String(input.smtpPort),
      BARE_MAX_CACHED: String(input.maxCached),
    },
    cwd: REPO_ROOT,
    logFile: input.log,
  });
}

/** A client of the dev server, as dondoc's own commands connect. */
export function benchClient(address: string): Promise<Client> {
  return connectClient(loadConnectionSettings({ TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default' }));
}

/** Until a worker polls `taskQueue` for workflow tasks (it has bundled its workflows and runs). */
export async function waitPolled(input: {
  client: Client;
  taskQueue: string;
  child: ChildProcess;
  log: string;
  timeoutMs: number;
}): Promise<void> {
  const until = Date.now() + input.timeoutMs;
  while (Date.now() < until) {
    if (input.child.exitCode !== null) throw new Error(`the worker exited early; see ${input.log}`);
    if ((await workflowPollers(input.client, input.taskQueue).catch(() => 0)) > 0) return;
    await sleep(500);
  }
  throw new Error(`no worker polls ${input.taskQueue} after ${input.timeoutMs / 1000} s; see ${input.log}`);
}
