// The chaos run's command line (see bench/chaos.ts's header).
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ChaosOptions } from './types';

function positive(name: string, v: number, integer = false): number {
  if (!(Number.isFinite(v) && v >= 0) || (integer && !Number.isInteger(v))) {
    throw new Error(`--${name} must be a ${integer ? 'whole ' : ''}number ≥ 0`);
  }
  return v;
}

/** The outage defaults: 120 s of refusals and 60 s of 421 at N ≥ 1000, scaled down below (at least 15 / 10 s). */
function scaled(n: number, full: number, least: number): number {
  return n >= 1000 ? full : Math.max(least, Math.round((full * n) / 1000));
}

export function chaosOptions(argv = process.argv.slice(2)): ChaosOptions {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      units: { type: 'string', default: '2000' },
      seed: { type: 'string' },
      'outage-seconds': { type: 'string' },
      '421-seconds': { type: 'string' },
      kills: { type: 'string', default: '5' },
      'submit-share': { type: 'string', default: '0.2' },
      'submit-concurrency': { type: 'string', default: '4' },
      'replay-limit': { type: 'string', default: '0' },
      'fuzz-runs': { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const n = Number(v.units);
  if (!(Number.isInteger(n) && n >= 2)) throw new Error('--units must be an integer ≥ 2');
  const share = positive('submit-share', Number(v['submit-share']));
  if (share > 1) throw new Error('--submit-share must be between 0 and 1');
  return {
    n,
    seed: v.seed !== undefined ? positive('seed', Number(v.seed), true) : Math.floor(Math.random() * 2 ** 31),
    outageSeconds: positive('outage-seconds', Number(v['outage-seconds'] ?? scaled(n, 120, 15))),
    s421: positive('421-seconds', Number(v['421-seconds'] ?? scaled(n, 60, 10))),
    kills: positive('kills', Number(v.kills), true),
    submitShare: share,
    submitConcurrency: Math.max(1, positive('submit-concurrency', Number(v['submit-concurrency']), true)),
    replayLimit: positive('replay-limit', Number(v['replay-limit']), true),
    fuzzRuns: positive('fuzz-runs', Number(v['fuzz-runs'] ?? 10_000), true),
    ...(v.out ? { out: path.resolve(v.out) } : {}),
    keep: v.keep,
  };
}
