// Fuzzing the submission validators: the unit workflow's submit validator (typedProblemDeep then checkSubmission,
// what every submission meets, a forged Update through the Temporal API included), the portal's reading of a form
// (readForm, toPayload, then the same check and cleaning as portal/unit/submit.ts) and the CLI's reading of a
// submission file (readSubmission). Payloads are generated for each milestone kind: good ones with one to three
// parts replaced by hostile values (NaN, Infinity, impossible dates, Vietnamese separators, control characters,
// `__proto__`, huge strings), arbitrary JSON, and generated text. Every input must come back within a bounded
// time, never as a thrown error, as problems that each name a path of the payload, or as a payload that is well
// formed: known keys only, finite numbers of the field's type and bounds, real dates inside the window, and no
// control character in any string (the validator promises that: typedProblemDeep; a line feed is allowed).
// DONDOC_FUZZ_RUNS sets the count (300 by default); the seed is fixed, so a failure repeats.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { CliError } from '../../client/errors';
import { readSubmission } from '../../client/payload';
import { isCalendarDate } from '../../core/calendar/iso-date';
import type { Field, Milestone } from '../../core/definition/types';
import { cleanTypedDeep, forbiddenCharacter, typedProblemDeep } from '../../core/text/typed';
import { readForm, toPayload } from '../../portal/unit/forms';
import { checkSubmission, PAYLOAD_PARTS } from '../../workflows/submission-check';
import { plan } from '../support/campaigns';
import { tempDir } from './definition-support';

const RUNS = Number(process.env.DONDOC_FUZZ_RUNS ?? 300);
const SEED = 20261128;
const PER_INPUT_MS = 2_000;

const DUE = { kind: 'before', date: '2024-06-01' } as const;
const BOUNDS = { opensAt: '2024-02-01T00:00:00+07:00', dueAt: '2024-06-01T00:00:00+07:00' };
const WINDOW_DAYS = { from: '2024-02-01', to: '2024-05-31' };
const OUTLINE: Field[] = [
  { id: 'sites', label: 'Số điểm', type: 'integer', required: true, min: 0 },
  { id: 'budget', label: 'Kinh phí', type: 'number', required: false, min: 0, max: 1e12 },
  { id: 'held', label: 'Ngày tổ chức', type: 'date', required: false },
  { id: 'remark', label: 'Ghi chú', type: 'text', required: false },
  { id: 'done', label: 'Hoàn thành', type: 'boolean', required: false },
];
const SITE_FIELDS: Field[] = [
  { id: 'name', label: 'Tên điểm', type: 'text', required: true },
  { id: 'opened', label: 'Ngày mở', type: 'date', required: false },
  { id: 'attendance', label: 'Số người', type: 'integer', required: true, min: 0 },
];
const EVENT_FIELDS: Field[] = [
  { id: 'date', label: 'ngày', type: 'date', required: true },
  { id: 'place', label: 'địa điểm', type: 'text', required: true },
  { id: 'attendance', label: 'số người', type: 'integer', required: true, min: 0 },
];

const MILESTONES: Milestone[] = [
  plan('du-thao', DUE, { kind: 'draft-plan' } as Partial<Milestone>),
  plan('ke-hoach', DUE),
  { ...plan('dinh-ky', DUE), kind: 'periodic-report', period: 'P1M', outline: OUTLINE } as Milestone,
  { ...plan('bao-cao', DUE), kind: 'result-report', outline: OUTLINE } as Milestone,
  { ...plan('van-ban', DUE), kind: 'result-report', outline: [] } as Milestone,
  { ...plan('dang-ky', DUE), kind: 'site-registration', minSites: 1, siteFields: SITE_FIELDS } as Milestone,
  { ...plan('ngay-hoi', DUE), kind: 'event-window', window: WINDOW_DAYS, minEvents: 1 } as Milestone,
];

const ALLOWED = PAYLOAD_PARTS;

const HOSTILE = fc.constantFrom<unknown>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  -1,
  1.5,
  2 ** 53 + 1,
  1e308,
  '1.000',
  '1.500,5',
  '12',
  '2024-02-30',
  '2023-02-29',
  '2024-04-31',
  '0000-01-01',
  '2024-02-29',
  '2024-03-01',
  '2024-06-01',
  '31/02/2024',
  '=1+1',
  '+84 912',
  '@SUM(A1)',
  'x\r\nBcc: y@z.example',
  'Nguyễn\x1b]52;c;ZXZpbA==\x07',
  'ngược\u202Egnol',
  'dòng 1\ndòng 2',
  'a\u0000b',
  '__proto__',
  'constructor',
  '',
  '   ',
  'chữ'.repeat(3_000),
  true,
  false,
  null,
  [],
  {},
  { title: 'KH' },
);

const VALUE: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: HOSTILE },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 5_000 }) },
);

const KEY = fc.oneof(
  fc.constantFrom(
    'document',
    'values',
    'sites',
    'events',
    'title',
    'reference',
    'summary',
    'file',
    ...OUTLINE.map((f) => f.id),
    ...SITE_FIELDS.map((f) => f.id),
    'place',
    '__proto__',
    'constructor',
    'toString',
  ),
  fc.string({ maxLength: 6 }),
);

/** A good payload of each kind: what the generated changes start from. */
function goodPayload(m: Milestone): Record<string, unknown> {
  const document = { title: 'Kế hoạch số 12', reference: '12/KH' };
  switch (m.kind) {
    case 'draft-plan':
    case 'plan':
      return { document };
    case 'periodic-report':
    case 'result-report':
      return m.outline.length > 0
        ? { values: { sites: 3, budget: 1500.5, held: '2024-03-01' } }
        : { document };
    case 'site-registration':
      return { sites: [{ name: 'Nhà văn hóa', attendance: 20 }] };
    case 'event-window':
      return { events: [{ date: '2024-03-01', place: 'Thôn 1', attendance: 40 }] };
  }
}

type Json = Record<string, unknown>;
type Change = [(string | number)[], unknown];

/** Sets `path` in `root` to `value` as an own property (even `__proto__`), creating what is missing. */
function setAt(root: Json, at: (string | number)[], value: unknown): void {
  let node: Json = root;
  for (const key of at.slice(0, -1)) {
    const next = Object.getOwnPropertyDescriptor(node, key)?.value;
    const child = typeof next === 'object' && next !== null ? next : {};
    Object.defineProperty(node, key, { value: child, enumerable: true, writable: true, configurable: true });
    node = child as Json;
  }
  const last = at[at.length - 1] as string;
  Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

const PATH: fc.Arbitrary<(string | number)[]> = fc.oneof(
  fc.tuple(KEY).map((p) => [...p]),
  fc.tuple(fc.constantFrom('values', 'document'), KEY).map((p) => [...p]),
  fc.tuple(fc.constantFrom('sites', 'events'), fc.nat(2), KEY).map((p) => [...p]),
  fc.tuple(fc.constant('document'), fc.constant('file'), KEY).map((p) => [...p]),
);

const MUTATED = fc
  .tuple(fc.constantFrom(...MILESTONES), fc.array(fc.tuple(PATH, VALUE), { minLength: 0, maxLength: 3 }))
  .map(([m, changes]: [Milestone, Change[]]) => {
    const payload = structuredClone(goodPayload(m));
    for (const [p, v] of changes) setAt(payload, p, v);
    return { m, payload: payload as unknown };
  });

const ARBITRARY = fc
  .tuple(fc.constantFrom(...MILESTONES), fc.oneof(fc.jsonValue({ maxDepth: 4 }), VALUE))
  .map(([m, payload]) => ({ m, payload }));

/** Why an accepted payload is not well formed; undefined when it is. */
function illFormed(m: Milestone, payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'not an object';
  const p = payload as Json;
  const extra = Object.keys(p).find((k) => !ALLOWED[m.kind].includes(k));
  if (extra !== undefined) return `key ${extra}`;
  const bad = stringsOf(payload).find((s) => forbiddenCharacter(s, true));
  if (bad !== undefined) return `control character in ${JSON.stringify(bad)}`;
  if (p.document !== undefined) {
    const d = p.document as Json;
    if (typeof d.title !== 'string' || d.title.trim() === '') return 'document without a title';
  }
  if ('outline' in m && m.outline.length > 0) return recordIllFormed(m.outline, p.values);
  if (m.kind === 'site-registration') return rowsIllFormed(SITE_FIELDS, p.sites);
  if (m.kind === 'event-window') {
    const rows = rowsIllFormed(EVENT_FIELDS, p.events);
    if (rows) return rows;
    const outside = (p.events as Json[]).find(
      (e) => (e.date as string) < WINDOW_DAYS.from || (e.date as string) > WINDOW_DAYS.to,
    );
    return outside ? `event outside the window: ${outside.date}` : undefined;
  }
  return p.document === undefined ? 'no document' : undefined;
}

function rowsIllFormed(fields: Field[], rows: unknown): string | undefined {
  if (!Array.isArray(rows) || rows.length === 0) return 'no rows';
  for (const r of rows) {
    const why = recordIllFormed(fields, r);
    if (why) return why;
  }
  return undefined;
}

function recordIllFormed(fields: Field[], values: unknown): string | undefined {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return 'values not a record';
  const v = values as Json;
  const unknown = Object.keys(v).find((k) => !fields.some((f) => f.id === k));
  if (unknown !== undefined) return `unknown field ${unknown}`;
  for (const f of fields) {
    const x = v[f.id];
    if (x === undefined || x === null || x === '') {
      if (f.required) return `${f.id} missing`;
      continue;
    }
    const ok =
      f.type === 'integer' || f.type === 'number'
        ? typeof x === 'number' &&
          Number.isFinite(x) &&
          (f.type === 'number' || Number.isInteger(x)) &&
          (f.min === undefined || x >= f.min) &&
          (f.max === undefined || x <= f.max)
        : f.type === 'date'
          ? isCalendarDate(x)
          : f.type === 'text'
            ? typeof x === 'string'
            : typeof x === 'boolean';
    if (!ok) return `${f.id}: ${String(x)}`;
  }
  return undefined;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The unit workflow's content checks, timed: the problems, each "path: message". */
function validate(m: Milestone, payload: unknown): string[] {
  const started = Date.now();
  const typed = typedProblemDeep('payload', payload);
  const problems = typed ? [typed] : checkSubmission(m, payload, BOUNDS);
  expect(Date.now() - started).toBeLessThan(PER_INPUT_MS);
  for (const p of problems) {
    // A path of the payload (a key may be anything, even empty), then the message.
    expect(p).toMatch(/^payload[.[:]/);
    expect(p).toMatch(/: \S/);
    expect(p).not.toMatch(/\n\s+at |TypeError|RangeError|undefined is not|\[object Object\]/);
  }
  return problems;
}

describe('fuzzing the submission validator', () => {
  it(`${RUNS} generated payloads: refused by path or well formed, each within ${PER_INPUT_MS} ms`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.oneof({ weight: 3, arbitrary: MUTATED }, { weight: 1, arbitrary: ARBITRARY }),
        ({ m, payload }) => {
          const before = JSON.stringify(payload);
          const problems = validate(m, payload);
          expect(JSON.stringify(payload)).toBe(before);
          if (problems.length > 0) return;
          accepted++;
          expect(illFormed(m, payload)).toBeUndefined();
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(RUNS);
  });
});

const TEXT = fc.oneof(
  HOSTILE.map((v) => (typeof v === 'string' ? v : String(v))),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.integer({ min: -10, max: 2_000_000 }).map((n) => n.toLocaleString('vi-VN')),
  fc.constantFrom('1', '20', '1/3/2024', '29/02/2024', '30/02/2024', 'on', ''),
);

describe('fuzzing the portal form', () => {
  it(`${RUNS} generated forms: what the portal would send passes the engine's own validator`, () => {
    const form = fc.record({
      m: fc.constantFrom(...MILESTONES),
      fields: fc.dictionary(
        fc.constantFrom(...OUTLINE.map((f) => `v.${f.id}`), 'document_title', 'note'),
        TEXT,
      ),
      rows: fc.array(fc.tuple(fc.nat(3), fc.constantFrom(...SITE_FIELDS, ...EVENT_FIELDS), TEXT), {
        maxLength: 6,
      }),
    });
    let accepted = 0;
    fc.assert(
      fc.property(form, ({ m, fields, rows }) => {
        const kind = m.kind === 'site-registration' ? 'site' : 'event';
        const body: Json = { ...fields };
        for (const [i, f, text] of rows) body[`${kind}.${i}.${f.id}`] = text;
        const { payload } = toPayload(m, readForm(m, body), { lang: 'vi' });
        if (checkSubmission(m, payload, BOUNDS).length > 0) return;
        // What record() sends: cleaned. The engine's validator takes it, and it is well formed.
        const sent = cleanTypedDeep(payload);
        expect(validate(m, sent)).toEqual([]);
        expect(illFormed(m, sent)).toBeUndefined();
        accepted++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('fuzzing submission files (CLI)', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const seen = { judged: 0, refused: 0 };

  it(`${RUNS} generated YAML and JSON files: a readable refusal naming the file, or a payload the validator judges`, async () => {
    await fc.assert(
      fc.asyncProperty(MUTATED, fc.boolean(), async ({ m, payload }, json) => {
        const file = path.join(dir, `s${n++}.${json ? 'json' : 'yaml'}`);
        writeFileSync(file, json ? JSON.stringify(payload) : stringify(payload));
        const started = Date.now();
        try {
          const read = await readSubmission({ file, milestone: m });
          seen.judged++;
          const problems = validate(m, cleanTypedDeep(read));
          if (problems.length === 0) expect(illFormed(m, cleanTypedDeep(read))).toBeUndefined();
        } catch (err) {
          if (!(err instanceof CliError)) throw err;
          seen.refused++;
          expect(err.message.startsWith(file)).toBe(true);
          expect(err.message).not.toMatch(/\n\s+at /);
        }
        expect(Date.now() - started).toBeLessThan(PER_INPUT_MS * 2);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(seen.judged).toBeGreaterThan(0);
  });
});
