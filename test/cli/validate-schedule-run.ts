// Runs `dondoc validate ... --schedule` in-process (no server is involved) for the dry-run tests.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli';

export const REPO = path.join(__dirname, '..', '..');
export const BAC_GIANG = path.join(REPO, 'examples', 'bac-giang-2024.yaml');
export const DRY_RUN = path.join(REPO, 'test', 'fixtures', 'schedule', 'dry-run.yaml');

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** The environment of a command line that sees no Temporal settings. */
const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_'))),
  HOME: mkdtempSync(path.join(tmpdir(), 'dondoc-dry-run-home-')),
};

export const dondoc = (...args: string[]): Promise<Run> => runCli(ENV, ...args);

/** A copy of the dry-run fixture with some of its text replaced, in a fresh folder. */
export function fixtureVariant(replacements: [string, string][]): string {
  let text = readFileSync(DRY_RUN, 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`the fixture has no '${from}'`);
    text = text.replace(from, to);
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dondoc-dry-run-')), 'campaign.yaml');
  writeFileSync(file, text);
  return file;
}

export interface NoticeLine {
  local: string;
  kind: string;
  seq: number;
  unit: { id: string };
  milestone: { id: string } | null;
  to: { id: string; emails: string[] }[];
  recipients: string[];
  at: string;
  moved: {
    from: string;
    to: string;
    skipped: { date: string; reason: string; name: string | null }[];
  } | null;
  madeUpWorkingDay: { date: string; reason: string; name: string | null } | null;
  listed: { unit: { id: string }; milestone: { id: string } }[] | null;
  messageId: string;
}

export async function dryRunJson(
  ...args: string[]
): Promise<{ start: string; count: number; notices: NoticeLine[] }> {
  const r = await dondoc('validate', ...args, '--schedule', '--format', 'json');
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}${r.out}`);
  return JSON.parse(r.out);
}

/** A notice in short: when (local), what, which number, about whom, for which milestone, to which units. */
export function brief(n: NoticeLine): string {
  return [n.local, n.kind, n.seq, n.unit.id, n.milestone?.id ?? '-', n.to.map((t) => t.id).join('+')].join(
    ' ',
  );
}
