// The template language: `{{name}}`, `{{#if name}}…{{else}}…{{/if}}`, `{{#unless name}}…{{/unless}}`,
// `{{#each list}}…{{/each}}`,
// `{{> partial}}` and `{{! comment}}`. A block tag alone on its line takes the line with it.
// Pure: no I/O, no time.

import type { Text } from '../../core/definition/messages';
import { TPL } from './template-words';

export interface Pos {
  line: number;
  column: number;
}

export type Node =
  | { t: 'text'; s: string }
  | { t: 'var'; name: string; at: Pos }
  | { t: 'if'; name: string; negate: boolean; yes: Node[]; no: Node[]; at: Pos }
  | { t: 'each'; name: string; body: Node[]; at: Pos }
  | { t: 'partial'; name: string; at: Pos };

export interface TemplateProblem {
  at: Pos;
  code: string;
  /** In both languages (template-words.ts): the campaign's picks one. */
  message: Text;
  /** The placeholder or partial concerned. */
  name?: string;
  /** Set when the problem is inside this partial rather than the template itself. */
  partial?: string;
}

const NAME = String.raw`[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*`;
const VAR = new RegExp(`^${NAME}$`);
const BLOCK = new RegExp(`^#(if|unless|each)\\s+(${NAME})$`);
const PARTIAL = /^>\s*([A-Za-z][A-Za-z0-9-]*)$/;

type Tag =
  | { k: 'var'; name: string }
  | { k: 'open'; block: Block; name: string }
  | { k: 'else' }
  | { k: 'close'; block: string }
  | { k: 'partial'; name: string }
  | { k: 'comment' }
  /** `opens`: a malformed block tag, whose closing tag is then not reported again. */
  | { k: 'bad'; code: string; message: Text; opens?: string };

function classify(raw: string): Tag {
  const s = raw.trim();
  if (s.startsWith('!')) return { k: 'comment' };
  if (s.includes('{{')) return { k: 'bad', code: 'malformed_tag', message: TPL.noClosing(raw) };
  const block = BLOCK.exec(s);
  if (block) return { k: 'open', block: block[1] as Block, name: block[2] as string };
  if (s.startsWith('#')) {
    return {
      k: 'bad',
      opens: s.slice(1).split(/\s/)[0] ?? '',
      code: 'malformed_tag',
      message: TPL.notABlock(raw),
    };
  }
  if (s === 'else') return { k: 'else' };
  if (s.startsWith('/')) return { k: 'close', block: s.slice(1).trim() };
  const partial = PARTIAL.exec(s);
  if (partial) return { k: 'partial', name: partial[1] as string };
  if (VAR.test(s)) return { k: 'var', name: s };
  return {
    k: 'bad',
    code: 'malformed_tag',
    message: TPL.notAPlaceholder(raw),
  };
}

function positionOf(src: string, offset: number): Pos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (src[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

interface Token {
  tag: Tag;
  at: Pos;
  /** The source range the token removes: the tag, or its whole line when it stands alone. */
  from: number;
  to: number;
}

function standalone(src: string, start: number, end: number): { from: number; to: number } | undefined {
  const lineStart = src.lastIndexOf('\n', start - 1) + 1;
  if (!/^[ \t]*$/.test(src.slice(lineStart, start))) return undefined;
  const nl = src.indexOf('\n', end);
  const lineEnd = nl < 0 ? src.length : nl + 1;
  if (!/^[ \t]*\r?\n?$/.test(src.slice(end, lineEnd))) return undefined;
  return { from: lineStart, to: lineEnd };
}

function tokenize(src: string, problems: TemplateProblem[]): (Token | string)[] {
  const out: (Token | string)[] = [];
  let cursor = 0;
  const text = (upTo: number) => {
    const s = src.slice(cursor, upTo);
    const open = s.indexOf('{{');
    if (open >= 0) {
      problems.push({
        at: positionOf(src, cursor + open),
        code: 'unclosed_tag',
        message: TPL.unclosedTag,
      });
    }
    if (s) out.push(s);
  };
  for (const m of src.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const tag = classify(m[1] ?? '');
    const alone = tag.k === 'var' ? undefined : standalone(src, start, end);
    const from = alone && alone.from >= cursor ? alone.from : start;
    const to = alone && alone.from >= cursor ? alone.to : end;
    text(from);
    out.push({ tag, at: positionOf(src, start), from, to });
    cursor = to;
  }
  text(src.length);
  return out;
}

type Block = 'if' | 'unless' | 'each';

interface Frame {
  block: Block | 'root' | 'bad';
  name: string;
  at: Pos;
  nodes: Node[];
  elseNodes?: Node[];
}

/** `{{else}}`: starts the block's other branch, once, in an `{{#if}}` or `{{#unless}}` only. */
function elseTag(f: Frame, at: Pos, problems: TemplateProblem[]): void {
  if (f.block === 'bad') return;
  if (f.block === 'root' || f.block === 'each' || f.elseNodes) {
    problems.push({
      at,
      code: 'misplaced_else',
      message: f.elseNodes ? TPL.elseTwice(f.block) : TPL.elseOutside,
    });
  } else {
    f.elseNodes = [];
  }
}

/** A closing tag: pops its frame and gives the block's node, to be emitted into the frame below. */
function closeTag(stack: Frame[], block: string, at: Pos, problems: TemplateProblem[]): Node | undefined {
  const f = stack[stack.length - 1] as Frame;
  if (f.block === 'root') {
    problems.push({ at, code: 'unopened_block', message: TPL.closesNothing(block) });
    return undefined;
  }
  stack.pop();
  if (f.block === 'bad') return undefined;
  // A mismatched close is reported, then taken as the right one so that one slip makes one issue.
  if (f.block !== block) {
    problems.push({
      at,
      code: 'mismatched_block',
      message: TPL.mismatched(block, f.block, f.name, f.at.line),
    });
  }
  return f.block === 'each'
    ? { t: 'each', name: f.name, body: f.nodes, at: f.at }
    : { t: 'if', name: f.name, negate: f.block === 'unless', yes: f.nodes, no: f.elseNodes ?? [], at: f.at };
}

export function parseTemplate(src: string): { nodes: Node[]; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  const root: Frame = { block: 'root', name: '', at: { line: 1, column: 1 }, nodes: [] };
  const stack: Frame[] = [root];
  const top = () => stack[stack.length - 1] as Frame;
  const emit = (n: Node) => {
    const f = top();
    (f.elseNodes ?? f.nodes).push(n);
  };
  for (const tok of tokenize(src, problems)) {
    if (typeof tok === 'string') {
      emit({ t: 'text', s: tok });
      continue;
    }
    const { tag, at } = tok;
    switch (tag.k) {
      case 'comment':
        break;
      case 'bad':
        problems.push({ at, code: tag.code, message: tag.message });
        if (tag.opens !== undefined) stack.push({ block: 'bad', name: tag.opens, at, nodes: [] });
        break;
      case 'var':
        emit({ t: 'var', name: tag.name, at });
        break;
      case 'partial':
        emit({ t: 'partial', name: tag.name, at });
        break;
      case 'open':
        stack.push({ block: tag.block, name: tag.name, at, nodes: [] });
        break;
      case 'else':
        elseTag(top(), at, problems);
        break;
      case 'close': {
        const node = closeTag(stack, tag.block, at, problems);
        if (node) emit(node);
        break;
      }
    }
  }
  for (const f of stack.slice(1).reverse()) {
    if (f.block === 'bad') continue;
    problems.push({
      at: f.at,
      code: 'unclosed_block',
      message: TPL.unclosedBlock(f.block, f.name),
    });
  }
  return { nodes: root.nodes, problems };
}

export type Scalar = string | number | boolean | undefined;
/** Values by their full dotted name; a list holds one scope per item. */
export type Scope = { [name: string]: Scalar | Scope[] };

function truthy(v: Scalar | Scope[]): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}

export function render(nodes: Node[], scope: Scope, esc: (s: string) => string): string {
  let out = '';
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out += n.s;
        break;
      case 'var': {
        const v = scope[n.name];
        if (v !== undefined && !Array.isArray(v)) out += esc(String(v));
        break;
      }
      case 'if':
        out += render(truthy(scope[n.name]) !== n.negate ? n.yes : n.no, scope, esc);
        break;
      case 'each': {
        const items = scope[n.name];
        if (Array.isArray(items)) for (const item of items) out += render(n.body, { ...scope, ...item }, esc);
        break;
      }
      case 'partial':
        throw new Error(`partial {{> ${n.name}}} was not inlined`);
    }
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
