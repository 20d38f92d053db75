// Brings the live benchmark's world up in its temp dir: the dev server, the SMTP sink, the dondoc worker (the
// product, configured as `npm start` configures it, plus whatever DONDOC_* the user set) and the bare worker,
// both polling before any phase starts; and the monitor watching each of them.
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { Ctx } from './context';
import { Monitor } from './monitor';
import {
  benchClient,
  dondocEnv,
  startBareWorker,
  startDevServer,
  startDondocWorker,
  userDondocEnv,
  waitPolled,
} from './servers';
import { startSink } from './sink-client';
import { log } from './stats';

export const DONDOC_QUEUE = 'bench-live';
export const BARE_QUEUE = 'bench-live-bare';

export interface World {
  ctx: Ctx;
  /** The environment of dondoc's command line (in this process and as a child). */
  cliEnv: NodeJS.ProcessEnv;
  workerEnv: Record<string, string>;
  workerLog: string;
  bareCache: number;
}

/** The dondoc worker's settings: the user's DONDOC_*, then the benchmark's servers and folders. */
function workerSettings(address: string, smtpPort: number, dir: string): Record<string, string> {
  return {
    DONDOC_PORTAL_URL: 'http://localhost:8080',
    DONDOC_MAIL_FROM: 'Thường trực BCĐ (dondoc) <dondoc@localhost>',
    ...userDondocEnv(),
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: 'default',
    DONDOC_TASK_QUEUE: DONDOC_QUEUE,
    DONDOC_SMTP_HOST: '127.0.0.1',
    DONDOC_SMTP_PORT: String(smtpPort),
    DONDOC_DATA_DIR: path.join(dir, 'data'),
    DONDOC_ARCHIVE_DIR: path.join(dir, 'archive'),
  };
}

/** Settings as printed: secrets (passwords, keys) never shown. */
function shown(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, /PASS|SECRET|KEY|TOKEN/.test(k) ? '(set)' : v]),
  );
}

export async function bringUp(input: { n: number; concurrency: number; dir: string }): Promise<World> {
  const { n, dir } = input;
  const [server, sink] = await Promise.all([startDevServer(dir), startSink()]);
  log(`Temporal dev server on ${server.address} (log ${server.log}); SMTP sink on port ${sink.port}`);
  const client = await benchClient(server.address);
  const rawClient = new Client({ connection: client.connection, namespace: 'default' });
  const workerEnv = workerSettings(server.address, sink.port, dir);
  const workerLog = path.join(dir, 'worker.log');
  const worker = startDondocWorker(dondocEnv(workerEnv), workerLog);
  log(`dondoc worker pid ${worker.pid}, its log: ${workerLog}`);
  const bareCache = 2 * n + 100;
  const bareLog = path.join(dir, 'bare-worker.log');
  const bare = startBareWorker({
    address: server.address,
    taskQueue: BARE_QUEUE,
    smtpPort: sink.port,
    maxCached: bareCache,
    log: bareLog,
  });
  const timeoutMs = 180_000;
  await Promise.all([
    waitPolled({ client, taskQueue: DONDOC_QUEUE, child: worker, log: workerLog, timeoutMs }),
    waitPolled({ client, taskQueue: BARE_QUEUE, child: bare, log: bareLog, timeoutMs }),
  ]);
  log('both workers poll their task queues');
  const monitor = new Monitor();
  monitor.watch('dondoc worker', worker.pid);
  monitor.watch('temporal server', server.child.pid);
  monitor.watch('bare worker', bare.pid);
  monitor.watch('smtp sink', sink.child.pid);
  monitor.watch('bench (this process)', process.pid, true);
  monitor.watchServer(server.metricsUrl);
  monitor.start();
  const cliEnv = dondocEnv({
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: 'default',
    DONDOC_TASK_QUEUE: DONDOC_QUEUE,
    DONDOC_TEMPORAL_UI_PORT: String(server.uiPort),
  });
  const ctx: Ctx = { ...input, client, rawClient, bareQueue: BARE_QUEUE, sink, monitor };
  return { ctx, cliEnv, workerEnv: shown(userDondocEnv()), workerLog, bareCache };
}
