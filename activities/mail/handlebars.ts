// dondoc's Handlebars (https://handlebarsjs.com): one isolated environment with its helpers registered once,
// the compile options every mail template uses, and rendering from the flat values of context.ts.
//
// - `compat`: inside `{{#each}}`, a name not found on the item is looked up in the enclosing values (Mustache's
//   rule), so `{{campaign.title}}` works in a row as it does outside.
// - HTML parts escape every value; subjects and text parts are not HTML (`noEscape`). Raw output (`{{{…}}}`,
//   `{{&…}}`) is refused when a template is loaded (names.ts), so no user text reaches HTML unescaped.
// - Only the helpers below and the built-in `if`, `unless` and `each` can be called (`knownHelpersOnly`).
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import type { Language } from '../../contract/notices';

export type Scalar = string | number | boolean | undefined;
/** Values by their full dotted name (`unit.name`); a list holds one such scope per item (`row.unit`). */
export type Scope = { [name: string]: Scalar | Scope[] };

export type Part = 'subject' | 'text' | 'html';

/** What helpers need beyond the values: the campaign's zone and language. */
export interface RenderData {
  zone: string;
  lang: Language;
}

/** A compiled template: its values in, the text out. */
export type Render = (scope: Scope, data: RenderData) => string;

function instant(v: unknown, zone: string): DateTime | undefined {
  if (typeof v !== 'string') return undefined;
  const dt = DateTime.fromISO(v, { zone });
  return dt.isValid ? dt : undefined;
}

const dataOf = (options: Handlebars.HelperOptions) => options.data as { root: unknown } & RenderData;

/** The helpers a template may call, each with one value: `{{date due.at}}`. */
export const HELPERS: Record<string, (v: unknown, options: Handlebars.HelperOptions) => string> = {
  /** An instant or a yyyy-mm-dd date as dd/mm/yyyy, in the campaign's zone. */
  date: (v, options) => instant(v, dataOf(options).zone)?.toFormat('dd/MM/yyyy') ?? '',
  /** An instant's time of day as HH:mm, in the campaign's zone. */
  time: (v, options) => instant(v, dataOf(options).zone)?.toFormat('HH:mm') ?? '',
  /** A number with the language's grouping: 1.250,5 in Vietnamese, 1,250.5 in English; anything else as is. */
  number: (v, options) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) return v === undefined ? '' : String(v);
    return new Intl.NumberFormat(dataOf(options).lang === 'vi' ? 'vi-VN' : 'en-US').format(n);
  },
};

export const BLOCKS = ['if', 'unless', 'each'] as const;

const env = Handlebars.create();
for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn);

function optionsFor(part: Part): CompileOptions {
  return {
    compat: true,
    noEscape: part !== 'html',
    strict: false,
    knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true])),
    knownHelpersOnly: true,
  };
}

/** `{'unit.name': 'X'}` as `{unit: {name: 'X'}}`, lists item by item, as Handlebars' paths read them. */
export function nest(scope: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(scope)) {
    const parts = name.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) {
      at[p] ??= {};
      const next = at[p] as Record<string, unknown>;
      if (typeof next !== 'object' || Array.isArray(next))
        throw new Error(`'${name}' is both a value and a group`);
      at = next;
    }
    at[parts[parts.length - 1] as string] = Array.isArray(value) ? value.map(nest) : value;
  }
  return out;
}

type Compiled = Handlebars.TemplateDelegate;

/** A language's partials for one part (`_footer.txt` for subjects and text, `_footer.html` for HTML). */
export function compilePartials(partials: Record<string, string>, part: Part): Record<string, Compiled> {
  const options = optionsFor(part);
  return Object.fromEntries(
    Object.entries(partials).map(([name, text]) => [name, env.compile(text, options)]),
  );
}

/** Compiles a template already checked (names.ts) for one part, with that part's partials. */
export function compilePart(src: string, part: Part, partials: Record<string, Compiled> = {}): Render {
  const template = env.compile(src, optionsFor(part));
  return (scope, data) => template(nest(scope), { partials, data });
}

/** Handlebars' own parse (with its standalone-line rules applied): throws on a syntax error. */
export function parse(src: string): hbs.AST.Program {
  return env.parse(src);
}
