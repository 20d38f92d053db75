// Phase (d): while dondoc's phases run, `dondoc status <campaign>` and `dondoc overdue <campaign>` (their own
// code path, in this process) each run about every 2 s, one call of each at a time; each call's latency is kept
// under the phase it started in, and every failure with its message.
import { failure, runCli } from './cli';
import { latency, sleep } from './stats';
import type { ProbePhase } from './types';

const PERIOD_MS = 2_000;
/** Between two calls of one probe, even when a call takes longer than the period. */
const MIN_GAP_MS = 250;

type Kind = 'status' | 'overdue';

interface Sample {
  kind: Kind;
  phase: string;
  ms: number;
  error?: string;
}

export class Probes {
  private readonly samples: Sample[] = [];
  private stopped = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly input: {
      campaignId: string;
      env: NodeJS.ProcessEnv;
      phase: () => string | undefined;
      /** `--depth` for status (undefined: the whole tree, as `dondoc status <campaign>`). */
      statusDepth?: number;
    },
  ) {}

  start(): void {
    const { campaignId, statusDepth } = this.input;
    const depth = statusDepth === undefined ? [] : ['--depth', String(statusDepth)];
    this.loops = [
      this.loop('status', ['status', campaignId, ...depth, '--json']),
      this.loop('overdue', ['overdue', campaignId, '--json']),
    ];
  }

  /** Stops starting calls and waits for those under way (at most `graceMs`). */
  async stop(graceMs = 120_000): Promise<void> {
    this.stopped = true;
    await Promise.race([Promise.all(this.loops), sleep(graceMs)]);
  }

  private async loop(kind: Kind, args: string[]): Promise<void> {
    while (!this.stopped) {
      const phase = this.input.phase() ?? 'between';
      const t = Date.now();
      try {
        const r = await runCli(args, this.input.env);
        this.samples.push({ kind, phase, ms: r.ms, ...(r.code === 0 ? {} : { error: failure(r) }) });
      } catch (err) {
        this.samples.push({ kind, phase, ms: Date.now() - t, error: String(err) });
      }
      await sleep(Math.max(MIN_GAP_MS, PERIOD_MS - (Date.now() - t)));
    }
  }

  /** Per phase: each probe's latency (successful calls) and the failures. */
  results(): Record<string, ProbePhase> {
    const out: Record<string, ProbePhase> = {};
    const phases = [...new Set(this.samples.map((s) => s.phase))];
    for (const phase of phases) {
      const of = (kind: Kind) => this.samples.filter((s) => s.phase === phase && s.kind === kind);
      const ok = (kind: Kind) =>
        of(kind)
          .filter((s) => !s.error)
          .map((s) => s.ms);
      const errors = this.samples.filter((s) => s.phase === phase && s.error);
      const status = latency(ok('status'));
      const overdue = latency(ok('overdue'));
      out[phase] = {
        ...(status ? { status } : {}),
        ...(overdue ? { overdue } : {}),
        statusErrors: of('status').length - ok('status').length,
        overdueErrors: of('overdue').length - ok('overdue').length,
        errors: [...new Set(errors.map((s) => `${s.kind}: ${s.error}`))].slice(0, 10),
      };
    }
    return out;
  }
}
