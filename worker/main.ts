// The dondoc worker: runs campaign and unit workflows and their activities.
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createActivities } from '../activities';
import { connectClient, loadConnectionSettings } from '../client/connection';
import { describeConfig, loadWorkerConfig } from './config';

export async function runWorker(): Promise<void> {
  const config = loadWorkerConfig();
  const settings = loadConnectionSettings();
  const connection = await NativeConnection.connect(settings.config.connectionOptions);
  const client = await connectClient(settings);
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: config.DONDOC_SMTP_POOL_SIZE,
    host: config.DONDOC_SMTP_HOST,
    port: config.DONDOC_SMTP_PORT,
    secure: config.DONDOC_SMTP_SECURE,
    ...(config.DONDOC_SMTP_USER
      ? { auth: { user: config.DONDOC_SMTP_USER, pass: config.DONDOC_SMTP_PASS } }
      : {}),
  });
  const worker = await Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: config.DONDOC_TASK_QUEUE,
    workflowsPath: path.join(__dirname, '..', 'workflows'),
    activities: createActivities({
      transport,
      from: config.DONDOC_MAIL_FROM,
      client,
      taskQueue: config.DONDOC_TASK_QUEUE,
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

if (require.main === module) {
  runWorker().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
