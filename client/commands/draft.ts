// `dondoc draft <plan.docx|pdf|txt> [--out campaign.yaml]`: a campaign file DRAFT from the plan an office signed,
// for an administrator to finish: what the plan says (issuer, number, date, implemented documents, every dated
// obligation, the units it names), each with the line it came from, and "<<CẦN ĐIỀN: …>>" wherever it says nothing.
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { formatVnDate } from '../../core/calendar/phrases';
import type { Lang } from '../../core/definition/messages';
import type { MilestoneKind } from '../../core/definition/types';
import { type Draft, draftCampaign } from '../../core/draft/build';
import { lineList, lineRange } from '../../core/draft/notes';
import { referenceLabel } from '../../core/draft/references';
import { instantText } from '../../core/draft/yaml-milestones';
import { printable } from '../../core/text/printable';
import { type PlanFormat, readPlanFile } from '../draft-read';
import { rejected } from '../errors';
import { KIND_TEXT, table } from '../format';
import { type Io, type Outcome, runCommand } from '../kit';
import { langOption } from '../validate-command';

interface DraftOptions {
  out?: string;
  text?: string;
  force?: boolean;
  json?: boolean;
  lang?: Lang;
}

/**
 * The draft with `campaign.language: <lang>` (the draft says `vi`): the finished file is then validated, started
 * and mailed in that language. The summary printed here and the command's errors are in that language too; the
 * draft's comments and placeholders stay Vietnamese, like the plan they quote.
 */
function inLanguage(d: Draft, lang: Lang | undefined): Draft {
  if (!lang || lang === 'vi') return d;
  const yaml = d.yaml.replace(/^( {2}language: )vi$/m, `$1${lang}`);
  if (yaml === d.yaml) throw new Error('dondoc draft: the draft has no "  language: vi" line to set');
  return { ...d, yaml };
}

/** What is left to fill, by the key of its placeholder's path. */
const WHAT: Record<Lang, Record<string, string>> = {
  vi: {
    emails: 'email',
    name: 'tên, hoặc nhóm cần liệt kê từng đơn vị',
    parent: 'đơn vị cấp trên',
    appliesTo: 'đơn vị phải thực hiện mốc',
    outline: 'đề cương báo cáo',
    kind: 'loại mốc',
    due: 'hạn',
    period: 'kỳ báo cáo',
    number: 'số văn bản',
    issued: 'ngày ban hành',
    title: 'tên',
  },
  en: {
    emails: 'email',
    name: 'name or group to list unit by unit',
    parent: 'parent unit',
    appliesTo: 'units a milestone applies to',
    outline: 'report outline',
    kind: 'milestone kind',
    due: 'due date',
    period: 'report period',
    number: 'document number',
    issued: 'issue date',
    title: 'title',
  },
};

const KIND_EN: Record<MilestoneKind, string> = {
  'draft-plan': 'draft plan',
  plan: 'plan',
  'site-registration': 'site registration',
  'event-window': 'event',
  'result-report': 'result report',
  'periodic-report': 'periodic report',
};

/** The words of the summary; line numbers come from notes.ts as "dòng …", `lines` words them. */
const WORDS = {
  vi: {
    lines: (s: string) => s,
    fill: 'CẦN ĐIỀN',
    notFound: 'không tìm thấy',
    blankNumber: (raw: string, at: string) => `để trống: "Số: ${raw}" (${at})`,
    noNumber: 'không có dòng "Số:"',
    signedOnly: (date: string, at: string) => `không ghi; chữ ký số ngày ${date} (${at})`,
    notWritten: 'không ghi',
    head: ['Cơ quan ban hành', 'Tên kế hoạch', 'Số văn bản', 'Ngày ban hành'],
    year: (y: number) => `; năm của các hạn: ${y}`,
    implements: (n: number) => `Thực hiện: ${n} văn bản`,
    read: (file: string, format: string, n: number, docx: boolean) =>
      `Đã đọc ${file} (${format}, ${n} dòng; số dòng dưới đây là dòng của văn bản đọc được${docx ? ', mỗi đoạn một dòng' : ''}).`,
    milestones: (n: number) => `Mốc có thời hạn: ${n}`,
    columns: ['Dòng', 'Loại', 'Thời hạn', 'Đơn vị phải thực hiện'],
    kind: (k: MilestoneKind) => KIND_TEXT[k],
    units: (n: number, named: number, groups: number) =>
      `Đơn vị: ${n} (cơ quan ban hành, ${named} đơn vị được nêu tên, ${groups} nhóm cần liệt kê từng đơn vị)`,
    count: (n: number, what: string) => `${n} ${what}`,
    left: (n: number, what: string) => `Còn phải điền ${n} chỗ "<<CẦN ĐIỀN: …>>": ${what}.`,
    none: 'Không còn chỗ nào phải điền.',
    written: (out: string) => `Đã ghi bản nháp vào ${out}. Điền xong, kiểm tra bằng: dondoc validate ${out}`,
  },
  en: {
    lines: (s: string) => s.replace(/^dòng (\d+)$/, 'line $1').replace(/^dòng /, 'lines '),
    fill: 'TO FILL',
    notFound: 'not found',
    blankNumber: (raw: string, at: string) => `blank: "Số: ${raw}" (${at})`,
    noNumber: 'no "Số:" line',
    signedOnly: (date: string, at: string) => `not written; digitally signed on ${date} (${at})`,
    notWritten: 'not written',
    head: ['Issued by', 'Plan title', 'Document number', 'Issue date'],
    year: (y: number) => `; year of the due dates: ${y}`,
    implements: (n: number) => `Implements: ${n} document${n === 1 ? '' : 's'}`,
    read: (file: string, format: string, n: number, docx: boolean) =>
      `Read ${file} (${format}, ${n} lines; the line numbers below are those of the text read${docx ? ', one paragraph a line' : ''}).`,
    milestones: (n: number) => `Milestones with a deadline: ${n}`,
    columns: ['Line', 'Kind', 'Deadline', 'Units that must do it'],
    kind: (k: MilestoneKind) => KIND_EN[k],
    units: (n: number, named: number, groups: number) =>
      `Units: ${n} (the issuer, ${named} units named, ${groups} groups to list unit by unit)`,
    count: (n: number, what: string) => `${n} × ${what}`,
    left: (n: number, what: string) => `Left to fill: ${n} "<<CẦN ĐIỀN: …>>" placeholders: ${what}.`,
    none: 'Nothing is left to fill.',
    written: (out: string) =>
      `Draft written to ${out}. Once filled in, check it with: dondoc validate ${out}`,
  },
};

/** "45 email, 4 tên …": what is left to fill, counted by what it is. */
function leftToFill(d: Draft, lang: Lang): string {
  const counts = new Map<string, number>();
  for (const p of d.placeholders) {
    const key = [...p.path].reverse().find((s): s is string => typeof s === 'string') ?? '';
    const what = WHAT[lang][key] ?? key;
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  return [...counts].map(([what, n]) => WORDS[lang].count(n, what)).join(', ');
}

function headerLines(d: Draft, lang: Lang): string[] {
  const w = WORDS[lang];
  const at = (lines: readonly number[]) => w.lines(lineRange(lines));
  const f = d.findings;
  const h = f.header;
  const where = w.lines(lineList(f.issuer.sources.map((s) => s.line)));
  const number = h.number?.value
    ? `${h.number.value} (${at([h.number.line])})`
    : h.number
      ? `${w.blankNumber(h.number.raw, at([h.number.line]))} — ${w.fill}`
      : `${w.noNumber} — ${w.fill}`;
  const date = h.date
    ? `"${h.date.raw}" (${at([h.date.line])})`
    : h.signed
      ? `${w.signedOnly(formatVnDate(h.signed.date), at([h.signed.line]))} — ${w.fill}`
      : `${w.notWritten} — ${w.fill}`;
  const [issuer, title, numberHead, dateHead] = w.head;
  return [
    `${issuer}: ${f.issuer.known ? f.issuer.name : `${w.notFound} — ${w.fill}`} (${where})`,
    `${title}: ${h.title ? `${h.title.text} (${at(h.title.lines)})` : `${w.notFound} — ${w.fill}`}`,
    `${numberHead}: ${number}`,
    `${dateHead}: ${date}${h.year ? w.year(h.year.value) : ''}`,
    `${w.implements(h.references.length)}${h.preamble ? ` (${at(h.preamble.lines)})` : ''}`,
    ...h.references.map((r) => `  - ${referenceLabel(r)} [${at(r.lines)}]`),
  ];
}

function milestoneRows(d: Draft, lang: Lang): string[][] {
  const w = WORDS[lang];
  const byKey = new Map(d.findings.units.map((u) => [u.key, u.name]));
  const rows = [[...w.columns]];
  for (const m of d.findings.milestones) {
    const kinds = m.kinds.map(w.kind).join(' + ') || w.fill;
    const who = m.owners.flatMap((k) => byKey.get(k) ?? []).join('; ') || w.fill;
    rows.push([String(m.line), kinds, instantText(m.result, lang), who]);
  }
  return rows;
}

function summary(
  d: Draft,
  read: { file: string; format: PlanFormat; lines: number },
  out: string | undefined,
  lang: Lang,
): string {
  const w = WORDS[lang];
  const units = d.findings.units;
  const groups = units.filter((u) => u.group).length;
  const format = read.format === 'txt' ? (lang === 'en' ? 'text' : 'văn bản') : read.format.toUpperCase();
  const lines = [
    w.read(read.file, format, read.lines, read.format === 'docx'),
    ...headerLines(d, lang),
    w.milestones(d.findings.milestones.length),
    table(milestoneRows(d, lang))
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    w.units(units.length, units.length - 1 - groups, groups),
    d.placeholders.length > 0 ? w.left(d.placeholders.length, leftToFill(d, lang)) : w.none,
  ];
  if (out) lines.push(w.written(out));
  return lines
    .flatMap((l) => l.split('\n'))
    .map(printable)
    .join('\n');
}

/** The command's own errors (readPlanFile words those about the plan). */
const FAILS = {
  vi: {
    exists: (file: string) => `${file} đã có: không ghi đè (thêm --force để ghi đè)`,
    unwritable: (file: string, code: string) => `không ghi được ${file} (${code})`,
  },
  en: {
    exists: (file: string) => `${file} already exists: not overwritten (add --force to overwrite it)`,
    unwritable: (file: string, code: string) => `cannot write ${file} (${code})`,
  },
};

async function refuseOverwrite(file: string, force: boolean | undefined, lang: Lang): Promise<void> {
  if (force) return;
  const exists = await access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
  if (exists) throw rejected(FAILS[lang].exists(printable(file)));
}

async function write(file: string, content: string, lang: Lang): Promise<void> {
  try {
    await writeFile(file, content, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw rejected(FAILS[lang].unwritable(printable(file), code));
  }
}

/** A phrase's result for --json: an unreadable phrase's reason in `lang` only. */
function resultJson(result: Draft['findings']['milestones'][number]['result'], lang: Lang) {
  if (result.kind !== 'invalid') return result;
  return { kind: result.kind, error: lang === 'en' ? result.errorEn : result.error };
}

async function draft(io: Io, plan: string, opts: DraftOptions): Promise<Outcome> {
  const lang = opts.lang ?? 'vi';
  const read = await readPlanFile(plan, lang);
  const d = inLanguage(draftCampaign(read.text, { source: printable(path.basename(plan)) }), opts.lang);
  for (const target of [opts.out, opts.text]) if (target) await refuseOverwrite(target, opts.force, lang);
  if (opts.out) await write(opts.out, d.yaml, lang);
  if (opts.text) await write(opts.text, read.text, lang);
  const text = summary(d, { file: plan, format: read.format, lines: d.findings.lineCount }, opts.out, lang);
  const json = {
    ok: true,
    file: plan,
    format: read.format,
    ...(opts.out ? { out: opts.out } : { yaml: d.yaml }),
    campaignId: d.id,
    header: d.findings.header,
    issuer: d.findings.issuer.name,
    milestones: d.findings.milestones.map((m) => ({
      kinds: m.kinds,
      line: m.line,
      phrase: m.phrase,
      result: resultJson(m.result, lang),
    })),
    units: d.findings.units.map((u) => ({
      id: u.id,
      name: u.name,
      level: u.level.id,
      group: Boolean(u.group),
    })),
    placeholders: d.placeholders,
  };
  // Without --out the draft goes to standard output (`dondoc draft kh.pdf > chien-dich.yaml`), the summary to errors.
  if (!opts.out && !opts.json) {
    io.err(`${text}\n`);
    return { json, text: '', raw: d.yaml };
  }
  return { json, text };
}

export function registerDraft(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('draft')
    .description(
      'soạn BẢN NHÁP tệp chiến dịch từ kế hoạch đã ký (DOCX, PDF có chữ, hoặc văn bản): người quản trị điền nốt',
    )
    .argument('<plan>', 'tệp kế hoạch (.docx, .pdf, .txt)')
    .option('--out <file>', 'ghi bản nháp (YAML) vào tệp này; không có thì in ra màn hình')
    .option('--text <file>', 'ghi cả văn bản đọc được (để đối chiếu số dòng)')
    .option('--force', 'ghi đè tệp đã có')
    .addOption(
      langOption(
        'ngôn ngữ của chiến dịch trong bản nháp (campaign.language: kiểm tra, thư, cổng) và của bản tóm tắt, ' +
          'thông báo lỗi in ra: vi hoặc en. Chú thích và chỗ "<<CẦN ĐIỀN: …>>" trong bản nháp vẫn bằng tiếng Việt, ' +
          'như kế hoạch (drafted comments and placeholders stay Vietnamese, like the plan)',
      ),
    )
    .option('--json', 'in kết quả dạng JSON')
    .action(async (plan: string, opts: DraftOptions) => {
      const lang = opts.lang === 'en' ? 'en' : 'vi';
      setExit(await runCommand({ io, json: Boolean(opts.json), lang, body: () => draft(io, plan, opts) }));
    });
}
