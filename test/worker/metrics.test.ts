// The worker as `npm start` runs it (`node --import tsx worker/main.ts`, its own process, so its own Temporal
// Runtime) exports Prometheus metrics: scraped during a real campaign on a dev server, the notices it counts as sent
// are the emails a real SMTP server received, by kind; a submission is counted; its log lines are JSON (pino) that
// name the campaign and the unit.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { CliHarness, FIXTURES, until, upcomingCampaign } from '../cli/harness';
import { freePort } from '../support/ports';

const ROOT = path.join(__dirname, '..', '..');
const h = new CliHarness('worker-metrics');
let worker: ChildProcess | undefined;
let output = '';
let metricsPort = 0;

/** `name{labels} value` lines of one metric, summed by the value of `label`. */
function byLabel(text: string, name: string, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}\\{([^}]*)\\} ([0-9.e+]+)$`).exec(line);
    if (!m) continue;
    const value = new RegExp(`${label}="([^"]*)"`).exec(m[1] ?? '')?.[1] ?? '';
    out[value] = (out[value] ?? 0) + Number(m[2]);
  }
  return out;
}

async function scrape(): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  return await r.text();
}

beforeAll(async () => {
  await h.start();
  // The harness's in-process worker goes; the product's worker process takes its task queue.
  await h.stopWorkers();
  metricsPort = await freePort();
  worker = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env: {
      ...h.cliEnv(),
      DONDOC_SMTP_HOST: '127.0.0.1',
      DONDOC_SMTP_PORT: String(h.smtp.port),
      DONDOC_DATA_DIR: path.join(h.dir, 'data'),
      DONDOC_METRICS_PORT: String(metricsPort),
      DONDOC_MAIL_FROM: 'PV05 <pv05@bacgiang.example.org>',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout?.on('data', (d) => {
    output += String(d);
  });
  worker.stderr?.on('data', (d) => {
    output += String(d);
  });
  await until({
    what: 'the worker to start',
    timeoutMs: 120_000,
    probe: async () => output,
    done: (o) => o.includes('metrics at'),
  });
}, 240_000);
afterAll(async () => {
  worker?.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 1_000));
  if (worker && worker.exitCode === null) worker.kill('SIGKILL');
  await h.stop();
});

it('counts every notice the SMTP server received, by kind, and each submission', async () => {
  const { campaignId, file } = upcomingCampaign(h, 'metrics');
  await h.json(0, 'start', file, '--by', 'Quản trị');
  await h.json(
    0,
    'submit',
    campaignId,
    'so-noi-vu',
    'ke-hoach',
    path.join(FIXTURES, 'plan.yaml'),
    '--by',
    'Sở Nội vụ',
  );
  // The openings and the receipt have gone out when the count stops moving and the receipt is in.
  let last = -1;
  const settled = await until({
    what: 'the notices to be sent and counted',
    timeoutMs: 120_000,
    probe: async () => {
      const text = await scrape();
      const sent = byLabel(text, 'dondoc_notices_sent_total', 'kind');
      const total = Object.values(sent).reduce((a, b) => a + b, 0);
      const stable = total === last && total === h.smtp.received.length && (sent.receipt ?? 0) >= 1;
      last = total;
      return { text, sent, stable };
    },
    done: (s) => s.stable,
    everyMs: 1_500,
  });
  const received: Record<string, number> = {};
  for (const m of h.smtp.received) {
    const kind = String(m.parsed.headers.get('x-dondoc-kind') ?? '');
    received[kind] = (received[kind] ?? 0) + 1;
  }
  expect(settled.sent).toEqual(received);
  expect(Object.keys(received).length).toBeGreaterThan(0);
  expect(byLabel(settled.text, 'dondoc_submissions_total', 'kind')).toEqual({ plan: 1 });
  // Temporal's own telemetry is on the same endpoint, and the SMTP time is measured.
  expect(settled.text).toMatch(/^temporal_worker_task_slots_available\{/m);
  expect(settled.text).toMatch(/^dondoc_smtp_send_seconds_count\{/m);
}, 300_000);

it('logs JSON lines that name the campaign and the unit, and never a secret', () => {
  const lines = output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.find((l) => String(l.msg).includes('metrics at'))).toMatchObject({ level: 30 });
  expect(lines.some((l) => typeof l.campaign === 'string' && typeof l.unit === 'string')).toBe(true);
  expect(output).not.toMatch(/portal-secret|DONDOC_SMTP_PASS=/);
});
