// The real dev server, a real worker and a real SMTP server for the command line's end-to-end tests; the
// command line itself runs in-process through `main`, pointed at the dev server by TEMPORAL_* variables.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import nodemailer from 'nodemailer';
import type { PortalLinks } from '../../activities';
import { parseExposition } from '../../bench/live/server-counts';
import { campaignArchiver } from '../../client/audit';
import type { StatusNode } from '../../client/commands/status';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes';
import { createWorkers, type RunningWorkers } from '../../worker/workers';
import { freePort } from '../support/ports';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createDevServerEnv, productBundle, REPO_ROOT } from '../support/temporal';

export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');

import { type CliRun, runCli } from '../support/run-cli';

export { type CliRun, runCli };

/** The environment of a command line that sees no Temporal settings but the given ones. */
export function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_')));
  return { ...base, HOME: mkdtempSync(path.join(tmpdir(), 'dondoc-cli-home-')), ...extra };
}

/** A campaign file from a template, its {{NAME}} placeholders filled in. */
export function fillTemplate(input: {
  template: string;
  values: Record<string, string>;
  dir: string;
  /** The file written in `dir`. */
  name: string;
}): string {
  let text = readFileSync(path.join(FIXTURES, input.template), 'utf8');
  for (const [k, v] of Object.entries(input.values)) text = text.replaceAll(`{{${k}}}`, v);
  const file = path.join(input.dir, input.name);
  writeFileSync(file, text);
  return file;
}

export class CliHarness {
  env!: TestWorkflowEnvironment;
  smtp!: TestSmtpServer;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'dondoc-cli-'));
  /** Where the worker writes the archive of a campaign it closed (the CLI's own --archive goes elsewhere). */
  readonly workerArchiveDir = path.join(this.dir, 'worker-archive');
  private workers?: RunningWorkers;
  private running?: Promise<void>;

  /** The server's Prometheus metrics (with `serverMetrics`). */
  metricsUrl?: string;

  /**
   * `portal`: the worker then puts each unit's signed portal link in its emails. `serverMetrics`: the server
   * serves its metrics at `metricsUrl`.
   */
  constructor(
    readonly taskQueue: string,
    readonly options: { portal?: PortalLinks; serverMetrics?: true } = {},
  ) {}

  async start(): Promise<void> {
    const metricsPort = this.options.serverMetrics ? await freePort() : undefined;
    if (metricsPort) this.metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    [this.env, this.smtp] = await Promise.all([
      createDevServerEnv({
        searchAttributes: ALL_SEARCH_ATTRIBUTES,
        ...(metricsPort ? { metricsPort } : {}),
      }),
      startSmtpServer(0),
    ]);
    await this.startWorkers();
  }

  /** Starts the worker (again, after stopWorkers) on the same servers. */
  async startWorkers(): Promise<void> {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: this.smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    this.workers = await createWorkers({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflows: { workflowBundle: await productBundle() },
      deps: {
        transport,
        from: 'PV05 <pv05@bacgiang.example.org>',
        client: this.env.client,
        archive: campaignArchiver(this.workerArchiveDir),
        ...(this.options.portal ? { portal: this.options.portal } : {}),
      },
    });
    this.running = this.workers.run();
  }

  /** Stops the worker (the servers stay): what still answers is the server alone. */
  async stopWorkers(): Promise<void> {
    this.workers?.shutdown();
    await this.running;
    this.workers = undefined;
  }

  async stop(): Promise<void> {
    this.workers?.shutdown();
    await this.running;
    await this.smtp?.close();
    await this.env?.teardown();
  }

  /** What the command line needs to reach this dev server and this worker's task queue. */
  cliEnv(): NodeJS.ProcessEnv {
    return cliEnv({
      TEMPORAL_ADDRESS: this.env.address,
      TEMPORAL_NAMESPACE: 'default',
      DONDOC_TASK_QUEUE: this.taskQueue,
      DONDOC_ARCHIVE_DIR: path.join(this.dir, 'archive'),
      DONDOC_TEMPORAL_UI_URL: 'http://localhost:8233',
    });
  }

  async cli(...args: string[]): Promise<CliRun> {
    return await runCli(this.cliEnv(), ...args);
  }

  /** `dondoc <args> --json`, parsed; fails the test with the output when the exit code is not `code`. */
  async json<T = Record<string, unknown>>(code: number, ...args: string[]): Promise<T> {
    const r = await this.cli(...args, '--json');
    if (r.code !== code) {
      throw new Error(`dondoc ${args.join(' ')} exited ${r.code}, expected ${code}\n${r.out}\n${r.err}`);
    }
    return JSON.parse(r.out) as T;
  }

  /**
   * The server's frontend calls of `operation` so far (needs `serverMetrics`), once its metrics have caught up
   * (the server reports its counters every second or so).
   */
  async serverCalls(operation: string): Promise<number> {
    await new Promise((r) => setTimeout(r, 3_000));
    const text = await (await fetch(this.metricsUrl as string)).text();
    return parseExposition(text)
      .filter(
        (s) =>
          s.name === 'service_requests' &&
          s.labels.service_name === 'frontend' &&
          s.labels.operation === operation,
      )
      .reduce((n, s) => n + s.value, 0);
  }
}

/** Polls `probe` until `done` holds of its result, or fails after `timeoutMs`. */
export async function until<T>(input: {
  what: string;
  probe: () => Promise<T>;
  done: (v: T) => boolean;
  timeoutMs: number;
  everyMs?: number;
}): Promise<T> {
  const deadline = Date.now() + input.timeoutMs;
  let last: T;
  for (;;) {
    last = await input.probe();
    if (input.done(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${input.what}; last: ${JSON.stringify(last).slice(0, 2000)}`);
    }
    await new Promise((r) => setTimeout(r, input.everyMs ?? 500));
  }
}

/**
 * The CLI fixture campaign (campaign.template.yaml) named `<prefix>-<now>`, issued yesterday, its plan due in three
 * days at 10:00, its later milestones in 30 and 40 days: nothing falls due while a test runs.
 */
export function upcomingCampaign(h: CliHarness, prefix: string): { campaignId: string; file: string } {
  const now = DateTime.now().setZone('Asia/Ho_Chi_Minh');
  const campaignId = `${prefix}-${now.toFormat('yyyyMMddHHmmss')}`;
  const file = fillTemplate({
    template: 'campaign.template.yaml',
    dir: h.dir,
    name: 'campaign.yaml',
    values: {
      ID: campaignId,
      ISSUED: now.minus({ days: 1 }).toISODate() as string,
      PLAN_DUE: now.plus({ days: 3 }).toFormat('yyyy-MM-dd 10:00'),
      FAR_DUE: now.plus({ days: 30 }).toISODate() as string,
      REPORT_DUE: now.plus({ days: 40 }).toISODate() as string,
    },
  });
  return { campaignId, file };
}

/** The node of `unitId` in a `status --json` tree, found depth first. */
export function findNode(node: StatusNode, unitId: string): StatusNode | undefined {
  if (node.unitId === unitId) return node;
  for (const c of node.children) {
    const f = findNode(c, unitId);
    if (f) return f;
  }
  return undefined;
}
