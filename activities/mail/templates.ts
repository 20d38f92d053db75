// Template folders: dondoc's defaults (templates/) and a campaign's own folder overriding some of them.
// A folder holds, per language, `<kind>.subject.txt`, `<kind>.txt`, `<kind>.html` and partials
// `_<name>.txt` / `_<name>.html`; Markdown files and dotfiles are ignored.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Language, NOTICE_KINDS, type NoticeKind } from '../../contract/notices';
import { DefinitionError, type DefinitionIssue, formatWhere } from '../../core/definition/issues';
import type { TemplateChecker } from '../../core/definition/load';
import type { Lang, Text } from '../../core/definition/messages';
import type { TemplateFiles } from '../../core/definition/types';
import { catalogFor } from './catalog';
import { compilePart, compilePartials, type Render } from './handlebars';
import { checkNames, type Parsed } from './names';
import { parseTemplate, type TemplateProblem } from './syntax';
import { TPL } from './template-words';

export const DEFAULT_TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'templates');
const DEFAULT_DISPLAY = 'templates';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
const PARTS = { subject: '.subject.txt', text: '.txt', html: '.html' } as const;
type Part = keyof typeof PARTS;

export interface CompiledNotice {
  subject: Render;
  text: Render;
  html: Render;
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

/**
 * The folder's files (relative, sorted); a symlink is followed, to a file or a folder, once (a link back to a
 * folder already listed is skipped). What cannot be read is left to `unreadable`.
 */
function listFiles(dir: string, prefix: string, seen: Set<string>, unreadable: string[]): string[] {
  const real = realpathSync(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (ignored(rel)) return [];
      const full = path.join(dir, e.name);
      let folder = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          folder = statSync(full).isDirectory();
        } catch {
          unreadable.push(rel);
          return [];
        }
      }
      return folder ? listFiles(full, rel, seen, unreadable) : [rel];
    })
    .sort();
}

/** Reads a template folder; `display` names it in issues (e.g. as the campaign file wrote it). */
export function readTemplateDir(
  dir: string,
  display: string,
  lang: Lang = 'vi',
): { files: TemplateFiles; issues: DefinitionIssue[] } {
  const issue = (code: string, message: Text, rel?: string): DefinitionIssue => ({
    file: rel ? `${display}/${rel}` : display,
    path: [],
    subject: rel ? 'file' : 'folder',
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
  const unreadable: string[] = [];
  for (const rel of listFiles(dir, '', new Set(), unreadable)) {
    try {
      files[rel] = readFileSync(path.join(dir, rel), 'utf8').replace(/^\uFEFF/, '');
    } catch {
      unreadable.push(rel);
    }
  }
  return { files, issues: unreadable.map((rel) => issue('unreadable_file', TPL.unreadable, rel)) };
}

let defaults: TemplateFiles | undefined;
/** dondoc's default template files (templates/), read once. */
export function defaultFiles(): TemplateFiles {
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

/** Each file parsed; a file with a syntax problem is left out (its problem is an issue). */
function parseAll(srcs: Map<string, Source>, issues: DefinitionIssue[], lang: Lang): Map<string, Parsed> {
  const parsed = new Map<string, Parsed>();
  for (const [rel, src] of srcs) {
    const { ast, problems } = parseTemplate(src.text);
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
    if (ast) parsed.set(rel, { ast, src: src.text });
  }
  return parsed;
}

/** A language's partials for one part, by name: `_footer.txt` for subjects and text, `_footer.html` for HTML. */
export function partialSources(
  files: Iterable<[string, string]>,
  lang: Language,
  part: Part,
): Record<string, string> {
  const ext = part === 'html' ? 'html' : 'txt';
  const out: Record<string, string> = {};
  for (const [rel, text] of files) {
    const n = nameOf(rel);
    if (n?.type === 'partial' && n.lang === lang && n.ext === ext) out[n.name] = text;
  }
  return out;
}

/** One issue per place in a file, even when several notices include the partial it is in. */
class Places {
  private byPlace = new Map<string, { issue: DefinitionIssue; includers: string[] }>();
  add(issue: DefinitionIssue, includer?: string): void {
    const key = `${issue.file}|${formatWhere(issue)}|${issue.code}`;
    const seen = this.byPlace.get(key);
    if (seen && includer) seen.includers.push(includer);
    else if (!seen) this.byPlace.set(key, { issue, includers: includer ? [includer] : [] });
  }
  issues(words: Lang): DefinitionIssue[] {
    return [...this.byPlace.values()].map(({ issue, includers }) =>
      includers.length > 0
        ? { ...issue, message: `${issue.message}${TPL.includedBy(includers)[words]}` }
        : issue,
    );
  }
}

/** A partial that exists but does not parse (its own issue says why): checked as empty, never called unknown. */
const UNPARSED: Parsed = { ast: { type: 'Program', body: [] } as unknown as hbs.AST.Program, src: '' };

/** Checks one notice's part against its catalog; true when it can be compiled. */
function checkPart(
  srcs: Map<string, Source>,
  parsed: Map<string, Parsed>,
  at: { lang: Language; kind: NoticeKind; part: Part },
  issues: DefinitionIssue[],
  places: Places,
  words: Lang,
): boolean {
  const { lang, kind, part } = at;
  const rel = `${lang}/${kind}${PARTS[part]}`;
  const src = srcs.get(rel);
  if (!src) {
    const file = `${DEFAULT_DISPLAY}/${rel}`;
    issues.push({ file, path: [], subject: 'file', code: 'missing_template', message: TPL.missing[words] });
    return false;
  }
  const template = parsed.get(rel);
  if (!template) return false;
  const partialRel = (name: string) => `${lang}/_${name}.${part === 'html' ? 'html' : 'txt'}`;
  // A partial that exists but does not parse has its own issue already: don't call it unknown too.
  const partial = (name: string) =>
    parsed.get(partialRel(name)) ?? (srcs.has(partialRel(name)) ? UNPARSED : undefined);
  const problems = checkNames(template, catalogFor(kind, part), partial);
  for (const p of problems) {
    const file = p.partial
      ? (srcs.get(partialRel(p.partial))?.display ?? partialRel(p.partial))
      : src.display;
    places.add(located(file, p, words), p.partial ? src.display : undefined);
  }
  return problems.length === 0;
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
  const places = new Places();
  let ok = true;
  for (const lang of LANGUAGES)
    for (const kind of NOTICE_KINDS)
      for (const part of ['subject', 'text', 'html'] as const)
        ok = checkPart(srcs, parsed, { lang, kind, part }, issues, places, words) && ok;
  issues.push(...places.issues(words));
  if (!ok || issues.length > 0) return { ok: false, issues };
  const notices = {} as TemplateSet['notices'];
  const texts = [...srcs].map(([rel, src]): [string, string] => [rel, src.text]);
  for (const lang of LANGUAGES) {
    const partials = {
      subject: compilePartials(partialSources(texts, lang, 'subject'), 'subject'),
      text: compilePartials(partialSources(texts, lang, 'text'), 'text'),
      html: compilePartials(partialSources(texts, lang, 'html'), 'html'),
    };
    const compile = (kind: NoticeKind, part: Part) =>
      compilePart((srcs.get(`${lang}/${kind}${PARTS[part]}`) as Source).text, part, partials[part]);
    notices[lang] = Object.fromEntries(
      NOTICE_KINDS.map((kind) => [
        kind,
        { subject: compile(kind, 'subject'), text: compile(kind, 'text'), html: compile(kind, 'html') },
      ]),
    ) as Record<NoticeKind, CompiledNotice>;
  }
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
