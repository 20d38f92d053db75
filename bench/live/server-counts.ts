// What the Temporal server did in each phase, counted from its Prometheus metrics (start-dev's --metrics-port):
// calls it answered (long polls left out), workflow tasks completed, writes of workflow executions to its store,
// visibility writes (memos and search attributes land there), and history reads. CPU seconds say how much the
// server worked; these counts say what for, per unit, next to the raw baseline's.

/** Counts over one phase (or, from `scrape`, since the server started). */
export interface ServerCounts {
  /** Calls to the frontend, long polls left out (starts, updates, signals, task completions, reads...). */
  calls: number;
  /** Workflow tasks the workers completed. */
  workflowTasks: number;
  /** Workflow executions created or updated in the store (each a transaction). */
  executionWrites: number;
  /** Rows written to visibility: starts, closes, memo and search-attribute upserts. */
  visibilityWrites: number;
  /** History reads from the store (a worker replaying after an eviction, a client reading events). */
  historyReads: number;
}

export const COUNT_NAMES: (keyof ServerCounts)[] = [
  'calls',
  'workflowTasks',
  'executionWrites',
  'visibilityWrites',
  'historyReads',
];

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (`name{a="b",...} value`; comments skipped). */
export function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1] as string] = l[2] as string;
    const value = Number(m[3]);
    if (Number.isFinite(value)) out.push({ name: m[1] as string, labels, value });
  }
  return out;
}

/** The counts in one exposition (totals since the server started). */
export function countsOf(text: string): ServerCounts {
  const c: ServerCounts = {
    calls: 0,
    workflowTasks: 0,
    executionWrites: 0,
    visibilityWrites: 0,
    historyReads: 0,
  };
  for (const s of parseExposition(text)) {
    const op = s.labels.operation ?? '';
    if (s.name === 'service_requests' && s.labels.service_name === 'frontend') {
      if (!op.startsWith('Poll')) c.calls += s.value;
      if (op === 'RespondWorkflowTaskCompleted') c.workflowTasks += s.value;
    } else if (s.name === 'persistence_requests' && s.labels.service_name === 'history') {
      if (/^(Create|Update|ConflictResolve|Set)WorkflowExecution$/.test(op)) c.executionWrites += s.value;
      if (op.startsWith('ReadHistoryBranch') || op === 'ReadRawHistoryBranch') c.historyReads += s.value;
    } else if (s.name === 'visibility_persistence_requests' && /^(Record|Upsert|Delete)/.test(op)) {
      c.visibilityWrites += s.value;
    }
  }
  return c;
}

/** The server's counts now; undefined when its metrics do not answer. */
export async function scrape(url: string): Promise<ServerCounts | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return res.ok ? countsOf(await res.text()) : undefined;
  } catch {
    return undefined;
  }
}

/** What happened between two scrapes; undefined when either is missing or the server restarted in between. */
export function between(from?: ServerCounts, to?: ServerCounts): ServerCounts | undefined {
  if (!from || !to) return undefined;
  const d = {} as ServerCounts;
  for (const k of COUNT_NAMES) {
    if (to[k] < from[k]) return undefined;
    d[k] = to[k] - from[k];
  }
  return d;
}
