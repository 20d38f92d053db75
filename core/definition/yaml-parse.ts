// Parses a campaign file's text (YAML; JSON is YAML too) into plain data, or the issues that stop it, with care
// for hostile input: repeated keys are found in linear time (yaml's own `uniqueKeys` check is quadratic: 100,000
// keys took minutes), `__proto__` keys are refused (they could reach an object's prototype), and an alias bomb
// (yaml refuses to expand it) is an issue naming the file, never an uncaught error.
import { type Document, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { parseNumber } from '../text/numbers';
import { HOSTILE } from './hostile-messages';
import type { DefinitionIssue } from './issues';
import { type Lang, languageOf, yamlSyntax } from './messages';

type Parsed = { value: unknown } | { issues: DefinitionIssue[]; lang: Lang };

/** Each key repeated in its map, and each `__proto__` key: one pass over every map, a Set each. */
function keyIssues(doc: Document, display: string, lines: LineCounter, lang: Lang): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file: display, path: [], line, column: col };
  };
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? map.range?.[0] ?? 0;
        if (key === '__proto__') {
          issues.push({ ...at(offset), code: 'forbidden_key', message: HOSTILE.protoKey[lang] });
        }
        if (!isScalar(pair.key)) {
          // A list or a mapping as a key: yaml would stringify it with a warning on the terminal; refused.
          if (pair.key !== null)
            issues.push({ ...at(offset), code: 'syntax', message: HOSTILE.collectionKey[lang] });
          continue;
        }
        const first = seen.get(key);
        if (first === undefined) seen.set(key, offset);
        else {
          const message = yamlSyntax('DUPLICATE_KEY', 'Map keys must be unique')[lang];
          issues.push({ ...at(offset), code: 'syntax', message });
        }
      }
    },
  });
  return issues;
}

/** The document as plain data, or why it cannot be (an alias bomb, above all). */
function toData(doc: Document, display: string, lang: Lang): { value: unknown } | { issue: DefinitionIssue } {
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    const message = err instanceof ReferenceError ? HOSTILE.aliasBomb : HOSTILE.yamlUnreadable(String(err));
    return { issue: { file: display, path: [], code: 'syntax', message: message[lang] } };
  }
}

/**
 * Parses YAML (JSON is YAML too); syntax errors name the line and column, in `lang`, by default the language of
 * the `campaign.language` the file says as far as it could be read (`vi` without one).
 */
/** A number as a Vietnamese writes it with thousands separators: 1.000, 12.345.678, 1.500,5. */
const GROUPED = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;

/**
 * Plain scalars written with Vietnamese thousands separators read as the numbers they are: YAML would read
 * `1.000` as one and `1.500` as one and a half (a submission's figures: client/payload.ts).
 */
function vietnameseNumbers(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.type !== 'PLAIN' || typeof node.source !== 'string' || !GROUPED.test(node.source)) return;
      const n = parseNumber(node.source, 'vi');
      if (n !== undefined) node.value = n;
    },
  });
}

/** `numbers: 'vi'`: plain numbers with Vietnamese thousands separators read as such (submissions only). */
export function parseYamlOrJson(
  text: string,
  display: string,
  lang?: Lang,
  opts: { numbers?: 'vi' } = {},
): Parsed {
  // With prettyErrors off, yaml leaves e.linePos unset: a LineCounter turns e.pos into line and column.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    prettyErrors: false,
    uniqueKeys: false,
    lineCounter,
    // Problems become issues (keyIssues), never warnings printed on the terminal.
    logLevel: 'error',
  });
  if (opts.numbers === 'vi' && doc.errors.length === 0) vietnameseNumbers(doc);
  const data = doc.errors.length === 0 ? toData(doc, display, lang ?? 'vi') : undefined;
  const language = lang ?? (data && 'value' in data ? languageOf(data.value) : readableLanguage(doc));
  const syntax = doc.errors.map((e) => {
    const { line, col } = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    const message = yamlSyntax(e.code, e.message.split('\n')[0] ?? e.message)[language];
    return { file: display, path: [], line, column: col, code: 'syntax', message };
  });
  const issues = [...syntax, ...keyIssues(doc, display, lineCounter, language)];
  if (data && 'issue' in data) issues.push(data.issue);
  if (issues.length > 0) return { lang: language, issues };
  return { value: data && 'value' in data ? data.value : undefined };
}

/** The language a file with syntax errors says, as far as it can be read. */
function readableLanguage(doc: Document): Lang {
  try {
    return languageOf(doc.toJS({ maxAliasCount: 100 }));
  } catch {
    return 'vi';
  }
}
