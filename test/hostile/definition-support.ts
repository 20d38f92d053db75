// Writing hostile campaign files next to the good fixtures' text, and loading them as dondoc does.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mailTemplateChecker } from '../../activities/mail/templates';
import { printIn } from '../../core/definition/issues';
import { loadCampaignFile } from '../../core/definition/load';

const GOOD = path.join(__dirname, '..', 'fixtures', 'good');
export const MINIMAL = readFileSync(path.join(GOOD, 'minimal.yaml'), 'utf8');
export const WITH_CSV = readFileSync(path.join(GOOD, 'with-csv.yaml'), 'utf8');
export const UNITS_CSV = readFileSync(path.join(GOOD, 'units.csv'), 'utf8');

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'dondoc-hostile-'));
}

/** Writes `content` as `name` in `dir`; returns its path. */
export function put(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The issues of loading `file`, each as "path | code | message @ file-name[:line][:column]". */
export async function issuesOf(file: string): Promise<string[]> {
  const r = await loadCampaignFile(file, mailTemplateChecker);
  if (r.ok) return [];
  const print = printIn(r.lang);
  return r.issues.map((i) => {
    const at = [path.basename(i.file), i.line, i.column].filter((x) => x !== undefined).join(':');
    return `${print.path(i.path)} | ${i.code} | ${i.message} @ ${at}`;
  });
}
