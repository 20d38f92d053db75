/**
 * Test helpers for running dondoc against real Temporal servers.
 *
 * The servers come from `scripts/tools.sh`, which bootstraps them once into the git-ignored `.tools/`:
 * the Temporal CLI dev server (`temporal`) and Temporal's Java time-skipping test server (`test-server`).
 * No test downloads anything at run time.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { ConnectionPlugin } from '@temporalio/client';
import { IllegalStateError, type SearchAttributeType } from '@temporalio/common';
// Not re-exported from the package index in SDK 1.24 (the testing package imports it the same way).
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { clientInterceptors } from '../../client/closed-channel';
import { registerSearchAttributes } from '../../client/search-attributes';
import { dataConverter } from '../../core/payload-codec';
import { workflowBundle } from '../../worker/bundle';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export type ToolName = 'temporal' | 'test-server' | 'chromium';

const toolPaths = new Map<ToolName, string>();

/**
 * Path of a bootstrapped Temporal server executable (`bash scripts/tools.sh <which>`), cached per process.
 * The first call on a fresh machine may build or fetch the tool (minutes); the script's progress goes to
 * stderr, which is passed through.
 */
export function toolPath(which: ToolName): string {
  const cached = toolPaths.get(which);
  if (cached !== undefined) return cached;
  const out = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'tools.sh'), which], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1024 * 1024,
  });
  const resolved = out.trim();
  if (resolved === '' || resolved.includes('\n')) {
    throw new Error(`scripts/tools.sh ${which} printed ${JSON.stringify(out)}, expected a single path`);
  }
  toolPaths.set(which, resolved);
  return resolved;
}

/**
 * The SDK gives a server 5 s to start listening; on a loaded 2-core machine the JVM or the dev server can
 * miss that. Try again (a new port each time) before failing the test file.
 */
async function withStartRetries<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await start();
    } catch (err) {
      if (i >= attempts || !/did not start within/.test(String(err))) throw err;
    }
  }
}

let runtimeInstalled = false;

/**
 * Installs the Temporal Runtime with a WARN-level logger, once per module registry (i.e. per jest test
 * file). Must run before anything creates the Runtime implicitly (a Worker, NativeConnection or
 * TestWorkflowEnvironment); if that already happened, the existing Runtime is kept.
 */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch (err) {
    // Already installed or instantiated in this module registry: keep what is there.
    if (!(err instanceof IllegalStateError)) throw err;
  }
  runtimeInstalled = true;
}

/**
 * The client connection pings every 30 s by default; the Java test server answers pings more frequent than
 * every 5 minutes on a call that has been silent that long (a long time-skipping sleep on a loaded machine)
 * with GOAWAY "too_many_pings", and the call is lost. Ping rarely, and only during calls.
 */
export const rarePings: ConnectionPlugin = {
  name: 'dondoc-rare-pings',
  configureConnection: (options) => ({
    ...options,
    channelArgs: {
      ...options.channelArgs,
      'grpc.keepalive_permit_without_calls': 0,
      'grpc.keepalive_time_ms': 600_000,
    },
  }),
};

/**
 * The product's own client interceptors (client/closed-channel.ts) on the tests' connections: a call still
 * waiting to retry when a test closes its environment ends as CANCELLED instead of crashing the test file.
 */
export const guardedChannel: ConnectionPlugin = {
  name: 'dondoc-closed-channel-guard',
  configureConnection: (options) => ({ ...options, interceptors: clientInterceptors() }),
};

/**
 * Temporal's Java time-skipping test server on a free port.
 *
 * The SDK starts `<launcher> <port>` (plus `extraArgs`) and deliberately does NOT pass
 * `--enable-time-skipping`: the server starts with time skipping locked, and the environment's
 * `client.workflow.result()` / `env.sleep()` unlock it while they wait. Do not add the flag through
 * `extraArgs`: the first `result()` would then fail with "Unbalanced lock and unlock calls".
 * A worker's own `handle.result()` from `env.client` skips time; a plain `@temporalio/client` Client does not.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await withStartRetries(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: toolPath('test-server') } },
      client: { dataConverter },
      plugins: [rarePings, guardedChannel],
    }),
  );
  // The Java test server checks search attributes like a real server: register dondoc's.
  try {
    await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return env;
}

export interface DevServerEnvOptions {
  /** Custom search attributes to register (`--search-attribute Name=Type`) at server start. */
  searchAttributes?: SearchAttributeKey<SearchAttributeType>[];
  /** Serves the server's Prometheus metrics on this port (`--metrics-port`): what it did, counted. */
  metricsPort?: number;
}

/**
 * Temporal CLI dev server (`temporal server start-dev`) on a free port: in-memory SQLite (no
 * `dbFilename`), headless (no UI), namespace `default`, server log level `error`.
 */
export async function createDevServerEnv(opts: DevServerEnvOptions = {}): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return await withStartRetries(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: toolPath('temporal') },
        searchAttributes: opts.searchAttributes ?? [],
        ui: false,
        log: { format: 'pretty', level: 'error' },
        ...(opts.metricsPort ? { extraArgs: ['--metrics-port', String(opts.metricsPort)] } : {}),
      },
      client: { dataConverter },
      plugins: [guardedChannel],
    }),
  );
}

/**
 * The worker's own prebuilt workflow bundle (worker/bundle.ts), kept between test files and runs while the
 * workflow sources stay the same.
 */
export async function productBundle(): Promise<{ codePath: string }> {
  const { codePath } = await workflowBundle(path.join(REPO_ROOT, 'node_modules', '.cache', 'dondoc-bundle'));
  return { codePath };
}

/**
 * Bundles workflow code with webpack once (call it in `beforeAll`), logging only errors.
 * Pass the result as `workflowBundle` to `Worker.create`.
 */
export async function bundleOnce(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  quietRuntime();
  return await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('ERROR') });
}
