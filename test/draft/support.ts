// Helpers of the `dondoc draft` tests: the seed plans as text, DOCX (built with the docx package) and PDF (printed
// by a real Chromium), the command line in-process, and a draft read back, its comments and placeholders, and
// filled as an administrator would.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document as DocxDocument, Packer, Paragraph, TextRun } from 'docx';
import type { Browser } from 'playwright-core';
import { type Document, isMap, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { formatPath, type PathSegment } from '../../core/definition/issues';
import { findPlaceholders } from '../../core/definition/placeholders';
import { type CliRun, runCli } from '../support/run-cli';
import type { ExpectedPlan, Seed } from './expected';

export const SEED_DIR = path.join(__dirname, 'seeds');

export function seedText(seed: Seed): string {
  return readFileSync(path.join(SEED_DIR, `${seed}.txt`), 'utf8');
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'dondoc-draft-'));
}

export type Run = CliRun;

/** `dondoc <args>` in-process, with no Temporal settings (draft and validate need no server). */
export function dondoc(...args: string[]): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_')));
  return runCli({ ...env, TEMPORAL_ADDRESS: '127.0.0.1:1' }, ...args);
}

/** The seed as a DOCX: one paragraph per line of the text, blank lines included. */
export async function seedDocx(seed: Seed): Promise<Buffer> {
  const lines = seedText(seed).split('\n');
  const doc = new DocxDocument({
    sections: [
      { children: lines.map((l) => new Paragraph({ children: l.trim() === '' ? [] : [new TextRun(l)] })) },
    ],
  });
  return Packer.toBuffer(doc);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The seed printed to PDF by Chromium: its lines as they are, on pages wide enough not to wrap them. */
export async function seedPdf(seed: Seed, browser: Browser): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    const html = `<!doctype html><meta charset="utf-8"><pre style="font: 9px 'DejaVu Sans Mono', monospace">${escapeHtml(seedText(seed))}</pre>`;
    await page.setContent(html);
    return await page.pdf({ width: '420mm', height: '297mm', margin: { top: '10mm', bottom: '10mm' } });
  } finally {
    await page.close();
  }
}

/** A draft file read back: its data and, for a path, the comment above it. */
export class DraftFile {
  readonly doc: Document;
  readonly data: {
    campaign: Record<string, unknown> & { document: Record<string, unknown> };
    levels: { id: string; name: string }[];
    units: { id: string; name: string; level: string; parent?: string; emails: string[]; tags?: string[] }[];
    milestones: Record<string, unknown>[];
  };

  constructor(readonly text: string) {
    this.doc = parseDocument(text);
    if (this.doc.errors.length > 0) throw new Error(`the draft is not YAML: ${this.doc.errors[0]?.message}`);
    this.data = this.doc.toJS();
  }

  /** The comment written above the value at `path` (a list item, or a key). */
  comment(path: PathSegment[]): string {
    const last = path[path.length - 1];
    if (typeof last === 'number') {
      const own = (this.doc.getIn(path, true) as YAMLMap | undefined)?.commentBefore;
      // Read back, the comment above a list's first item belongs to the list.
      const list = last === 0 ? (this.doc.getIn(path.slice(0, -1), true) as YAMLMap | undefined) : undefined;
      return own ?? list?.commentBefore ?? '';
    }
    const parent = path.length === 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return '';
    const pair = parent.items.find((p) => (p.key as Scalar).value === last);
    const own = (pair?.key as Scalar | undefined)?.commentBefore;
    // Read back, the comment above a mapping's first key belongs to the mapping.
    return own ?? (pair && parent.items[0] === pair ? parent.commentBefore : undefined) ?? '';
  }

  /** Every placeholder's path, as validate prints it. */
  placeholders(): string[] {
    return findPlaceholders(this.data).map((p) => formatPath(p.path));
  }

  unit(name: string) {
    return this.data.units.find((u) => u.name === name);
  }
}

const OUTLINE = [{ id: 'sites', label: 'Số điểm tổ chức', type: 'integer', min: 0, aggregate: 'sum' }];

/** What an administrator writes at a placeholder's path; a path the test does not expect fails it. */
function filled(draft: DraftFile, p: PathSegment[], plan: ExpectedPlan): unknown {
  const where = formatPath(p);
  const [top, index, key] = p;
  if (where === 'campaign.document.number') return '123/KH-BCĐ';
  if (where === 'campaign.document.issued') return plan.fill.issued;
  if (top === 'units' && typeof index === 'number') {
    const id = draft.data.units[index]?.id ?? `u${index}`;
    if (key === 'emails') return `${id}@example.org`;
    if (key === 'name') return `Đơn vị của nhóm ${id}`;
    if (key === 'parent') return 'co-quan-ban-hanh';
  }
  if (top === 'milestones' && key === 'appliesTo') return plan.fill.appliesTo;
  if (top === 'milestones' && key === 'outline') return OUTLINE;
  throw new Error(`a placeholder the test did not expect: ${where}`);
}

/** The draft with every "<<CẦN ĐIỀN: …>>" replaced by a value, its comments kept. */
export function fillDraft(text: string, plan: ExpectedPlan): string {
  const draft = new DraftFile(text);
  for (const { path: p } of findPlaceholders(draft.data)) {
    draft.doc.setIn(p, draft.doc.createNode(filled(draft, p, plan)));
  }
  return draft.doc.toString({ lineWidth: 0 });
}
