// The units of a campaign from a CSV file: a header row naming the columns, then one unit a row. A row's
// issues name the file, its line and, for the header, the column.
import { parse as parseCsv } from 'csv-parse/sync';
import type { DefinitionIssue } from './issues';
import { FILE, type Lang } from './messages';
import type { UnitOrigin } from './validate';

export const CSV_COLUMNS = ['id', 'name', 'level', 'parent', 'emails', 'tags'] as const;
const REQUIRED_CSV_COLUMNS = ['id', 'name', 'level', 'emails'];

function splitList(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(/[;,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

type CsvRow = { record: string[]; info: { lines: number } };

/** The header's columns: each one known, the required ones present. */
function headerIssues(header: CsvRow, columns: string[], display: string, lang: Lang): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  columns.forEach((c, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(c)) {
      issues.push({
        file: display,
        path: [],
        line: header.info.lines,
        csvColumn: i + 1,
        code: 'csv_unknown_column',
        message: FILE.csvUnknownColumn(header.record[i] ?? c, CSV_COLUMNS.join(', '))[lang],
      });
    }
  });
  for (const req of REQUIRED_CSV_COLUMNS) {
    if (!columns.includes(req)) {
      issues.push({
        file: display,
        path: [],
        line: header.info.lines,
        code: 'csv_missing_column',
        message: FILE.csvNoColumn(req, CSV_COLUMNS.join(', '))[lang],
      });
    }
  }
  return issues;
}

/** One row: a unit, or the issue of a row with a cell too few or too many. */
function rowUnit(
  { record, info }: CsvRow,
  columns: string[],
  display: string,
  lang: Lang,
): { unit: Record<string, unknown> } | { issue: DefinitionIssue } {
  if (record.length < columns.length) {
    // Which cell is missing cannot be known (a forgotten comma shifts the rest): don't guess.
    return {
      issue: {
        file: display,
        path: [],
        line: info.lines,
        code: 'csv_missing_column',
        message: FILE.csvMissingCell(columns.length, columns.join(', '), record.length)[lang],
      },
    };
  }
  if (record.length > columns.length) {
    return {
      issue: {
        file: display,
        path: [],
        line: info.lines,
        code: 'csv_extra_column',
        message: FILE.csvExtraCell(columns.length, columns.join(', '), record.length)[lang],
      },
    };
  }
  const cell = (name: string) => {
    const i = columns.indexOf(name);
    return i < 0 ? undefined : record[i];
  };
  const unit: Record<string, unknown> = {
    id: cell('id'),
    name: cell('name'),
    level: cell('level'),
    emails: splitList(cell('emails')),
    tags: splitList(cell('tags')),
  };
  const parent = cell('parent');
  if (parent) unit.parent = parent;
  return { unit };
}

/** Units from CSV: a header row naming the columns, then one unit a row; issues worded in `lang`. */
export function parseUnitsCsv(
  text: string,
  display: string,
  lang: Lang = 'vi',
): { units: Record<string, unknown>[]; origins: UnitOrigin[]; issues: DefinitionIssue[] } {
  const issues: DefinitionIssue[] = [];
  let rows: CsvRow[];
  try {
    // CR LF as one line break, inside quoted cells too: csv-parse counts it as two there, and the lines issues
    // name would be past the row's own.
    rows = parseCsv(text.replace(/\r\n/g, '\n'), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
    }) as unknown as typeof rows;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    const message = FILE.csvSyntax(e.message)[lang];
    issues.push({ file: display, path: [], line: e.lines ?? 1, code: 'syntax', message });
    return { units: [], origins: [], issues };
  }
  const [header, ...body] = rows;
  if (!header) {
    issues.push({ file: display, path: [], line: 1, code: 'csv_empty', message: FILE.csvEmpty[lang] });
    return { units: [], origins: [], issues };
  }
  if (body.length === 0) {
    issues.push({
      file: display,
      path: [],
      line: header.info.lines,
      code: 'csv_empty',
      message: FILE.csvNoRows[lang],
    });
  }
  const columns = header.record.map((c) => c.toLowerCase());
  issues.push(...headerIssues(header, columns, display, lang));
  if (issues.length > 0) return { units: [], origins: [], issues };

  const units: Record<string, unknown>[] = [];
  const origins: UnitOrigin[] = [];
  for (const row of body) {
    const read = rowUnit(row, columns, display, lang);
    if ('issue' in read) {
      issues.push(read.issue);
      continue;
    }
    units.push(read.unit);
    origins.push({ file: display, line: row.info.lines });
  }
  return { units, origins, issues };
}
