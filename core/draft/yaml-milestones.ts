// Milestones of a draft campaign file: one per obligation and kind, its due date or window as the campaign format
// writes it, who owes it, and above it the sentence it came from with its line and the exact instant.

import { type DueSpec, formatVnDate, type WindowSpec } from '../calendar/phrases';
import { dueInstant, startOfDay } from '../calendar/schedule';
import type { Lang } from '../definition/messages';
import { placeholder } from '../definition/placeholders';
import type { MilestoneKind } from '../definition/types';
import type { Findings } from './draft';
import type { DraftMilestone } from './milestones';
import { slug } from './names';
import { lineRange, type Note } from './notes';
import type { DraftUnit } from './units';

const ZONE = 'Asia/Ho_Chi_Minh';

const ID: Record<MilestoneKind, string> = {
  'draft-plan': 'du-thao-ke-hoach',
  plan: 'ke-hoach',
  'site-registration': 'dang-ky-diem',
  'event-window': 'to-chuc',
  'result-report': 'bao-cao-ket-qua',
  'periodic-report': 'bao-cao',
};

/** As the campaign format writes it: "trước ngày 10/05/2024", "hết ngày …", "2024-05-10 17:00". */
export function dueText(due: DueSpec): string {
  if (due.kind === 'before') return `trước ngày ${formatVnDate(due.date)}`;
  if (due.kind === 'end-of') return `hết ngày ${formatVnDate(due.date)}`;
  return `${due.date} ${due.time}`;
}

export function windowValue(w: WindowSpec): string | Record<string, string> {
  if (!w.fromTime && !w.toTime) return `từ ngày ${formatVnDate(w.from)} đến hết ngày ${formatVnDate(w.to)}`;
  return {
    from: w.from,
    to: w.to,
    ...(w.fromTime ? { fromTime: w.fromTime } : {}),
    ...(w.toTime ? { toTime: w.toTime } : {}),
  };
}

function local(dt: ReturnType<typeof startOfDay>): string {
  return dt.setZone(ZONE).toFormat('HH:mm dd/MM/yyyy');
}

/**
 * The exact instants, in words: "hạn 00:00 10/05/2024 (nộp đến 23:59 09/05/2024 là đúng hạn)"; in English with
 * `lang` 'en' (the summary `dondoc draft --lang en` prints; the draft's comments stay Vietnamese).
 */
export function instantText(result: DraftMilestone['result'], lang: Lang = 'vi'): string {
  const en = lang === 'en';
  if (result.kind === 'due') {
    const due = dueInstant(result.due, ZONE);
    const last = due.minus({ minutes: 1 }).toFormat('HH:mm dd/MM/yyyy');
    if (en) return `due ${local(due)} Vietnam time (on time if submitted by ${last})`;
    return `hạn ${local(due)} giờ Việt Nam (nộp đến ${last} là đúng hạn)`;
  }
  if (result.kind === 'window') {
    const w = result.window;
    const from = startOfDay(w.from, ZONE).plus(
      w.fromTime ? { hours: Number(w.fromTime.slice(0, 2)), minutes: Number(w.fromTime.slice(3)) } : {},
    );
    const to = w.toTime
      ? startOfDay(w.to, ZONE).plus({
          hours: Number(w.toTime.slice(0, 2)),
          minutes: Number(w.toTime.slice(3)),
        })
      : startOfDay(w.to, ZONE).plus({ days: 1 });
    if (en) return `from ${local(from)} to before ${local(to)} Vietnam time`;
    return `từ ${local(from)} đến trước ${local(to)} giờ Việt Nam`;
  }
  return en ? `date phrase not understood: ${result.errorEn}` : `không hiểu được cụm ngày: ${result.error}`;
}

function appliesTo(m: DraftMilestone, byKey: Map<string, DraftUnit>): unknown {
  const owners = m.owners.flatMap((k) => byKey.get(k) ?? []);
  const levels = [...new Set(owners.filter((u) => u.group).map((u) => u.level.id))];
  const units = owners.filter((u) => !u.group && !levels.includes(u.level.id)).map((u) => u.id);
  if (levels.length === 0 && units.length === 0) {
    return placeholder(
      'đơn vị phải thực hiện: câu gốc không nêu; viết { levels: [...] }, { tags: [...] }, { units: [...] } hoặc { all: true }',
    );
  }
  return { ...(levels.length > 0 ? { levels } : {}), ...(units.length > 0 ? { units } : {}) };
}

function timing(m: DraftMilestone, kind: MilestoneKind | undefined): Record<string, unknown> {
  const r = m.result;
  if (r.kind === 'window') {
    return kind === 'event-window'
      ? { window: windowValue(r.window) }
      : { due: `hết ngày ${formatVnDate(r.window.to)}` };
  }
  if (r.kind === 'due') return { due: dueText(r.due) };
  return { due: placeholder(`hạn: văn bản ghi "${m.phrase}" (${r.error})`) };
}

function extras(f: Findings, m: DraftMilestone, kind: MilestoneKind | undefined): Record<string, unknown> {
  const min = f.minimum?.n;
  if (kind === 'site-registration') return min ? { minSites: min } : {};
  if (kind === 'event-window') return min ? { minEvents: min } : {};
  if (kind === 'periodic-report')
    return { period: m.period ?? placeholder('kỳ báo cáo, ví dụ "6 tháng đầu năm 2024"') };
  if (kind === 'result-report') {
    return {
      outline: placeholder(
        'đề cương báo cáo: các chỉ tiêu { id, label, type, aggregate }, văn bản không kèm đề cương',
      ),
    };
  }
  return {};
}

function note(
  f: Findings,
  m: DraftMilestone,
  kind: MilestoneKind | undefined,
  byKey: Map<string, DraftUnit>,
): string {
  const who = m.owners.flatMap((k) => byKey.get(k)?.name ?? []);
  const lines = [
    `Nguồn: ${lineRange([m.line])} (mục ${m.item || '?'}): "${m.phrase}"; ${instantText(m.result)}.`,
    `Câu gốc (${lineRange(m.sentenceLines)}): "${m.sentence}"`,
    kind ? `Loại đoán từ lời văn: ${kind}.` : 'Loại: không đoán được từ lời văn.',
    who.length > 0
      ? `Đơn vị phải thực hiện (từ ${m.ownersFrom}): ${who.join('; ')}.`
      : 'Đơn vị phải thực hiện: câu gốc không nêu.',
  ];
  const min = f.minimum;
  if (min && (kind === 'site-registration' || kind === 'event-window')) {
    lines.push(`Ít nhất ${min.n} điểm: ${lineRange([min.line])}: "${min.sentence}"`);
  }
  return lines.join('\n');
}

/** The milestones and the notes above them. */
export function milestoneEntries(f: Findings): { entries: Record<string, unknown>[]; notes: Note[] } {
  const byKey = new Map(f.units.map((u) => [u.key, u]));
  const ids = new Set<string>();
  const entries: Record<string, unknown>[] = [];
  const notes: Note[] = [];
  for (const m of f.milestones) {
    const kinds: (MilestoneKind | undefined)[] = m.kinds.length > 0 ? m.kinds : [undefined];
    kinds.forEach((kind, k) => {
      const base =
        kind === 'periodic-report' && m.period
          ? `bao-cao-${slug(m.period.replace(/\s*năm \d{4}$/u, '')) || 'nam'}`
          : kind
            ? ID[kind]
            : 'moc';
      let id = base;
      for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
      ids.add(id);
      notes.push({ path: ['milestones', entries.length], text: note(f, m, kind, byKey) });
      entries.push({
        id,
        kind:
          kind ??
          placeholder(
            'loại mốc: draft-plan, plan, site-registration, event-window, result-report hoặc periodic-report',
          ),
        title: m.titles[k] ?? m.sentence.slice(0, 80),
        ...(m.description ? { description: m.description } : {}),
        appliesTo: appliesTo(m, byKey),
        ...timing(m, kind),
        ...extras(f, m, kind),
      });
    });
  }
  return { entries, notes };
}
