// Benchmark of the portal at scale: a synthetic campaign of N units (default 10,000) started on the Temporal dev
// server, with the worker and the portal each in their own process as `npm start` runs them, and an SMTP sink.
// Times, over R requests each (default 50): the campaign page, a district's drill-down, the overdue list, a
// district's own page (its subtree) and a commune's page; and, in the same run on the same servers, the raw
// baselines: the portal's /healthz (HTTP alone), one state query to a unit workflow, one visibility count.
// Prints figures and ratios; asserts nothing.
//   npm run bench:portal -- --units 10000 [--requests 50]
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { secretFromText } from '../access/secret';
import { mintUnitLink } from '../access/tokens';
import { UserStore } from '../access/users';
import { campaignWorkflowId, unitWorkflowId } from '../contract/ids';
import { campaignStateQuery, stateQuery } from '../contract/messages';
import { ALL_SEARCH_ATTRIBUTES } from '../contract/search-attributes';
import { pageText } from '../demo/portal-client';
import { createDevServerEnv, REPO_ROOT } from '../test/support/temporal';
import { synthetic } from './synthetic';

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '50' },
    port: { type: 'string', default: '18080' },
  },
});
const N = Number(args.units);
const R = Number(args.requests);
const PORT = Number(args.port);
const TASK_QUEUE = 'bench-portal';
const SECRET_TEXT = `bench-portal-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`;

const t0 = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);

function startSink(): Promise<{ port: number; child: ChildProcess }> {
  const child = fork(path.join(__dirname, 'smtp-sink.ts'), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve) => {
    child.on('message', (msg: { port?: number }) => {
      if (msg.port) resolve({ port: msg.port, child });
    });
  });
}

function run(script: string, env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, script)], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    // The worker's own INFO lines are its state changes: only problems are worth showing here.
    const line = d.toString().trim();
    if (line && !line.includes('[INFO]') && !/^\s*(sdkComponent|taskQueue|state):|^\s*}/.test(line))
      console.error(`${name}: ${line.slice(0, 400)}`);
  });
  return child;
}

/** Peak RSS of a process, sampled from /proc (MiB). */
function rssSampler(pids: Record<string, number | undefined>) {
  const peak: Record<string, number> = {};
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) {
      if (!pid) continue;
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) peak[name] = Math.max(peak[name] ?? 0, Math.round(Number(m[1]) / 1024));
      } catch {
        // exited
      }
    }
  }, 500);
  return { peak, stop: () => clearInterval(timer) };
}

async function waitHttp(url: string, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

interface Timing {
  median: number;
  p95: number;
  min: number;
  max: number;
}

function stats(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
  const r = (x: number) => Number(x.toFixed(1));
  return {
    median: r(at(0.5)),
    p95: r(at(0.95)),
    min: r(s[0] ?? Number.NaN),
    max: r(s[s.length - 1] ?? Number.NaN),
  };
}

async function timeIt(n: number, fn: () => Promise<void>): Promise<Timing> {
  await fn(); // warm up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    await fn();
    out.push(performance.now() - a);
  }
  return stats(out);
}

async function get(url: string, cookie?: string): Promise<string> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${pageText(body).slice(0, 300)}`);
  return body;
}

async function signIn(base: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${base}/staff/login`);
  const cookies = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
    body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
    redirect: 'manual',
  });
  const session = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  if (res.status >= 400 || !session) throw new Error(`sign-in failed: ${res.status}`);
  return session;
}

function childEnvOf(address: string, smtpPort: number, data: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: 'default',
    DONDOC_TASK_QUEUE: TASK_QUEUE,
    DONDOC_SMTP_HOST: '127.0.0.1',
    DONDOC_SMTP_PORT: String(smtpPort),
    DONDOC_DATA_DIR: data,
    DONDOC_ARCHIVE_DIR: path.join(data, 'archive'),
    DONDOC_PORTAL_SECRET: SECRET_TEXT,
    DONDOC_PORTAL_PORT: String(PORT),
    DONDOC_PORTAL_URL: `http://127.0.0.1:${PORT}`,
  };
}

/** Until every unit reports to the campaign (logged every twentieth of the way). */
async function waitReporting(root: WorkflowHandle): Promise<void> {
  let last = -1;
  for (;;) {
    const s = await root.query(campaignStateQuery).catch(() => undefined);
    const units = s?.total.units ?? 0;
    if (units >= N) break;
    if (units !== last && units - last >= N / 20) {
      log(`${units} units reporting`);
      last = units;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  log(`all ${N} units reporting`);
}

/** The portal's pages and the raw baselines, R requests each. */
async function measure(input: {
  base: string;
  cookie: string;
  client: Client;
  id: string;
  district: string;
  commune: string;
}) {
  const { base, cookie, client, id, district, commune } = input;
  const secret = secretFromText(SECRET_TEXT);
  const districtLink = `${base}/u/${await mintUnitLink({ secret, campaignId: id, unitId: district })}`;
  const communeLink = `${base}/u/${await mintUnitLink({ secret, campaignId: id, unitId: commune })}`;
  const enc = encodeURIComponent;
  return {
    units: N,
    requests: R,
    campaignPage: await timeIt(R, async () => void (await get(`${base}/staff/c/${enc(id)}`, cookie))),
    districtDrill: await timeIt(
      R,
      async () => void (await get(`${base}/staff/c/${enc(id)}?unit=${enc(district)}`, cookie)),
    ),
    overdueList: await timeIt(R, async () => void (await get(`${base}/staff/c/${enc(id)}/overdue`, cookie))),
    districtUnitPage: await timeIt(R, async () => void (await get(districtLink))),
    communeUnitPage: await timeIt(R, async () => void (await get(communeLink))),
    baseline: {
      healthz: await timeIt(R, async () => void (await get(`${base}/healthz`))),
      stateQuery: await timeIt(R, async () => {
        await client.workflow.getHandle(unitWorkflowId(id, commune)).query(stateQuery);
      }),
      visibilityCount: await timeIt(R, async () => {
        await client.workflow.count(`DondocCampaign = "${id}"`);
      }),
    },
  };
}

function printFigures(figures: Awaited<ReturnType<typeof measure>>, peakRss: Record<string, number>): void {
  const ratio = (a: Timing, b: Timing) => Number((a.median / b.median).toFixed(2));
  console.log(
    JSON.stringify(
      {
        ...figures,
        ratios: {
          campaignPage_vs_stateQuery: ratio(figures.campaignPage, figures.baseline.stateQuery),
          districtDrill_vs_stateQuery: ratio(figures.districtDrill, figures.baseline.stateQuery),
          overdueList_vs_visibilityCount: ratio(figures.overdueList, figures.baseline.visibilityCount),
          districtUnitPage_vs_stateQuery: ratio(figures.districtUnitPage, figures.baseline.stateQuery),
          communeUnitPage_vs_stateQuery: ratio(figures.communeUnitPage, figures.baseline.stateQuery),
          communeUnitPage_vs_healthz: ratio(figures.communeUnitPage, figures.baseline.healthz),
        },
        peakRssMiB: peakRss,
        wallSeconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
      },
      null,
      2,
    ),
  );
}

async function main(): Promise<void> {
  const data = mkdtempSync(path.join(tmpdir(), 'dondoc-bench-portal-'));
  const [env, sink] = await Promise.all([
    createDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES }),
    startSink(),
  ]);
  const address = env.connection.options.address ?? 'localhost:7233';
  const childEnv = childEnvOf(address, sink.port, data);
  const users = new UserStore(path.join(data, 'users.json'));
  await users.add('bench-admin', 'admin', 'bench-password-123');
  const worker = run('worker/main.ts', childEnv, 'worker');
  const portal = run('portal/main.ts', childEnv, 'portal');
  const rss = rssSampler({ worker: worker.pid, portal: portal.pid });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitHttp(`${base}/healthz`, 120);
    const year = new Date().getUTCFullYear() + 1;
    const campaign = synthetic(N, year);
    const id = campaign.campaign.id;
    const client = env.client;
    log(`starting a campaign of ${N} units on the dev server`);
    const root = await client.workflow.start('campaignWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: campaignWorkflowId(id),
      args: [{ campaign }],
    });
    await waitReporting(root);
    const cookie = await signIn(base, 'bench-admin', 'bench-password-123');
    const district = campaign.units.find((u) => u.level === 'district')?.id ?? 'd0';
    const commune = campaign.units.find((u) => u.level === 'commune')?.id ?? 'c0';
    const figures = await measure({ base, cookie, client, id, district, commune });
    printFigures(figures, rss.peak);
  } finally {
    rss.stop();
    worker.kill('SIGTERM');
    portal.kill('SIGTERM');
    sink.child.send('close');
    await new Promise((r) => setTimeout(r, 2000));
    await env.teardown();
    rmSync(data, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
