// Checking a parsed template's names against what its notice offers, and inlining its partials.
import type { Node, TemplateProblem } from './template';
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

/** Checks every name against the catalog, following partials (which may not include partials themselves). */
export function checkNames(
  nodes: Node[],
  catalog: Catalog,
  partials: (name: string) => Node[] | undefined,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const walk = (list: Node[], scope: Map<string, 'value' | 'list'>, inPartial?: string) => {
    const add = (p: TemplateProblem) => problems.push(inPartial ? { ...p, partial: inPartial } : p);
    const known = () => [...scope.keys()];
    for (const n of list) {
      if (n.t === 'text') continue;
      if (n.t === 'partial') {
        const body = partials(n.name);
        if (inPartial) {
          add({
            at: n.at,
            code: 'nested_partial',
            name: n.name,
            message: TPL.nestedPartial(n.name),
          });
        } else if (!body) {
          add({
            at: n.at,
            code: 'unknown_partial',
            name: n.name,
            message: TPL.unknownPartial(n.name),
          });
        } else {
          walk(body, scope, n.name);
        }
        continue;
      }
      const kind = scope.get(n.name);
      if (!kind) {
        const tag =
          n.t === 'var' ? `{{${n.name}}}` : `{{#${n.t === 'if' && n.negate ? 'unless' : n.t} ${n.name}}}`;
        add({
          at: n.at,
          code: 'unknown_placeholder',
          name: n.name,
          message: TPL.unknownPlaceholder(tag, suggestion(n.name, known())),
        });
      } else if (n.t === 'var' && kind === 'list') {
        add({
          at: n.at,
          code: 'not_a_value',
          name: n.name,
          message: TPL.notAValue(n.name),
        });
      } else if (n.t === 'each' && kind !== 'list') {
        add({
          at: n.at,
          code: 'not_a_list',
          name: n.name,
          message: TPL.notAList(n.name),
        });
      }
      if (n.t === 'if') {
        walk(n.yes, scope, inPartial);
        walk(n.no, scope, inPartial);
      } else if (n.t === 'each') {
        const entry = catalog[n.name];
        const inner = new Map(scope);
        if (entry && entry !== 'value') {
          if (entry.fields) for (const f of entry.fields) inner.set(`${entry.item}.${f}`, 'value');
          else inner.set(entry.item, 'value');
        }
        walk(n.body, inner, inPartial);
      }
    }
  };
  const scope = new Map<string, 'value' | 'list'>();
  for (const [name, entry] of Object.entries(catalog)) scope.set(name, entry === 'value' ? 'value' : 'list');
  walk(nodes, scope);
  return problems;
}

/** Replaces each partial by its nodes (once checked, partials are known to exist and not to nest). */
export function inlinePartials(nodes: Node[], partials: (name: string) => Node[] | undefined): Node[] {
  return nodes.flatMap((n): Node[] => {
    if (n.t === 'partial') return partials(n.name) ?? [];
    if (n.t === 'if')
      return [{ ...n, yes: inlinePartials(n.yes, partials), no: inlinePartials(n.no, partials) }];
    if (n.t === 'each') return [{ ...n, body: inlinePartials(n.body, partials) }];
    return [n];
  });
}
