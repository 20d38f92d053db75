// dondoc's command line run in this process, as `npx dondoc <args>` runs it (client/cli.ts main: parsing,
// connecting, the command itself, its output), with its output captured: the submit, status and overdue
// commands' own code path (the CLI tests' in-process runner), timed. The last failed runs are kept, to name
// the command behind a late error.
import { runCli as runInProcess } from '../../test/cli/harness';

export interface CliRun {
  code: number;
  ms: number;
  out: string;
  err: string;
}

/** The latest failed runs (command, when it ended, why), newest last. */
export const recentFailures: { command: string; at: number; why: string }[] = [];

export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const t = performance.now();
  const { code, out, err } = await runInProcess(env, ...args);
  const run = { code, ms: performance.now() - t, out, err };
  if (code !== 0) {
    recentFailures.push({ command: args[0] ?? '', at: Date.now(), why: failure(run) });
    recentFailures.splice(0, recentFailures.length - 20);
  }
  return run;
}

/** The first line of a failed run's message (its JSON `error` with --json). */
export function failure(r: CliRun): string {
  try {
    const parsed = JSON.parse(r.out) as { error?: string };
    if (parsed.error) return `exit ${r.code}: ${parsed.error.split('\n')[0]}`;
  } catch {
    // Not JSON: fall back to stderr.
  }
  return `exit ${r.code}: ${(r.err || r.out).trim().split('\n')[0] ?? ''}`;
}
