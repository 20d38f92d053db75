// Formula injection in the report's exports (OWASP): every text cell that starts with =, +, -, @ or a tab is
// neutralised with a leading apostrophe, in the CSV and in the workbook, while a real number (-5 here) stays
// a number: the text `-5` in the CSV, a numeric cell in the xlsx. A pure report, no Temporal.
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Report, ReportCell } from '../../core/report/build';
import { reportToCsv } from '../../core/report/csv';
import { reportToXlsx, XLSX_FIXED_COLUMNS, XLSX_HEADER_ROWS } from '../../core/report/xlsx';

const TEXTS: Record<string, string> = {
  t1: '=1+1',
  t2: '+SUM(A1)',
  t3: '-2+3',
  t4: '@cmd',
  t5: '\tx',
};
const NEUTRALISED: Record<string, string> = {
  t1: "'=1+1",
  t2: "'+SUM(A1)",
  t3: "'-2+3",
  t4: "'@cmd",
  t5: "'\tx",
};

const cell: ReportCell = {
  tally: { expected: 1, submitted: 1, onTime: 1, late: 0, waived: 0, missing: 0 },
  completeness: 1,
  values: { ...TEXTS, delta: -5 },
};

const report: Report = {
  campaign: { id: 'thu', title: 'Chiến dịch thử', timeZone: 'Asia/Ho_Chi_Minh', issuer: 'tinh' },
  root: { unitId: 'tinh', name: 'Tỉnh' },
  generatedAt: '2026-08-21T02:00:00Z',
  milestones: [
    {
      id: 'bao-cao',
      kind: 'result-report',
      title: 'Báo cáo',
      fields: [
        ...Object.keys(TEXTS).map((id) => ({
          id,
          label: `Chữ ${id}`,
          type: 'text' as const,
          aggregate: 'max' as const,
        })),
        { id: 'delta', label: 'Chênh lệch', type: 'integer', aggregate: 'sum' },
      ],
    },
  ],
  levels: [
    {
      level: 'province',
      name: 'Tỉnh',
      rows: [
        {
          unitId: 'tinh',
          name: '=HYPERLINK("http://evil.example","Tỉnh")',
          level: 'province',
          parent: null,
          depth: 0,
          units: 1,
          reporting: true,
          milestones: { 'bao-cao': cell },
        },
      ],
    },
  ],
};
const names = new Map([['tinh', 'Tỉnh']]);

it('neutralises formula-like texts in the CSV and writes a real negative number as -5', () => {
  const csv = reportToCsv(report, names);
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(1);
  const row = rows[0] as Record<string, string>;
  for (const [id, text] of Object.entries(NEUTRALISED)) expect(row[`bao-cao.${id}`]).toBe(text);
  expect(row['bao-cao.delta']).toBe('-5');
  expect(row.unitName).toBe(`'=HYPERLINK("http://evil.example","Tỉnh")`);
  expect(row.units).toBe('1');
  for (const [k, v] of Object.entries(row)) if (k !== 'bao-cao.delta') expect(v).not.toMatch(/^[=+\-@\t\r]/);
});

it('neutralises formula-like texts in the workbook and keeps -5 a numeric cell', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await reportToXlsx(report, names)) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.getWorksheet('Tỉnh') as ExcelJS.Worksheet;
  const headings = (ws.getRow(XLSX_HEADER_ROWS).values as unknown[]).slice(1).map(String);
  const data = ws.getRow(XLSX_HEADER_ROWS + 1);
  const at = (label: string) => data.getCell(headings.indexOf(label) + 1);
  for (const [id, text] of Object.entries(NEUTRALISED)) {
    const c = at(`Chữ ${id}`);
    expect(c.type).toBe(ExcelJS.ValueType.String);
    expect(c.value).toBe(text);
  }
  const delta = at('Chênh lệch');
  expect(delta.type).toBe(ExcelJS.ValueType.Number);
  expect(delta.value).toBe(-5);
  const name = at(XLSX_FIXED_COLUMNS[1] as string);
  expect(name.type).toBe(ExcelJS.ValueType.String);
  expect(name.value).toBe(`'=HYPERLINK("http://evil.example","Tỉnh")`);
  ws.eachRow((r) =>
    r.eachCell((c) => {
      expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+\-@\t\r]/);
    }),
  );
});
