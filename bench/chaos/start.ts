// Step 1: the campaign file (every owing unit's reminder at T), `dondoc start <file> --by chaos --json` as a
// child process, then until every unit workflow runs (visibility) and every opening email has arrived.
import path from 'node:path';
import { runningUnitsQuery } from '../../contract/search-attributes';
import { REPO_ROOT } from '../../test/support/temporal';
import { type LiveCampaign, noticePattern } from '../live/campaign-file';
import { exited, spawnLogged } from '../live/procs';
import { log, seconds, sleep } from '../live/stats';
import type { ChaosWorld } from './world';

export interface Started {
  cliExit: Promise<number | null>;
  cliOutput: string;
  /** Epoch ms when every unit ran and every opening email had come; undefined if not by the deadline. */
  readyAt?: number;
}

export async function startCampaign(world: ChaosWorld, c: LiveCampaign, deadline: number): Promise<Started> {
  const cliOutput = path.join(world.dir, 'dondoc-start.out');
  const t0 = Date.now();
  const child = spawnLogged({
    command: process.execPath,
    args: [path.join(REPO_ROOT, 'bin', 'dondoc.js'), 'start', c.file, '--by', 'chaos', '--json'],
    env: world.cliEnv,
    cwd: REPO_ROOT,
    logFile: cliOutput,
  });
  const cliExit = exited(child).then(() => child.exitCode);
  const query = runningUnitsQuery(c.id);
  let running = 0;
  let lastLog = 0;
  while (Date.now() < deadline) {
    running = await world.client.workflow.count(query).then(
      (r) => r.count,
      () => running,
    );
    const opened = await world.sink.stats(noticePattern(c, 'opened'));
    if (running >= c.units && opened.distinct >= c.owing.length) {
      log(
        `dondoc start: all ${c.units} units run, ${opened.distinct} opening emails (${seconds(t0, Date.now())} s)`,
      );
      return { cliExit, cliOutput, readyAt: Date.now() };
    }
    if (Date.now() - lastLog >= 15_000) {
      lastLog = Date.now();
      log(`dondoc start: ${running}/${c.units} unit workflows running, ${opened.distinct} opening emails`);
    }
    await sleep(1_000);
  }
  return { cliExit, cliOutput };
}
