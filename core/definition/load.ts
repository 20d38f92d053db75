// Reads a campaign file (YAML or JSON) and the CSV of units it may name, then validates it.
import path from 'node:path';
import { hostileIssues, unitCountIssue } from './hostile';
import type { DefinitionIssue } from './issues';
import { FILE, type Lang, languageOf } from './messages';
import { withPlaceholderIssues } from './placeholders';
import { readInput } from './read-input';
import { scheduleIssues } from './schedule-check';
import type { TemplateFiles } from './types';
import { parseUnitsCsv } from './units-csv';
import { type UnitOrigin, type ValidateResult, validateCampaign } from './validate';
import { parseYamlOrJson } from './yaml-parse';

// Moved to units-csv.ts; still exported from here for existing importers.
export { CSV_COLUMNS, parseUnitsCsv } from './units-csv';
export { parseYamlOrJson } from './yaml-parse';

/**
 * Reads and checks a campaign's folder of mail templates. The mail layer provides it (`mailTemplateChecker`
 * in activities/mail/templates.ts): core imports nothing from the layers above it.
 */
export interface TemplateChecker {
  /** `lang`: the language of the issues' messages. */
  read(dir: string, display: string, lang?: Lang): { files: TemplateFiles; issues: DefinitionIssue[] };
  validate(files: TemplateFiles, display: string, lang?: Lang): DefinitionIssue[];
}

/** `lang`: the language of the issues' messages; print their places in it too (`printIn(lang)` in issues.ts). */
export type LoadResult =
  | (ValidateResult & { files: string[]; lang: Lang })
  | { ok: false; issues: DefinitionIssue[]; files: string[]; lang: Lang };

export interface LoadOptions {
  /** The language of the messages (`--lang`); by default the file's `campaign.language`, `vi` without one. */
  lang?: Lang;
}

/**
 * Loads and validates a campaign file. `display` names files in issues (defaults to the path as given).
 * Never throws for bad input: every problem comes back as an issue, worded in `opts.lang` or else the file's
 * `campaign.language` (`vi` without one). `checker` reads and checks the mail templates the campaign may name
 * (`mailTemplateChecker` from activities/mail/templates.ts); without it, a campaign that names a templates folder
 * throws (a caller's mistake, never an unchecked folder let through).
 */
export async function loadCampaignFile(
  file: string,
  checker?: TemplateChecker,
  opts: LoadOptions = {},
): Promise<LoadResult> {
  const files = [file];
  const text = await readInput(file, file, opts.lang ?? 'vi');
  if (typeof text !== 'string') return { ok: false, issues: [text], files, lang: opts.lang ?? 'vi' };
  const parsed = parseYamlOrJson(text, file, opts.lang);
  if ('issues' in parsed) return { ok: false, issues: parsed.issues, files, lang: parsed.lang };
  const raw = parsed.value;
  const lang = opts.lang ?? languageOf(raw);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ...validateCampaign(raw, { file, lang }), files, lang };

  const record = raw as Record<string, unknown>;
  const inline = Array.isArray(record.units) ? record.units : record.units === undefined ? [] : undefined;
  const tooManyInline = unitCountIssue(inline?.length ?? 0, file, lang);
  if (tooManyInline) return { ok: false, issues: [tooManyInline], files, lang };
  const csv = await readUnitsFile(file, record.unitsFile, lang);
  files.push(...csv.files);
  const origins: (UnitOrigin | undefined)[] = (inline ?? []).map(() => undefined);
  let units = record.units;
  if (inline && csv.units) {
    units = [...inline, ...csv.units];
    origins.push(...csv.origins);
  }
  const tooMany = unitCountIssue(Array.isArray(units) ? units.length : 0, file, lang);
  if (tooMany) return { ok: false, issues: [tooMany], files, lang };
  const templates =
    record.templates === undefined ? undefined : readTemplates(file, record.templates, checker, lang);
  // When the CSV itself is at fault its issues say so: keep unitsFile so that the validator does not also
  // report "a campaign needs units" (nor check milestones against units it could not read).
  const { unitsFile, templates: _folder, ...rest } = record;
  const merged = { ...rest, units, ...(csv.issues.length > 0 ? { unitsFile } : {}) };
  const result = validateCampaign(merged, {
    file,
    lang,
    unitOrigins: origins,
    ...(templates?.files ? { templates: templates.files } : {}),
  });
  const early = [
    ...csv.issues,
    ...(templates?.issues ?? []),
    ...hostileIssues(merged, { file, lang, origins }),
  ];
  // A draft's "<<CẦN ĐIỀN: …>>" placeholders reject the file, each named by its path (placeholders.ts).
  const issues = withPlaceholderIssues(record, file, [...early, ...(result.ok ? [] : result.issues)], lang);
  // Only a campaign without other issues is scheduled, as the workflows will schedule it (schedule-check.ts).
  if (issues.length === 0 && result.ok) issues.push(...scheduleIssues(result.campaign, file, lang));
  if (issues.length > 0) return { ok: false, issues, files, lang };
  return { ...result, files, lang };
}

/** The units of the CSV file `unitsFile` names, relative to the campaign file, or the issues that stop it. */
async function readUnitsFile(
  file: string,
  unitsFile: unknown,
  lang: Lang,
): Promise<{
  files: string[];
  units?: Record<string, unknown>[];
  origins: UnitOrigin[];
  issues: DefinitionIssue[];
}> {
  if (unitsFile === undefined) return { files: [], origins: [], issues: [] };
  if (typeof unitsFile !== 'string' || unitsFile === '') {
    const message = FILE.unitsFilePath[lang];
    return { files: [], origins: [], issues: [{ file, path: ['unitsFile'], code: 'invalid_type', message }] };
  }
  const csvPath = path.resolve(path.dirname(file), unitsFile);
  // An absolute path is shown as written, never under the campaign's folder.
  const csvDisplay = path.isAbsolute(unitsFile) ? unitsFile : path.join(path.dirname(file), unitsFile);
  const csvText = await readInput(csvPath, csvDisplay, lang);
  if (typeof csvText !== 'string') {
    const issue = {
      file,
      path: ['unitsFile'],
      code: csvText.code,
      message: `${csvDisplay}: ${csvText.message}`,
    };
    return { files: [csvDisplay], origins: [], issues: [issue] };
  }
  const csv = parseUnitsCsv(csvText, csvDisplay, lang);
  return { files: [csvDisplay], ...csv };
}

/** The campaign's template folder, relative to its file: its files once every one of them checks. */
function readTemplates(
  file: string,
  folder: unknown,
  checker: TemplateChecker | undefined,
  lang: Lang,
): { files?: TemplateFiles; issues: DefinitionIssue[] } {
  if (typeof folder !== 'string' || folder === '') {
    return {
      issues: [
        {
          file,
          path: ['templates'],
          code: 'invalid_type',
          message: FILE.templatesPath[lang],
        },
      ],
    };
  }
  const display = path.join(path.dirname(file), folder);
  if (!checker) throw new Error(`${file} names a templates folder: loadCampaignFile needs a TemplateChecker`);
  const read = checker.read(path.resolve(path.dirname(file), folder), display, lang);
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
  const issues = checker.validate(read.files, display, lang);
  return issues.length > 0 ? { issues } : { files: read.files, issues };
}
