// The units a plan names, as a list to complete: the issuer (root), offices, districts, communes, schools and
// enterprises, and groups ("UBND các xã, thị trấn") to be listed one unit at a time; duplicates merged, levels
// guessed from the issuer's rank, parents from the text where it says them. Pure.
import { type GroupKind, type Mention, type Rank, rankOf, slug } from './names';

export interface Issuer {
  name: string;
  rank: Rank;
  /** A government body (UBND, Ban Chỉ đạo) has offices and places below it; an office has only its divisions. */
  government: boolean;
}

export interface Level {
  id: string;
  name: string;
}

/** Where a unit was named: its line and how ("mục III.3", "chú thích 1", "Nơi nhận"). */
export interface Source {
  line: number;
  how: string;
}

export interface DraftUnit {
  key: string;
  id: string;
  name: string;
  level: Level;
  /** The parent's id, or what to write when the text does not say it. */
  parent: { id: string } | { missing: string };
  tags: string[];
  group?: GroupKind;
  sources: Source[];
}

export const ROOT_ID = 'co-quan-ban-hanh';

/** The levels of a campaign issued by `issuer`: its own, then its offices', districts', communes', grassroots'. */
export function levelsFor(
  issuer: Issuer,
): Record<'root' | 'office' | 'district' | 'commune' | 'grassroots', Level> {
  const root: Level = !issuer.government
    ? { id: 'co-quan', name: 'Cơ quan ban hành' }
    : issuer.rank >= 3
      ? { id: 'tinh', name: 'Tỉnh' }
      : issuer.rank === 2
        ? { id: 'huyen', name: 'Huyện' }
        : issuer.rank === 1
          ? { id: 'xa', name: 'Xã' }
          : { id: 'co-quan', name: 'Cơ quan ban hành' };
  const office: Level = !issuer.government
    ? { id: 'phong-ban', name: 'Văn phòng, phòng, đơn vị trực thuộc' }
    : issuer.rank >= 3
      ? { id: 'so-nganh', name: 'Sở, ban, ngành, cơ quan cấp tỉnh' }
      : { id: 'phong-ban', name: 'Phòng, ban, cơ quan cấp huyện' };
  return {
    root,
    office,
    district: { id: 'huyen', name: 'Huyện, thị xã, thành phố' },
    commune: { id: 'xa', name: 'Xã, phường, thị trấn' },
    grassroots: { id: 'co-so', name: 'Cơ quan, doanh nghiệp, cơ sở giáo dục' },
  };
}

type Entry = { mention: Exclude<Mention, { type: 'government' }>; sources: Source[]; tags: Set<string> };

/** Collects the units a plan names; `add` says whether a name is a unit below the issuer. */
export class UnitBook {
  private readonly entries = new Map<string, Entry>();
  readonly skipped: { name: string; source: Source; why: string }[] = [];

  constructor(readonly issuer: Issuer) {}

  /** Adds a named unit (or group) below the issuer; returns its key, or undefined when it is not one. */
  add(mention: Mention, source: Source, tags: string[] = []): string | undefined {
    const why = this.notBelow(mention);
    if (why) {
      this.skipped.push({ name: mention.name, source, why });
      return undefined;
    }
    const m = mention as Entry['mention'];
    const seen = this.entries.get(m.key);
    if (!seen) {
      this.entries.set(m.key, { mention: m, sources: [source], tags: new Set(tags) });
      return m.key;
    }
    if (!seen.sources.some((s) => s.line === source.line && s.how === source.how)) seen.sources.push(source);
    for (const t of tags) seen.tags.add(t);
    if (m.type === 'district' && m.named && seen.mention.type === 'district' && !seen.mention.named)
      seen.mention = m;
    if ('district' in m && m.district && !('district' in seen.mention && seen.mention.district)) {
      seen.mention = { ...seen.mention, district: m.district } as Entry['mention'];
    }
    return m.key;
  }

  private notBelow(m: Mention): string | undefined {
    const { rank, government } = this.issuer;
    if (m.type === 'government') {
      return m.rank > rank ? 'cơ quan cấp trên' : 'cơ quan ban hành, lãnh đạo hoặc cơ quan cùng cấp';
    }
    if (m.type === 'district' && (rank < 3 || !government))
      return 'cùng cấp hoặc cấp trên của cơ quan ban hành';
    if (m.type === 'commune' && rank < 2) return 'cùng cấp hoặc cấp trên của cơ quan ban hành';
    if (m.type === 'group' && m.group === 'districts' && (rank < 3 || !government))
      return 'không dưới cơ quan ban hành';
    if (m.type === 'group' && m.group === 'communes' && rank < 2) return 'không dưới cơ quan ban hành';
    if (
      m.type === 'department' &&
      !government &&
      /(?<![\p{L}])(?:tỉnh|huyện|Tỉnh|Huyện)(?![\p{L}])/u.test(m.name)
    ) {
      return 'cơ quan ngoài cơ quan ban hành';
    }
    if (m.type === 'department' && government && rankOf(m.name) > rank) return 'cơ quan cấp trên';
    return undefined;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The units with ids, levels and parents, the root first. */
  finish(root: { name: string; sources: Source[] }): DraftUnit[] {
    const levels = levelsFor(this.issuer);
    const ids = new Set<string>([ROOT_ID]);
    const unique = (base: string): string => {
      let id = base || 'don-vi';
      for (let k = 2; ids.has(id); k++) id = `${base}-${k}`;
      ids.add(id);
      return id;
    };
    const out: DraftUnit[] = [
      {
        key: 'root',
        id: ROOT_ID,
        name: root.name,
        level: levels.root,
        parent: { id: '' },
        tags: [],
        sources: root.sources,
      },
    ];
    const byKey = new Map<string, DraftUnit>();
    for (const e of this.entries.values()) {
      const u = this.unitOf(e, levels, unique);
      byKey.set(e.mention.key, u);
      out.push(u);
    }
    for (const u of out.slice(1)) this.parentOf(u, byKey);
    return order(out);
  }

  private unitOf(e: Entry, levels: ReturnType<typeof levelsFor>, unique: (b: string) => string): DraftUnit {
    const m = e.mention;
    const base = { key: m.key, tags: [...e.tags], sources: e.sources, parent: { id: ROOT_ID } };
    switch (m.type) {
      case 'district': {
        const canonical = m.key.slice('huyen:'.length);
        return { ...base, id: unique(slug(`huyen ${canonical}`)), name: m.name, level: levels.district };
      }
      case 'commune':
        return { ...base, id: unique(slug(m.name)), name: m.name, level: levels.commune };
      case 'group': {
        const level = levelOfGroup(m.group, levels);
        return { ...base, id: unique(`nhom-${level.id}`), name: m.name, level, group: m.group };
      }
      default: {
        const level = m.type === 'enterprise' ? levels.grassroots : levels.office;
        return { ...base, id: unique(slug(m.name.replace(/\s*\([^()]*\)$/u, ''))), name: m.name, level };
      }
    }
  }

  private parentOf(u: DraftUnit, byKey: Map<string, DraftUnit>): void {
    const m = this.entries.get(u.key)?.mention;
    if (!m) return;
    const district = 'district' in m && m.district ? byKey.get(m.district) : undefined;
    const below =
      m.type === 'commune' ||
      m.type === 'enterprise' ||
      (m.type === 'group' && m.group !== 'departments' && m.group !== 'districts');
    if (district) u.parent = { id: district.id };
    else if (below && this.issuer.rank >= 3 && this.issuer.government) {
      u.parent = {
        missing: `đơn vị cấp trên (huyện, thị xã, thành phố) của ${u.group ? `từng đơn vị trong nhóm "${u.name}"` : u.name}`,
      };
    }
  }
}

function levelOfGroup(group: GroupKind, levels: ReturnType<typeof levelsFor>): Level {
  if (group === 'districts') return levels.district;
  if (group === 'communes') return levels.commune;
  if (group === 'grassroots') return levels.grassroots;
  return levels.office;
}

/** Root, then each level in order, a parent's children after it; groups last in their level. */
function order(units: DraftUnit[]): DraftUnit[] {
  const [root, ...rest] = units;
  const levelOrder = ['so-nganh', 'phong-ban', 'huyen', 'xa', 'co-so'];
  const rankOfUnit = (u: DraftUnit) => levelOrder.indexOf(u.level.id) * 2 + (u.group ? 1 : 0);
  const sorted = rest
    .map((u, i) => ({ u, i }))
    .sort((a, b) => rankOfUnit(a.u) - rankOfUnit(b.u) || a.i - b.i)
    .map((x) => x.u);
  return root ? [root, ...sorted] : sorted;
}
