// The `dondoc` command line.
import { Command, CommanderError } from 'commander';
import { loadConnectionSettings } from './connection';
import { renderIssues, renderSummary, validateFile } from './validate-command';

export const EXIT = { ok: 0, rejected: 1, unreachable: 2 } as const;

export function buildProgram(out: (s: string) => void, err: (s: string) => void): Command {
  const program = new Command('dondoc')
    .description('dondoc ("đôn đốc"): a campaign deadline engine on Temporal')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });

  program
    .command('validate')
    .description('check a campaign file (YAML/JSON, units inline or from CSV) without starting anything')
    .argument('<file>', 'campaign file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const r = await validateFile(file);
      if (opts.json) out(`${JSON.stringify(r, null, 2)}\n`);
      else if (r.ok) out(`${renderSummary(r.summary)}\nOK\n`);
      else err(`${renderIssues(r.issues)}\n`);
      program.setOptionValue('exitCode', r.ok ? EXIT.ok : EXIT.rejected);
    });
  program
    .command('connection')
    .description('show which Temporal server dondoc will use (envconfig profile and TEMPORAL_* variables)')
    .option('--json', 'print the result as JSON')
    .action((opts: { json?: boolean }) => {
      const s = loadConnectionSettings().summary;
      if (opts.json) out(`${JSON.stringify(s, null, 2)}\n`);
      else {
        out(
          `address ${s.address}, namespace ${s.namespace}, profile ${s.profile}, ` +
            `TLS ${s.tls ? 'on' : 'off'}, API key ${s.apiKey ? 'set' : 'not set'}\n`,
        );
      }
    });
  return program;
}

export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const program = buildProgram(out, err);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.rejected;
    throw e;
  }
  return (program.getOptionValue('exitCode') as number | undefined) ?? EXIT.ok;
}
