// Resource figures per phase: every second, the resident memory and CPU time of each watched process tree
// (the dondoc worker with its worker processes, the bare worker, the Temporal dev server, the SMTP sink, this
// process), from /proc. Each phase gets its peak RSS and the CPU seconds used between its start and its end,
// and, from the server's metrics, what the server did in it (server-counts.ts).
import { allStats, sampleTree } from './proc-stat';
import { between, type ServerCounts, scrape } from './server-counts';

export interface PhaseResources {
  /** Peak resident memory per process tree during the phase (MiB). */
  peakRssMiB: Record<string, number>;
  /** CPU seconds per process tree during the phase. */
  cpuSeconds: Record<string, number>;
  /** The most processes seen in a tree (the worker's under DONDOC_WORKER_PROCESSES). */
  processes: Record<string, number>;
  /** What the Temporal server did during the phase (absent when its metrics did not answer). */
  server?: ServerCounts;
}

export class Monitor {
  private readonly roots = new Map<string, { pid: number; alone: boolean }>();
  private readonly phases = new Map<string, PhaseResources>();
  private readonly cpuAtStart = new Map<string, Record<string, number>>();
  private readonly lastCpu: Record<string, number> = {};
  private current: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private metricsUrl: string | undefined;
  /** The server's counts at each phase's start and end, as scrapes (asynchronous) return them. */
  private readonly scrapes: Promise<void>[] = [];
  private readonly counted = new Map<string, { from?: ServerCounts; to?: ServerCounts }>();

  /** Watches a process and its descendants (or, with `alone`, the process only). */
  watch(name: string, pid: number | undefined, alone = false): void {
    if (pid !== undefined) this.roots.set(name, { pid, alone });
  }

  /** Counts what the Temporal server does in each phase, from its Prometheus metrics at `url`. */
  watchServer(url: string): void {
    this.metricsUrl = url;
  }

  start(): void {
    this.timer ??= setInterval(() => this.sample(), 1_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Ends the current phase (if any) and starts `phase`. */
  enter(phase: string | undefined): void {
    this.sample();
    if (this.current) this.closePhase(this.current);
    this.scrapeServer(this.current, phase);
    this.current = phase;
    if (phase) {
      this.phases.set(phase, { peakRssMiB: {}, cpuSeconds: {}, processes: {} });
      this.cpuAtStart.set(phase, { ...this.lastCpu });
      this.sample();
    }
  }

  get phase(): string | undefined {
    return this.current;
  }

  /** Waits for the server counts scraped so far (results() then has them). */
  async settle(): Promise<void> {
    await Promise.all(this.scrapes);
  }

  results(): Record<string, PhaseResources> {
    for (const [phase, c] of this.counted) {
      const r = this.phases.get(phase);
      const server = between(c.from, c.to);
      if (r && server) r.server = server;
    }
    return Object.fromEntries(this.phases);
  }

  /** One scrape at a phase boundary: the end of the current phase and the start of the next. */
  private scrapeServer(ending: string | undefined, next: string | undefined): void {
    if (!this.metricsUrl) return;
    const counts = scrape(this.metricsUrl);
    const mark = (phase: string, at: 'from' | 'to') => {
      const entry = this.counted.get(phase) ?? {};
      this.counted.set(phase, entry);
      this.scrapes.push(
        counts.then((c) => {
          if (c) entry[at] = c;
        }),
      );
    };
    if (ending) mark(ending, 'to');
    if (next) mark(next, 'from');
  }

  private closePhase(phase: string): void {
    const r = this.phases.get(phase);
    const from = this.cpuAtStart.get(phase) ?? {};
    if (!r) return;
    for (const [name, cpu] of Object.entries(this.lastCpu)) {
      r.cpuSeconds[name] = Number((cpu - (from[name] ?? 0)).toFixed(1));
    }
  }

  private sample(): void {
    const stats = allStats();
    const r = this.current ? this.phases.get(this.current) : undefined;
    for (const [name, { pid, alone }] of this.roots) {
      const s = sampleTree(pid, stats, alone);
      if (!s) continue;
      this.lastCpu[name] = s.cpuSeconds;
      if (!r) continue;
      r.peakRssMiB[name] = Math.max(r.peakRssMiB[name] ?? 0, Math.round(s.rssMiB));
      r.processes[name] = Math.max(r.processes[name] ?? 0, s.processes);
    }
  }
}
