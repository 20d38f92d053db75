// Evidence for a failed check: the worker log's lines about the units concerned.
import { readFileSync } from 'node:fs';

/** Up to `perUnit` lines of the worker log naming each of the first `units` units (by `"unit":"<id>"`). */
export function workerLogLines(logFile: string, unitIds: string[], units = 5, perUnit = 4): string[] {
  let lines: string[];
  try {
    lines = readFileSync(logFile, 'utf8').split('\n');
  } catch {
    return [`(no worker log at ${logFile})`];
  }
  const out: string[] = [];
  for (const unit of unitIds.slice(0, units)) {
    const needle = `"unit":"${unit}"`;
    const hits = lines.filter((l) => l.includes(needle));
    out.push(`${unit}: ${hits.length} worker log lines${hits.length ? ', the last ones:' : ''}`);
    for (const l of hits.slice(-perUnit)) out.push(`  ${l.slice(0, 400)}`);
  }
  return out;
}
