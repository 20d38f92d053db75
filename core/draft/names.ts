// Names of units as plans write them: communes and districts ("xã Hợp Đức", "huyện Tân Yên", "TP Bắc Giang"),
// offices ("Sở Nội vụ", "Công an huyện"), schools and enterprises, and groups ("UBND các xã, thị trấn",
// "các sở, ban, ngành"), each with a key that merges the ways of writing one unit. Pure.

/** Administrative rank: 4 national, 3 province, 2 district, 1 commune, 0 none said. */
export type Rank = 0 | 1 | 2 | 3 | 4;

export type GroupKind = 'departments' | 'districts' | 'communes' | 'grassroots';

export type Mention =
  | { type: 'commune'; name: string; key: string; district?: string }
  | { type: 'district'; name: string; key: string; named: boolean }
  | { type: 'department' | 'enterprise'; name: string; key: string; note?: string; district?: string }
  | { type: 'group'; group: GroupKind; name: string; key: string }
  | { type: 'government'; name: string; key: string; rank: Rank };

const WORD = String.raw`(?:\p{Lu}[\p{Ll}\p{M}]*|\d{1,2})`;
const PROPER = `${WORD}(?:[ ]${WORD}){0,3}`;
const COMMUNE = new RegExp(
  String.raw`(?<![\p{L}])(xã|Xã|phường|Phường|thị trấn|Thị trấn)[ ](${PROPER})`,
  'gu',
);
const DISTRICT = new RegExp(
  String.raw`(?<![\p{L}])(huyện|Huyện|thị xã|Thị xã|thành phố|Thành phố|TP\.?)[ ](${PROPER})`,
  'gu',
);

export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** "Ban Quản lý các Khu Công nghiệp tỉnh" → "ban-quan-ly-cac-khu-cong-nghiep-tinh", at most `max` characters. */
export function slug(s: string, max = 40): string {
  const full = stripDiacritics(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= max) return full;
  const cut = full.slice(0, max);
  return (cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut) || 'x';
}

function lowerKey(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const DISTRICT_NAME: Record<string, string> = { 'tp.': 'Thành phố', tp: 'Thành phố' };

function districtName(kind: string, proper: string): string {
  return `${DISTRICT_NAME[kind.toLowerCase()] ?? capitalise(kind.toLowerCase())} ${proper}`;
}

export function districtKey(proper: string): string {
  return `huyen:${lowerKey(proper)}`;
}

/** Communes and districts named in a text, in order, each with the district written just after a commune. */
export function placesIn(text: string): { index: number; mention: Mention }[] {
  const out: { index: number; mention: Mention }[] = [];
  for (const m of text.matchAll(DISTRICT)) {
    const [, kind = '', proper = ''] = m;
    out.push({
      index: m.index ?? 0,
      mention: { type: 'district', name: districtName(kind, proper), key: districtKey(proper), named: false },
    });
  }
  for (const m of text.matchAll(COMMUNE)) {
    const [, kind = '', proper = ''] = m;
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 60);
    const d =
      /^\s*(?:,|\(|-)\s*(?:huyện|thị xã|thành phố|TP\.?)\s+([^\s,;()].*?)(?=\s*[),;.]|\s+(?:để|và|tổ chức)(?![\p{L}\p{M}])|$)/u.exec(
        after,
      );
    const mention: Mention = {
      type: 'commune',
      name: `${capitalise(kind.toLowerCase())} ${proper}`,
      key: `${kind.toLowerCase()}:${lowerKey(proper)}`,
    };
    if (d?.[1]) mention.district = districtKey(d[1]);
    out.push({ index: m.index ?? 0, mention });
  }
  return out.sort((a, b) => a.index - b.index);
}

const GROUPS: { re: RegExp; group: GroupKind }[] = [
  {
    re: /(?:(?:Ban Chỉ đạo|UBND|Ủy ban nhân dân|Công an)\s+)?(?:các\s+|cấp\s+)?huyện,\s*(?:thị xã,\s*)?thành phố/giu,
    group: 'districts',
  },
  { re: /(?:(?:Ban Chỉ đạo|UBND)\s+)?cấp huyện/giu, group: 'districts' },
  {
    re: /(?:Đảng ủy,\s*)?(?:(?:UBND|Ủy ban nhân dân|Công an)\s+)?(?:các\s+|cấp\s+)?xã,\s*(?:phường,\s*)?thị trấn/giu,
    group: 'communes',
  },
  { re: /(?:(?:Ban Chỉ đạo|UBND)\s+)?cấp xã/giu, group: 'communes' },
  { re: /(?:các\s+)?sở,\s*ban,\s*ngành(?:,\s*đoàn thể)?(?:\s+tỉnh)?/giu, group: 'departments' },
  { re: /(?:các\s+)?phòng,\s*ban(?:,\s*ngành)?(?:\s+thuộc huyện|\s+cấp huyện)?/giu, group: 'departments' },
  { re: /[Cc]ác [Pp]hòng(?![\p{L}\p{M}])(?!\s+\p{Lu})/gu, group: 'departments' },
  { re: /CQDNCSGD|cơ quan,\s*doanh nghiệp,\s*cơ sở giáo dục/gu, group: 'grassroots' },
];

/** Groups ("UBND các xã, thị trấn") named in a text, and the text with them blanked out. */
export function groupsIn(text: string): { found: { index: number; mention: Mention }[]; rest: string } {
  let rest = text;
  const found: { index: number; mention: Mention }[] = [];
  for (const { re, group } of GROUPS) {
    for (const m of rest.matchAll(re)) {
      found.push({
        index: m.index ?? 0,
        mention: { type: 'group', group, name: m[0].trim(), key: `group:${group}` },
      });
    }
    rest = rest.replace(re, (s) => ' '.repeat(s.length));
  }
  return { found: found.sort((a, b) => a.index - b.index), rest };
}

const PERSON =
  /^(?:TT|Thường trực|Các đ\/c|các đ\/c|Đ\/c|đ\/c|Đồng chí|CT|PCT|Chủ tịch|Phó|Chánh|CVP|Trưởng|Lưu|Giám đốc|Thủ trưởng|LĐ|Lãnh đạo|lãnh đạo|Thành viên|thành viên|Trang)(?![\p{L}\p{M}])/u;
const GOVERNMENT =
  /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ban Chỉ đạo|BCĐ|HĐND|Hội đồng nhân dân|Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|Đảng ủy|Chính phủ|Thủ tướng|Bộ\s|Ban Bí thư|Trung ương)/u;
const ENTERPRISE =
  /^(?:Công ty|Tổng công ty|Trường|Doanh nghiệp|Ngân hàng|Bệnh viện|Nhà máy|Hợp tác xã)(?:\s|$)/u;
const DEPARTMENT =
  /^(?:Sở|Phòng|Văn phòng|VP|Công an|Liên đoàn|Báo|Đài|Trung tâm|Thanh tra|Đội|Ban|Cục|Chi cục|Kho bạc|Viện|Bộ Chỉ huy|Ban Chỉ huy|Hội|Đoàn|Bảo hiểm xã hội)(?:\s|$)/u;

/** The rank a name speaks for: "tỉnh" 3, "huyện" 2, "xã" 1, "TW"/"Trung ương"/"Bộ"/"Chính phủ" 4. */
export function rankOf(name: string): Rank {
  if (/(?<![\p{L}])(?:TW|Trung ương|Chính phủ|Thủ tướng)(?![\p{L}\p{M}])|^Bộ\s/u.test(name)) return 4;
  const scopes = [
    ...name.matchAll(
      /(?<![\p{L}])(tỉnh|Tỉnh|TỈNH|huyện|Huyện|HUYỆN|thị xã|thành phố|TP|xã|Xã|XÃ|phường|thị trấn)(?![\p{L}])/gu,
    ),
  ];
  const last = scopes[scopes.length - 1]?.[1]?.toLowerCase();
  if (!last) return 0;
  if (last === 'tỉnh') return 3;
  if (['huyện', 'thị xã', 'thành phố', 'tp'].includes(last)) return 2;
  return 1;
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/^VP\s/u, 'Văn phòng '],
  [/^BCĐ\s/u, 'Ban Chỉ đạo '],
  [/(?<![\p{L}])Uỷ(?![\p{L}])/gu, 'Ủy'],
];

/** The same office however written: "VP UBND tỉnh" and "Văn phòng UBND tỉnh" share a key. */
export function orgKey(name: string): string {
  let s = name;
  for (const [re, to] of ABBREVIATIONS) s = s.replace(re, to);
  return `org:${lowerKey(s.replace(/Ủy ban nhân dân/gu, 'UBND'))}`;
}

function expand(name: string): string {
  let s = name;
  for (const [re, to] of ABBREVIATIONS) s = s.replace(re, to);
  return s;
}

/**
 * One piece of a list of names (between commas): a place, an office, a school or enterprise, a government body,
 * or nothing (a person, a verb phrase, an archive line). `(…)` after a school or enterprise is its district when
 * it names one, else kept in the name.
 */
export function classifyName(piece: string): Mention | undefined {
  const text = piece
    .replace(/^(?:các|Các)\s+/u, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:]+$/u, '')
    .trim();
  const paren = /^(.*?)\s*\(([^()]*)\)\s*$/u.exec(text);
  const name = (paren?.[1] ?? text).replace(/:.*$/u, '').trim();
  if (name === '' || PERSON.test(name)) return undefined;
  const inParen = paren?.[2] ? placesIn(paren[2]).find((p) => p.mention.type === 'district') : undefined;
  const district = inParen?.mention.key;
  const place = placesIn(name)[0];
  if (GOVERNMENT.test(name)) {
    const rank = rankOf(name);
    if (place?.mention.type === 'district' && rank === 2) return { ...place.mention, name, named: true };
    if (place?.mention.type === 'commune' && rank === 1) return place.mention;
    return { type: 'government', name: expand(name), key: orgKey(name), rank };
  }
  if (place && place.index === 0)
    return district ? ({ ...place.mention, district } as Mention) : place.mention;
  const type = ENTERPRISE.test(name) ? 'enterprise' : DEPARTMENT.test(name) ? 'department' : undefined;
  if (!type || /các cấp|có liên quan/u.test(name)) return undefined;
  // An enterprise keeps its "(Khu Công nghiệp …)"; an office is known by its name alone.
  const full = type === 'enterprise' && paren?.[2] && !district ? `${name} (${paren[2]})` : name;
  const mention: Mention = { type, name: expand(full), key: orgKey(name) };
  if (district) mention.district = district;
  return mention;
}

/** Every name in a list such as a subject ("Ban Quản lý …, Sở Giáo dục và Đào tạo, Ban Chỉ đạo cấp huyện"). */
export function isGovernment(name: string): boolean {
  return GOVERNMENT.test(name) || /^(?:UBND|ỦY BAN NHÂN DÂN|BAN CHỈ ĐẠO)/u.test(name);
}

export function namesIn(text: string): Mention[] {
  const { found, rest } = groupsIn(text);
  const pieces = splitOutsideParens(rest);
  const named = pieces.flatMap((p) => {
    const m = classifyName(p.text);
    return m ? [{ index: p.index, mention: m }] : [];
  });
  return [...found, ...named].sort((a, b) => a.index - b.index).map((x) => x.mention);
}

function splitOutsideParens(text: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (i === text.length || ((c === ',' || c === ';') && depth === 0)) {
      const piece = text.slice(start, i);
      if (piece.trim() !== '') out.push({ text: piece.trim(), index: start + piece.search(/\S/) });
      start = i + 1;
    }
  }
  return out;
}
