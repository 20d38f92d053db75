// `dondoc draft`: from a plan's text to what a campaign file needs, each piece with the lines it came from. Pure:
// the text in, the findings out; yaml.ts writes them as a campaign file.
import { type RecipientOutcome, unitsFromFootnotes, unitsFromItems, unitsFromRecipients } from './collect';
import { type Header, readHeader, recipients } from './header';
import { type DraftMilestone, draftMilestones, minimumSites } from './milestones';
import { isGovernment, placesIn, rankOf } from './names';
import { citedIn, parseReference, type Reference } from './references';
import { type Item, items } from './structure';
import { flow, layout } from './text';
import { type DraftUnit, type Issuer, type Source, UnitBook } from './units';

export interface Findings {
  header: Header;
  issuer: Issuer & { known: boolean; sources: Source[] };
  units: DraftUnit[];
  milestones: DraftMilestone[];
  minimum?: { n: number; line: number; sentence: string };
  /** Documents cited elsewhere in the plan (body, footnotes), not among those it implements. */
  cited: Reference[];
  recipients: RecipientOutcome[];
  skipped: UnitBook['skipped'];
  /** Whom units contact, as the plan says ("qua Phòng Tham mưu, Công an tỉnh - liên hệ Đ/c …"). */
  contact?: { text: string; line: number };
  /** Lines in the text as read (for the summary). */
  lineCount: number;
}

function cleanName(name: string): string {
  return name
    .replace(/\s*\((?:sau đây gọi tắt là|viết tắt là|gọi tắt là)?\s*[^()]{1,30}\)\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "UBND TỈNH BẮC GIANG" → "Bắc Giang"; "Bắc Giang, ngày …" → "Bắc Giang". */
function placeOf(header: Header): string | undefined {
  for (const h of header.heading) {
    const m = /(?:TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|QUẬN)\s+([\p{Lu}\s]+)$/u.exec(h.text);
    if (m?.[1])
      return m[1]
        .trim()
        .toLowerCase()
        .replace(/(?:^|\s)\p{L}/gu, (c) => c.toUpperCase());
  }
  return header.date?.place;
}

/** "BAN CHỈ ĐẠO PCTP, TNXH VÀ XDPTTDBVANTQ" → "Ban chỉ đạo PCTP, TNXH và XDPTTDBVANTQ": acronyms kept. */
function fromCapitals(text: string): string {
  const syllable =
    /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?$/u;
  const words = text.split(/(\s+|,)/u).map((w) => {
    const plain = w.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D').toLowerCase();
    return /\p{L}/u.test(w) && syllable.test(plain) ? w.toLowerCase() : w;
  });
  const s = words.join('');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function issuerOf(header: Header): Findings['issuer'] {
  const headingName = header.heading[header.heading.length - 1]?.text;
  const statement = header.statement?.name ? cleanName(header.statement.name) : undefined;
  const place = placeOf(header);
  let name = statement ?? (headingName ? fromCapitals(headingName) : '');
  if (place && /(?:^|\s)(?:tỉnh|huyện|Tỉnh|Huyện)$/u.test(name)) name = `${name} ${place}`;
  const said = [statement, ...header.heading.map((h) => h.text)].filter((s): s is string => Boolean(s));
  const rank = said.map(rankOf).find((r) => r > 0) ?? 0;
  const sources: Source[] = [
    ...header.heading.flatMap((h) => h.lines.map((line) => ({ line, how: 'tiêu đề văn bản' }))),
    ...(header.statement ? [{ line: header.statement.line, how: 'phần mở đầu' }] : []),
  ];
  return { name, rank, government: said.some(isGovernment), known: name !== '', sources };
}

function citedElsewhere(
  texts: { text: string; lineAt: (i: number) => number }[],
  implemented: Reference[],
): Reference[] {
  const seen = new Set(implemented.map((r) => r.number).filter(Boolean));
  const out: Reference[] = [];
  for (const t of texts) {
    for (const c of citedIn(t.text)) {
      const ref = parseReference(c.raw, [t.lineAt(c.index)]);
      if (ref.number && seen.has(ref.number)) continue;
      if (ref.number) seen.add(ref.number);
      out.push(ref);
    }
  }
  return out;
}

function contactOf(all: readonly Item[]): Findings['contact'] {
  for (const it of all) {
    const m = /\((?:qua\s+)?([^()]*?liên hệ[^()]*)\)/u.exec(it.text.text);
    if (m?.[1]) return { text: m[1].replace(/\s+/g, ' ').trim(), line: it.text.lineAt(m.index) };
  }
  return undefined;
}

/** Everything `dondoc draft` finds in a plan's text. */
export function readPlan(text: string): Findings {
  const lay = layout(text);
  const { header, rest } = readHeader(lay.body, lay.lines);
  const recipientBlock = recipients(lay.body);
  const all = items(lay.body.slice(rest, Math.max(rest, recipientBlock.at)), lay.wrapped ? lay.width : 100);
  const issuer = issuerOf(header);
  const book = new UnitBook(issuer);
  unitsFromItems(book, all);
  unitsFromFootnotes(book, lay.footnotes, all);
  const outcomes = unitsFromRecipients(book, recipientBlock.entries);
  const year = header.year?.value;
  const title = header.title?.text ?? '';
  const milestones = draftMilestones(all, { book, year, title });
  const minimum = minimumSites(all);
  const contact = contactOf(all);
  const root = { name: issuer.name, sources: issuer.sources };
  const noteFlows = lay.footnotes.map((n) => flow(n.lines));
  const cited = citedElsewhere([...all.map((it) => it.text), ...noteFlows], header.references);
  return {
    header,
    issuer,
    units: book.finish(root),
    milestones,
    ...(minimum ? { minimum } : {}),
    ...(contact ? { contact } : {}),
    cited,
    recipients: outcomes,
    skipped: book.skipped,
    lineCount: lay.lines.length,
  };
}

/** The place name in the issuer's name or heading, for the campaign's id ("UBND huyện Bình Sơn" → "Bình Sơn"). */
export function placeForId(f: Findings): string | undefined {
  const fromName = placesIn(f.issuer.name)[0]?.mention;
  if (fromName && fromName.type === 'district') return fromName.key.slice('huyen:'.length);
  return placeOf(f.header);
}
