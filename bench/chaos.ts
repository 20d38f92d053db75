// Fault injection against the real product, in real time, on servers it starts itself in a temp dir (the
// Temporal dev server on a SQLite file, the counting SMTP sink, the dondoc worker as a child process): a
// campaign of N units whose reminders all fall at one instant T, then, from T, the dondoc worker killed with
// SIGKILL --kills times (restarted 3-5 s later), the Temporal server stopped with SIGTERM once and restarted on
// the same SQLite file and ports, the SMTP sink refusing connections for --outage-seconds then answering 421 for
// --421-seconds, and `dondoc submit` for --submit-share of the units throughout (some while the worker or the
// server is down). After recovery it checks that no reminder and no acknowledged submission was lost and that
// every unit workflow's history replays, prints the figures and the fault timeline, and exits 0 only then.
//   npm run chaos -- --units 2000 [--seed S] [--outage-seconds 120] [--421-seconds 60] [--kills 5]
//     [--submit-share 0.2] [--submit-concurrency 4] [--replay-limit 0 (all)] [--fuzz-runs 10000 (0: none)]
//     [--out result.json] [--keep]
// First it runs the fuzz tests of the definition loader and the submission readers at --fuzz-runs inputs each.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { engineView, reminderFigures, submissionFigures, waitAllArrived } from './chaos/checks';
import { workerLogLines } from './chaos/evidence';
import { injectFaults, planFaults } from './chaos/faults';
import { runFuzz } from './chaos/fuzz';
import { chaosOptions } from './chaos/options';
import { replayCheck } from './chaos/replay';
import { printChaos } from './chaos/report';
import { type Rng, seededRng } from './chaos/rng';
import { startCampaign } from './chaos/start';
import { Submitter } from './chaos/submits';
import type { ChaosOptions, ChaosResult } from './chaos/types';
import { ChaosWorld } from './chaos/world';
import { type LiveCampaign, nextWholeMinute, writeCampaign } from './live/campaign-file';
import { stopAll } from './live/procs';
import { log, seconds, sleepUntil } from './live/stats';

interface Run {
  o: ChaosOptions;
  dir: string;
  rng: Rng;
  result: ChaosResult;
  world?: ChaosWorld;
  campaign?: LiveCampaign;
}

/** Step 1: the campaign, started through the CLI, every unit running before T (or noted). */
async function begin(run: Run, world: ChaosWorld): Promise<LiveCampaign> {
  const { o, result } = run;
  const lead = 60_000 + 100 * o.n;
  const c = writeCampaign(run.dir, o.n, nextWholeMinute(Date.now(), lead));
  run.campaign = c;
  result.campaignId = c.id;
  result.burstAt = new Date(c.burstAt).toISOString();
  log(
    `campaign ${c.id}: ${c.units} units, ${c.owing.length} reminders due at T ${result.burstAt} (in ${seconds(Date.now(), c.burstAt)} s)`,
  );
  const started = await startCampaign(world, c, c.burstAt - 1_000);
  if (!started.readyAt)
    result.notes.push('not every unit ran (or had its opening email) by T: the burst starts anyway');
  const code = await Promise.race([started.cliExit, sleepUntil(c.burstAt).then(() => 'running')]);
  if (code !== 0)
    result.notes.push(
      `\`dondoc start\` at T: ${code === 'running' ? 'still running' : `exited ${code}: ${readFileSync(started.cliOutput, 'utf8').slice(0, 300)}`}`,
    );
  await sleepUntil(c.burstAt);
  world.note(`T: ${c.owing.length} reminders due`);
  return c;
}

/** Step 2: the faults and the submissions, until every fault is over and every submission has exited. */
async function burst(run: Run, world: ChaosWorld, c: LiveCampaign): Promise<Submitter> {
  const { o, rng } = run;
  const plan = planFaults({
    burstAt: c.burstAt,
    outageSeconds: o.outageSeconds,
    s421: o.s421,
    kills: o.kills,
    rng,
  });
  const submitter = new Submitter(world, {
    campaignId: c.id,
    units: c.owing,
    share: o.submitShare,
    concurrency: o.submitConcurrency,
    rng,
  });
  log(`faults until T+${seconds(c.burstAt, plan.endsAt)} s; ${submitter.planned} submissions planned`);
  await Promise.all([
    injectFaults({ world, plan, outage: o.outageSeconds, s421: o.s421, onDown: () => submitter.now() }),
    submitter.run(c.burstAt, plan.recoverAt + 15_000),
  ]);
  world.note(`every fault over; ${submitter.records.length} submissions exited`);
  return submitter;
}

/** Step 3: wait for every reminder and receipt, then the checks. */
async function verify(run: Run, world: ChaosWorld, c: LiveCampaign, submitter: Submitter): Promise<void> {
  const { o, result } = run;
  const acknowledged = submitter.records.filter((r) => r.code === 0).map((r) => r.unitId);
  const submitted = submitter.records.map((r) => r.unitId);
  const deadline = Date.now() + 300_000 + 300 * o.n;
  const complete = await waitAllArrived({ world, campaign: c, submitted, acknowledged, deadline });
  world.note(
    complete
      ? 'every reminder and receipt arrived'
      : 'deadline passed before every reminder and receipt arrived',
  );
  const view = await engineView(world, c.id, submitted);
  result.reminders = await reminderFigures(world, c, view);
  result.submissions = await submissionFigures(world, c, submitter.records, view);
  result.replay = await replayCheck({ world, campaign: c, limit: o.replayLimit, rng: run.rng });
  const r = result.reminders;
  const s = result.submissions;
  result.passed = r.lost === 0 && s.lost === 0 && result.replay.failed === 0 && result.fuzz?.passed !== false;
  const suspects = [...r.lostUnits, ...s.lostUnits, ...s.missingReceipts];
  if (suspects.length > 0) result.notes.push(...workerLogLines(world.workerLog, suspects));
}

function finish(run: Run): void {
  const T = run.campaign?.burstAt ?? 0;
  run.result.timeline = (run.world?.timeline ?? []).map((e) => ({ seconds: seconds(T, e.at), what: e.what }));
  run.result.notes.push(`temp dir ${run.dir}${run.o.keep || !run.result.passed ? ' (kept)' : ' (removed)'}`);
  printChaos(run.result);
  if (run.o.out) writeFileSync(run.o.out, `${JSON.stringify(run.result, null, 2)}\n`);
}

async function cleanUp(run: Run): Promise<void> {
  run.world?.end();
  await stopAll();
  if (!run.o.keep && run.result.passed) rmSync(run.dir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const o = chaosOptions();
  const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-chaos-'));
  const result: ChaosResult = {
    options: o,
    startedAt: new Date().toISOString(),
    timeline: [],
    notes: [],
    passed: false,
  };
  const run: Run = { o, dir, rng: seededRng(o.seed), result };
  log(`seed ${o.seed}; ${o.n} units; temp dir ${dir}`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      result.broken = `interrupted (${sig})`;
      finish(run);
      void cleanUp(run).finally(() => process.exit(130));
    });
  }
  try {
    if (o.fuzzRuns > 0) {
      result.fuzz = runFuzz(o.fuzzRuns);
      log(
        `fuzz: ${result.fuzz.passed ? 'passed' : 'FAILED'} in ${result.fuzz.seconds} s (${result.fuzz.summary.join('; ')})`,
      );
    }
    run.world = await ChaosWorld.up(dir);
    const c = await begin(run, run.world);
    const submitter = await burst(run, run.world, c);
    await verify(run, run.world, c, submitter);
  } catch (err) {
    result.broken = err instanceof Error ? (err.stack ?? err.message) : String(err);
  }
  finish(run);
  await cleanUp(run);
  return result.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
