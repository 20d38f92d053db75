// Parsing a template with Handlebars, and explaining a syntax error the way a template author needs it: which
// tag, on which line, and what to write instead. Handlebars' own message ("Expecting 'OPEN_ENDBLOCK', got
// 'EOF'") is replaced by walking the tokens of Handlebars' own lexer. Pure: no I/O.
import Handlebars from 'handlebars';
import type { Text } from '../../core/definition/messages';
import { parse } from './handlebars';
import { TPL } from './template-words';

export interface Pos {
  line: number;
  column: number;
}

export interface TemplateProblem {
  at: Pos;
  code: string;
  /** In both languages (template-words.ts): the campaign's picks one. */
  message: Text;
  /** The placeholder, helper or partial concerned. */
  name?: string;
  /** Set when the problem is inside this partial rather than the template itself. */
  partial?: string;
}

interface Token {
  type: string;
  text: string;
  at: Pos;
}

/** Handlebars' tokens, up to EOF or the first the lexer cannot read (kept as INVALID). */
interface Lexer {
  setInput(s: string): void;
  lex(): number | string;
  yytext: string;
  yylloc: { first_line: number; first_column: number };
}

/** Handlebars' jison parser: its lexer and its token names (not in its published types). */
const PARSER = (Handlebars as unknown as { Parser: { lexer: Lexer; terminals_: Record<number, string> } })
  .Parser;

function tokens(src: string): Token[] {
  const lexer = PARSER.lexer;
  const names = PARSER.terminals_;
  const out: Token[] = [];
  lexer.setInput(src);
  for (;;) {
    let t: number | string;
    try {
      t = lexer.lex();
    } catch {
      out.push({ type: 'INVALID', text: '', at: { line: 0, column: 0 } });
      break;
    }
    const type = typeof t === 'number' ? (names[t] ?? String(t)) : t;
    out.push({
      type,
      text: lexer.yytext,
      at: { line: lexer.yylloc.first_line, column: lexer.yylloc.first_column + 1 },
    });
    if (type === 'EOF') break;
  }
  return out;
}

const CLOSES = new Set(['CLOSE', 'CLOSE_UNESCAPED', 'CLOSE_RAW_BLOCK']);

interface Tag {
  open: Token;
  /** The tag's words (without braces and sigils), as written. */
  words: string[];
  closed: boolean;
  invalid: boolean;
}

/** Groups the tokens into tags: from an opening token to its closing `}}`. */
function tags(list: Token[]): Tag[] {
  const out: Tag[] = [];
  let cur: Tag | undefined;
  for (const t of list) {
    if (!cur) {
      if (t.type.startsWith('OPEN') || t.type === 'INVERSE') {
        cur = { open: t, words: [], closed: t.type === 'INVERSE', invalid: false };
        if (cur.closed) {
          out.push(cur);
          cur = undefined;
        }
      }
      continue;
    }
    if (CLOSES.has(t.type)) {
      cur.closed = true;
      out.push(cur);
      cur = undefined;
    } else if (t.type === 'EOF') {
      break;
    } else {
      if (t.type === 'INVALID') cur.invalid = true;
      if (t.type === 'SEP') cur.words[cur.words.length - 1] += t.text;
      else if (cur.words.length > 0 && /[./]$/.test(cur.words[cur.words.length - 1] as string))
        cur.words[cur.words.length - 1] += t.text;
      else cur.words.push(t.text);
    }
  }
  if (cur) out.push(cur);
  return out;
}

interface Open {
  block: string;
  name: string;
  at: Pos;
  hasElse: boolean;
}

/** The first problem the tags show, in the order a reader meets them; undefined if none is recognised. */
function explain(src: string): TemplateProblem | undefined {
  const stack: Open[] = [];
  for (const tag of tags(tokens(src))) {
    const { open, words } = tag;
    const raw = `${open.type === 'INVERSE' ? open.text.slice(2, -2) : open.text.slice(2)}${words.join(' ')}`;
    if (!tag.closed) return { at: open.at, code: 'unclosed_tag', message: TPL.unclosedTag };
    if (tag.invalid) return { at: open.at, code: 'malformed_tag', message: TPL.notAPlaceholder(raw) };
    const top = stack[stack.length - 1];
    if (open.type === 'OPEN_BLOCK' || open.type === 'OPEN_INVERSE') {
      stack.push({ block: words[0] ?? '', name: words.slice(1).join(' '), at: open.at, hasElse: false });
    } else if (open.type === 'OPEN_ENDBLOCK') {
      const block = words[0] ?? '';
      if (!top) return { at: open.at, code: 'unopened_block', message: TPL.closesNothing(block) };
      if (top.block !== block) {
        return {
          at: open.at,
          code: 'mismatched_block',
          message: TPL.mismatched(block, top.block, top.name, top.at.line),
        };
      }
      stack.pop();
    } else if (open.type === 'INVERSE' || open.type === 'OPEN_INVERSE_CHAIN') {
      if (!top) return { at: open.at, code: 'misplaced_else', message: TPL.elseOutside };
      if (top.hasElse && open.type === 'INVERSE')
        return { at: open.at, code: 'misplaced_else', message: TPL.elseTwice(top.block) };
      top.hasElse = open.type === 'INVERSE';
    }
  }
  const open = stack[stack.length - 1];
  if (open) return { at: open.at, code: 'unclosed_block', message: TPL.unclosedBlock(open.block, open.name) };
  return undefined;
}

/** Handlebars' AST of a template, or the syntax problem that stops it (one: the first). */
export function parseTemplate(src: string): { ast?: hbs.AST.Program; problems: TemplateProblem[] } {
  try {
    return { ast: parse(src), problems: [] };
  } catch (err) {
    const found = explain(src);
    if (found) return { problems: [found] };
    const e = err as Error & { lineNumber?: number; column?: number };
    const line = e.lineNumber ?? Number(/line (\d+)/.exec(e.message)?.[1] ?? 1);
    const detail = e.message.split('\n').pop() ?? e.message;
    return {
      problems: [
        { at: { line, column: (e.column ?? 0) + 1 }, code: 'syntax_error', message: TPL.syntax(detail) },
      ],
    };
  }
}
