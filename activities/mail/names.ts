// Checking a template, by walking Handlebars' AST, against what its notice offers: every placeholder, helper
// and partial must exist, lists are gone through with {{#each}}, and nothing outputs raw HTML.
import { BLOCKS, HELPERS } from './handlebars';
import type { Pos, TemplateProblem } from './syntax';
import { TPL } from './template-words';

/** The names a template may use: values, and lists whose items are a value or have fields. */
export type Catalog = Record<string, 'value' | { item: string; fields?: readonly string[] }>;

/** Up to three known names close to `name`, the closest first. */
function suggestion(name: string, known: string[]): string[] {
  const prefix = name.split('.')[0];
  return known
    .filter((k) => k.split('.')[0] === prefix || distance(k, name) <= 2)
    .sort((a, b) => distance(a, name) - distance(b, name))
    .slice(0, 3);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** A parsed template with its source (messages quote its tags as written). */
export interface Parsed {
  ast: hbs.AST.Program;
  src: string;
}

type Kind = 'value' | 'list';
/** In scope: each name's kind; `each`: how many {{#each}} enclose (for `@index` and `../`). */
interface Scope {
  names: Map<string, Kind>;
  each: number;
}

const posOf = (loc: hbs.AST.SourceLocation): Pos => ({ line: loc.start.line, column: loc.start.column + 1 });

/** Where each line of the last source asked about starts: one pass per template, not one per tag. */
let starts: { src: string; at: number[] } | undefined;
function lineStarts(src: string): number[] {
  if (starts?.src !== src) {
    const at = [0];
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) at.push(i + 1);
    starts = { src, at };
  }
  return starts.at;
}

/** A tag as written, braces included (a block's opening tag): `{{#each digest.rows}}`, `{{{unit.name}}}`. */
function tagOf(src: string, loc: hbs.AST.SourceLocation): string {
  const offset = (lineStarts(src)[loc.start.line - 1] ?? 0) + loc.start.column;
  const end = src.indexOf('}}', offset);
  if (end < 0) return src.slice(offset);
  return src.slice(offset, src[end + 2] === '}' ? end + 3 : end + 2);
}

/** A tag's text between its braces: `#each digest.rows`, `unit.name`. */
function rawTag(src: string, loc: hbs.AST.SourceLocation): string {
  return tagOf(src, loc)
    .replace(/^\{\{+~?/, '')
    .replace(/~?\}+$/, '');
}

const DATA = new Set(['@index', '@first', '@last']);

/** The name a path reads (`unit.name`, `@index`), or undefined for something that is not a plain path. */
function pathName(e: hbs.AST.Expression, scope: Scope): string | undefined {
  if (e.type !== 'PathExpression') return undefined;
  const p = e as hbs.AST.PathExpression;
  if (p.depth > scope.each) return undefined;
  return p.data ? `@${p.parts.join('.')}` : p.parts.join('.');
}

interface Walk {
  catalog: Catalog;
  partials: (name: string) => Parsed | undefined;
  add: (p: TemplateProblem) => void;
}

/** A placeholder used as `want` ('value': printed or passed to a helper; 'list': gone through; 'any': tested). */
function checkName(
  w: Walk,
  e: hbs.AST.Expression,
  scope: Scope,
  want: Kind | 'any',
  tag: string,
  at: Pos,
): void {
  const name = pathName(e, scope);
  if (name?.startsWith('@') && DATA.has(name) && scope.each > 0) return;
  const kind = name === undefined ? undefined : scope.names.get(name);
  if (!kind || name === undefined) {
    const near = name ? suggestion(name, [...scope.names.keys()]) : [];
    w.add({ at, code: 'unknown_placeholder', name: name ?? tag, message: TPL.unknownPlaceholder(tag, near) });
  } else if (want === 'value' && kind === 'list') {
    w.add({ at, code: 'not_a_value', name, message: TPL.notAValue(name) });
  } else if (want === 'list' && kind !== 'list') {
    w.add({ at, code: 'not_a_list', name, message: TPL.notAList(name) });
  }
}

function mustache(w: Walk, m: hbs.AST.MustacheStatement, src: string, scope: Scope): void {
  const raw = rawTag(src, m.loc);
  const at = posOf(m.loc);
  if (!m.escaped) {
    w.add({ at, code: 'raw_output', message: TPL.rawOutput(tagOf(src, m.loc)) });
    return;
  }
  if (m.path.type !== 'PathExpression') {
    w.add({ at, code: 'malformed_tag', message: TPL.notAPlaceholder(raw) });
    return;
  }
  if (m.params.length === 0 && !m.hash) {
    checkName(w, m.path, scope, 'value', `{{${raw}}}`, at);
    return;
  }
  const helper = (m.path as hbs.AST.PathExpression).original;
  if (!Object.hasOwn(HELPERS, helper) || m.params.length !== 1 || m.hash) {
    const message = TPL.unknownHelper(helper, Object.keys(HELPERS));
    w.add({ at, code: 'unknown_helper', name: helper, message });
    return;
  }
  const arg = m.params[0] as hbs.AST.Expression;
  checkName(
    w,
    arg,
    scope,
    'value',
    `{{${arg.type === 'PathExpression' ? (arg as hbs.AST.PathExpression).original : rawTag(src, arg.loc)}}}`,
    at,
  );
}

function block(w: Walk, b: hbs.AST.BlockStatement, src: string, scope: Scope, inPartial?: string): void {
  const raw = rawTag(src, b.loc);
  const helper = b.path.type === 'PathExpression' ? (b.path as hbs.AST.PathExpression).original : '';
  const arg = b.params[0];
  if (
    !(BLOCKS as readonly string[]).includes(helper) ||
    b.params.length !== 1 ||
    b.hash ||
    b.program.blockParams ||
    !arg
  ) {
    w.add({ at: posOf(b.loc), code: 'malformed_tag', message: TPL.notABlock(raw) });
    return;
  }
  checkName(w, arg, scope, helper === 'each' ? 'list' : 'any', `{{${raw}}}`, posOf(b.loc));
  let inner = scope;
  const name = pathName(arg, scope);
  const entry = helper === 'each' && name ? w.catalog[name] : undefined;
  if (helper === 'each') {
    const names = new Map(scope.names);
    if (entry && entry !== 'value') {
      if (entry.fields) for (const f of entry.fields) names.set(`${entry.item}.${f}`, 'value');
      else names.set(entry.item, 'value');
    }
    inner = { names, each: scope.each + 1 };
  }
  walk(w, b.program.body, src, inner, inPartial);
  if (b.inverse) walk(w, b.inverse.body, src, scope, inPartial);
}

function partial(w: Walk, p: hbs.AST.PartialStatement, src: string, scope: Scope, inPartial?: string): void {
  const at = posOf(p.loc);
  const raw = rawTag(src, p.loc);
  const name = p.name.type === 'PathExpression' ? (p.name as hbs.AST.PathExpression).original : undefined;
  if (!name || p.params.length > 0 || p.hash) {
    w.add({ at, code: 'malformed_tag', message: TPL.unsupported(raw) });
    return;
  }
  if (inPartial) {
    w.add({ at, code: 'nested_partial', name, message: TPL.nestedPartial(name) });
    return;
  }
  const body = w.partials(name);
  if (!body) {
    w.add({ at, code: 'unknown_partial', name, message: TPL.unknownPartial(name) });
    return;
  }
  walk(w, body.ast.body, body.src, scope, name);
}

function walk(w: Walk, body: hbs.AST.Statement[], src: string, scope: Scope, inPartial?: string): void {
  const outer = w.add;
  const inner: Walk = inPartial ? { ...w, add: (p) => outer({ ...p, partial: inPartial }) } : w;
  for (const s of body) {
    switch (s.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        break;
      case 'MustacheStatement':
        mustache(inner, s as hbs.AST.MustacheStatement, src, scope);
        break;
      case 'BlockStatement':
        block(inner, s as hbs.AST.BlockStatement, src, scope, inPartial);
        break;
      case 'PartialStatement':
        partial(inner, s as hbs.AST.PartialStatement, src, scope, inPartial);
        break;
      default:
        inner.add({ at: posOf(s.loc), code: 'malformed_tag', message: TPL.unsupported(rawTag(src, s.loc)) });
    }
  }
}

/** Checks a template against the catalog, following its partials (which may not include partials themselves). */
export function checkNames(
  template: Parsed,
  catalog: Catalog,
  partials: (name: string) => Parsed | undefined,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const names = new Map<string, Kind>();
  for (const [name, entry] of Object.entries(catalog)) names.set(name, entry === 'value' ? 'value' : 'list');
  walk({ catalog, partials, add: (p) => problems.push(p) }, template.ast.body, template.src, {
    names,
    each: 0,
  });
  return problems;
}
