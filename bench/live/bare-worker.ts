// The raw baseline's worker, in its own process: Temporal's default worker options (only the workflow cache
// sized so that it never evicts), and one activity sending one email through a pooled nodemailer transport
// (maxConnections 5, the product's default DONDOC_SMTP_POOL_SIZE). Settings from the environment:
// TEMPORAL_ADDRESS, BARE_TASK_QUEUE, BARE_SMTP_PORT, BARE_MAX_CACHED. SIGINT/SIGTERM stop it (the SDK's Runtime
// shuts the worker down on them).
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import type { BareActivities, BareInput } from './bare-contract';

function activities(smtpPort: number): { activities: BareActivities; close: () => void } {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
  });
  return {
    activities: {
      async sendOne(input: BareInput): Promise<void> {
        await transport.sendMail({
          from: 'bare <bare@localhost>',
          to: input.to,
          subject: 'Nhắc hạn',
          text: `Đơn vị ${input.to}: hạn nộp sắp đến.`,
          messageId: input.messageId,
        });
      },
    },
    close: () => transport.close(),
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = process.env;
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  const mail = activities(Number(env.BARE_SMTP_PORT));
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: env.BARE_TASK_QUEUE ?? 'bare',
    workflowsPath: path.join(__dirname, 'bare-workflows.ts'),
    activities: mail.activities,
    maxCachedWorkflows: Number(env.BARE_MAX_CACHED ?? 10_000),
  });
  console.log(`bare worker: task queue ${env.BARE_TASK_QUEUE}, cache ${env.BARE_MAX_CACHED}`);
  try {
    await worker.run();
  } finally {
    mail.close();
    await connection.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
