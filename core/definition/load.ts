// Reads a campaign file (YAML or JSON) and the CSV of units it may name, then validates it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { DefinitionIssue } from './issues';
import { withPlaceholderIssues } from './placeholders';
import type { TemplateFiles } from './types';
import { parseUnitsCsv } from './units-csv';
import { type UnitOrigin, type ValidateResult, validateCampaign } from './validate';

// Moved to units-csv.ts; still exported from here for existing importers.
export { CSV_COLUMNS, parseUnitsCsv } from './units-csv';

/**
 * Reads and checks a campaign's folder of mail templates. The mail layer provides it (`mailTemplateChecker`
 * in activities/mail/templates.ts): core imports nothing from the layers above it.
 */
export interface TemplateChecker {
  read(dir: string, display: string): { files: TemplateFiles; issues: DefinitionIssue[] };
  validate(files: TemplateFiles, display: string): DefinitionIssue[];
}

export type LoadResult =
  | (ValidateResult & { files: string[] })
  | { ok: false; issues: DefinitionIssue[]; files: string[] };

async function readText(file: string, display: string): Promise<string | DefinitionIssue> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      file: display,
      path: [],
      subject: 'file',
      code: code === 'ENOENT' ? 'file_not_found' : 'file_unreadable',
      message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`,
    };
  }
}

/** Parses YAML (JSON is YAML too); syntax errors name the line and column. */
export function parseYamlOrJson(
  text: string,
  display: string,
): { value: unknown } | { issues: DefinitionIssue[] } {
  // With prettyErrors off, yaml leaves e.linePos unset: a LineCounter turns e.pos into line and column.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    prettyErrors: false,
    uniqueKeys: true,
    lineCounter,
  });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => {
        const { line, col } = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        return {
          file: display,
          path: [],
          line,
          column: col,
          code: 'syntax',
          message: e.message.split('\n')[0] ?? e.message,
        };
      }),
    };
  }
  return { value: doc.toJS() };
}
/**
 * Loads and validates a campaign file. `display` names files in issues (defaults to the path as given).
 * Never throws for bad input: every problem comes back as an issue. `checker` reads and checks the mail
 * templates the campaign may name (`mailTemplateChecker` from activities/mail/templates.ts); without it, a
 * campaign that names a templates folder throws (a caller's mistake, never an unchecked folder let through).
 */
export async function loadCampaignFile(file: string, checker?: TemplateChecker): Promise<LoadResult> {
  const files = [file];
  const text = await readText(file, file);
  if (typeof text !== 'string') return { ok: false, issues: [text], files };
  const parsed = parseYamlOrJson(text, file);
  if ('issues' in parsed) return { ok: false, issues: parsed.issues, files };
  const raw = parsed.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ...validateCampaign(raw, { file }), files };

  const record = raw as Record<string, unknown>;
  const inline = Array.isArray(record.units) ? record.units : record.units === undefined ? [] : undefined;
  const origins: (UnitOrigin | undefined)[] = (inline ?? []).map(() => undefined);
  const csvIssues: DefinitionIssue[] = [];
  let units = record.units;
  if (record.unitsFile !== undefined) {
    if (typeof record.unitsFile !== 'string' || record.unitsFile === '') {
      csvIssues.push({
        file,
        path: ['unitsFile'],
        code: 'invalid_type',
        message: 'must be the path of a CSV file',
      });
    } else {
      const csvPath = path.resolve(path.dirname(file), record.unitsFile);
      const csvDisplay = path.join(path.dirname(file), record.unitsFile);
      files.push(csvDisplay);
      const csvText = await readText(csvPath, csvDisplay);
      if (typeof csvText !== 'string') {
        csvIssues.push({
          file,
          path: ['unitsFile'],
          code: csvText.code,
          message: `${csvDisplay}: ${csvText.message}`,
        });
      } else {
        const csv = parseUnitsCsv(csvText, csvDisplay);
        csvIssues.push(...csv.issues);
        if (inline) {
          units = [...inline, ...csv.units];
          origins.push(...csv.origins);
        }
      }
    }
  }
  const templates =
    record.templates === undefined ? undefined : readTemplates(file, record.templates, checker);
  // When the CSV itself is at fault its issues say so: keep unitsFile so that the validator does not also
  // report "a campaign needs units" (nor check milestones against units it could not read).
  const { unitsFile, templates: _folder, ...rest } = record;
  const result = validateCampaign(
    { ...rest, units, ...(csvIssues.length > 0 ? { unitsFile } : {}) },
    { file, unitOrigins: origins, ...(templates?.files ? { templates: templates.files } : {}) },
  );
  const early = [...csvIssues, ...(templates?.issues ?? [])];
  // A draft's "<<CẦN ĐIỀN: …>>" placeholders reject the file, each named by its path (placeholders.ts).
  const issues = withPlaceholderIssues(record, file, [...early, ...(result.ok ? [] : result.issues)]);
  if (issues.length > 0) return { ok: false, issues, files };
  return { ...result, files };
}

/** The campaign's template folder, relative to its file: its files once every one of them checks. */
function readTemplates(
  file: string,
  folder: unknown,
  checker: TemplateChecker | undefined,
): { files?: TemplateFiles; issues: DefinitionIssue[] } {
  if (typeof folder !== 'string' || folder === '') {
    return {
      issues: [
        {
          file,
          path: ['templates'],
          code: 'invalid_type',
          message: 'must be the path of a folder of mail templates',
        },
      ],
    };
  }
  const display = path.join(path.dirname(file), folder);
  if (!checker) throw new Error(`${file} names a templates folder: loadCampaignFile needs a TemplateChecker`);
  const read = checker.read(path.resolve(path.dirname(file), folder), display);
  if (read.issues.length > 0) {
    return {
      issues: read.issues.map((i) => ({
        file,
        path: ['templates'],
        code: i.code,
        message: `${display}: ${i.message}`,
      })),
    };
  }
  const issues = checker.validate(read.files, display);
  return issues.length > 0 ? { issues } : { files: read.files, issues };
}
