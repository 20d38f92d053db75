// The report as a workbook a spreadsheet program opens: one sheet per level, a title, the milestones as
// merged group headings over their columns, completeness as a percentage, dates as dates. Every text cell
// (unit names, titles, report text) is neutralised against formula injection as in the CSV; numbers stay
// numeric cells.
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { cellValue, type Report, type ReportLevel, TALLY_COLUMNS } from './build';
import { safeCell } from './neutralise';

/** Rows above the data: title, subtitle, milestone headings, column headings. */
export const XLSX_HEADER_ROWS = 4;
export const XLSX_FIXED_COLUMNS = ['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Số đơn vị'];

function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[\\/?*[\]:]/g, ' ')
      .trim()
      .slice(0, 31) || 'Cấp';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 27)} (${i})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function addLevelSheet(
  wb: ExcelJS.Workbook,
  report: Report,
  level: ReportLevel,
  ctx: { names: ReadonlyMap<string, string>; taken: Set<string> },
): void {
  const ws = wb.addWorksheet(sheetName(level.name, ctx.taken), {
    views: [{ state: 'frozen', xSplit: 2, ySplit: XLSX_HEADER_ROWS }],
  });
  const generated = DateTime.fromISO(report.generatedAt, { zone: report.campaign.timeZone }).toFormat(
    'dd/MM/yyyy HH:mm',
  );
  ws.addRow([safeCell(`${report.campaign.title}: ${level.name}`)]);
  ws.addRow([safeCell(`Báo cáo tổng hợp của ${report.root.name}; số liệu lúc ${generated}`)]);
  const groups: (string | null)[] = XLSX_FIXED_COLUMNS.map(() => null);
  const headings = [...XLSX_FIXED_COLUMNS];
  const spans: { from: number; to: number }[] = [];
  for (const m of report.milestones) {
    const from = headings.length + 1;
    for (const col of TALLY_COLUMNS) {
      groups.push(m.title);
      headings.push(col.label);
    }
    for (const f of m.fields) {
      groups.push(m.title);
      headings.push(f.label);
    }
    spans.push({ from, to: headings.length });
  }
  ws.addRow(groups.map(safeCell));
  ws.addRow(headings.map(safeCell));
  for (const s of spans) if (s.to > s.from) ws.mergeCells(3, s.from, 3, s.to);
  for (const r of [1, 3, 4]) ws.getRow(r).font = { bold: true };
  ws.getRow(1).font = { bold: true, size: 14 };
  for (const r of [3, 4])
    ws.getRow(r).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };

  for (const r of level.rows) {
    const cells: (string | number | Date | null)[] = [
      r.unitId,
      r.name,
      r.parent ? (ctx.names.get(r.parent) ?? r.parent) : '',
      r.units,
    ];
    const formats: (string | undefined)[] = cells.map(() => undefined);
    for (const m of report.milestones) {
      const cell = r.milestones[m.id];
      for (const col of TALLY_COLUMNS) {
        if (col.key === 'completeness') {
          cells.push(cell?.completeness ?? null);
          formats.push('0.0%');
        } else {
          cells.push(cell?.tally[col.key] ?? 0);
          formats.push(undefined);
        }
      }
      for (const f of m.fields) {
        const v = cell?.values[f.id];
        if (f.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
          cells.push(new Date(`${v}T00:00:00Z`));
          formats.push('dd/mm/yyyy');
        } else {
          cells.push(v === undefined ? null : cellValue(v, ctx.names));
          formats.push(f.type === 'number' ? '#,##0.##' : undefined);
        }
      }
    }
    const row = ws.addRow(cells.map(safeCell));
    row.alignment = { vertical: 'top', wrapText: true };
    formats.forEach((fmt, i) => {
      if (fmt) row.getCell(i + 1).numFmt = fmt;
    });
  }
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 30;
  for (let i = XLSX_FIXED_COLUMNS.length; i <= headings.length; i++) ws.getColumn(i).width = 14;
}

export async function reportToXlsx(report: Report, unitNames: ReadonlyMap<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dondoc';
  wb.created = new Date(report.generatedAt);
  const ctx = { names: unitNames, taken: new Set<string>() };
  for (const level of report.levels) addLevelSheet(wb, report, level, ctx);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
