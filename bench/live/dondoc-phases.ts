// dondoc's phases, through the user's own paths: (a) `dondoc start <file>` as a child process, until every
// unit workflow runs (visibility) and every opening email has arrived; (b) the reminders all due at T, from T to
// the last arrival; (c) every owing unit's `dondoc submit` (in this process, `concurrency` at a time), until
// every one is acknowledged (and, besides, until their receipts have arrived).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pooled } from '../../client/kit';
import { campaignWorkflowId } from '../../contract/ids';
import { runningUnitsQuery } from '../../contract/search-attributes';
import { REPO_ROOT } from '../../test/support/temporal';
import { type LiveCampaign, MILESTONE, noticePattern } from './campaign-file';
import { failure, runCli } from './cli';
import { type Ctx, deliveryResult, phaseTimeoutMs, requireCompleted } from './context';
import { exited, spawnLogged } from './procs';
import { waitDelivered } from './sink-client';
import { latency, log, seconds, sleep, sleepUntil } from './stats';
import type { PhaseResult, SinkStats } from './types';

export interface CliStart {
  /** Exit code and wall seconds of `dondoc start`, once it has exited. */
  done: Promise<{ code: number | null; seconds: number }>;
  output: string;
}

/** `node bin/dondoc.js start <file> --json`: the command an administrator runs. */
function cliStart(ctx: Ctx, c: LiveCampaign, env: NodeJS.ProcessEnv): CliStart {
  const output = path.join(ctx.dir, 'dondoc-start.out');
  const t0 = Date.now();
  const child = spawnLogged({
    command: process.execPath,
    args: [path.join(REPO_ROOT, 'bin', 'dondoc.js'), 'start', c.file, '--by', 'bench-live', '--json'],
    env,
    cwd: REPO_ROOT,
    logFile: output,
  });
  const done = exited(child).then(() => ({ code: child.exitCode, seconds: seconds(t0, Date.now()) }));
  return { done, output };
}

/** Until the campaign workflow exists (the CLI has validated the file and started it). */
async function campaignExists(ctx: Ctx, c: LiveCampaign, deadline: number): Promise<boolean> {
  const handle = ctx.client.workflow.getHandle(campaignWorkflowId(c.id));
  const exists = () =>
    handle.describe().then(
      () => true,
      () => false,
    );
  while (Date.now() < deadline) {
    if (await exists()) return true;
    await sleep(250);
  }
  return false;
}

/** Polls visibility and the sink until every unit runs and every opening email came (or the deadline). */
async function followStart(ctx: Ctx, c: LiveCampaign, t0: number) {
  const deadline = t0 + phaseTimeoutMs(ctx.n);
  const query = runningUnitsQuery(c.id);
  let runningAt: number | undefined;
  let running = 0;
  let opened: SinkStats | undefined;
  let lastLog = 0;
  while (Date.now() < deadline) {
    running = await ctx.client.workflow.count(query).then(
      (r) => r.count,
      () => running,
    );
    if (running >= c.units) runningAt ??= Date.now();
    opened = await ctx.sink.stats(noticePattern(c, 'opened'));
    if (runningAt && opened.distinct >= c.owing.length) break;
    if (Date.now() - lastLog >= 15_000) {
      lastLog = Date.now();
      log(`dondoc start: ${running}/${c.units} unit workflows running, ${opened.distinct} opening emails`);
    }
    await sleep(500);
  }
  return { runningAt, running, opened: opened ?? (await ctx.sink.stats(noticePattern(c, 'opened'))) };
}

/** (a) dondoc: from running `dondoc start` to every unit running and every opening email arrived. */
export async function dondocStart(input: {
  ctx: Ctx;
  campaign: LiveCampaign;
  env: NodeJS.ProcessEnv;
  onCampaign: () => void;
}): Promise<{ result: PhaseResult; cli: CliStart; endedAt: number }> {
  const { ctx, campaign: c } = input;
  ctx.monitor.enter('start');
  const t0 = Date.now();
  const cli = cliStart(ctx, c, input.env);
  if (await campaignExists(ctx, c, t0 + phaseTimeoutMs(ctx.n))) input.onCampaign();
  const f = await followStart(ctx, c, t0);
  const completed = f.runningAt !== undefined && f.opened.distinct >= c.owing.length;
  const end = Math.max(f.runningAt ?? Date.now(), f.opened.lastAt ?? 0);
  const result = deliveryResult({
    phase: 'start',
    system: 'dondoc',
    from: t0,
    expected: c.owing.length,
    waited: { stats: f.opened, completed },
    detail: {
      unitWorkflows: f.running,
      allRunningSeconds: f.runningAt ? seconds(t0, f.runningAt) : null,
      lastOpenedSeconds: f.opened.lastAt ? seconds(t0, f.opened.lastAt) : null,
    },
  });
  result.seconds = completed ? seconds(t0, end) : null;
  return { result: requireCompleted(result), cli, endedAt: end };
}

/** (b) dondoc: from T, when every owing unit's reminder is due, to the last reminder's arrival. */
export async function dondocBurst(ctx: Ctx, c: LiveCampaign, startEndedAt: number): Promise<PhaseResult> {
  ctx.monitor.enter('wait for T');
  log(`dondoc: T (every unit's reminder due) in ${seconds(Date.now(), c.burstAt)} s`);
  await sleepUntil(c.burstAt);
  ctx.monitor.enter('burst');
  const waited = await waitDelivered({
    label: 'dondoc burst (reminders)',
    sink: ctx.sink,
    pattern: noticePattern(c, '(reminder|last-day)'),
    expected: c.owing.length,
    deadline: c.burstAt + phaseTimeoutMs(ctx.n),
  });
  const late = startEndedAt > c.burstAt;
  const notes = late
    ? [`dondoc's start had not finished by T (${seconds(c.burstAt, startEndedAt)} s late)`]
    : [];
  const detail = { startFinishedBeforeTSeconds: seconds(startEndedAt, c.burstAt) };
  return requireCompleted(
    deliveryResult({
      phase: 'burst',
      system: 'dondoc',
      from: c.burstAt,
      expected: c.owing.length,
      waited,
      notes,
      detail,
    }),
  );
}

/** The submissions' file: a plan needs only its document's title (no upload). */
function submissionFile(dir: string): string {
  const file = path.join(dir, 'plan-submission.yaml');
  writeFileSync(file, 'document:\n  title: Kế hoạch tổ chức Ngày hội\n  reference: 01/KH-BCĐ\n');
  return file;
}

/** (c) dondoc: every owing unit's `dondoc submit`, `concurrency` at a time, until all are acknowledged. */
export async function dondocSubmit(ctx: Ctx, c: LiveCampaign, env: NodeJS.ProcessEnv): Promise<PhaseResult> {
  ctx.monitor.enter('submit');
  const file = submissionFile(ctx.dir);
  const ms: number[] = [];
  const errors: string[] = [];
  const t0 = Date.now();
  await pooled(c.owing, ctx.concurrency, async (unitId) => {
    const args = ['submit', c.id, unitId, MILESTONE, file, '--by', `BCĐ ${unitId}`, '--json'];
    const r = await runCli(args, env);
    if (r.code === 0) ms.push(r.ms);
    else errors.push(failure(r));
  });
  const end = Date.now();
  log(`dondoc: ${ms.length} submissions acknowledged, ${errors.length} failed; waiting for their receipts`);
  const receipts = await waitDelivered({
    label: 'dondoc receipts',
    sink: ctx.sink,
    pattern: noticePattern(c, 'receipt'),
    expected: ms.length,
    deadline: end + phaseTimeoutMs(ctx.n),
  });
  const lat = latency(ms);
  return {
    phase: 'submit',
    system: 'dondoc',
    seconds: seconds(t0, end),
    completed: errors.length === 0 && receipts.completed,
    expected: c.owing.length,
    delivered: ms.length,
    lost: errors.length,
    duplicates: receipts.stats.duplicates,
    ...(lat ? { latency: lat } : {}),
    notes: [...new Set(errors)].slice(0, 5),
    detail: {
      receipts: receipts.stats.distinct,
      lastReceiptSeconds: receipts.stats.lastAt ? seconds(t0, receipts.stats.lastAt) : null,
    },
  };
}
