// Reading Linux's /proc for the live benchmark: every process's parent and CPU time (/proc/<pid>/stat), a
// process's resident memory (VmRSS in /proc/<pid>/status), and a process tree's totals.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks. */
  cpu: number;
  /** cutime + cstime: children already waited for, in clock ticks. */
  childCpu: number;
}

function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

export const CLK_TCK = clockTicks();

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (in parentheses) may hold spaces: the fields are counted after its closing one.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(f[i] ?? 0);
    return { pid, ppid: n(1), cpu: n(11) + n(12), childCpu: n(13) + n(14) };
  } catch {
    return undefined;
  }
}

/** Every process's stat, once. */
export function allStats(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) out.set(s.pid, s);
  }
  return out;
}

/** The pids below `root` (children, their children, ...). */
export function descendantsOf(root: number, stats: Map<number, ProcStat> = allStats()): number[] {
  const children = new Map<number, number[]>();
  for (const s of stats.values()) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface TreeSample {
  /** Resident memory of the root and its descendants, summed (MiB). */
  rssMiB: number;
  /** CPU seconds used so far by the tree (children already reaped included). */
  cpuSeconds: number;
  processes: number;
}

/** A process tree's (or with `alone`, a process's) memory and CPU time now; undefined when it is gone. */
export function sampleTree(
  root: number,
  stats: Map<number, ProcStat>,
  alone = false,
): TreeSample | undefined {
  const top = stats.get(root);
  if (!top) return undefined;
  const pids = alone ? [root] : [root, ...descendantsOf(root, stats)];
  let ticks = top.childCpu;
  let kib = 0;
  for (const pid of pids) {
    ticks += stats.get(pid)?.cpu ?? 0;
    kib += rssKiB(pid);
  }
  return { rssMiB: kib / 1024, cpuSeconds: ticks / CLK_TCK, processes: pids.length };
}
