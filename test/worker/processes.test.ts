// `npm run worker` with DONDOC_WORKER_PROCESSES=2 on a real dev server: two worker processes poll the task
// queue, each with the heap limit DONDOC_WORKER_HEAP_MIB gives, one that dies is started again, and SIGTERM to
// the first process stops all of them.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { workflowPollers } from '../../client/queries';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes';
import { supervises } from '../../worker/processes';
import { createDevServerEnv, REPO_ROOT } from '../support/temporal';

let env: TestWorkflowEnvironment;
let child: ChildProcess | undefined;
const taskQueue = `procs-${Date.now()}`;

beforeAll(async () => {
  env = await createDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES });
});
afterAll(async () => {
  if (child?.pid && inGroup(child.pid).length > 0) process.kill(-child.pid, 'SIGKILL');
  await env?.teardown();
});

/** Live processes of a process group, from /proc. */
function inGroup(pgid: number): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') found.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The process ids of the workers polling the task queue (identity `<pid>@<host>`). */
async function pollingPids(): Promise<Set<number>> {
  const r = await env.client.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: taskQueue },
  });
  return new Set((r.pollers ?? []).map((p) => Number.parseInt(p.identity ?? '', 10)).filter((n) => n > 0));
}

async function until<T>(what: string, ms: number, get: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

it('runs two worker processes, replaces one that dies, and stops them all on SIGTERM', async () => {
  let output = '';
  child = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['worker/main.ts'], {
    cwd: REPO_ROOT,
    detached: true,
    env: {
      ...process.env,
      HOME: mkdtempSync(path.join(tmpdir(), 'dondoc-home-')),
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: 'default',
      DONDOC_TASK_QUEUE: taskQueue,
      DONDOC_WORKER_PROCESSES: '2',
      DONDOC_WORKER_HEAP_MIB: '400',
      // No metrics endpoint: the ports of a test running beside this one are left alone.
      DONDOC_METRICS_PORT: '0',
      DONDOC_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dondoc-data-')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const primary = child.pid as number;
  const first = await until('two worker processes polling', 150_000, async () => {
    const pids = await pollingPids();
    return pids.size >= 2 ? pids : undefined;
  });
  expect(first.has(primary)).toBe(false);
  for (const pid of first) {
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--max-old-space-size=400');
  }
  expect(output).toContain('2 processes, 400 MiB heap each');
  expect(await workflowPollers(env.client, taskQueue)).toBeGreaterThanOrEqual(2);

  // One dies: another takes its place.
  const [victim] = [...first];
  process.kill(victim as number, 'SIGKILL');
  await until('a new worker process polling', 150_000, async () => {
    const pids = await pollingPids();
    return [...pids].some((p) => !first.has(p)) ? true : undefined;
  });
  expect(output).toContain('starting another');

  // SIGTERM to the first process stops every one of them, and it exits 0.
  const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
  process.kill(primary, 'SIGTERM');
  expect(await exited).toBe(0);
  await until('every worker process to be gone', 30_000, async () =>
    inGroup(primary).length === 0 ? true : undefined,
  );
}, 400_000);

it('supervises one worker process when only a heap limit is set', () => {
  expect(supervises(1)).toBe(false);
  expect(supervises(1, 512)).toBe(true);
  expect(supervises(2)).toBe(true);
});
