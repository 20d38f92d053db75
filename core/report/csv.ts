// Every CSV dondoc writes (the report, the audit trail, the dry run) goes through `toCsv`: csv-stringify
// quotes as RFC 4180 asks, the file is UTF-8 with a BOM and CRLF line ends, and every text cell is
// neutralised against spreadsheet formula injection (numbers stay numbers). Also: the report as one CSV
// table (every level, one row per unit; ids in the header so scripts can read it).
import { stringify } from 'csv-stringify/sync';
import { cellValue, type Report, TALLY_COLUMNS } from './build';
import { neutraliseCell } from './neutralise';

export { neutraliseCell };

export type CsvCell = string | number | boolean | null | undefined;

/** A table (its header the first row) as CSV text: BOM, CRLF, every text cell neutralised. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], {
    bom: true,
    record_delimiter: 'windows',
    // A text starting with =, +, -, @, a tab or a carriage return gets an apostrophe (neutraliseCell's rule);
    // a number, -2 included, is written as it is.
    escape_formulas: true,
    cast: { boolean: (v) => String(v), number: (v) => String(v) },
  });
}

export function reportToCsv(report: Report, unitNames: ReadonlyMap<string, string>): string {
  const header = ['level', 'levelName', 'unitId', 'unitName', 'parent', 'units'];
  for (const m of report.milestones) {
    for (const col of TALLY_COLUMNS) header.push(`${m.id}.${col.key}`);
    for (const f of m.fields) header.push(`${m.id}.${f.id}`);
  }
  const rows: CsvCell[][] = [header];
  for (const level of report.levels) {
    for (const r of level.rows) {
      const cells: CsvCell[] = [level.level, level.name, r.unitId, r.name, r.parent, r.units];
      for (const m of report.milestones) {
        const cell = r.milestones[m.id];
        for (const col of TALLY_COLUMNS) {
          cells.push(col.key === 'completeness' ? (cell?.completeness ?? null) : (cell?.tally[col.key] ?? 0));
        }
        for (const f of m.fields) {
          const v = cell?.values[f.id];
          cells.push(v === undefined ? null : cellValue(v, unitNames, '; '));
        }
      }
      rows.push(cells);
    }
  }
  return toCsv(rows);
}
