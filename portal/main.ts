// The portal as a process (`npx tsx portal/main.ts`, or `dondoc serve`): settings from the environment, the
// Temporal connection (client/connection.ts, the CLI's own conventions), the secret, staff accounts and
// document store from the data folder (access/), campaign definitions cached per process. Stops cleanly on
// SIGINT/SIGTERM. Several can run side by side behind a load balancer: they share nothing but Temporal, the
// document store, the users file and the secret.
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { documentsDirOf, FolderDocumentStore } from '../access/documents';
import { dataDirOf, loadPortalSecret } from '../access/secret';
import { UserStore, usersFileOf } from '../access/users';
import { loadDefinition } from '../client/campaign-view';
import { connectClient, loadConnectionSettings } from '../client/connection';
import { classify, EXIT } from '../client/errors';
import type { Campaign } from '../core/definition/types';
import type { PortalContext } from './context';
import { buildPortal } from './server';
import { describePortalSettings, loadPortalSettings, PortalSettingsError } from './settings';

export interface PortalRunInput {
  env: NodeJS.ProcessEnv;
  out: (s: string) => void;
  err: (s: string) => void;
  /** `--port`, `--host`: win over DONDOC_PORTAL_PORT / DONDOC_PORTAL_HOST. */
  port?: string | number;
  host?: string;
}

export interface RunningPortal {
  app: FastifyInstance;
  /** Where it listens (http://host:port). */
  address: string;
  publicUrl: string;
  close: () => Promise<void>;
}

/** Definitions never change while a campaign runs: one read of history per campaign and process. */
export function cachedDefinitions(client: Client): (campaignId: string) => Promise<Campaign> {
  const cache = new Map<string, Promise<Campaign>>();
  return (campaignId) => {
    let p = cache.get(campaignId);
    if (!p) {
      p = loadDefinition({ client, campaignId });
      cache.set(campaignId, p);
      // A failure (unknown campaign, server down) is not kept: the next request asks again.
      p.catch(() => cache.delete(campaignId));
    }
    return p;
  };
}

/** Starts the portal and returns once it listens. */
export async function startPortal(input: PortalRunInput): Promise<RunningPortal> {
  const server = loadPortalSettings(input.env, {
    ...(input.port !== undefined ? { port: input.port } : {}),
    ...(input.host !== undefined ? { host: input.host } : {}),
  });
  const connection = loadConnectionSettings(input.env);
  const client = await connectClient(connection, { connectTimeoutMs: 10_000 }).catch((err: unknown) => {
    throw Object.assign(
      new Error(
        `không kết nối được máy chủ Temporal ở ${connection.summary.address} (namespace ${connection.namespace}): ` +
          `${err instanceof Error ? err.message : String(err)}`,
      ),
      { exitCode: EXIT.unreachable },
    );
  });
  try {
    const dataDir = dataDirOf(input.env);
    const ctx: PortalContext = {
      client,
      documents: new FolderDocumentStore(documentsDirOf(input.env)),
      users: new UserStore(usersFileOf(input.env)),
      secret: await loadPortalSecret({ env: input.env, dataDir }),
      settings: server.settings,
      definition: cachedDefinitions(client),
      now: () => new Date(),
    };
    const level = input.env.DONDOC_PORTAL_LOG_LEVEL?.trim() || 'info';
    const app = await buildPortal(ctx, { logger: { level }, trustProxy: server.trustProxy });
    await app.listen({ port: server.port, host: server.host });
    const s = connection.summary;
    input.out(
      `dondoc portal: ${server.settings.publicUrl} (nhân viên: ${server.settings.publicUrl}/staff)\n` +
        `  ${describePortalSettings(server)}\n` +
        `  Temporal ${s.address}, namespace ${s.namespace}\n`,
    );
    return {
      app,
      address: `http://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`,
      publicUrl: server.settings.publicUrl,
      close: async () => {
        await app.close();
        await client.connection.close();
      },
    };
  } catch (err) {
    await client.connection.close();
    throw err;
  }
}

/** Runs until SIGINT or SIGTERM; the exit code: 0 stopped cleanly, 1 bad settings, 2 Temporal unreachable. */
export async function runPortal(input: PortalRunInput): Promise<number> {
  let running: RunningPortal;
  try {
    running = await startPortal(input);
  } catch (err) {
    if (err instanceof PortalSettingsError) {
      input.err(`Lỗi: ${err.message}\n`);
      return EXIT.rejected;
    }
    const exitCode = (err as { exitCode?: number }).exitCode;
    if (exitCode !== undefined) {
      input.err(`Lỗi: ${(err as Error).message}\n`);
      return exitCode;
    }
    const c = classify(err);
    input.err(`Lỗi: ${c.message}\n`);
    return c.exitCode;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      input.out(`dondoc portal: ${signal}, đang dừng…\n`);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
  input.out('dondoc portal: đã dừng.\n');
  return EXIT.ok;
}

if (require.main === module) {
  runPortal({
    env: process.env,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
