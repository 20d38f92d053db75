// The checks every draft of a seed must pass, whatever the plan came as (text, DOCX, PDF): the header, each
// deadline and window with its exact instant and its source quoted above it, the units the plan names.
import { formatVnDate, parseDue, parseWindow } from '../../core/calendar/phrases';
import { dueInstant, startOfDay } from '../../core/calendar/schedule';
import { isPlaceholder } from '../../core/definition/placeholders';
import type { ExpectedMilestone, ExpectedPlan } from './expected';
import type { DraftFile } from './support';

const ZONE = 'Asia/Ho_Chi_Minh';

function flat(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\s*\n#?\s*/g, ' ')
    .replace(/\s+/g, ' ');
}

/**
 * Where a milestone's comment says its phrase starts: `lines` are the lines of the text the draft was made from
 * (for a PDF they differ from the .txt's), or undefined to expect the .txt's line numbers.
 */
export interface LineCheck {
  lines?: string[];
}

function instantOf(m: Record<string, unknown>): { due?: string; opens?: string; closes?: string } {
  if (typeof m.due === 'string') {
    const due = parseDue(m.due);
    if (!due) throw new Error(`unreadable due '${m.due}'`);
    return { due: dueInstant(due, ZONE).toISO() ?? '' };
  }
  const w = typeof m.window === 'string' ? parseWindow(m.window) : undefined;
  if (!w) throw new Error(`unreadable window ${JSON.stringify(m.window)}`);
  return {
    opens: startOfDay(w.from, ZONE).toISO() ?? '',
    closes: startOfDay(w.to, ZONE).plus({ days: 1 }).toISO() ?? '',
  };
}

function ownerNames(draft: DraftFile, applies: unknown): string[] {
  const a = applies as { units?: string[]; levels?: string[] };
  const units = (a.units ?? []).map((id) => draft.data.units.find((u) => u.id === id)?.name ?? `?${id}`);
  const levels = (a.levels ?? []).map((id) => draft.data.levels.find((l) => l.id === id)?.name ?? `?${id}`);
  return [...units, ...levels];
}

function sourceLine(comment: string): number {
  const m = /Nguồn: dòng (\d+)/u.exec(comment);
  if (!m) throw new Error(`no source line in the comment:\n${comment}`);
  return Number(m[1]);
}

export function checkMilestone(
  draft: DraftFile,
  index: number,
  want: ExpectedMilestone,
  at: LineCheck,
): void {
  const m = draft.data.milestones[index] as Record<string, unknown>;
  expect(m.kind).toBe(want.kind);
  expect(instantOf(m)).toEqual({
    ...(want.due ? { due: want.due } : {}),
    ...(want.opens ? { opens: want.opens, closes: want.closes } : {}),
  });
  const comment = flat(draft.comment(['milestones', index]));
  expect(comment).toContain(`"${want.phrase}"`);
  expect(comment).toContain(want.quote);
  const line = sourceLine(comment);
  if (at.lines) {
    // The line cited holds the start of the phrase, and the phrase runs on from it.
    const [first] = want.phrase.split(' ');
    expect(at.lines[line - 1]).toContain(`${first} `);
    expect(flat(at.lines.slice(line - 1, line + 2).join(' '))).toContain(want.phrase);
  } else {
    expect(line).toBe(want.line);
  }
  if (want.owners) {
    const names = ownerNames(draft, m.appliesTo).join(' | ').toLowerCase();
    for (const o of want.owners) expect(names).toContain(o.toLowerCase());
  } else {
    expect(isPlaceholder(m.appliesTo)).toBe(true);
  }
  if (want.period) expect(m.period).toBe(want.period);
}

export function checkHeader(draft: DraftFile, plan: ExpectedPlan, at: LineCheck): void {
  const c = draft.data.campaign;
  expect(draft.data.units[0]?.name).toBe(plan.issuer);
  expect(c.title).toBe(plan.title);
  expect(isPlaceholder(c.document.number)).toBe(true);
  if (plan.number.raw) expect(c.document.number).toContain(plan.number.raw);
  expect(isPlaceholder(c.document.issued)).toBe(true);
  expect(c.document.issued).toContain(plan.date.hint);
  const refs = flat(draft.comment(['campaign', 'implements']));
  // A list of references, each split into its parts; the comment above it says where each was read.
  expect(c.implements).toHaveLength(plan.implements.length);
  for (const r of plan.implements) {
    expect(c.implements).toContainEqual(
      expect.objectContaining({
        type: r.type,
        number: r.number,
        date: formatVnDate(r.date),
        issuer: expect.stringContaining(r.issuer),
      }),
    );
    if (!at.lines) expect(refs).toContain(`[dòng ${r.lines[0]}–${r.lines[1]}]`);
  }
  if (!at.lines) {
    // The issuer's comment cites the lines naming it: "(dòng 4, 6)", "(dòng 36)".
    const root = flat(draft.comment(['units', 0])).replace(/^.*Cơ quan ban hành, theo /su, '');
    const cited = [...root.matchAll(/dòng ([\d, ]+)/gu)].flatMap((m) => (m[1] ?? '').split(', ').map(Number));
    expect(cited).toEqual(expect.arrayContaining(plan.issuerLines));
    if (plan.number.line)
      expect(flat(draft.comment(['campaign', 'document', 'number']))).toContain(`dòng ${plan.number.line}`);
    if (plan.date.line)
      expect(flat(draft.comment(['campaign', 'document', 'issued']))).toContain(`dòng ${plan.date.line}`);
  }
}

export function checkUnits(draft: DraftFile, plan: ExpectedPlan): void {
  const units = draft.data.units;
  for (const want of plan.units) {
    const u =
      units.find((x) => x.name === want.name) ??
      units.find((x) => x.level === 'huyen' && x.name.endsWith(` ${want.name}`));
    expect({ name: want.name, found: Boolean(u) }).toEqual({ name: want.name, found: true });
    if (!u) continue;
    expect(u.emails.every(isPlaceholder)).toBe(true);
    if (want.parent) {
      const parent = units.find((x) => x.id === u.parent);
      expect({ unit: want.name, parent: parent?.name.endsWith(` ${want.parent}`) }).toEqual({
        unit: want.name,
        parent: true,
      });
    }
  }
  const groups = units.filter((u) => isPlaceholder(u.name)).map((u) => u.name.toLowerCase());
  for (const g of plan.groups) expect(groups.some((n) => n.includes(g.toLowerCase()))).toBe(true);
  // Every unit once: no name twice.
  const names = units.filter((u) => !isPlaceholder(u.name)).map((u) => u.name);
  expect(new Set(names).size).toBe(names.length);
}

export function checkDraft(draft: DraftFile, plan: ExpectedPlan, at: LineCheck = {}): void {
  checkHeader(draft, plan, at);
  const kinds = draft.data.milestones.map((m) => m.kind);
  expect(kinds).toEqual(plan.milestones.map((m) => m.kind));
  plan.milestones.forEach((want, i) => {
    checkMilestone(draft, i, want, at);
  });
  checkUnits(draft, plan);
}
