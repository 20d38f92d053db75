// Over 400 lines: one corpus over the three readers every submission meets, kept together so each case is checked
// through all of them.
// Hostile submission payloads through the checks every submission meets: the unit workflow's submit validator
// (typedProblemDeep then checkSubmission: what a forged Update through the Temporal API meets too), the CLI's
// reading of a submission file (client/payload.ts) and the portal's reading of a form (portal/unit/forms.ts), which
// both end in that validator. Figures that are not finite, impossible dates, huge and deep values, `__proto__`,
// unknown keys, Vietnamese thousands separators, control characters and formula-looking text: each refused with
// a message naming its path in Vietnamese, in bounded time, or accepted as it is when legitimate. Nothing here
// starts a workflow or writes anywhere but the temporary submission files.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../../client/errors';
import { readSubmission } from '../../client/payload';
import type { Field, Milestone } from '../../core/definition/types';
import { typedProblemDeep } from '../../core/text/typed';
import { readForm, toPayload } from '../../portal/unit/forms';
import { checkSubmission, MAX_TEXT_CHARS } from '../../workflows/submission-check';
import { plan } from '../support/campaigns';
import { tempDir } from './definition-support';

const BOUND_MS = 5_000;
const DUE = { kind: 'before', date: '2024-06-01' } as const;
const BOUNDS = { opensAt: '2024-02-01T00:00:00+07:00', dueAt: '2024-06-01T00:00:00+07:00' };
const OUTLINE: Field[] = [
  { id: 'sites', label: 'Số điểm', type: 'integer', required: true, min: 0 },
  { id: 'budget', label: 'Kinh phí', type: 'number', required: false },
  { id: 'held', label: 'Ngày tổ chức', type: 'date', required: false },
  { id: 'remark', label: 'Ghi chú', type: 'text', required: false },
  { id: 'done', label: 'Hoàn thành', type: 'boolean', required: false },
];
const REPORT = { ...plan('bao-cao', DUE), kind: 'result-report', outline: OUTLINE } as Milestone;
const PLAN = plan('ke-hoach', DUE);
const SITES = {
  ...plan('dang-ky', DUE),
  kind: 'site-registration',
  minSites: 1,
  siteFields: [
    { id: 'name', label: 'Tên điểm', type: 'text', required: true },
    { id: 'attendance', label: 'Số người', type: 'integer', required: true, min: 0 },
  ],
} as Milestone;
const WINDOW = {
  ...plan('ngay-hoi', DUE),
  kind: 'event-window',
  window: { from: '2024-02-01', to: '2024-05-31' },
  minEvents: 1,
} as Milestone;

/** What the unit workflow's submit validator says of a payload (its content checks, in its order). */
function engine(m: Milestone, payload: unknown): string[] {
  const started = Date.now();
  const typed = typedProblemDeep('payload', payload);
  const problems = typed ? [typed] : checkSubmission(m, payload, BOUNDS);
  expect(Date.now() - started).toBeLessThan(BOUND_MS);
  return problems;
}

const values = (v: Record<string, unknown>) => ({ values: { sites: 1, ...v } });

/** The portal's payload for a form whose fields are `fields` (outline values by id), and the engine's problems. */
function portal(m: Milestone, fields: Record<string, string>) {
  const body = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`v.${k}`, v]));
  const { payload } = toPayload(m, readForm(m, body), { lang: 'vi' });
  return { payload, problems: checkSubmission(m, payload, BOUNDS) };
}

/** The CLI's reading of a submission file `name` holding `text`: the payload, or its refusal's message. */
async function cli(name: string, text: string, m: Milestone = REPORT) {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  const started = Date.now();
  try {
    const payload = await readSubmission({ file, milestone: m });
    return { file, payload, problems: engine(m, payload) };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { file, error: err.message };
  } finally {
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
  }
}

describe('figures that are not finite numbers', () => {
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a string "12"', '12'],
    ['a boolean', true],
    ['an object', { value: 12 }],
  ])('%s as a count is refused, naming the field', (_what, sites) => {
    expect(engine(REPORT, values({ sites }))).toEqual([
      expect.stringMatching(/^payload\.values\.sites: Số điểm phải là số, nhận được /),
    ]);
  });

  it.each([
    ['1e309 in JSON', 'r.json', '{"values":{"sites":1e309}}'],
    ['.nan in YAML', 'r.yaml', 'values: { sites: .nan }'],
    ['.inf in YAML', 'r.yaml', 'values: { sites: .inf }'],
    ['-.inf in YAML', 'r.yaml', 'values: { sites: 1, budget: -.inf }'],
  ])('%s from the CLI is refused by the validator, naming the field', async (_what, name, text) => {
    const r = await cli(name, text);
    expect(r.problems).toEqual([expect.stringMatching(/^payload\.values\.(sites|budget): .* phải là số/)]);
  });

  it('-0 from the CLI is accepted as zero', async () => {
    const r = await cli('r.json', '{"values":{"sites":-0}}');
    expect(r.problems).toEqual([]);
  });

  it('a negative count is refused by its minimum', () => {
    expect(engine(REPORT, values({ sites: -1 }))).toEqual([
      'payload.values.sites: Số điểm không được nhỏ hơn 0, nhận được -1',
    ]);
  });

  it('a fraction of a count is refused as not whole', () => {
    expect(engine(REPORT, values({ sites: 1.5 }))).toEqual([
      'payload.values.sites: Số điểm phải là số nguyên, nhận được 1.5',
    ]);
  });

  it('a negative count typed in a site list row is refused by its row', () => {
    expect(engine(SITES, { sites: [{ name: 'Điểm 1', attendance: -3 }] })).toEqual([
      'payload.sites[0].attendance: Số người không được nhỏ hơn 0, nhận được -3',
    ]);
  });
});

describe('impossible dates in a report figure', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-04-31', '0000-01-01', '2024-02-29T00:00:00Z', '29/02/2023'])(
    '%s is refused, naming the field',
    (held) => {
      expect(engine(REPORT, values({ held }))).toEqual([
        `payload.values.held: Ngày tổ chức phải là một ngày có thật dạng yyyy-mm-dd (năm 1900–2199), nhận được "${held}"`,
      ]);
    },
  );

  it('29 February of a leap year is accepted', () => {
    expect(engine(REPORT, values({ held: '2024-02-29' }))).toEqual([]);
  });

  it('an impossible date typed in the portal (31/02/2024) is refused, not moved to March', () => {
    const r = portal(REPORT, { sites: '1', held: '31/02/2024' });
    expect(r.problems).toEqual([
      expect.stringMatching(/^payload\.values\.held: Ngày tổ chức phải là một ngày có thật/),
    ]);
  });

  it('2024-02-30 in a YAML submission file is refused by the validator', async () => {
    const r = await cli('r.yaml', 'values: { sites: 1, held: 2024-02-30 }');
    expect(r.problems).toEqual([expect.stringMatching(/^payload\.values\.held: .*"2024-02-30"/)]);
  });
});

describe('Vietnamese thousands separators', () => {
  it.each([
    ['1.000 as a count', { sites: '1.000' }, { sites: 1000 }],
    ['1.000.000 as a count', { sites: '1.000.000' }, { sites: 1_000_000 }],
    ['1.500,5 as an amount', { budget: '1.500,5' }, { sites: 1, budget: 1500.5 }],
    ['1,5 as an amount', { budget: '1,5' }, { sites: 1, budget: 1.5 }],
  ])('the portal reads %s as a Vietnamese writes it, accepted', (_what, typed, expected) => {
    const r = portal(REPORT, { sites: '1', ...typed });
    expect(r.payload.values).toEqual({ done: false, ...expected });
    expect(r.problems).toEqual([]);
  });

  it('the portal refuses 1.500,5 as a count, as not whole', () => {
    expect(portal(REPORT, { sites: '1.500,5' }).problems).toEqual([
      'payload.values.sites: Số điểm phải là số nguyên, nhận được 1500.5',
    ]);
  });

  it.each(['1e309', '9'.repeat(400), '1..000', '1.000,000,5', '0x10'])(
    'the portal keeps %s as text for the validator to refuse, naming the field',
    (typed) => {
      expect(portal(REPORT, { sites: typed }).problems).toEqual([
        expect.stringMatching(/^payload\.values\.sites: Số điểm phải là số, nhận được "/),
      ]);
    },
  );

  it('"1.500,5" sent as text through the API is refused, not guessed', () => {
    expect(engine(REPORT, values({ budget: '1.500,5' }))).toEqual([
      'payload.values.budget: Kinh phí phải là số, nhận được "1.500,5"',
    ]);
  });

  it('a CLI CSV reads 1.500,5 people as fifteen hundred and a half, refused as a count by its row', async () => {
    const r = await cli('dang-ky.csv', 'name,attendance\nĐiểm 1,"1.500,5"\n', SITES);
    expect(r.payload).toEqual({ sites: [{ name: 'Điểm 1', attendance: 1500.5 }] });
    expect(r.problems).toEqual([
      expect.stringMatching(/^payload\.sites\[0\]\.attendance: Số người phải là số nguyên/),
    ]);
  });

  // Was a defect: YAML read `sites: 1.000` as 1 and `budget: 1.500` as 1.5.
  it('a YAML file reads 1.000 as a thousand and 12.345.678 as such; a JSON file keeps JSON numbers', async () => {
    const r = await cli('r.yaml', 'values:\n  sites: 1.000\n  remark: "1.000"\n');
    expect(r.payload?.values).toEqual({ sites: 1000, remark: '1.000' });
    const big = await cli('r.yaml', 'values:\n  sites: 12.345.678\n');
    expect(big.payload?.values?.sites).toBe(12_345_678);
    const json = await cli('r.json', '{"values":{"sites":1.5}}');
    expect(json.payload?.values?.sites).toBe(1.5);
  });
});

describe('huge and deep values', () => {
  it('a remark of MAX_TEXT_CHARS characters is accepted, one more is refused by its length', () => {
    expect(engine(REPORT, values({ remark: 'chữ '.repeat(MAX_TEXT_CHARS / 4) }))).toEqual([]);
    expect(engine(REPORT, values({ remark: `${'chữ '.repeat(MAX_TEXT_CHARS / 4)}x` }))).toEqual([
      expect.stringMatching(/^payload\.values\.remark: .* dài 20001 ký tự, tối đa 20000$/),
    ]);
  });

  it('a 100,000-deep array under an unknown key is refused by its path, in bounded time', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(engine(REPORT, values({ deep }))).toEqual(['payload.values.deep: không có trường này']);
  });

  it('a 100,000-deep JSON submission file is a syntax error naming the file, not a crash', async () => {
    const r = await cli('r.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(r.error).toMatch(/^.*r\.json: dòng 1, cột \d+: lỗi cú pháp/);
    expect(r.error).not.toMatch(/\n\s+at /);
  });

  // Was a defect: JSON.stringify of the value for the message overflowed the stack (a RangeError).
  it('a 100,000-deep array as a figure is refused by its path, not with a RangeError', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(engine(REPORT, values({ sites: deep }))).toEqual([
      expect.stringMatching(/^payload\.values\.sites: Số điểm phải là số/),
    ]);
  });

  // Was a defect: no length bound (the Update was then over Temporal's 2 MiB payload limit), and the same string
  // as a count was echoed whole into the refusal message.
  it('a 10,000,000-character string is refused by its length, with a bounded message', () => {
    const huge = 'x'.repeat(10_000_000);
    expect(engine(REPORT, values({ remark: huge }))).not.toEqual([]);
    for (const p of engine(REPORT, values({ sites: huge }))) expect(p.length).toBeLessThan(1_000);
  });
});

describe('__proto__ and unknown keys', () => {
  it.each([
    [
      'at the top',
      '{"values":{"sites":1},"__proto__":{"polluted":1}}',
      'payload.__proto__: không thuộc nội dung gửi',
    ],
    [
      'in the values',
      '{"values":{"sites":1,"__proto__":{"polluted":1}}}',
      'payload.values.__proto__: không có trường này',
    ],
    [
      'in the document',
      '{"values":{"sites":1},"document":{"title":"BC","__proto__":{"polluted":1}}}',
      'payload.document.__proto__: không có trường này',
    ],
  ])('a __proto__ key %s is refused by its path, and pollutes nothing', (_where, json, message) => {
    expect(engine(REPORT, JSON.parse(json))).toEqual([expect.stringContaining(message)]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a __proto__ key in a site row is refused by its row', () => {
    const payload = JSON.parse('{"sites":[{"name":"Điểm 1","attendance":1,"__proto__":{"polluted":1}}]}');
    expect(engine(SITES, payload)).toEqual(['payload.sites[0].__proto__: không có trường này']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a __proto__ key in a JSON submission file is refused by file, line and column', async () => {
    const r = await cli('r.json', '{"values":{"sites":1},"__proto__":{"polluted":1}}');
    expect(r.error).toMatch(/r\.json: dòng 1, cột 23: khóa '__proto__' không được phép/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each<[string, Milestone, unknown, string]>([
    [
      'an unknown top-level key',
      REPORT,
      { ...values({}), sites: [] },
      'payload.sites: không thuộc nội dung gửi của mốc loại result-report',
    ],
    [
      'figures for a plan',
      PLAN,
      { document: { title: 'KH' }, values: { x: 1 } },
      'payload.values: không thuộc nội dung gửi của mốc loại plan',
    ],
    ['an unknown outline field', REPORT, values({ bcc: 'x@y.z' }), 'payload.values.bcc: không có trường này'],
    [
      'an unknown field of an event',
      WINDOW,
      { events: [{ date: '2024-03-01', place: 'Thôn 1', attendance: 5, host: 'x' }] },
      'payload.events[0].host: không có trường này',
    ],
    [
      'an unknown field of a document file reference',
      PLAN,
      {
        document: {
          title: 'KH',
          file: { sha256: 'a'.repeat(64), name: 'kh.pdf', type: 'application/pdf', size: 1, path: '../x' },
        },
      },
      'payload.document.file.path: không có trường này',
    ],
  ])('%s is refused by its path', (_what, m, payload, message) => {
    expect(engine(m, payload)).toEqual([message]);
  });
});

describe('control characters', () => {
  it.each([
    ['an ESC sequence in a remark', values({ remark: 'xong\x1b[2J' }), 'payload.values.remark', 'U+001B'],
    ['a CR in a remark', values({ remark: 'dòng 1\r\ndòng 2' }), 'payload.values.remark', 'U+000D'],
    [
      'a bidi override in a document title',
      { ...values({}), document: { title: 'BC\u202Egnol' } },
      'payload.document.title',
      'U+202E',
    ],
    [
      'a NUL in a document reference',
      { ...values({}), document: { title: 'BC', reference: '12\u0000' } },
      'payload.document.reference',
      'U+0000',
    ],
  ])('%s is refused, naming the path', (_what, payload, where, code) => {
    expect(engine(REPORT, payload)).toEqual([
      `${where}: chứa ký tự điều khiển (${code}); hãy gõ lại văn bản`,
    ]);
  });

  it('a BEL in a site name is refused by its row', () => {
    expect(engine(SITES, { sites: [{ name: 'Điểm\x07', attendance: 1 }] })).toEqual([
      'payload.sites[0].name: chứa ký tự điều khiển (U+0007); hãy gõ lại văn bản',
    ]);
  });

  it('a line feed in a remark is accepted (a text of several lines)', () => {
    expect(engine(REPORT, values({ remark: 'dòng 1\ndòng 2' }))).toEqual([]);
  });
});

describe('formula-looking text', () => {
  it.each(['=1+1', '=HYPERLINK("http://evil.example","Bấm")', '+84 912 345 678', '@SUM(A1)', '-2+3'])(
    '%s is accepted as text, kept exactly',
    (text) => {
      const payload = { ...values({ remark: text }), document: { title: text } };
      expect(engine(REPORT, payload)).toEqual([]);
      const typed = portal(REPORT, { sites: '1', remark: text });
      expect(typed.payload.values?.remark).toBe(text);
      expect(typed.problems).toEqual([]);
    },
  );
});

describe('documents and payloads of the wrong shape', () => {
  it.each<[string, unknown, RegExp]>([
    ['no document for a plan', {}, /^payload\.document: bắt buộc/],
    ['a blank title', { document: { title: '   ' } }, /^payload\.document\.title: tên văn bản là bắt buộc$/],
    [
      'a number as reference',
      { document: { title: 'KH', reference: 12 } },
      /^payload\.document\.reference: phải là văn bản$/,
    ],
    [
      'an HTML file reference',
      {
        document: {
          title: 'KH',
          file: { sha256: 'a'.repeat(64), name: 'x.html', type: 'text/html', size: 1 },
        },
      },
      /^payload\.document\.file\.type: chỉ nhận tệp PDF, DOCX hoặc ODT/,
    ],
    [
      'a file reference of negative size and bad hash',
      {
        document: { title: 'KH', file: { sha256: 'ABC', name: 'kh.pdf', type: 'application/pdf', size: -1 } },
      },
      /^payload\.document\.file\.(sha256|size): /,
    ],
    [
      'a file name of 256 characters',
      {
        document: {
          title: 'KH',
          file: { sha256: 'a'.repeat(64), name: `${'a'.repeat(252)}.pdf`, type: 'application/pdf', size: 1 },
        },
      },
      /^payload\.document\.file\.name: tên tệp là bắt buộc \(tối đa 255 ký tự\)$/,
    ],
  ])('%s is refused by its path', (_what, payload, message) => {
    const problems = engine(PLAN, payload);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(message);
  });

  it('"có" sent as text for a yes/no field through the API is refused', () => {
    expect(engine(REPORT, values({ done: 'có' }))).toEqual([
      'payload.values.done: Hoàn thành phải là true/false (có/không), nhận được "có"',
    ]);
  });

  it.each([
    ['a string', 'x'],
    ['null', null],
    ['an array', [{ document: { title: 'KH' } }]],
  ])('%s as the whole payload is refused', (_what, payload) => {
    expect(engine(PLAN, payload)).toEqual([expect.stringMatching(/^payload: /)]);
  });

  // Was a defect: refused with the English "payload: must be an object".
  it('a payload that is not an object is refused in Vietnamese', () => {
    expect(engine(PLAN, 'x')).toEqual([expect.not.stringMatching(/must be an object/)]);
  });

  it('a JSON array as a CLI submission file is refused, naming the file', async () => {
    const r = await cli('r.json', '[{"document":{"title":"KH"}}]', PLAN);
    expect(r.error).toMatch(/r\.json: \(cấp cao nhất\): /);
  });
});
