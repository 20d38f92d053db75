// The chaos run's servers, which it breaks and brings back: the Temporal dev server (SQLite in the temp dir,
// restarted on the same file and ports), the SMTP sink (bench/live/sink.ts, switched between refusing, 421 and
// normal) and the dondoc worker as a child process (killed with SIGKILL and started again; restarted too, and
// the exit noted, if it ever exits on its own).
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { descendantsOf } from '../live/proc-stat';
import { exited } from '../live/procs';
import {
  benchClient,
  type DevServer,
  dondocEnv,
  startDevServer,
  startDondocWorker,
  userDondocEnv,
  waitPolled,
} from '../live/servers';
import { type Sink, type SinkMode, startSink } from '../live/sink-client';
import { log, sleep } from '../live/stats';
import type { FaultEvent } from './types';

export const CHAOS_QUEUE = 'bench-chaos';
const RETENTION = '3660d';

/** What is down right now, as the submissions note it. */
export interface Down {
  worker: boolean;
  server: boolean;
  smtp: SinkMode;
}

export class ChaosWorld {
  readonly timeline: FaultEvent[] = [];
  readonly down: Down = { worker: false, server: false, smtp: 'normal' };
  readonly workerLog: string;
  worker!: ChildProcess;
  private workerStart!: { child: ChildProcess; startedAt: number; logOffset: number };
  /** Resolves while the server is up; replaced by a pending one while it is stopped. */
  serverUp: Promise<void> = Promise.resolve();
  private killing = false;
  private ending = false;

  private constructor(
    readonly dir: string,
    public server: DevServer,
    readonly sink: Sink,
    readonly client: Client,
  ) {
    this.workerLog = path.join(dir, 'worker.log');
  }

  static async up(dir: string): Promise<ChaosWorld> {
    const [server, sink] = await Promise.all([startDevServer(dir, RETENTION), startSink()]);
    log(`Temporal dev server on ${server.address} (log ${server.log}); SMTP sink on port ${sink.port}`);
    const world = new ChaosWorld(dir, server, sink, await benchClient(server.address));
    world.startWorker();
    await waitPolled({
      client: world.client,
      taskQueue: CHAOS_QUEUE,
      child: world.worker,
      log: world.workerLog,
      timeoutMs: 180_000,
    });
    log(`the dondoc worker (pid ${world.worker.pid}) polls ${CHAOS_QUEUE}; its log: ${world.workerLog}`);
    return world;
  }

  note(what: string): void {
    this.timeline.push({ at: Date.now(), what });
    log(`fault: ${what}`);
  }

  /** The environment of dondoc's command line as a child process. */
  get cliEnv(): NodeJS.ProcessEnv {
    return dondocEnv({
      TEMPORAL_ADDRESS: this.server.address,
      TEMPORAL_NAMESPACE: 'default',
      DONDOC_TASK_QUEUE: CHAOS_QUEUE,
      DONDOC_TEMPORAL_UI_PORT: String(this.server.uiPort),
    });
  }

  private workerEnv(): NodeJS.ProcessEnv {
    return dondocEnv({
      DONDOC_PORTAL_URL: 'http://localhost:8080',
      DONDOC_MAIL_FROM: 'Thường trực BCĐ (dondoc) <dondoc@localhost>',
      DONDOC_METRICS_PORT: '0',
      ...userDondocEnv(),
      TEMPORAL_ADDRESS: this.server.address,
      TEMPORAL_NAMESPACE: 'default',
      DONDOC_TASK_QUEUE: CHAOS_QUEUE,
      DONDOC_SMTP_HOST: '127.0.0.1',
      DONDOC_SMTP_PORT: String(this.sink.port),
      DONDOC_DATA_DIR: path.join(this.dir, 'data'),
      DONDOC_ARCHIVE_DIR: path.join(this.dir, 'archive'),
    });
  }

  /** Starts the worker; an exit the run did not cause is noted and the worker started again after 3 s. */
  startWorker(): void {
    const logOffset = existsSync(this.workerLog) ? statSync(this.workerLog).size : 0;
    const child = startDondocWorker(this.workerEnv(), this.workerLog);
    this.worker = child;
    this.workerStart = { child, startedAt: Date.now(), logOffset };
    this.down.worker = false;
    child.once('exit', (code, signal) => {
      if (this.killing || this.ending || this.worker !== child) return;
      this.down.worker = true;
      this.note(
        `worker pid ${child.pid} exited on its own (code ${code}, signal ${signal}); restarting in 3 s`,
      );
      void sleep(3_000).then(async () => {
        await this.serverUp;
        if (this.ending || this.worker !== child) return;
        this.startWorker();
        this.note(`worker restarted after its own exit (pid ${this.worker.pid})`);
      });
    });
  }

  /** SIGKILL to the worker (and any process of its own). */
  async killWorker(): Promise<number | undefined> {
    const child = this.worker;
    const pid = child.pid;
    if (pid === undefined) return undefined;
    this.killing = true;
    this.down.worker = true;
    for (const p of [...descendantsOf(pid), pid]) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await exited(child);
    this.killing = false;
    return pid;
  }

  /**
   * Until the (re)started worker reports it runs (its "Worker state changed" RUNNING log line, after which it
   * polls): the seconds since its start, or null. (The server's poller list still shows a killed worker's polls.)
   */
  async workerPolls(timeoutMs = 180_000): Promise<number | null> {
    const { child, startedAt, logOffset } = this.workerStart;
    const needle = `"pid":${child.pid},`;
    while (Date.now() - startedAt < timeoutMs && this.worker === child && child.exitCode === null) {
      const size = statSync(this.workerLog).size;
      const fd = openSync(this.workerLog, 'r');
      const buf = Buffer.alloc(size - logOffset);
      readSync(fd, buf, 0, buf.length, logOffset);
      closeSync(fd);
      const running = buf
        .toString('utf8')
        .split('\n')
        .some((l) => l.includes(needle) && l.includes('"state":"RUNNING"'));
      if (running) return (Date.now() - startedAt) / 1000;
      await sleep(250);
    }
    return null;
  }

  async setSmtp(mode: SinkMode, what: string): Promise<void> {
    await this.sink.setMode(mode);
    this.down.smtp = mode;
    this.note(what);
  }

  /** SIGTERM to the dev server, then, after `pauseMs`, the same server on the same SQLite file and ports. */
  async bounceServer(pauseMs: number): Promise<void> {
    let up: () => void = () => undefined;
    this.serverUp = new Promise((r) => {
      up = r;
    });
    this.down.server = true;
    const child = this.server.child;
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited(child).then(() => true), sleep(30_000).then(() => false)]);
    if (!stopped) child.kill('SIGKILL');
    await exited(child);
    this.note(
      `Temporal server stopped (SIGTERM${stopped ? '' : ', then SIGKILL after 30 s'}, exit ${child.exitCode ?? child.signalCode})`,
    );
    await sleep(pauseMs);
    const reuse = { port: this.server.port, uiPort: this.server.uiPort };
    this.server = await startDevServer(this.dir, RETENTION, reuse);
    this.down.server = false;
    up();
    this.note(`Temporal server restarted on the same SQLite file and port ${reuse.port}`);
  }

  /** From here on, worker exits are the run's own (the final clean-up). */
  end(): void {
    this.ending = true;
  }
}
