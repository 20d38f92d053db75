// The command line run in-process through `main`, its output collected: what a user would see, and the exit code.
import { main } from '../../client/cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `dondoc <args>` in-process with `env` as its environment (the process's own by default). */
export async function runCli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(
    ['node', 'dondoc', ...args],
    (s) => {
      out += s;
    },
    (s) => {
      err += s;
    },
    env,
  );
  return { code, out, err };
}
