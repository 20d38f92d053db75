// `dondoc submit` for a share of the units, each as its own CLI child process (`node bin/dondoc.js submit …
// --json`), at seeded random instants over the fault window, and a few at once whenever the worker or the
// server goes down. Exit 0 is an acknowledgement; any other exit is a failure with the CLI's message.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../test/support/temporal';
import { MILESTONE } from '../live/campaign-file';
import { track } from '../live/procs';
import { sleep } from '../live/stats';
import { between, type Rng, sampleOf } from './rng';
import type { SubmissionRecord } from './types';
import type { ChaosWorld } from './world';

/** How many planned submissions go at once when the worker or the server goes down. */
const ON_DOWN = 3;
/** A submission's process is killed after this long (the CLI itself gives up after --timeout). */
const HARD_LIMIT_MS = 240_000;

interface Planned {
  unitId: string;
  at: number;
  /** Sent as the worker or the server went down: not held back by the concurrency limit. */
  urgent?: boolean;
}

function describeDown(world: ChaosWorld): string {
  const d = world.down;
  const parts = [d.server ? 'server down' : '', d.worker ? 'worker down' : ''];
  parts.push(d.smtp === 'normal' ? '' : d.smtp === 'refuse' ? 'smtp refusing' : 'smtp 421');
  return parts.filter(Boolean).join(' + ') || 'nothing down';
}

/** The CLI's message of a failed run: its JSON `error`, else the first line of its output. */
function failureOf(code: number | null, out: string, err: string): string {
  try {
    const parsed = JSON.parse(out) as { error?: string };
    if (parsed.error) return `exit ${code}: ${parsed.error.split('\n')[0]}`;
  } catch {
    // not JSON
  }
  return `exit ${code}: ${((err || out).trim().split('\n')[0] ?? '').slice(0, 300)}`;
}

function runSubmit(
  world: ChaosWorld,
  campaignId: string,
  unitId: string,
  file: string,
): Promise<SubmissionRecord> {
  const startedAt = Date.now();
  const during = describeDown(world);
  const args = [path.join(REPO_ROOT, 'bin', 'dondoc.js'), 'submit', campaignId, unitId, MILESTONE, file];
  args.push('--by', `chaos ${unitId}`, '--json', '--timeout', '90');
  const child = track(spawn(process.execPath, args, { cwd: REPO_ROOT, env: world.cliEnv }));
  let out = '';
  let err = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), HARD_LIMIT_MS);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const r: SubmissionRecord = {
        unitId,
        during,
        startedAt,
        seconds: (Date.now() - startedAt) / 1000,
        code,
        acrossFaults: world.timeline
          .filter((e) => e.at >= startedAt && /killed|stopped|exited on its own/.test(e.what))
          .map((e) => e.what),
      };
      if (code !== 0)
        r.error = signal ? `killed (${signal}) after ${HARD_LIMIT_MS / 1000} s` : failureOf(code, out, err);
      resolve(r);
    });
  });
}

export class Submitter {
  readonly records: SubmissionRecord[] = [];
  private readonly pending: Planned[];
  private running = 0;
  private readonly file: string;

  constructor(
    private readonly world: ChaosWorld,
    private readonly input: {
      campaignId: string;
      units: string[];
      share: number;
      concurrency: number;
      rng: Rng;
    },
  ) {
    const chosen = sampleOf(input.rng, input.units, Math.round(input.share * input.units.length));
    this.pending = chosen.map((unitId) => ({ unitId, at: 0 }));
    this.file = path.join(world.dir, 'plan-submission.yaml');
    writeFileSync(this.file, 'document:\n  title: Kế hoạch tổ chức Ngày hội\n  reference: 01/KH-BCĐ\n');
  }

  get planned(): number {
    return this.pending.length + this.records.length + this.running;
  }

  /** Spreads the submissions over [from, to) and sends each at its instant, `concurrency` at a time. */
  async run(from: number, to: number): Promise<void> {
    for (const p of this.pending) p.at = between(this.input.rng, from, to);
    this.pending.sort((a, b) => a.at - b.at);
    const inFlight = new Set<Promise<void>>();
    while (this.pending.length > 0) {
      const next = this.pending[0] as Planned;
      if (next.at > Date.now() || (this.running >= this.input.concurrency && !next.urgent)) {
        await sleep(100);
        continue;
      }
      this.pending.shift();
      this.running += 1;
      const p = runSubmit(this.world, this.input.campaignId, next.unitId, this.file).then((r) => {
        this.records.push(r);
        this.running -= 1;
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await Promise.all(inFlight);
  }

  /** The worker or the server just went down: the next few planned submissions go now. */
  now(): void {
    // At 0, they come before the ones already due and held back by the concurrency limit.
    for (const p of this.pending.slice(0, ON_DOWN)) Object.assign(p, { at: 0, urgent: true });
    this.pending.sort((a, b) => a.at - b.at);
  }
}
