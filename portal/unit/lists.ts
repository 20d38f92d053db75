// A list of sites uploaded instead of typed: CSV (UTF-8, the CLI's own format) or an Excel workbook (.xlsx,
// its first sheet). The header row names the fields by id or by label, as for `dondoc submit`; both go
// through client/payload.ts listRows, each cell typed as the form types it.
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type ListProblem, listRows } from '../../client/payload';
import type { Field, FieldValue } from '../../core/definition/types';
import { type Strings, strings } from '../i18n';
import type { Lang } from '../layout';
import { fieldValue, formatNumber } from './forms';

export type ListResult = { rows: Record<string, FieldValue>[] } | { problems: string[] };

function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An xlsx cell as the text a person would have typed in the form. */
function cellText(v: ExcelJS.CellValue, lang: Lang): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // Spreadsheet dates are days without a zone: exceljs gives them at UTC midnight.
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  }
  if (typeof v === 'number') return formatNumber(v, lang);
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (typeof v === 'string') return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue, lang);
  return '';
}

async function xlsxRecords(data: Buffer, lang: Lang): Promise<{ cells: string[]; line: number }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const records: { cells: string[]; line: number }[] = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value, lang).trim();
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    // The header fixes the width; trailing empty cells of a row are not columns.
    if (records.length === 0) {
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      width = cells.length;
    } else if (cells.length < width) {
      while (cells.length < width) cells.push('');
    } else {
      while (cells.length > width && cells[cells.length - 1] === '') cells.pop();
    }
    if (cells.some((c) => c !== '')) records.push({ cells, line });
  });
  return records;
}

function csvRecords(data: Buffer): { cells: string[]; line: number }[] {
  const rows = parseCsv(data.toString('utf8'), {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return rows.map((r) => ({ cells: r.record, line: r.info.lines }));
}

function problemText(p: ListProblem, t: Strings, columns: string): string {
  switch (p.code) {
    case 'csv_empty':
      return t.listEmpty;
    case 'csv_unknown_column':
      return t.listUnknownColumn(p.line, p.column, p.header, columns);
    case 'csv_column_count':
      return t.listColumnCount(p.line, p.expected, p.found);
  }
}

/** The rows of an uploaded list, typed by `fields`; or what is wrong with it, in the page's language. */
export async function readList(data: Buffer, fields: Field[], lang: Lang): Promise<ListResult> {
  const t = strings(lang);
  let records: { cells: string[]; line: number }[];
  try {
    if (isZip(data)) records = await xlsxRecords(data, lang);
    else if (data.includes(0)) return { problems: [t.listFileUnreadable] };
    else records = csvRecords(data);
  } catch {
    return { problems: [t.listFileUnreadable] };
  }
  const { rows, problems } = listRows(records, fields, (f, text) => fieldValue(f, text, lang) ?? '');
  const columns = fields.map((f) => f.label).join(', ');
  const out = problems.map((p) => problemText(p, t, columns));
  return out.length > 0 ? { problems: out } : { rows };
}
