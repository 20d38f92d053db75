// Template folders: dondoc's defaults (templates/) and a campaign's own folder overriding some of them.
// A folder holds, per language, `<kind>.subject.txt`, `<kind>.txt`, `<kind>.html` and partials
// `_<name>.txt` / `_<name>.html`; Markdown files and dotfiles are ignored.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Language, NOTICE_KINDS, type NoticeKind } from '../../contract/notices';
import { DefinitionError, type DefinitionIssue, formatWhere } from '../../core/definition/issues';
import type { TemplateChecker } from '../../core/definition/load';
import type { Lang, Text } from '../../core/definition/messages';
import type { TemplateFiles } from '../../core/definition/types';
import { catalogFor } from './catalog';
import { checkNames, inlinePartials } from './names';
import { type Node, parseTemplate, type TemplateProblem } from './template';
import { TPL } from './template-words';

export const DEFAULT_TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'templates');
const DEFAULT_DISPLAY = 'templates';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
const PARTS = { subject: '.subject.txt', text: '.txt', html: '.html' } as const;
type Part = keyof typeof PARTS;

export interface CompiledNotice {
  subject: Node[];
  text: Node[];
  html: Node[];
}

export interface TemplateSet {
  /** A digest of the overriding files: the same id, the same templates. */
  id: string;
  notices: Record<Language, Record<NoticeKind, CompiledNotice>>;
}

type FileName =
  | { type: 'template'; lang: Language; kind: NoticeKind; part: Part }
  | { type: 'partial'; lang: Language; name: string; ext: 'txt' | 'html' };

function nameOf(rel: string): FileName | undefined {
  const m = /^(vi|en)\/(.+)$/.exec(rel);
  if (!m) return undefined;
  const lang = m[1] as Language;
  const base = m[2] as string;
  const partial = /^_([A-Za-z][A-Za-z0-9-]*)\.(txt|html)$/.exec(base);
  if (partial)
    return { type: 'partial', lang, name: partial[1] as string, ext: partial[2] as 'txt' | 'html' };
  for (const part of ['subject', 'text', 'html'] as const) {
    const kind = base.endsWith(PARTS[part]) ? base.slice(0, -PARTS[part].length) : undefined;
    if (kind && (NOTICE_KINDS as readonly string[]).includes(kind))
      return { type: 'template', lang, kind: kind as NoticeKind, part };
  }
  return undefined;
}

function ignored(rel: string): boolean {
  return rel.split('/').some((s) => s.startsWith('.')) || rel.toLowerCase().endsWith('.md');
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (ignored(rel)) return [];
      return e.isDirectory() ? listFiles(path.join(dir, e.name), rel) : [rel];
    })
    .sort();
}

/** Reads a template folder; `display` names it in issues (e.g. as the campaign file wrote it). */
export function readTemplateDir(
  dir: string,
  display: string,
  lang: Lang = 'vi',
): { files: TemplateFiles; issues: DefinitionIssue[] } {
  const issue = (code: string, message: Text): DefinitionIssue => ({
    file: display,
    path: [],
    subject: 'folder',
    code,
    message: message[lang],
  });
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return { files: {}, issues: [issue('file_not_found', TPL.folderNotFound)] };
  }
  if (!isDir) return { files: {}, issues: [issue('not_a_folder', TPL.notAFolder)] };
  const files: TemplateFiles = {};
  for (const rel of listFiles(dir))
    files[rel] = readFileSync(path.join(dir, rel), 'utf8').replace(/^\uFEFF/, '');
  return { files, issues: [] };
}

let defaults: TemplateFiles | undefined;
function defaultFiles(): TemplateFiles {
  defaults ??= readTemplateDir(DEFAULT_TEMPLATE_DIR, DEFAULT_DISPLAY).files;
  return defaults;
}

interface Source {
  text: string;
  display: string;
}

/** The defaults overlaid with a campaign's files, each with the name issues give it. */
function sources(
  files: TemplateFiles,
  display: string,
  issues: DefinitionIssue[],
  lang: Lang,
): Map<string, Source> {
  const out = new Map<string, Source>();
  for (const [rel, text] of Object.entries(defaultFiles()))
    out.set(rel, { text, display: `${DEFAULT_DISPLAY}/${rel}` });
  for (const [rel, text] of Object.entries(files)) {
    if (nameOf(rel)) {
      out.set(rel, { text, display: `${display}/${rel}` });
      continue;
    }
    issues.push({
      file: `${display}/${rel}`,
      path: [],
      subject: 'file',
      code: 'unknown_template_file',
      message: TPL.notATemplateFile(NOTICE_KINDS)[lang],
    });
  }
  return out;
}

/** Each file's nodes; a file with syntax problems has none (its problems are issues). */
function parseAll(srcs: Map<string, Source>, issues: DefinitionIssue[], lang: Lang): Map<string, Node[]> {
  const parsed = new Map<string, Node[]>();
  for (const [rel, src] of srcs) {
    const { nodes, problems } = parseTemplate(src.text);
    for (const p of problems) issues.push(located(src.display, p, lang));
    if (src.text.trim() === '' && nameOf(rel)?.type === 'template') {
      issues.push({
        file: src.display,
        path: [],
        subject: 'file',
        code: 'empty_template',
        message: TPL.empty[lang],
      });
    }
    if (problems.length === 0) parsed.set(rel, nodes);
  }
  return parsed;
}

/** Parses and checks the defaults overlaid with `files`; issues name the overriding or default file. */
export function compileTemplates(
  files: TemplateFiles = {},
  display = 'templates',
  words: Lang = 'vi',
): { ok: true; set: TemplateSet } | { ok: false; issues: DefinitionIssue[] } {
  const issues: DefinitionIssue[] = [];
  const srcs = sources(files, display, issues, words);
  const parsed = parseAll(srcs, issues, words);

  // One issue per place in a file, even when several notices include the partial it is in.
  const byPlace = new Map<string, { issue: DefinitionIssue; includers: string[] }>();
  const notices = {} as TemplateSet['notices'];
  for (const lang of LANGUAGES) {
    notices[lang] = {} as Record<NoticeKind, CompiledNotice>;
    for (const kind of NOTICE_KINDS) {
      const compiled = {} as CompiledNotice;
      for (const part of ['subject', 'text', 'html'] as const) {
        const rel = `${lang}/${kind}${PARTS[part]}`;
        const src = srcs.get(rel);
        if (!src) {
          issues.push({
            file: `${DEFAULT_DISPLAY}/${rel}`,
            path: [],
            subject: 'file',
            code: 'missing_template',
            message: TPL.missing[words],
          });
          continue;
        }
        const nodes = parsed.get(rel);
        if (!nodes) continue;
        const partialRel = (name: string) => `${lang}/_${name}.${part === 'html' ? 'html' : 'txt'}`;
        // A partial that exists but does not parse has its own issues already: don't call it unknown too.
        const partial = (name: string) =>
          parsed.get(partialRel(name)) ?? (srcs.has(partialRel(name)) ? [] : undefined);
        for (const p of checkNames(nodes, catalogFor(kind, part), partial)) {
          const file = p.partial
            ? (srcs.get(partialRel(p.partial))?.display ?? partialRel(p.partial))
            : src.display;
          const issue = located(file, p, words);
          const key = `${issue.file}|${formatWhere(issue)}|${issue.code}`;
          const seen = byPlace.get(key);
          if (seen) seen.includers.push(src.display);
          else byPlace.set(key, { issue, includers: p.partial ? [src.display] : [] });
        }
        compiled[part] = inlinePartials(nodes, partial);
      }
      notices[lang][kind] = compiled;
    }
  }
  for (const { issue, includers } of byPlace.values()) {
    issues.push(
      includers.length > 0
        ? { ...issue, message: `${issue.message}${TPL.includedBy(includers)[words]}` }
        : issue,
    );
  }
  if (issues.length > 0) return { ok: false, issues };
  const id = createHash('sha256').update(keyOf(files)).digest('hex').slice(0, 16);
  return { ok: true, set: { id, notices } };
}

function keyOf(files: TemplateFiles): string {
  return JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function located(file: string, p: TemplateProblem, lang: Lang): DefinitionIssue {
  return { file, path: [], line: p.at.line, column: p.at.column, code: p.code, message: p.message[lang] };
}

/** Every problem of a campaign's template files, checked together with the defaults they override. */
export function validateTemplates(
  files: TemplateFiles,
  display: string,
  lang: Lang = 'vi',
): DefinitionIssue[] {
  const r = compileTemplates(files, display, lang);
  return r.ok ? [] : r.issues;
}

/** What the campaign loader (core/definition/load.ts) is given to read and check a campaign's templates. */
export const mailTemplateChecker: TemplateChecker = { read: readTemplateDir, validate: validateTemplates };

/** The defaults, overridden by the files of `dir` if given. Throws a DefinitionError listing every problem. */
export function loadTemplates(dir?: string): TemplateSet {
  const read = dir ? readTemplateDir(dir, dir) : { files: {}, issues: [] };
  if (read.issues.length > 0) throw new DefinitionError(read.issues);
  return templateSetFor(read.files, dir);
}

const cache = new Map<string, TemplateSet>();

/** The compiled set for a campaign's template files (none: the defaults), compiled once per content. */
export function templateSetFor(files: TemplateFiles = {}, display = 'templates'): TemplateSet {
  const key = keyOf(files);
  const hit = cache.get(key);
  if (hit) return hit;
  const r = compileTemplates(files, display);
  if (!r.ok) throw new DefinitionError(r.issues);
  if (cache.size > 100) cache.clear();
  cache.set(key, r.set);
  return r.set;
}
