// Fuzzing the campaign loader (issue 15): a good campaign with one to four parts replaced by generated values
// (any JSON, hostile strings, impossible dates, huge offsets, prototype names) or with generated text spliced into
// its YAML. Every input must come back within a bounded time, as a refusal whose issues are messages a person can
// read (never a stack trace), or as a campaign the workflows can run: every unit gets its plan and every milestone
// its schedule, as the plan activity will compute it.
// DONDOC_FUZZ_RUNS sets the count (a few hundred in `npm test`, 10,000 in the full run); the seed is fixed, so a
// failure repeats.
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { mailTemplateChecker } from '../../activities/mail/templates';
import { milestoneSchedule } from '../../core/calendar/schedule';
import { loadCampaignFile } from '../../core/definition/load';
import { unitPlans } from '../../workflows/plan/unit-plan';
import { MINIMAL, put, tempDir } from './definition-support';

const RUNS = Number(process.env.DONDOC_FUZZ_RUNS ?? 300);
const SEED = 20261128;
const PER_INPUT_MS = 3_000;

const PATHS: (string | number)[][] = [
  ['campaign', 'id'],
  ['campaign', 'title'],
  ['campaign', 'issuer'],
  ['campaign', 'language'],
  ['campaign', 'timezone'],
  ['campaign', 'document', 'issued'],
  ['calendar'],
  ['calendar', 'weekend'],
  ['levels', 0, 'id'],
  ['levels', 1],
  ['units', 0, 'id'],
  ['units', 1, 'id'],
  ['units', 1, 'name'],
  ['units', 1, 'parent'],
  ['units', 2, 'emails'],
  ['units', 2, 'emails', 0],
  ['units', 2, 'level'],
  ['units', 1, 'tags'],
  ['units', 3],
  ['milestones', 0, 'id'],
  ['milestones', 0, 'kind'],
  ['milestones', 0, 'due'],
  ['milestones', 0, 'appliesTo'],
  ['milestones', 0, 'reminders'],
  ['milestones', 0, 'escalation'],
  ['milestones', 1, 'due'],
  ['milestones', 1, 'outline'],
  ['milestones', 1, 'outline', 0, 'type'],
  ['milestones', 1, 'outline', 0, 'min'],
  ['milestones', 1, 'window'],
  ['milestones', 2],
  ['reminders'],
  ['escalation'],
  ['__proto__'],
];

const HOSTILE = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  '',
  ' ',
  'a'.repeat(5_000),
  '=HYPERLINK("http://x")',
  'x\r\nBcc: evil@example.org',
  'Xã \u001b]52;c;ZXZpbA==\u0007Một',
  'hòa',
  'ho\u0300a',
  'NaN',
  '.inf',
  '-1',
  '1e309',
  '../../etc/passwd',
  '/dev/stdin',
  'P100000Y',
  '-P3D',
  'PT0S',
  'trước ngày 31/4/2024',
  'trước ngày 29/2/2023',
  'trước ngày 1/1/2200',
  'từ ngày 10/5/2024 đến ngày 1/5/2024',
  '2024-02-30',
  '0000-01-01',
  'Asia/Nowhere',
);

const dateDue = fc
  .tuple(
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 0, max: 14 }),
    fc.integer({ min: 1700, max: 2300 }),
  )
  .map(([d, m, y]) => `trước ngày ${d}/${m}/${y}`);

const VALUE = fc.oneof(
  { weight: 3, arbitrary: HOSTILE },
  { weight: 2, arbitrary: dateDue },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.array(HOSTILE, { maxLength: 3 }) },
);

type Json = Record<string | number, unknown>;

/** Sets `path` in `root` to `value`, creating what is missing; an own property even for `__proto__`. */
function setAt(root: Json, path: (string | number)[], value: unknown): void {
  let at: Json = root;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) {
      Object.defineProperty(at, key, { value: {}, enumerable: true, writable: true, configurable: true });
    }
    at = at[key] as Json;
  }
  Object.defineProperty(at, path[path.length - 1] as string, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const MUTATED = fc
  .array(fc.tuple(fc.constantFrom(...PATHS), VALUE), { minLength: 1, maxLength: 4 })
  .map((changes) => {
    const doc = parse(MINIMAL) as Json;
    for (const [p, v] of changes) setAt(doc, p, v);
    return stringify(doc);
  });

const SPLICED = fc
  .tuple(fc.nat(MINIMAL.length), fc.nat(20), fc.string({ unit: 'grapheme', maxLength: 30 }))
  .map(([at, cut, text]) => MINIMAL.slice(0, at) + text + MINIMAL.slice(at + cut));

/** What a workflow would do with an accepted campaign: every unit's plan, every milestone's schedule. */
function runnable(campaign: Parameters<typeof unitPlans>[0]): void {
  const plans = unitPlans(campaign, {} as Parameters<typeof unitPlans>[1]);
  for (const u of campaign.units) {
    const plan = plans(u.id);
    if (!plan) throw new Error(`unit ${u.id} has no plan`);
    for (const m of plan.milestones) milestoneSchedule(campaign, m);
  }
  if (JSON.stringify(campaign).length > 2 * 1024 * 1024) throw new Error('over the 2 MiB payload limit');
}

describe('fuzzing the campaign loader', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  let accepted = 0;

  it(`${RUNS} generated campaigns: refused clearly or runnable, each within ${PER_INPUT_MS} ms`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(MUTATED, SPLICED), async (text) => {
        const file = put(dir, `c${n++}.yaml`, text);
        const started = Date.now();
        const r = await loadCampaignFile(file, mailTemplateChecker);
        expect(Date.now() - started).toBeLessThan(PER_INPUT_MS);
        if (r.ok) {
          accepted++;
          runnable(r.campaign);
          return;
        }
        expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) {
          expect(i.message.trim()).not.toBe('');
          expect(i.message).not.toMatch(/\n\s+at |TypeError|RangeError|undefined is not/);
          expect(i.file).toBe(file);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator must reach both sides, or it tests nothing.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(RUNS);
  }, 600_000);
});

describe('what the fuzzing found', () => {
  it('a list or a mapping used as a key is refused by its line, with no warning on the terminal', async () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const text = MINIMAL.replace('levels:\n', 'levels:\n  { id: x }: 1\n');
      const r = await loadCampaignFile(put(dir, 'key.yaml', text), mailTemplateChecker);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.issues.map((i) => [i.line, i.message])).toContainEqual([
          12,
          expect.stringMatching(/khóa phải là một chuỗi/),
        ]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
