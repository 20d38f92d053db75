// The chaos run's verdict, printed: reminders, submissions, replay, the fault timeline.
import type { ChaosResult, ReminderFigures, ReplayFigures, SubmissionFigures } from './types';

function table(title: string, rows: [string, string | number][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

const some = (xs: readonly unknown[], k = 10) =>
  xs.length === 0 ? '' : ` (${xs.slice(0, k).join(', ')}${xs.length > k ? ', …' : ''})`;

function reminders(r: ReminderFigures): void {
  table('Reminders (all due at T)', [
    ['expected', r.expected],
    [
      'not expected: submitted before it went out',
      `${r.skippedSubmittedFirst.length}${some(r.skippedSubmittedFirst)}`,
    ],
    ['delivered (distinct Message-IDs)', r.delivered],
    ['lost', `${r.lost}${some(r.lostUnits)}`],
    [
      'duplicates (same Message-ID again)',
      `${r.duplicates.length} ids, ${r.duplicates.reduce((a, [, n]) => a + n - 1, 0)} extra copies${some(
        r.duplicates.map(([id, n]) => `${id} ×${n}`),
        5,
      )}`,
    ],
    ['units sent under several Message-IDs', `${r.unitsWithSeveralIds.length}${some(r.unitsWithSeveralIds)}`],
    ['last first-arrival after T', r.lastArrivalSeconds === null ? '-' : `${r.lastArrivalSeconds} s`],
  ]);
  if (r.duplicates.length > 0) {
    console.log(
      '  (a duplicate carries the same Message-ID: a send in flight when the worker was killed, sent again)',
    );
  }
}

function submissions(s: SubmissionFigures): void {
  table('Submissions (`dondoc submit` child processes)', [
    ['attempted', s.attempted],
    ['acknowledged (exit 0)', s.acknowledged],
    ['failed (non-zero exit, not an acknowledgement)', s.failed],
    ['recorded (of the acknowledged)', s.recorded],
    ['lost (acknowledged, not recorded)', `${s.lost}${some(s.lostUnits)}`],
    ['failed but recorded after all', s.failedButRecorded],
    [
      'receipts arrived (of the acknowledged)',
      `${s.receipts}${some(s.missingReceipts.map((u) => `missing ${u}`))}`,
    ],
    ['duplicate receipts (same Message-ID)', s.duplicateReceipts.length],
  ]);
  for (const [during, b] of Object.entries(s.byDuring)) {
    console.log(`    sent with ${during}: ${b.acknowledged}/${b.attempted} acknowledged`);
  }
  const f = s.inFlightAtAFault;
  console.log(
    `    in flight across a worker kill or the server stop: ${f.acknowledged}/${f.attempted} acknowledged`,
  );
  for (const r of s.failedRuns) {
    console.log(
      `    failed: ${r.unitId} (sent with ${r.during}, ${r.seconds.toFixed(1)} s): ${r.error ?? '?'}`,
    );
  }
}

function replay(r: ReplayFigures): void {
  table('Replay (Worker.runReplayHistories, the worker bundle)', [
    ['workflows', r.workflows],
    ['replayed', r.replayed],
    ['failed', `${r.failed}${r.fetchErrors ? ` (${r.fetchErrors} not fetched)` : ''}`],
    ['seconds', r.seconds],
  ]);
  for (const f of r.failures) console.log(`    ${f}`);
}

export function printChaos(result: ChaosResult): void {
  console.log(
    `\n=== chaos: ${result.options.n} units, seed ${result.options.seed}, campaign ${result.campaignId ?? '-'}, T ${result.burstAt ?? '-'} ===`,
  );
  if (result.reminders) reminders(result.reminders);
  if (result.submissions) submissions(result.submissions);
  if (result.replay) replay(result.replay);
  console.log('\nFault timeline (seconds from T)');
  for (const e of result.timeline)
    console.log(`  ${e.seconds >= 0 ? '+' : ''}${e.seconds.toFixed(1).padStart(7)}  ${e.what}`);
  for (const n of result.notes) console.log(`note: ${n}`);
  if (result.broken) console.log(`BROKEN: ${result.broken}`);
  console.log(
    `\n${result.passed ? 'PASS' : 'FAIL'}: lost reminders ${result.reminders?.lost ?? '?'}, lost submissions ${result.submissions?.lost ?? '?'}, replay failures ${result.replay?.failed ?? '?'}, fuzz ${result.fuzz ? `${result.fuzz.passed ? 'passed' : 'FAILED'} at ${result.fuzz.runs} inputs per target (${result.fuzz.seconds} s)` : 'not run'}`,
  );
}
