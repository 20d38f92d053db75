// The lint keeps the layers apart (README, Layout): a deliberate violation written into workflows/, contract/,
// core/ and activities/ must fail `biome lint`, naming the rule. The probes are deleted whatever happens.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const BIOME = path.join(ROOT, 'node_modules', '.bin', 'biome');

interface LintRun {
  code: number;
  output: string;
}

function lint(files: string[]): Promise<LintRun> {
  return new Promise((resolve) => {
    execFile(
      BIOME,
      ['lint', '--colors=off', '--max-diagnostics=200', ...files],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Writes the probes, lints them, and always deletes them. */
async function lintProbes(probes: Record<string, string>): Promise<LintRun> {
  const files = Object.keys(probes);
  try {
    for (const [file, text] of Object.entries(probes)) writeFileSync(path.join(ROOT, file), text);
    return await lint(files);
  } finally {
    for (const file of files) rmSync(path.join(ROOT, file), { force: true });
  }
}

/** The rules reported for one probe file, by line: `12 lint/style/noRestrictedImports`. */
function reported(output: string, file: string): string[] {
  const re = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:(\\d+):\\d+ (lint/[\\w/]+)`, 'g');
  return [...output.matchAll(re)].map((m) => `${m[1]} ${m[2]}`);
}

const WORKFLOW_PROBE = 'workflows/__lint_probe__.ts';
const CONTRACT_PROBE = 'contract/__lint_probe__.ts';
const CORE_PROBE = 'core/__lint_probe__.ts';
const ACTIVITY_PROBE = 'activities/__lint_probe__.ts';
const CYCLE_A = 'workflows/__lint_cycle_a__.ts';
const CYCLE_B = 'workflows/__lint_cycle_b__.ts';

jest.setTimeout(60_000);

it('fails the lint for what the layers forbid, and passes what they allow', async () => {
  const run = await lintProbes({
    [WORKFLOW_PROBE]: [
      "import { readFileSync } from 'node:fs';", // 1: a Node built-in
      "import { sleep } from '@temporalio/workflow';", // 2: allowed
      "import { DateTime } from 'luxon';", // 3
      "import { z } from 'zod';", // 4
      "import type * as activities from '../activities';", // 5: allowed, for proxyActivities
      "import { createActivities } from '../activities';", // 6: activity code
      "import { composeNotice } from '../activities/mail/compose';", // 7
      "import { openCampaign } from '../client/campaign-view';", // 8
      "import { noticeMessageId } from '../contract/ids';", // 9: allowed
      "import { milestoneSchedule, type MilestoneSchedule } from '../core/calendar/schedule';", // 10: luxon
      "import { childrenIndex } from '../core/definition/tree';", // 11: allowed, pure core
      '',
      'export async function probe(s: MilestoneSchedule): Promise<unknown> {',
      '  sleep(1000);', // 14: a floating promise
      '  return [readFileSync, DateTime, z, createActivities, composeNotice, openCampaign, noticeMessageId,',
      '    milestoneSchedule, childrenIndex, s] as unknown as typeof activities;',
      '}',
      '',
    ].join('\n'),
    [CONTRACT_PROBE]: [
      "import type { UnitState } from '../contract/messages';", // 1: allowed
      "import { unitWorkflow } from '../workflows/unit';", // 2: the contract is below workflows
      '',
      'export const probe: [unknown, UnitState?] = [unitWorkflow];',
      '',
    ].join('\n'),
    [CORE_PROBE]: [
      "import { readFile } from 'node:fs/promises';", // 1: allowed in core
      "import type { UnitState } from '../contract/messages';", // 2: core is the bottom layer
      "import { aggregateOf } from '../workflows/aggregate';", // 3
      "import { writeArchive } from '../client/audit';", // 4
      '',
      'export const probe: [unknown, unknown, unknown, UnitState?] = [readFile, aggregateOf, writeArchive];',
      '',
    ].join('\n'),
    [ACTIVITY_PROBE]: [
      "import { Client } from '@temporalio/client';", // 1: allowed
      "import { writeArchive } from '../client/audit';", // 2: the worker passes it in instead
      '',
      'export const probe: unknown[] = [Client, writeArchive];',
      '',
    ].join('\n'),
    [CYCLE_A]: "import { b } from './__lint_cycle_b__';\n\nexport const a = () => b;\n",
    [CYCLE_B]: "import { a } from './__lint_cycle_a__';\n\nexport const b = () => a;\n",
  });
  expect(run.code).not.toBe(0);
  const restricted = 'lint/style/noRestrictedImports';
  expect(reported(run.output, WORKFLOW_PROBE)).toEqual([
    `1 ${restricted}`,
    `3 ${restricted}`,
    `4 ${restricted}`,
    `6 ${restricted}`,
    `7 ${restricted}`,
    `8 ${restricted}`,
    `10 ${restricted}`,
    '14 lint/nursery/noFloatingPromises',
  ]);
  expect(reported(run.output, CONTRACT_PROBE)).toEqual([`2 ${restricted}`]);
  expect(reported(run.output, CORE_PROBE)).toEqual([`2 ${restricted}`, `3 ${restricted}`, `4 ${restricted}`]);
  expect(reported(run.output, ACTIVITY_PROBE)).toEqual([`2 ${restricted}`]);
  expect(reported(run.output, CYCLE_A)).toContain('1 lint/suspicious/noImportCycles');
});

it('passes the code as it is', async () => {
  const run = await lint(['workflows', 'contract', 'core', 'activities', 'access']);
  expect(run.output).not.toMatch(/lint\//);
  expect(run.code).toBe(0);
});
