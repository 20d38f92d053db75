// The live benchmark's printed summary: the phases side by side (dondoc, raw, nodemailer alone), the
// submissions' latency, the status/overdue probes per phase, history events, and peak memory and CPU per phase.
import { COUNT_NAMES, type ServerCounts } from './server-counts';
import type { BenchResult, Latency, PhaseName, PhaseResult, System } from './types';

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '))
    .join('\n');
}

const num = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(1));
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || !b ? '-' : `${(a / b).toFixed(2)}x`;
const lat = (l: Latency | undefined) => (l ? `${l.median}/${l.p95}/${l.max} (${l.count})` : '-');

function find(r: BenchResult, phase: PhaseName, system: System): PhaseResult | undefined {
  return r.phases.find((p) => p.phase === phase && p.system === system);
}

function delivery(p: PhaseResult | undefined): string[] {
  if (!p) return ['-', '-', '-'];
  return [
    `${p.delivered}/${p.expected}${p.completed ? '' : ' (incomplete)'}`,
    String(p.lost),
    String(p.duplicates),
  ];
}

/** When half and nine tenths of a phase's emails had arrived (seconds from its start). */
function spread(p: PhaseResult | undefined): string {
  const half = p?.detail.halfSeconds;
  const p90 = p?.detail.p90Seconds;
  return typeof half === 'number' && typeof p90 === 'number' ? `${half.toFixed(1)}/${p90.toFixed(1)}` : '-';
}

function phaseTable(r: BenchResult): string {
  const rows = [
    [
      'phase',
      'dondoc s',
      'raw s',
      'dondoc/raw',
      'nodemailer s',
      'dondoc/nodemailer',
      'dondoc p50/p90 s',
    ].concat(['raw p50/p90 s', 'dondoc delivered', 'lost', 'dup', 'raw delivered', 'lost', 'dup']),
  ];
  const labels: Record<PhaseName, string> = { start: 'start (a)', burst: 'burst (b)', submit: 'submit (c)' };
  for (const phase of ['start', 'burst', 'submit'] as const) {
    const d = find(r, phase, 'dondoc');
    const raw = find(r, phase, 'raw');
    const nm = phase === 'burst' ? find(r, phase, 'nodemailer') : undefined;
    rows.push([
      labels[phase],
      num(d?.seconds),
      num(raw?.seconds),
      ratio(d?.seconds, raw?.seconds),
      nm ? num(nm.seconds) : '-',
      nm ? ratio(d?.seconds, nm.seconds) : '-',
      spread(d),
      spread(raw),
      ...delivery(d),
      ...delivery(raw),
    ]);
  }
  return table(rows);
}

function details(r: BenchResult): string[] {
  const lines: string[] = [];
  const d = (phase: PhaseName, system: System) => find(r, phase, system);
  const nm = d('burst', 'nodemailer');
  if (nm)
    lines.push(
      `nodemailer alone: ${nm.delivered}/${nm.expected} in ${num(nm.seconds)} s (lost ${nm.lost}, dup ${nm.duplicates})`,
    );
  for (const p of r.phases) {
    const extra = Object.entries(p.detail).map(([k, v]) => `${k} ${v}`);
    if (extra.length === 0 && p.notes.length === 0) continue;
    lines.push(
      `${p.system} ${p.phase}: ${extra.join(', ')}${p.notes.length ? `; ${p.notes.join('; ')}` : ''}`,
    );
  }
  lines.push(
    `submission latency ms median/p95/max (n): dondoc ${lat(d('submit', 'dondoc')?.latency)}; raw ${lat(d('submit', 'raw')?.latency)}`,
  );
  return lines;
}

function probeTable(r: BenchResult): string {
  const rows = [
    ['phase', 'status ms median/p95/max (n)', 'errors', 'overdue ms median/p95/max (n)', 'errors'],
  ];
  for (const [phase, p] of Object.entries(r.probes)) {
    rows.push([phase, lat(p.status), String(p.statusErrors), lat(p.overdue), String(p.overdueErrors)]);
  }
  const errors = Object.entries(r.probes).flatMap(([phase, p]) => p.errors.map((e) => `  ${phase}: ${e}`));
  return [table(rows), ...errors].join('\n');
}

function resourceTable(r: BenchResult): string {
  const names = [...new Set(Object.values(r.resources).flatMap((p) => Object.keys(p.peakRssMiB)))];
  const most = (n: string) => Math.max(...Object.values(r.resources).map((p) => p.processes[n] ?? 0));
  const heads = names.map((n) => (most(n) > 1 ? `${n} (${most(n)} processes)` : n));
  const rows = [['phase (peak RSS MiB / CPU s)', ...heads]];
  for (const [phase, p] of Object.entries(r.resources)) {
    rows.push([phase, ...names.map((n) => `${p.peakRssMiB[n] ?? '-'} / ${num(p.cpuSeconds[n])}`)]);
  }
  return table(rows);
}

const COUNT_LABELS: Record<keyof ServerCounts, string> = {
  calls: 'calls',
  workflowTasks: 'wf tasks',
  executionWrites: 'exec writes',
  visibilityWrites: 'visibility writes',
  historyReads: 'history reads',
};

/** What the server did per unit in each phase (its metrics), next to the CPU it took. */
function serverTable(r: BenchResult): string[] {
  const counted = Object.entries(r.resources).filter(([, p]) => p.server);
  if (counted.length === 0) return ['server counts: its metrics did not answer'];
  const per = (x: number) => (x / r.units).toFixed(2);
  const rows = [['phase (per unit)', ...COUNT_NAMES.map((k) => COUNT_LABELS[k])]];
  for (const [phase, p] of counted) rows.push([phase, ...COUNT_NAMES.map((k) => per(p.server?.[k] ?? 0))]);
  return [
    'what the Temporal server did, per unit (its metrics: calls without long polls, workflow tasks completed,',
    'workflow executions written to its store, visibility rows written, history reads):',
    table(rows),
  ];
}

const LEGEND = [
  'start: dondoc from running `dondoc start <file>` until every unit workflow runs (visibility) and every opening',
  '  email has arrived; raw from the first of N workflow starts (50 in flight) until the last email arrived.',
  'burst: from T, when every reminder (raw: every sleeping workflow) is due, until the last email arrived;',
  '  nodemailer: N sendMail calls at once through one pooled transport (5 connections), until the last arrived.',
  'submit: from the first submission until every one is acknowledged (dondoc: `dondoc submit` in this process;',
  '  raw: an update). Emails are counted by distinct Message-ID at the sink; p50/p90: half, nine tenths arrived.',
];

export function printReport(r: BenchResult): void {
  const h = r.history;
  const out = [
    '',
    `dondoc live benchmark: ${r.units} units, ${r.concurrency} in flight; worker env ${JSON.stringify(r.workerEnv)}`,
    `bare worker: Temporal's default worker options, but maxCachedWorkflows ${r.bareCache} (no eviction)`,
    '',
    phaseTable(r),
    ...LEGEND,
    '',
    ...details(r),
    '',
    'dondoc status / overdue probes (in-process CLI, one of each at a time, every ~2 s):',
    probeTable(r),
    '',
    h
      ? `history events: unit workflows mean ${h.mean}, max ${h.max} (${h.maxWorkflowId}) over ${h.sampled} sampled; campaign workflow ${h.campaign}; bare workflow mean ${h.bareMean ?? '-'}`
      : 'history events: not measured',
    '',
    resourceTable(r),
    '',
    ...serverTable(r),
    '',
    ...r.notes.map((n) => `note: ${n}`),
    ...(r.broken ? [`BROKEN: ${r.broken}`] : []),
  ];
  console.log(out.join('\n'));
}
