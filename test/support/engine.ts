// One campaign on the time-skipping server, a real worker, and a real SMTP server, for engine tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import type { Transporter } from 'nodemailer';
import type { createActivities } from '../../activities';
import { campaignArchiver } from '../../client/audit';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import { type MilestoneState, stateQuery } from '../../contract/messages';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes';
import type { Campaign } from '../../core/definition/types';
import { createSmtpTransport } from '../../worker/transport';
import { createWorkers, type RunningWorkers } from '../../worker/workers';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './smtp';
import { createDevServerEnv, createTimeSkippingEnv, productBundle } from './temporal';

export const ZONE = 'Asia/Ho_Chi_Minh';

export class Engine {
  env!: TestWorkflowEnvironment;
  smtp!: TestSmtpServer;
  campaign!: Campaign;
  private bundle!: { codePath: string };
  private workers?: RunningWorkers;
  private running?: Promise<void>;
  private transport?: Transporter;

  constructor(
    readonly taskQueue: string,
    private readonly opts: {
      smtpDelayMs?: number;
      maxConcurrentActivities?: number;
      devServer?: boolean;
      /** Continue-as-new threshold for the campaign and its units (small, to exercise continue-as-new). */
      historyLimit?: number;
      /** How often superiors pass reports up at most (ActivityDeps.reportEveryMs); 0: at once. */
      reportEveryMs?: number;
      /** DONDOC_SMTP_RATE: notices through the mail task queue at this rate (else local activities). */
      smtpRate?: number;
      /** DONDOC_BATCH_REMINDERS=false: each unit sends its own reminders (ActivityDeps.batchReminders). */
      batchReminders?: false;
      /** The worker writes a closed campaign's archive here (and mails its final report); none without. */
      archiveDir?: string;
      /** ActivityDeps.deferGiveUpMs: how long a notice whose every recipient is deferred (4xx) is retried. */
      deferGiveUpMs?: number;
      /** DONDOC_WORKFLOW_STACK_TRACES=true: the workflow threads keep the SDK's promise hook. */
      workflowStackTraces?: true;
      /** Wraps the real activities, e.g. to hold one back at a gate the test opens (never to replace it). */
      wrapActivities?: (real: ReturnType<typeof createActivities>) => ReturnType<typeof createActivities>;
    } = {},
  ) {}

  /** Starts the servers and a worker; `makeCampaign` gets the test server's current year. */
  async start(makeCampaign: (year: number) => Promise<Campaign> | Campaign): Promise<void> {
    const bundle = productBundle();
    [this.env, this.smtp] = await Promise.all([
      this.opts.devServer
        ? createDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES })
        : createTimeSkippingEnv(),
      startSmtpServer(0, this.opts.smtpDelayMs),
    ]);
    this.bundle = await bundle;
    this.campaign = await makeCampaign(new Date(await this.env.currentTimeMs()).getUTCFullYear());
    await this.startWorker();
    await this.env.client.workflow.start('campaignWorkflow', {
      taskQueue: this.taskQueue,
      workflowId: campaignWorkflowId(this.campaign.campaign.id),
      args: [
        {
          campaign: this.campaign,
          ...(this.opts.historyLimit ? { historyLimit: this.opts.historyLimit } : {}),
        },
      ],
    });
  }

  async startWorker(): Promise<void> {
    // The worker's own transport (pooled), pointed at the test's SMTP server.
    const transport = createSmtpTransport({
      DONDOC_SMTP_HOST: '127.0.0.1',
      DONDOC_SMTP_PORT: this.smtp.port,
      DONDOC_SMTP_SECURE: false,
      DONDOC_SMTP_REQUIRE_TLS: false,
      DONDOC_SMTP_POOL_SIZE: 5,
    });
    this.transport = transport;
    const { maxConcurrentActivities: most, smtpRate } = this.opts;
    this.workers = await createWorkers({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflows: { workflowBundle: this.bundle },
      deps: {
        transport,
        from: 'PV05 <pv05@bacgiang.example.org>',
        // The archive activity awaits the units' results: through the time-skipping client, that await would
        // let the server skip time (past the activity's own heartbeat timeout), so it gets a plain client.
        client: this.opts.archiveDir
          ? new Client({
              connection: this.env.connection,
              ...(this.env.namespace ? { namespace: this.env.namespace } : {}),
            })
          : this.env.client,
        ...(this.opts.archiveDir ? { archive: campaignArchiver(this.opts.archiveDir) } : {}),
        ...(this.opts.reportEveryMs !== undefined ? { reportEveryMs: this.opts.reportEveryMs } : {}),
        ...(this.opts.deferGiveUpMs !== undefined ? { deferGiveUpMs: this.opts.deferGiveUpMs } : {}),
        ...(this.opts.batchReminders === false ? { batchReminders: false } : {}),
      },
      ...(smtpRate ? { smtpRate } : {}),
      ...(most
        ? {
            tuning: { maxConcurrentActivityTaskExecutions: most, maxConcurrentLocalActivityExecutions: most },
          }
        : {}),
      ...(this.opts.wrapActivities ? { wrap: this.opts.wrapActivities } : {}),
      ...(this.opts.workflowStackTraces ? { workflowStackTraces: true } : {}),
    });
    this.running = this.workers.run();
  }

  /** The running workers (whether their workflow threads record promise stacks), until stopWorker. */
  workersInfo(): Pick<RunningWorkers, 'workflowStackTraces'> | undefined {
    return this.workers;
  }

  async stopWorker(): Promise<void> {
    this.workers?.shutdown();
    await this.running;
    this.transport?.close();
    this.workers = undefined;
    this.running = undefined;
    this.transport = undefined;
  }

  async stop(): Promise<void> {
    await this.stopWorker();
    await this.smtp?.close();
    await this.env?.teardown();
  }

  /**
   * Moves the test server's clock to `iso` plus 90 seconds (timers at `iso` fire on the way).
   *
   * Not a round minute: the time-skipping server strands a run whose workflow task cancels a timer that fired
   * while the task was with the worker ("invalid history builder state for action", temporalio/sdk-java#3088;
   * the run never gets another task). Workflows set short timers at the instants a skip goes through (a
   * superior between two runs is signalled again seconds later), and between skips the server's clock runs
   * at real pace: a skip landing at `iso` plus exactly such a delay left the timer due a few milliseconds
   * after it, just as the test's next update woke the workflow and cancelled it (seen with one-minute delays
   * and skips to `iso` plus one minute). Landing 90 seconds on, those timers have fired during the skip.
   */
  async advanceTo(iso: string, extraMs = 90_000): Promise<void> {
    const target = Date.parse(iso) + extraMs;
    const now = await this.env.currentTimeMs();
    if (target > now) await this.env.sleep(target - now);
  }

  campaignHandle() {
    return this.env.client.workflow.getHandle(campaignWorkflowId(this.campaign.campaign.id));
  }

  /** A unit's workflow, once the campaign has started it. */
  async unit(unitId: string) {
    const handle = this.env.client.workflow.getHandle(unitWorkflowId(this.campaign.campaign.id, unitId));
    for (let i = 0; i < 200; i++) {
      try {
        await handle.query(stateQuery);
        return handle;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`unit ${unitId} did not start`);
  }

  /**
   * With DONDOC_RECORD_HISTORIES=1, writes these workflows' histories to test/fixtures/histories/, where
   * test/replay.test.ts replays them against the current workflow code.
   */
  async recordHistories(prefix: string, unitIds: string[]): Promise<void> {
    if (process.env.DONDOC_RECORD_HISTORIES !== '1') return;
    const dir = path.join(__dirname, '..', 'fixtures', 'histories');
    mkdirSync(dir, { recursive: true });
    const handles = [
      ['campaign', this.campaignHandle()] as const,
      ...unitIds.map(
        (id) =>
          [id, this.env.client.workflow.getHandle(unitWorkflowId(this.campaign.campaign.id, id))] as const,
      ),
    ];
    for (const [name, handle] of handles) {
      // Binary protobuf: exact, and independent of the JSON helpers' protobufjs version.
      const history = temporal.api.history.v1.History.fromObject(await handle.fetchHistory());
      writeFileSync(
        path.join(dir, `${prefix}-${name}.binpb`),
        temporal.api.history.v1.History.encode(history).finish(),
      );
    }
  }

  /** How many attempts the unit's sendNotice (activity or local activity) for this Message-ID took, once done. */
  async sendAttempts(unitId: string, messageId: string): Promise<number | undefined> {
    const history = await (await this.unit(unitId)).fetchHistory();
    const json = (p: { data?: Uint8Array | null } | undefined | null) =>
      p?.data ? JSON.parse(Buffer.from(p.data).toString('utf8')) : undefined;
    const scheduled = new Set<string>();
    for (const e of history.events ?? []) {
      if (json(e.activityTaskScheduledEventAttributes?.input?.payloads?.[0])?.messageId === messageId) {
        scheduled.add(String(e.eventId));
      }
      const started = e.activityTaskStartedEventAttributes;
      if (started && scheduled.has(String(started.scheduledEventId))) return started.attempt ?? undefined;
      const marker = e.markerRecordedEventAttributes;
      if (marker?.markerName === 'core_local_activity') {
        const said =
          json(marker.details?.result?.payloads?.[0])?.notice ??
          json(marker.failure?.applicationFailureInfo?.details?.payloads?.[0]);
        if (said?.messageId === messageId) return json(marker.details?.data?.payloads?.[0])?.attempt;
      }
    }
    return undefined;
  }

  /** Mail about one unit and milestone (from the X-Dondoc-* headers), optionally of some kinds only. */
  mailFor(unitId: string, milestoneId: string, ...kinds: string[]) {
    return this.smtp.received.filter(
      (m) =>
        m.parsed.headers.get('x-dondoc-unit') === unitId &&
        m.parsed.headers.get('x-dondoc-milestone') === milestoneId &&
        (kinds.length === 0 || kinds.includes(kindOf(m))),
    );
  }
}

/** The notice's kind (X-Dondoc-Kind): reminder, last-day, overdue, escalation, digest, receipt… */
export function kindOf(m: ReceivedMail): string {
  return String(m.parsed.headers.get('x-dondoc-kind') ?? '');
}

export function local(iso: string): string {
  return DateTime.fromISO(iso, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');
}

/** The validator's message of a rejected update. */
export async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return err instanceof WorkflowUpdateFailedError ? (err.cause?.message ?? err.message) : String(err);
  }
  throw new Error('the update was accepted');
}

export function milestone(state: { milestones: MilestoneState[] }, id: string): MilestoneState {
  const m = state.milestones.find((x) => x.id === id);
  if (!m) throw new Error(`no milestone ${id}`);
  return m;
}
