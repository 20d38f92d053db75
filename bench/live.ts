// Real-time benchmark of dondoc against raw baselines, in one run, on servers it starts itself in a temp dir:
// the Temporal dev server as `npm start` runs it, an SMTP sink that counts every Message-ID, the dondoc worker
// as the product (a child process configured by DONDOC_* variables), and a bare worker with the naive design.
// Phases, raw first, then dondoc, never at once (bench/live/*-phases.ts say what starts and stops each timer):
//   nodemailer alone, raw start, raw burst, raw submit; dondoc start (a), burst (b), submit (c), with
//   `dondoc status` and `dondoc overdue` probed every ~2 s meanwhile (d); then history events (e).
// Prints a table and writes JSON (--out); asserts nothing about time; exits 1 only when the benchmark broke.
//   npm run bench:live -- --units 2000 [--concurrency 50] [--out results.json] [--keep] [--phases a,b,c]
//     [--no-raw] [--no-probes] [--status-depth N] [--lead-factor 3] [--lead-seconds S]
// BENCH_WORKER_CPU_PROF=<dir>: the dondoc worker writes V8 CPU profiles (one per thread) there when it stops.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { nextWholeMinute, writeCampaign } from './live/campaign-file';
import { PhaseTimeout } from './live/context';
import { type CliStart, dondocBurst, dondocStart, dondocSubmit } from './live/dondoc-phases';
import { type Guard, installGuard } from './live/guard';
import { historyFigures } from './live/history';
import { Probes } from './live/probes';
import { stopAll } from './live/procs';
import { nodemailerAlone, rawBurst, rawStart, rawSubmit } from './live/raw-phases';
import { printReport } from './live/report';
import { bringUp, type World } from './live/setup';
import { log, seconds, sleep } from './live/stats';
import type { BenchResult, PhaseResult } from './live/types';

interface Options {
  n: number;
  concurrency: number;
  out?: string;
  keep: boolean;
  phases: Set<string>;
  raw: boolean;
  probes: boolean;
  statusDepth?: number;
  /** T is this many raw start times (at least 90 s) after dondoc's start begins. */
  leadFactor: number;
  /** Or this many seconds (with --no-raw, where there is no raw start to go by). */
  leadSeconds?: number;
}

function options(): Options {
  const { values: v } = parseArgs({
    options: {
      units: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '50' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      phases: { type: 'string', default: 'a,b,c' },
      'no-raw': { type: 'boolean', default: false },
      'no-probes': { type: 'boolean', default: false },
      'status-depth': { type: 'string' },
      'lead-factor': { type: 'string', default: '3' },
      'lead-seconds': { type: 'string' },
    },
  });
  const n = Number(v.units);
  const concurrency = Number(v.concurrency);
  if (!(Number.isInteger(n) && n >= 2) || !(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new Error('--units must be an integer ≥ 2 and --concurrency ≥ 1');
  }
  return {
    n,
    concurrency,
    ...(v.out ? { out: path.resolve(v.out) } : {}),
    keep: v.keep,
    // The start (a) always runs: the burst and the submissions need its workflows.
    phases: new Set(['a', ...v.phases.split(',').map((s) => s.trim())]),
    raw: !v['no-raw'],
    probes: !v['no-probes'],
    ...(v['status-depth'] !== undefined ? { statusDepth: Number(v['status-depth']) } : {}),
    leadFactor: Number(v['lead-factor']),
    ...(v['lead-seconds'] !== undefined ? { leadSeconds: Number(v['lead-seconds']) } : {}),
  };
}

function record(result: BenchResult, r: PhaseResult): PhaseResult {
  result.phases.push(r);
  const extra = r.latency ? `, latency median ${r.latency.median} ms` : '';
  log(`${r.system} ${r.phase}: ${r.seconds ?? '-'} s, ${r.delivered}/${r.expected}${extra}`);
  return r;
}

/** nodemailer alone and the raw phases; the raw start's seconds (to place dondoc's T). */
async function runRaw(world: World, o: Options, result: BenchResult): Promise<number> {
  const { ctx } = world;
  if (o.phases.has('b')) record(result, await nodemailerAlone(ctx));
  const started = record(result, await rawStart(ctx));
  if (o.phases.has('b')) record(result, await rawBurst(ctx, started.seconds ?? 0));
  if (o.phases.has('c')) record(result, await rawSubmit(ctx));
  return started.seconds ?? 0;
}

/** `dondoc start`'s exit code and time, recorded on the start phase (waiting a little if it still runs). */
async function noteCliStart(cli: CliStart, start: PhaseResult): Promise<void> {
  const done = await Promise.race([cli.done, sleep(30_000).then(() => undefined)]);
  start.detail.cliExitCode = done ? done.code : null;
  start.detail.cliSeconds = done ? done.seconds : null;
  if (!done) start.notes.push('`dondoc start` had not exited at the end of the benchmark');
  else if (done.code !== 0) {
    start.notes.push(
      `\`dondoc start\` exited ${done.code}: ${readFileSync(cli.output, 'utf8').slice(0, 500)}`,
    );
  }
  try {
    const out = JSON.parse(readFileSync(cli.output, 'utf8')) as { ready?: boolean; warning?: string };
    start.detail.cliReady = out.ready ?? null;
    if (out.warning) start.notes.push(`dondoc start: ${out.warning}`);
  } catch {
    // Not JSON (it failed): the note above has its output.
  }
}

/** The status and overdue probes, while dondoc's phases run (their results are reported however the run ends). */
let activeProbes: Probes | undefined;

async function runDondoc(world: World, o: Options, result: BenchResult, rawStartSeconds: number) {
  const { ctx } = world;
  // T: after dondoc's start will have finished (--lead-factor × the raw start, at least 90 s), at a whole
  // minute; without the burst, past the end of the benchmark.
  const lead = !o.phases.has('b')
    ? 4 * 3_600_000
    : o.leadSeconds !== undefined
      ? o.leadSeconds * 1000
      : Math.max(90_000, o.leadFactor * 1000 * rawStartSeconds);
  const campaign = writeCampaign(ctx.dir, ctx.n, nextWholeMinute(Date.now(), lead));
  const t = `T ${new Date(campaign.burstAt).toISOString()}, ${seconds(Date.now(), campaign.burstAt)} s after dondoc's start began`;
  log(`dondoc: campaign ${campaign.id} (${campaign.file}); ${t}`);
  const rule =
    o.leadSeconds !== undefined
      ? `--lead-seconds ${o.leadSeconds}`
      : `max(90 s, ${o.leadFactor} × raw start)`;
  result.notes.push(`${t} (${rule}, at a whole minute)`);
  activeProbes = o.probes
    ? new Probes({
        campaignId: campaign.id,
        env: world.cliEnv,
        phase: () => ctx.monitor.phase,
        ...(o.statusDepth !== undefined ? { statusDepth: o.statusDepth } : {}),
      })
    : undefined;
  const probes = activeProbes;
  try {
    const started = await dondocStart({
      ctx,
      campaign,
      env: world.cliEnv,
      onCampaign: () => probes?.start(),
    });
    record(result, started.result);
    if (o.phases.has('b')) record(result, await dondocBurst(ctx, campaign, started.endedAt));
    if (o.phases.has('c')) record(result, await dondocSubmit(ctx, campaign, world.cliEnv));
    ctx.monitor.enter('after');
    await probes?.stop();
    await noteCliStart(started.cli, started.result);
    result.history = await historyFigures(ctx, campaign, campaign.unitIds);
  } finally {
    await probes?.stop();
  }
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

let cleaning: Promise<void> | undefined;
/** Stops every process this benchmark started and removes the temp dir (unless --keep); once, whoever asks. */
function cleanUp(dir: string, keep: boolean): Promise<void> {
  // A worker writing its CPU profiles gets time to stop on its own (the profiles are written at its exit).
  cleaning ??= stopAll(process.env.BENCH_WORKER_CPU_PROF ? 60_000 : undefined).then(() => {
    if (keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });
  return cleaning;
}

/** One run: what it has measured so far, and what is needed to report it. */
interface Run {
  o: Options;
  dir: string;
  t0: number;
  result: BenchResult;
  world?: World;
  guard?: Guard;
  reported?: boolean;
}

/** Prints the results so far and writes them to --out; once (at the end, or on a signal or a fatal error). */
function report(run: Run): void {
  if (run.reported) return;
  run.reported = true;
  const { o, result, world } = run;
  world?.ctx.monitor.enter(undefined);
  world?.ctx.monitor.stop();
  result.resources = world?.ctx.monitor.results() ?? {};
  if (activeProbes) result.probes = activeProbes.results();
  for (const e of run.guard?.lateChannelErrors ?? []) {
    result.notes.push(
      `an in-process dondoc command's gRPC retry fired after it had closed its connection, ${e}`,
    );
  }
  result.notes.push(
    `wall time ${seconds(run.t0, Date.now())} s; temp dir ${run.dir}${o.keep ? ' (kept)' : ' (removed)'}`,
  );
  printReport(result);
  if (o.out) writeFileSync(o.out, `${JSON.stringify(result, null, 2)}\n`);
}

/** Ends the run at once (a signal, an error nothing caught): what it has, then every process stopped. */
function abort(run: Run, why: string, code: number): void {
  run.result.broken ??= why;
  report(run);
  void cleanUp(run.dir, run.o.keep).finally(() => process.exit(code));
}

function newResult(o: Options, dir: string): BenchResult {
  return {
    units: o.n,
    concurrency: o.concurrency,
    startedAt: new Date().toISOString(),
    workerLog: path.join(dir, 'worker.log'),
    workerEnv: {},
    bareCache: 0,
    phases: [],
    probes: {},
    resources: {},
    notes: [],
  };
}

let interrupted = false;

async function main(): Promise<number> {
  const o = options();
  const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-bench-live-'));
  const run: Run = { o, dir, t0: Date.now(), result: newResult(o, dir) };
  const { result } = run;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    // On Ctrl-C the signal comes twice (to the process group, and relayed by tsx): the second changes nothing.
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      log(`${sig}: stopping everything this benchmark started`);
      abort(run, `interrupted (${sig})`, 130);
    });
  }
  run.guard = installGuard((err) => abort(run, `uncaught: ${String(err)}`, 1));
  log(`temp dir ${dir}; ${o.n} units, ${o.concurrency} in flight`);
  try {
    run.world = await bringUp({ n: o.n, concurrency: o.concurrency, dir });
    Object.assign(result, { workerEnv: run.world.workerEnv, bareCache: run.world.bareCache });
    const rawStartSeconds = o.raw ? await runRaw(run.world, o, result) : 0;
    await runDondoc(run.world, o, result, rawStartSeconds);
    return 0;
  } catch (err) {
    if (err instanceof PhaseTimeout) result.phases.push(err.result);
    result.broken = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`\nthe benchmark broke; the worker log's last lines (${result.workerLog}):`);
    console.error(tail(result.workerLog, 30));
    return 1;
  } finally {
    run.world?.ctx.monitor.enter(undefined);
    await run.world?.ctx.monitor.settle();
    report(run);
    await cleanUp(dir, o.keep);
  }
}

main().then(
  (code) => process.exit(interrupted ? 130 : code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
