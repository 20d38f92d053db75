// The worker's own settings, from the environment, checked with a schema: it fails fast with every problem
// named, and never prints a secret. Temporal's connection comes from envconfig (client/connection.ts).
import { z } from 'zod';
import { superiorTaskQueue } from './queues';

/**
 * The superiors' workflow cache by default: every unit with subordinates a worker runs, whatever the leaves do (a
 * province's tree has a few hundred).
 */
export const SUPERIOR_CACHE = 500;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const workerEnvSchema = z.object({
  DONDOC_TASK_QUEUE: z.string().min(1).default('dondoc'),
  DONDOC_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  DONDOC_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  DONDOC_SMTP_SECURE: bool.default(false),
  /** Refuse to send (or to authenticate) unless the server upgrades the connection with STARTTLS. */
  DONDOC_SMTP_REQUIRE_TLS: bool.default(false),
  DONDOC_SMTP_USER: z.string().min(1).optional(),
  DONDOC_SMTP_PASS: z.string().min(1).optional(),
  DONDOC_SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  DONDOC_MAIL_FROM: z.string().min(3).default('dondoc <dondoc@localhost>'),
  /** Where a closed campaign's audit archive is written (relative to the worker's working directory). */
  DONDOC_ARCHIVE_DIR: z.string().trim().min(1).default('.data/archive'),
  /** dondoc's own files (the portal's secret among them), relative to the worker's working directory. */
  DONDOC_DATA_DIR: z.string().trim().min(1).default('.data'),
  /**
   * The web portal's public base URL: when set, every notice to a unit carries the unit's personal link
   * (`<url>/u/<token>`), signed with the portal's secret (DONDOC_PORTAL_SECRET or `<data dir>/portal-secret`).
   */
  DONDOC_PORTAL_URL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .transform((u) => u.trim().replace(/\/+$/, ''))
      .optional(),
  ),
  /**
   * The mail provider's sending limit, messages per second across all workers: notices then go through the mail
   * task queue at that rate (Temporal's task-queue activity rate limit). Unset: no limit, each notice is sent
   * by a local activity in its unit's workflow task (fewest round trips to the server).
   */
  DONDOC_SMTP_RATE: z.coerce.number().positive().max(10_000).optional(),
  /**
   * Workflows this worker process keeps in memory (the SDK's sticky cache). A unit evicted from it replays its
   * history at its next task. Unset: the SDK's default, from the heap size (about 2,300 here).
   */
  DONDOC_WORKER_CACHE: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /**
   * Units with subordinates (districts, the province) this worker process keeps in memory: they run on a task
   * queue and a workflow thread of their own (worker/workers.ts), so the leaves never evict them. 500 by default.
   */
  DONDOC_WORKER_SUPERIOR_CACHE: z.coerce.number().int().min(1).max(1_000_000).default(SUPERIOR_CACHE),
  /**
   * Units this worker starts leave their reminders to their parent unit, which sends them in one batch per
   * instant (workflows/reminder-batches.ts). On by default with local sends; off: each unit sends its own, on a
   * timer of its own. Never with DONDOC_SMTP_RATE, whose limit counts one activity per email.
   */
  DONDOC_BATCH_REMINDERS: bool.default(true),
  /**
   * A superior passes its subordinates' reports up at most this often (milliseconds), for the units this worker
   * starts; 0: each at once. Unset: 2,000.
   */
  DONDOC_REPORT_EVERY_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  /**
   * The JavaScript heap of each worker process (V8's old space, MiB, for its main thread and its workflow thread
   * alike): the process then runs under a supervising one started with that limit, and, unless
   * DONDOC_WORKER_CACHE says otherwise, the SDK sizes its workflow cache from it ((heap − 200) × 0.6). Unset:
   * Node's default, which lets an idle heap grow far past what it holds before collecting.
   */
  DONDOC_WORKER_HEAP_MIB: z.coerce.number().int().min(256).max(65_536).optional(),
  /**
   * Record a stack trace for every promise a workflow creates, for the `__stack_trace` query (the Temporal Web
   * UI's "Stack Trace" tab, to see where a stuck workflow waits). Off by default: it costs a third of the
   * worker's CPU under load (worker/promise-stacks.ts).
   */
  DONDOC_WORKFLOW_STACK_TRACES: bool.default(false),
  /** Worker processes on this machine (each with its own workflow threads); 1 by default. */
  DONDOC_WORKER_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /**
   * Where the worker serves its Prometheus metrics (`/metrics`: Temporal's runtime telemetry and dondoc's own);
   * worker process i of DONDOC_WORKER_PROCESSES listens on the port + i. 0: no metrics.
   */
  DONDOC_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  DONDOC_METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** The level of the worker's JSON log lines (pino): trace, debug, info, warn or error. */
  DONDOC_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
  /** How long the links in emails stay valid (days); 90 by default. */
  DONDOC_PORTAL_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
});

export type WorkerConfig = z.output<typeof workerEnvSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid worker configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const r = workerEnvSchema.safeParse(env);
  if (!r.success) {
    // Name the variable and the rule; the value may be a secret, so it is never echoed.
    throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  if (Boolean(r.data.DONDOC_SMTP_USER) !== Boolean(r.data.DONDOC_SMTP_PASS)) {
    throw new ConfigError(['DONDOC_SMTP_USER and DONDOC_SMTP_PASS: set both or neither']);
  }
  return r.data;
}

/** What the worker prints at start: everything but secrets. */
export function describeConfig(c: WorkerConfig): string {
  const auth = c.DONDOC_SMTP_USER ? ` as ${c.DONDOC_SMTP_USER}` : '';
  const portal = c.DONDOC_PORTAL_URL
    ? `; links to the portal at ${c.DONDOC_PORTAL_URL}`
    : '; no portal links';
  const rate = c.DONDOC_SMTP_RATE ? ` at most ${c.DONDOC_SMTP_RATE}/s (mail task queue)` : '';
  return `task queue ${c.DONDOC_TASK_QUEUE} (units with subordinates on ${superiorTaskQueue(c.DONDOC_TASK_QUEUE)}, cache ${c.DONDOC_WORKER_SUPERIOR_CACHE})${c.DONDOC_WORKER_PROCESSES > 1 ? ` (${c.DONDOC_WORKER_PROCESSES} processes)` : ''}; SMTP ${c.DONDOC_SMTP_HOST}:${c.DONDOC_SMTP_PORT}${c.DONDOC_SMTP_SECURE ? ' (TLS)' : c.DONDOC_SMTP_REQUIRE_TLS ? ' (STARTTLS required)' : ''}${auth}${rate}; from ${c.DONDOC_MAIL_FROM}; archives in ${c.DONDOC_ARCHIVE_DIR}${portal}`;
}
