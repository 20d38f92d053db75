// The live benchmark's child processes: each started one is registered, so that a normal end, a failure or
// Ctrl-C stops every one of them (and their own children, e.g. the worker's under DONDOC_WORKER_PROCESSES),
// by process id, SIGTERM first and SIGKILL for those still there after a grace period.
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import net from 'node:net';
import { descendantsOf } from './proc-stat';

const started = new Set<ChildProcess>();

/** Registers a child for the final clean-up. */
export function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** A command in its own child process, its stdout and stderr appended to `logFile`. */
export function spawnLogged(input: {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
}): ChildProcess {
  const fd = openSync(input.logFile, 'a');
  return track(
    spawn(input.command, input.args, { cwd: input.cwd, env: input.env, stdio: ['ignore', fd, fd] }),
  );
}

/** Resolves once the child has exited (at once when it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops one child and its descendants: SIGTERM, then SIGKILL after `graceMs` for whatever is left. */
export async function stopTree(child: ChildProcess, graceMs = 5_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const pids = [pid, ...descendantsOf(pid)];
  signal(pids, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (Date.now() < until && pids.some(alive)) await sleep(100);
  signal(pids.filter(alive), 'SIGKILL');
  await Promise.race([exited(child), sleep(1_000)]);
}

/** Stops every child still registered, all at once (each with its own grace period). */
export async function stopAll(graceMs = 5_000): Promise<void> {
  await Promise.all([...started].map((c) => stopTree(c, graceMs)));
}

/** A TCP port nobody listens on right now (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on a local port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
