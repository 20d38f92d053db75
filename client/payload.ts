// A submission file: YAML or JSON (the payload itself: `document`, `values`, `sites` or `events`), or CSV
// for a list (a site registration's sites, an event window's events), typed by the milestone's fields.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { SubmissionPayload } from '../contract/submission';
import { parseLocalDate } from '../core/calendar/phrases';
import { type DefinitionIssue, formatIssue, issueJson } from '../core/definition/issues';
import { parseYamlOrJson } from '../core/definition/load';
import type { Field, FieldValue, Milestone } from '../core/definition/types';
import { parseNumber } from '../core/text/numbers';
import { rejected } from './errors';

/** The columns of an event window's list (CSV here, a table of rows in the portal). */
export const EVENT_FIELDS: Field[] = [
  { id: 'date', label: 'Ngày tổ chức', type: 'date', required: true },
  { id: 'place', label: 'Địa điểm', type: 'text', required: true },
  { id: 'attendance', label: 'Số người tham dự', type: 'integer', required: true },
];

function fail(issues: DefinitionIssue[]): never {
  throw rejected(issues.map(formatIssue).join('\n'), { issues: issues.map(issueJson) });
}

const TRUE = new Set(['true', 'có', 'co', 'x', '1', 'yes', 'đã', 'rồi']);
const FALSE = new Set(['false', 'không', 'khong', '0', 'no', 'chưa']);

/** A boolean cell: true/false for the words a list may use (có/không, x, 1/0, ...), undefined otherwise. */
export function booleanCell(cell: string): boolean | undefined {
  const k = cell.trim().toLowerCase();
  return TRUE.has(k) ? true : FALSE.has(k) ? false : undefined;
}

/** A CSV cell as the field's type; what cannot be converted is kept as text for the engine to reject. */
export function typedCell(field: Field, cell: string): FieldValue {
  const s = cell.trim();
  switch (field.type) {
    case 'integer':
    case 'number':
      // As a Vietnamese writes it: "1.000" is a thousand, "1,5" one and a half (core/text/numbers.ts); "1.5" in
      // an integer field stays 1.5, which the engine refuses rather than guessing.
      return parseNumber(s, 'vi') ?? s;
    case 'boolean':
      return booleanCell(s) ?? s;
    case 'date':
      return parseLocalDate(s) ?? s;
    case 'text':
      return s;
  }
}

/** A problem with a list's header or rows (a CSV, or a spreadsheet in the portal), by line. */
export type ListProblem =
  | { code: 'csv_empty' }
  | { code: 'csv_unknown_column'; line: number; column: number; header: string }
  | { code: 'csv_column_count'; line: number; expected: number; found: number };

/**
 * Rows of a list whose first record is a header naming fields by id or by label (case and Unicode form
 * ignored); each cell typed by `cell`. Empty cells are left out of their row.
 */
export function listRows(
  records: { cells: string[]; line: number }[],
  fields: Field[],
  cell: (field: Field, text: string) => FieldValue = typedCell,
): { rows: Record<string, FieldValue>[]; problems: ListProblem[] } {
  const [header, ...body] = records;
  if (!header || body.length === 0) return { rows: [], problems: [{ code: 'csv_empty' }] };
  const problems: ListProblem[] = [];
  const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();
  const columns = header.cells.map((h, i) => {
    const f = fields.find((x) => norm(x.id) === norm(h) || norm(x.label) === norm(h));
    if (!f) problems.push({ code: 'csv_unknown_column', line: header.line, column: i + 1, header: h });
    return f;
  });
  if (problems.length > 0) return { rows: [], problems };
  const rows = body.map(({ cells, line }) => {
    if (cells.length !== columns.length) {
      problems.push({ code: 'csv_column_count', line, expected: columns.length, found: cells.length });
    }
    const row: Record<string, FieldValue> = {};
    columns.forEach((f, i) => {
      const text = cells[i];
      if (f && text !== undefined && text.trim() !== '') row[f.id] = cell(f, text);
    });
    return row;
  });
  return { rows, problems };
}

function listIssue(p: ListProblem, file: string, fields: Field[]): DefinitionIssue {
  switch (p.code) {
    case 'csv_empty':
      return { file, path: [], line: 1, code: p.code, message: 'tệp không có dòng dữ liệu nào' };
    case 'csv_unknown_column':
      return {
        file,
        path: [],
        line: p.line,
        csvColumn: p.column,
        code: p.code,
        message: `không có cột '${p.header}' (các cột: ${fields.map((x) => x.id).join(', ')})`,
      };
    case 'csv_column_count':
      return {
        file,
        path: [],
        line: p.line,
        code: p.code,
        message: `dòng này cần ${p.expected} ô, có ${p.found}`,
      };
  }
}

/** Rows of a CSV whose header names fields by id or by label. */
function csvRows(text: string, file: string, fields: Field[]): Record<string, FieldValue>[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parseCsv(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof rows;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    fail([{ file, path: [], line: e.lines ?? 1, code: 'syntax', message: e.message }]);
  }
  const { rows: out, problems } = listRows(
    rows.map((r) => ({ cells: r.record, line: r.info.lines })),
    fields,
  );
  if (problems.length === 0) return out;
  fail(problems.map((p) => listIssue(p, file, fields)));
}

/** Whether a submission file is a CSV list, which only the milestone's fields can type (the others need no plan). */
export function isListFile(file: string): boolean {
  return path.extname(file).toLowerCase() === '.csv';
}

/**
 * Reads a submission file (for `milestone`: a CSV list needs it); bad files fail with exit 1, naming the file,
 * path and problem.
 */
export async function readSubmission(input: {
  file: string;
  milestone?: Milestone;
}): Promise<SubmissionPayload> {
  const { file, milestone } = input;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail([
      {
        file,
        path: [],
        subject: 'file',
        code: code === 'ENOENT' ? 'file_not_found' : 'file_unreadable',
        message: code === 'ENOENT' ? 'không tìm thấy tệp' : `không đọc được tệp (${code ?? String(err)})`,
      },
    ]);
  }
  if (isListFile(file)) {
    if (!milestone) throw new Error(`${file}: a CSV list is read for its milestone`);
    if (milestone.kind === 'site-registration') return { sites: csvRows(text, file, milestone.siteFields) };
    if (milestone.kind === 'event-window') {
      const events = csvRows(text, file, EVENT_FIELDS) as {
        date: string;
        place: string;
        attendance: number;
      }[];
      return { events };
    }
    fail([
      {
        file,
        path: [],
        subject: 'file',
        code: 'csv_not_a_list',
        message: `tệp CSV chỉ dùng cho danh sách điểm hoặc sự kiện; mốc '${milestone.id}' (${milestone.kind}) nhận tệp YAML hoặc JSON`,
      },
    ]);
  }
  // A JSON file's numbers are JSON's; a YAML file's 1.000 is a thousand, as a Vietnamese writes it.
  const parsed = parseYamlOrJson(text, file, undefined, /\.json$/i.test(file) ? {} : { numbers: 'vi' });
  if ('issues' in parsed) fail(parsed.issues);
  const v = parsed.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    fail([
      {
        file,
        path: [],
        code: 'invalid_type',
        message: 'cần một bảng gồm document, values, sites hoặc events',
      },
    ]);
  }
  return v as SubmissionPayload;
}
