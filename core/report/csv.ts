// The report as one CSV table (every level, one row per unit; ids in the header so scripts can read it).
import { cellValue, type Report, TALLY_COLUMNS } from './build';

export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, a tab or a carriage return first) gets a leading
 * apostrophe, so it is shown as text (OWASP's CSV injection advice).
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** `neutralise`: text cells neutralised against formulas (a file mailed or downloaded); numbers stay numbers. */
export function reportToCsv(
  report: Report,
  unitNames: ReadonlyMap<string, string>,
  opts: { neutralise?: boolean } = {},
): string {
  const safe = (v: string | number | boolean | null): string | number | boolean | null =>
    opts.neutralise && typeof v === 'string' ? neutraliseCell(v) : v;
  const header = ['level', 'levelName', 'unitId', 'unitName', 'parent', 'units'];
  for (const m of report.milestones) {
    for (const col of TALLY_COLUMNS) header.push(`${m.id}.${col.key}`);
    for (const f of m.fields) header.push(`${m.id}.${f.id}`);
  }
  const lines = [csvLine(header.map(safe))];
  for (const level of report.levels) {
    for (const r of level.rows) {
      const cells: (string | number | null)[] = [
        level.level,
        level.name,
        r.unitId,
        r.name,
        r.parent,
        r.units,
      ];
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
      lines.push(csvLine(cells.map(safe)));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
