// One dondoc worker process: runs campaign and unit workflows and their activities (worker/main.ts starts it).
import path from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { loadPortalSecret } from '../access/secret';
import type { PortalLinks } from '../activities';
import { campaignArchiver } from '../client/audit';
import { connectClient, loadConnectionSettings } from '../client/connection';
import { bundleDir, workflowBundle } from './bundle';
import { describeConfig, loadWorkerConfig } from './config';
import { installTelemetry } from './telemetry';
import { createSmtpTransport } from './transport';
import { createWorkers } from './workers';

export async function runWorker(): Promise<void> {
  const config = loadWorkerConfig();
  // Before anything connects: the Runtime carries the metrics exporter and the JSON logger.
  const telemetry = installTelemetry(config, Number(process.env.DONDOC_WORKER_INDEX ?? 0));
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
  const { codePath } = await workflowBundle(bundleDir(config.DONDOC_DATA_DIR));
  const running = await createWorkers({
    connection,
    namespace: settings.namespace,
    taskQueue: config.DONDOC_TASK_QUEUE,
    workflows: { workflowBundle: { codePath } },
    deps: {
      transport,
      from: config.DONDOC_MAIL_FROM,
      client,
      archive: campaignArchiver(path.resolve(config.DONDOC_ARCHIVE_DIR)),
      ...(portal ? { portal } : {}),
      ...(config.DONDOC_REPORT_EVERY_MS !== undefined
        ? { reportEveryMs: config.DONDOC_REPORT_EVERY_MS }
        : {}),
      batchReminders: config.DONDOC_BATCH_REMINDERS,
    },
    ...(config.DONDOC_SMTP_RATE ? { smtpRate: config.DONDOC_SMTP_RATE } : {}),
    workflowStackTraces: config.DONDOC_WORKFLOW_STACK_TRACES,
    superiorCache: config.DONDOC_WORKER_SUPERIOR_CACHE,
    tuning: {
      ...(config.DONDOC_WORKER_CACHE !== undefined ? { maxCachedWorkflows: config.DONDOC_WORKER_CACHE } : {}),
    },
  });
  const s = settings.summary;
  const metrics = telemetry.metricsUrl ? `; metrics at ${telemetry.metricsUrl}` : '; no metrics';
  const stacks = !running.workflowStackTraces
    ? '; workflow stack traces off (DONDOC_WORKFLOW_STACK_TRACES=true records them)'
    : config.DONDOC_WORKFLOW_STACK_TRACES
      ? '; workflow stack traces recorded (DONDOC_WORKFLOW_STACK_TRACES; slower)'
      : '; workflow stack traces recorded: this SDK version is not the one worker/workflow-thread-preload.cjs knows';
  telemetry.log.info(
    { temporal: s.address, namespace: s.namespace, metricsUrl: telemetry.metricsUrl },
    `dondoc worker: Temporal ${s.address} namespace ${s.namespace}; ${describeConfig(config)}${metrics}${stacks}`,
  );
  try {
    await running.run();
  } finally {
    transport.close();
    await connection.close();
    await client.connection.close();
  }
}
