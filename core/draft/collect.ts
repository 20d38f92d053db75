// Where a plan names its units: the headings and subjects of its responsibilities section ("III. TỔ CHỨC THỰC
// HIỆN": "3. Sở Nội vụ", "đề nghị các sở, ban, ngành …"), communes and districts anywhere in its body,
// footnotes listing selected units ("1 Xã Đại Sơn (huyện Sơn Động); …"), and "Nơi nhận". Pure.
import { classifyName, groupsIn, namesIn, placesIn, slug } from './names';
import { bodyOf, clauses, type Item, itemPath, sentences } from './structure';
import { subjectOf } from './subject';
import { flow, type Layout } from './text';
import type { UnitBook } from './units';

const RESPONSIBILITIES = /TỔ CHỨC THỰC HIỆN|TRÁCH NHIỆM|PHÂN CÔNG/iu;

function firstClause(text: string): string {
  const s = sentences(text)[0];
  const c = s ? clauses(text, s)[0] : undefined;
  return c ? text.slice(c.start, c.end) : '';
}

/** The responsibilities section's headings, subjects and groups, and every commune and district named. */
export function unitsFromItems(book: UnitBook, all: readonly Item[]): void {
  const inSection = all.filter((it) => it.section && RESPONSIBILITIES.test(it.section));
  const owners = inSection.length > 0 ? inSection : all.filter((it) => it.depth >= 1);
  for (const item of owners) {
    const line = item.lines[0]?.n ?? 0;
    const how = `mục ${itemPath(item)}`;
    if (item.heading) for (const m of namesIn(item.heading)) book.add(m, { line, how: `tiêu đề ${how}` });
    for (const m of namesIn(subjectOf(firstClause(bodyOf(item))))) book.add(m, { line, how });
    for (const g of groupsIn(item.text.text).found) {
      book.add(g.mention, { line: item.text.lineAt(g.index), how });
    }
  }
  for (const item of all) {
    for (const p of placesIn(item.text.text)) {
      book.add(p.mention, { line: item.text.lineAt(p.index), how: `mục ${itemPath(item)}` });
    }
  }
}

/** The item citing footnote `n` ("… ANTQ1 để chỉ đạo …"), if any. */
function citing(all: readonly Item[], n: number): Item | undefined {
  const re = new RegExp(String.raw`[\p{L}\p{M}”),]${n}(?=[\s.,;:]|$)`, 'u');
  return all.find((it) => re.test(it.text.text));
}

/** Footnotes that list units ("Xã Đại Sơn (huyện Sơn Động); …"): each unit, tagged by the item citing it. */
export function unitsFromFootnotes(
  book: UnitBook,
  footnotes: Layout['footnotes'],
  all: readonly Item[],
): number {
  let listed = 0;
  for (const note of footnotes) {
    const f = flow(note.lines);
    const pieces = [...f.text.matchAll(/[^;]+/gu)].map((m) => ({ text: m[0], index: m.index ?? 0 }));
    const named = pieces.map((p) => ({ ...p, mention: classifyName(p.text) }));
    const units = named.filter((p) => p.mention && p.mention.type !== 'government');
    if (units.length < 2 || units.length * 2 < pieces.length) continue;
    const cite = note.number === undefined ? undefined : citing(all, note.number);
    const how = `chú thích ${note.number ?? ''}${cite ? ` (mục ${itemPath(cite)})` : ''}`.trim();
    const tags = cite ? [slug(`muc ${itemPath(cite)}`)] : note.number ? [`chu-thich-${note.number}`] : [];
    for (const p of units) {
      if (!p.mention) continue;
      const line = f.lineAt(p.index + (p.text.length - p.text.trimStart().length));
      for (const place of placesIn(p.text)) {
        if (place.mention.type === 'district') book.add(place.mention, { line, how });
      }
      if (book.add(p.mention, { line, how }, tags)) listed++;
    }
  }
  return listed;
}

export interface RecipientOutcome {
  text: string;
  line: number;
  /** Keys of the units it added (empty: not a unit below the issuer). */
  keys: string[];
}

/** "Nơi nhận": each entry's units and groups; people, superiors and the archive ("Lưu") add nothing. */
export function unitsFromRecipients(
  book: UnitBook,
  entries: { text: string; line: number }[],
): RecipientOutcome[] {
  return entries.map((e) => {
    const text = e.text.replace(/:.*$/u, '');
    const keys = namesIn(text).flatMap((m) => book.add(m, { line: e.line, how: 'Nơi nhận' }) ?? []);
    return { text: e.text, line: e.line, keys: [...new Set(keys)] };
  });
}
