// The dondoc worker: runs campaign and unit workflows and their activities.
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadPortalSecret } from '../access/secret';
import { createActivities, type PortalLinks } from '../activities';
import { campaignArchiver } from '../client/audit';
import { connectClient, loadConnectionSettings } from '../client/connection';
import { dataConverter } from '../core/payload-codec';
import { describeConfig, loadWorkerConfig } from './config';
import { supervises, superviseWorkers } from './processes';
import { createSmtpTransport } from './transport';

export async function runWorker(): Promise<void> {
  const config = loadWorkerConfig();
  const settings = loadConnectionSettings();
  const connection = await NativeConnection.connect(settings.config.connectionOptions);
  const client = await connectClient(settings);
  // With a portal, notices carry each unit's signed link; the secret is read (or created) once, never printed.
  const portal: PortalLinks | undefined = config.DONDOC_PORTAL_URL
    ? {
        publicUrl: config.DONDOC_PORTAL_URL,
        secret: await loadPortalSecret({ env: process.env, dataDir: path.resolve(config.DONDOC_DATA_DIR) }),
        ...(config.DONDOC_PORTAL_LINK_TTL_DAYS
          ? { ttlSeconds: config.DONDOC_PORTAL_LINK_TTL_DAYS * 86_400 }
          : {}),
      }
    : undefined;
  const transport = createSmtpTransport(config);
  const worker = await Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: config.DONDOC_TASK_QUEUE,
    workflowsPath: path.join(__dirname, '..', 'workflows'),
    dataConverter,
    activities: createActivities({
      transport,
      from: config.DONDOC_MAIL_FROM,
      client,
      taskQueue: config.DONDOC_TASK_QUEUE,
      archive: campaignArchiver(path.resolve(config.DONDOC_ARCHIVE_DIR)),
      ...(portal ? { portal } : {}),
    }),
  });
  const s = settings.summary;
  console.log(`dondoc worker: Temporal ${s.address} namespace ${s.namespace}; ${describeConfig(config)}`);
  try {
    await worker.run();
  } finally {
    transport.close();
    await connection.close();
    await client.connection.close();
  }
}

/** `npm run worker`: one worker, or DONDOC_WORKER_PROCESSES of them under a supervising process. */
export async function main(): Promise<number> {
  const { DONDOC_WORKER_PROCESSES: count } = loadWorkerConfig();
  if (supervises(count)) return superviseWorkers(count);
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
