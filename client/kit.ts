// What every command shares: where it writes, a lazily opened connection, and how an outcome or an error
// becomes output (human text, or JSON with --json) and an exit code.

import type { Client } from '@temporalio/client';
import pMap from 'p-map';
import { printableLines, terminalJson } from '../core/text/printable';
import { connectClient, loadConnectionSettings } from './connection';
import { classify, EXIT, type ExitCode, unreachable } from './errors';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Progress lines (on stderr) only on an interactive terminal. */
  progress: boolean;
}

/** What a command produced: printed as text, or as JSON with --json. */
export interface Outcome {
  exitCode?: ExitCode;
  json: unknown;
  text: string;
  /** Printed as is instead of `json` or `text` (a report or a trail written to stdout). */
  raw?: string;
}

export interface Session {
  io: Io;
  namespace: string;
  /** Connects on first use (so bad input is reported without a server). */
  client: () => Promise<Client>;
}

const CONNECT_TIMEOUT_MS = 5_000;

function openSession(io: Io): { session: Session; close: () => Promise<void> } {
  const settings = loadConnectionSettings(io.env);
  let pending: Promise<Client> | undefined;
  const session: Session = {
    io,
    namespace: settings.namespace,
    client: () => {
      pending ??= connectClient(settings, { connectTimeoutMs: CONNECT_TIMEOUT_MS }).catch((err: unknown) => {
        throw unreachable(
          `không kết nối được máy chủ Temporal ở ${settings.summary.address} (namespace ${settings.namespace}): ` +
            `${err instanceof Error ? err.message : String(err)}`,
        );
      });
      return pending;
    },
  };
  const close = async () => {
    if (!pending) return;
    try {
      await (await pending).connection.close();
    } catch {
      // Never connected: nothing to close.
    }
  };
  return { session, close };
}

export function printJson(io: Io, value: unknown): void {
  io.out(`${terminalJson(value)}\n`);
}

/** Runs one command's body and returns its exit code; errors never escape. */
export async function runCommand(input: {
  io: Io;
  json: boolean;
  body: (s: Session) => Promise<Outcome>;
  /** The language the command was asked to speak (`--lang`): its error line says "Error:" in English. */
  lang?: 'vi' | 'en' | undefined;
}): Promise<ExitCode> {
  const { io, json } = input;
  const { session, close } = openSession(io);
  try {
    const outcome = await input.body(session);
    if (outcome.raw !== undefined) io.out(outcome.raw);
    else if (json) printJson(io, outcome.json);
    else if (outcome.text) io.out(outcome.text.endsWith('\n') ? outcome.text : `${outcome.text}\n`);
    return outcome.exitCode ?? EXIT.ok;
  } catch (err) {
    const c = classify(err);
    if (json) printJson(io, { ok: false, exitCode: c.exitCode, error: c.message, ...(c.details ?? {}) });
    else io.err(`${input.lang === 'en' ? 'Error' : 'Lỗi'}: ${printableLines(c.message)}\n`);
    return c.exitCode;
  } finally {
    await close();
  }
}

/** Runs `fn` over `items`, `width` at a time (p-map), keeping the items' order in the result. */
export async function pooled<T, R>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  return await pMap(items, (item) => fn(item), { concurrency: Math.max(1, width) });
}
