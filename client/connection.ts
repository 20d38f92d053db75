// Where the Temporal server is: Temporal's own conventions (envconfig profiles in temporal.toml and
// TEMPORAL_* variables: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*, TEMPORAL_PROFILE,
// TEMPORAL_CONFIG_FILE). With nothing set, the embedded dev server on localhost:7233, namespace "default".
import { Client, Connection } from '@temporalio/client';
import { type ClientConnectConfig, loadClientConnectConfig } from '@temporalio/envconfig';
import { dataConverter } from '../core/payload-codec';
import { clientInterceptors } from './closed-channel';

export interface ConnectionSummary {
  address: string;
  namespace: string;
  profile: string;
  tls: boolean;
  apiKey: boolean;
}

export interface ConnectionSettings {
  config: ClientConnectConfig;
  namespace: string;
  summary: ConnectionSummary;
}

export function loadConnectionSettings(env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const vars = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  // envconfig reads TEMPORAL_PROFILE itself; naming 'default' explicitly would demand it exist in a file.
  const profile = vars.TEMPORAL_PROFILE ?? 'default';
  const config = loadClientConnectConfig({ overrideEnvVars: vars });
  const options = config.connectionOptions;
  const namespace = config.namespace ?? 'default';
  return {
    config,
    namespace,
    summary: {
      address: options.address ?? 'localhost:7233',
      namespace,
      profile,
      tls: Boolean(options.tls),
      // Never print the key itself.
      apiKey: Boolean(options.apiKey),
    },
  };
}

export async function connectClient(
  settings = loadConnectionSettings(),
  opts: { connectTimeoutMs?: number } = {},
): Promise<Client> {
  const o = settings.config.connectionOptions;
  const connection = await Connection.connect({
    ...(o.address ? { address: o.address } : {}),
    ...(o.tls !== undefined ? { tls: o.tls } : {}),
    ...(typeof o.apiKey === 'string' ? { apiKey: o.apiKey } : {}),
    ...(o.metadata ? { metadata: o.metadata } : {}),
    ...(opts.connectTimeoutMs ? { connectTimeout: opts.connectTimeoutMs } : {}),
    interceptors: clientInterceptors(),
  });
  return new Client({ connection, namespace: settings.namespace, dataConverter });
}

/**
 * The Temporal Web UI's base address: DONDOC_TEMPORAL_UI_URL, else the embedded dev server's
 * (http://localhost:8233, or DONDOC_TEMPORAL_UI_PORT as `npm start` uses it).
 */
export function webUiBase(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DONDOC_TEMPORAL_UI_URL?.trim();
  if (url) return url.replace(/\/+$/, '');
  return `http://localhost:${env.DONDOC_TEMPORAL_UI_PORT?.trim() || '8233'}`;
}

/** A workflow's page in the Web UI. */
export function workflowLink(input: { uiBase: string; namespace: string; workflowId: string }): string {
  const enc = encodeURIComponent;
  return `${input.uiBase}/namespaces/${enc(input.namespace)}/workflows/${enc(input.workflowId)}`;
}
