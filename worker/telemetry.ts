// The worker's telemetry, the Temporal way: one Runtime per process, installed before anything connects, that
// exports Prometheus metrics (the SDK's own worker and workflow metrics, and dondoc's: activities/metrics.ts,
// workflows/unit/metrics.ts) and sends every log line (the SDK's, workflows' and activities') to pino as JSON, with
// the campaign and unit read from the workflow id (`<campaign>/<unit>`, contract/ids.ts).
import { DefaultLogger, type LogEntry, type LogLevel, Runtime } from '@temporalio/worker';
import pino from 'pino';
import type { WorkerConfig } from './config';

const LEVELS: Record<LogLevel, pino.Level> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** A log entry's fields, with the campaign and the unit its workflow id names. */
export function logFields(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...(meta ?? {}) };
  const workflowId = typeof meta?.workflowId === 'string' ? meta.workflowId : undefined;
  if (workflowId) {
    const [campaign, unit] = workflowId.split('/');
    fields.campaign = campaign;
    if (unit) fields.unit = unit;
  }
  return fields;
}

export interface Telemetry {
  log: pino.Logger;
  /** Where this process serves /metrics; undefined when metrics are off. */
  metricsUrl?: string;
}

/** Installs the process's Runtime; call once, before NativeConnection.connect. `index`: the worker process. */
export function installTelemetry(config: WorkerConfig, index = 0): Telemetry {
  const log = pino({
    level: config.DONDOC_LOG_LEVEL,
    base: { pid: process.pid, component: 'dondoc-worker' },
  });
  const level = config.DONDOC_LOG_LEVEL.toUpperCase() as LogLevel;
  const logger = new DefaultLogger(level, (entry: LogEntry) => {
    log[LEVELS[entry.level]](logFields(entry.meta), entry.message);
  });
  const port = config.DONDOC_METRICS_PORT === 0 ? 0 : config.DONDOC_METRICS_PORT + index;
  const bindAddress = `${config.DONDOC_METRICS_HOST}:${port}`;
  try {
    Runtime.install({
      logger,
      telemetryOptions: {
        ...(port ? { metrics: { prometheus: { bindAddress, countersTotalSuffix: true } } } : {}),
      },
    });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `dondoc worker: no metrics endpoint on ${bindAddress} (${why}); set DONDOC_METRICS_PORT to a free port, or 0 for none`,
    );
  }
  return { log, ...(port ? { metricsUrl: `http://${bindAddress}/metrics` } : {}) };
}
