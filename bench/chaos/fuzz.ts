// The fuzz tests at their full count (issue 15: 10,000 generated inputs per target; `npm test` runs 300): the
// definition loader and the submission readers, through jest as `npm test` runs them, before the fault run.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { log } from '../live/stats';

export interface FuzzFigures {
  runs: number;
  passed: boolean;
  seconds: number;
  /** jest's summary lines. */
  summary: string[];
}

const ROOT = path.resolve(__dirname, '..', '..');

export function runFuzz(runs: number): FuzzFigures {
  log(`fuzz: test/hostile/fuzz-*.test.ts with ${runs} inputs per target`);
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), 'test/hostile/fuzz-', '--runInBand'],
    { cwd: ROOT, env: { ...process.env, DONDOC_FUZZ_RUNS: String(runs) }, encoding: 'utf8' },
  );
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const summary = out.split('\n').filter((l) => /^(Tests|Test Suites|Time):/.test(l.trim()));
  return { runs, passed: r.status === 0, seconds: Math.round((Date.now() - t0) / 100) / 10, summary };
}
