// `npm start` (scripts/start.sh) keeps closed workflows, the audit trail, for at least ten years: the dev
// server's own default of one day is not acceptable. Starts the script on free ports, asks the server.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort } from '../support/ports';
import { REPO_ROOT } from '../support/temporal';

const TEN_YEARS_S = 10 * 365.25 * 86_400;

let child: ChildProcess | undefined;
let output = '';

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const ended = new Promise((r) => child?.once('exit', r));
  child.kill('SIGTERM');
  await ended;
});

it('sets the namespace retention to 10 years when it starts the dev server', async () => {
  const [port, uiPort, smtpPort, httpPort, portalPort, metricsPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  child = spawn('bash', [path.join(REPO_ROOT, 'scripts', 'start.sh')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DONDOC_TEMPORAL_PORT: String(port),
      DONDOC_TEMPORAL_UI_PORT: String(uiPort),
      DONDOC_MAIL_SMTP_PORT: String(smtpPort),
      DONDOC_MAIL_HTTP_PORT: String(httpPort),
      DONDOC_PORTAL_PORT: String(portalPort),
      DONDOC_METRICS_PORT: String(metricsPort),
      DONDOC_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dondoc-start-')),
      DONDOC_DEMO: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const deadline = Date.now() + 150_000;
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(output).toContain('closed workflows kept 3660d');

  const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  try {
    const ns = await connection.workflowService.describeNamespace({ namespace: 'default' });
    const seconds = Number(ns.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
    expect(seconds).toBeGreaterThanOrEqual(TEN_YEARS_S);
  } finally {
    await connection.close();
  }
}, 180_000);

it('names a port that is taken and the variable that changes it, and starts nothing', async () => {
  const taken = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  const data = mkdtempSync(path.join(tmpdir(), 'dondoc-start-'));
  try {
    const run = spawn('bash', [path.join(REPO_ROOT, 'scripts', 'start.sh')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DONDOC_TEMPORAL_PORT: String(await freePort()),
        DONDOC_TEMPORAL_UI_PORT: String(await freePort()),
        DONDOC_MAIL_SMTP_PORT: String(await freePort()),
        DONDOC_MAIL_HTTP_PORT: String(port),
        DONDOC_PORTAL_PORT: String(await freePort()),
        DONDOC_METRICS_PORT: String(await freePort()),
        DONDOC_DATA_DIR: data,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    run.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain(`port ${port} is already in use`);
    expect(err).toContain('DONDOC_MAIL_HTTP_PORT=<port> npm start');
    expect(readdirSync(data)).toEqual([]);
  } finally {
    await new Promise((r) => taken.close(r));
  }
}, 120_000);
