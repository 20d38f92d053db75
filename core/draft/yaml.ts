// The campaign file a draft becomes: the findings as campaign data, every value the plan does not give written
// as a "<<CẦN ĐIỀN: …>>" placeholder, and above each piece a comment quoting where in the text it came from.
import { Document, type Scalar, type YAMLMap } from 'yaml';
import { formatVnDate } from '../calendar/phrases';
import { placeholder } from '../definition/placeholders';
import type { Findings } from './draft';
import { issuedDate } from './header';
import { lineList, lineRange, type Note, wrap } from './notes';
import { referenceEntry } from './references';
import { type DraftUnit, ROOT_ID } from './units';
import { milestoneEntries } from './yaml-milestones';

type Path = Note['path'];

function headerNotes(f: Findings): Note[] {
  const h = f.header;
  const notes: Note[] = [];
  if (h.title)
    notes.push({ path: ['campaign', 'title'], text: `Tên kế hoạch (${lineRange(h.title.lines)}).` });
  // The list below holds each reference's parts; the comment keeps where each was read, as written.
  const refs = h.references.map((r, i) => `${i + 1}. ${r.raw} [${lineRange(r.lines)}]`);
  if (refs.length > 0) {
    notes.push({
      path: ['campaign', 'implements'],
      text: `Văn bản được thực hiện, theo phần mở đầu (${lineRange(h.preamble?.lines ?? [])}):\n${refs.join('\n')}`,
    });
  }
  if (f.cited.length > 0) {
    const cited = f.cited.map((r) => `- ${r.raw} [${lineRange(r.lines)}]`).join('\n');
    const at: Path = refs.length > 0 ? ['campaign', 'implements'] : ['campaign', 'timeZone'];
    const text = `Văn bản khác được dẫn trong kế hoạch (không phải văn bản được thực hiện):\n${cited}`;
    const same = notes.find((n) => n.path.join('.') === at.join('.'));
    if (same) same.text = `${same.text}\n${text}`;
    else notes.push({ path: at, text });
  }
  if (f.contact)
    notes.push({ path: ['campaign', 'contact'], text: `Nơi liên hệ (${lineRange([f.contact.line])}).` });
  if (h.number)
    notes.push({
      path: ['campaign', 'document', 'number'],
      text: `${lineRange([h.number.line])}: "Số: ${h.number.raw}"`,
    });
  if (h.date)
    notes.push({
      path: ['campaign', 'document', 'issued'],
      text: `${lineRange([h.date.line])}: "${h.date.raw}"`,
    });
  else if (h.signed)
    notes.push({
      path: ['campaign', 'document', 'issued'],
      text: `Văn bản không có dòng ngày tháng; chữ ký số ${lineRange([h.signed.line])}.`,
    });
  return notes;
}

function issued(f: Findings): string {
  const date = issuedDate(f.header.date);
  if (date) return formatVnDate(date);
  const d = f.header.date;
  if (d) {
    return placeholder(
      `ngày ban hành (dd/mm/yyyy): văn bản ghi "ngày ${d.day ?? '…'} tháng ${d.month ?? '…'} năm ${d.year ?? '…'}"`,
    );
  }
  const signed = f.header.signed ? `; chữ ký số ngày ${formatVnDate(f.header.signed.date)}` : '';
  return placeholder(`ngày ban hành (dd/mm/yyyy): văn bản không ghi ngày${signed}`);
}

function documentNumber(f: Findings): string {
  const n = f.header.number;
  if (n?.value) return n.value;
  if (n)
    return placeholder(`số văn bản: văn bản để trống số ("Số: ${n.raw}"); điền số đã cấp, hoặc xoá dòng này`);
  return placeholder('số văn bản: văn bản không có dòng "Số:"; điền số, hoặc xoá dòng này');
}

function campaignSection(f: Findings, id: string): Record<string, unknown> {
  const refs = f.header.references;
  const title = f.header.title?.text ?? placeholder('tên kế hoạch: không tìm thấy dòng tên sau "KẾ HOẠCH"');
  return {
    id,
    title,
    issuer: ROOT_ID,
    document: { number: documentNumber(f), issued: issued(f) },
    ...(refs.length > 0 ? { implements: refs.map(referenceEntry) } : {}),
    timeZone: 'Asia/Ho_Chi_Minh',
    language: 'vi',
    ...(f.contact ? { contact: f.contact.text } : {}),
  };
}

function unitEntry(u: DraftUnit): Record<string, unknown> {
  const name = u.group
    ? placeholder(
        `thay mục này bằng từng đơn vị của nhóm "${u.name}" (${u.level.name.toLowerCase()}), mỗi đơn vị một mục, hoặc xoá mục này`,
      )
    : u.name || placeholder('tên cơ quan ban hành: không tìm thấy trong văn bản');
  const parent =
    u.id === ROOT_ID ? {} : { parent: 'id' in u.parent ? u.parent.id : placeholder(u.parent.missing) };
  const who = u.group ? 'từng đơn vị' : u.id === ROOT_ID ? 'cơ quan ban hành (nơi nhận báo cáo)' : u.name;
  return {
    id: u.id,
    name,
    level: u.level.id,
    ...parent,
    emails: [placeholder(`email của ${who}`)],
    ...(u.tags.length > 0 ? { tags: u.tags } : {}),
  };
}

function unitNote(u: DraftUnit): string {
  const where = u.sources.map((s) => `${lineRange([s.line])} (${s.how})`);
  const head = u.id === ROOT_ID ? 'Cơ quan ban hành' : u.group ? `Nhóm "${u.name}"` : u.name;
  return `${head}: ${where.join('; ') || 'không rõ nguồn'}`;
}

function unitsSection(f: Findings): { units: Record<string, unknown>[]; notes: Note[] } {
  const notes = f.units.map((u, i) => ({ path: ['units', i] as Path, text: unitNote(u) }));
  const heading = f.header.heading.map((h) => `"${h.text}" (${lineList(h.lines)})`);
  const statement = f.header.statement
    ? [`phần mở đầu: "${f.header.statement.name}" (${lineRange([f.header.statement.line])})`]
    : [];
  const said = [...(heading.length > 0 ? [`tiêu đề ${heading.join(', ')}`] : []), ...statement];
  if (notes[0] && f.units[0]?.id === ROOT_ID) {
    notes[0].text = `Cơ quan ban hành, theo ${said.join('; ') || 'văn bản: không tìm thấy'}.`;
  }
  const others = f.recipients
    .filter((r) => r.keys.length === 0)
    .map((r) => `"${r.text}" (${lineRange([r.line])})`);
  const named = f.skipped.filter((s) => s.source.how !== 'Nơi nhận' && !/^(?:các|cấp)\s/iu.test(s.name));
  const skipped = [...new Map(named.map((s) => [s.name, s])).values()].map(
    (s) => `"${s.name}" (${lineRange([s.source.line])}: ${s.why})`,
  );
  const head = [
    'Đơn vị văn bản nêu tên (đã gộp trùng). Điền email; thay mỗi nhóm bằng từng đơn vị; thêm đơn vị văn bản không nêu.',
    ...(others.length > 0 ? [`Nơi nhận không đưa vào danh sách: ${others.join(', ')}.`] : []),
    ...(skipped.length > 0 ? [`Tên không phải đơn vị cấp dưới: ${skipped.join(', ')}.`] : []),
  ].join('\n');
  if (notes[0]) notes[0].text = `${head}\n\n${notes[0].text}`;
  return { units: f.units.map(unitEntry), notes };
}

function levelsSection(f: Findings): { id: string; name: string }[] {
  const used = new Map<string, string>();
  for (const u of f.units) used.set(u.level.id, u.level.name);
  return [...used].map(([id, name]) => ({ id, name }));
}

/** The campaign file for the findings, and where its comments go. */
export function draftFile(
  f: Findings,
  opts: { id: string; source: string },
): { data: Record<string, unknown>; notes: Note[] } {
  const units = unitsSection(f);
  const milestones = milestoneEntries(f);
  const data = {
    campaign: campaignSection(f, opts.id),
    levels: levelsSection(f),
    calendar: { weekend: ['saturday', 'sunday'], publicHolidays: 'vn' },
    reminders: { offsets: ['P7D', 'P3D', 'P1D'], sendAt: '08:00', workingDaysOnly: true },
    escalation: {
      steps: [
        { after: 'P1D', to: ['unit'] },
        { after: 'P3D', to: ['unit', 'parent'] },
      ],
      maxRepeats: 2,
    },
    units: units.units,
    milestones: milestones.entries,
  };
  const notes: Note[] = [
    ...headerNotes(f),
    { path: ['campaign', 'id'], text: 'Mã chiến dịch (đoán từ tên cơ quan và năm): đổi nếu đã dùng.' },
    { path: ['levels'], text: 'Cấp đơn vị, đoán theo cấp của cơ quan ban hành: sửa tên hoặc gộp nếu cần.' },
    {
      path: ['calendar'],
      text: 'Lịch làm việc: không ghi ngày nào của một năm thì dondoc dùng các ngày nghỉ, ngày làm bù Chính phủ đã công bố (xem `dondoc calendar <năm>`); ghi tetDays, daysOff, workingDays (một ngày hoặc khoảng 2024-02-08..2024-02-14) thì dùng đúng các ngày đã ghi cho năm đó.',
    },
    {
      path: ['reminders'],
      text: 'Nhắc hạn và đôn đốc: chính sách mặc định của dondoc (văn bản không nói): sửa theo quy định của cơ quan.',
    },
    ...units.notes,
    ...milestones.notes,
  ];
  return { data, notes };
}

function attach(doc: Document, note: Note): void {
  const { path } = note;
  const last = path[path.length - 1];
  const text = wrap(note.text)
    .split('\n')
    .map((l) => ` ${l}`)
    .join('\n');
  if (typeof last === 'number' || path.length === 0) {
    const node = doc.getIn(path, true) as YAMLMap | undefined;
    if (node) node.commentBefore = text;
    return;
  }
  const parent = (path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)) as
    | YAMLMap
    | undefined;
  const pair = parent?.items?.find((p) => (p.key as Scalar).value === last);
  if (pair) (pair.key as Scalar).commentBefore = text;
}

/** The YAML text: a header comment, the data, the notes above their places, units as one line each. */
export function toYaml(data: Record<string, unknown>, notes: Note[], top: string): string {
  const doc = new Document(data);
  for (const note of notes) attach(doc, note);
  const units = doc.get('units', true) as YAMLMap | undefined;
  for (const item of (units?.items ?? []) as unknown as YAMLMap[]) item.flow = true;
  for (const path of [['levels'], ['escalation', 'steps']]) {
    const seq = doc.getIn(path, true) as YAMLMap | undefined;
    for (const item of (seq?.items ?? []) as unknown as YAMLMap[]) item.flow = true;
  }
  for (const path of [
    ['calendar', 'weekend'],
    ['reminders', 'offsets'],
  ]) {
    const seq = doc.getIn(path, true) as YAMLMap | undefined;
    if (seq) seq.flow = true;
  }
  // "08:00" quoted: a YAML 1.1 reader would take it for 480 minutes.
  const sendAt = doc.getIn(['reminders', 'sendAt'], true) as Scalar | undefined;
  if (sendAt) sendAt.type = 'QUOTE_DOUBLE';
  doc.commentBefore = wrap(top)
    .split('\n')
    .map((l) => ` ${l}`)
    .join('\n');
  return doc.toString({ lineWidth: 0 });
}
