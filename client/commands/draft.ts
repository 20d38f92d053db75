// `dondoc draft <plan.docx|pdf|txt> [--out campaign.yaml]`: a campaign file DRAFT from the plan an office signed,
// for an administrator to finish: what the plan says (issuer, number, date, implemented documents, every dated
// obligation, the units it names), each with the line it came from, and "<<CẦN ĐIỀN: …>>" wherever it says nothing.
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { formatVnDate } from '../../core/calendar/phrases';
import type { Lang } from '../../core/definition/messages';
import { type Draft, draftCampaign } from '../../core/draft/build';
import { lineList, lineRange } from '../../core/draft/notes';
import { referenceLabel } from '../../core/draft/references';
import { instantText } from '../../core/draft/yaml-milestones';
import { printable } from '../../core/text/printable';
import { readPlanFile } from '../draft-read';
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
 * and mailed in that language. The summary printed here stays Vietnamese, like the plan it quotes.
 */
function inLanguage(d: Draft, lang: Lang | undefined): Draft {
  if (!lang || lang === 'vi') return d;
  const yaml = d.yaml.replace(/^( {2}language: )vi$/m, `$1${lang}`);
  if (yaml === d.yaml) throw new Error('dondoc draft: the draft has no "  language: vi" line to set');
  return { ...d, yaml };
}

const WHAT: Record<string, string> = {
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
};

/** "45 email, 4 tên …": what is left to fill, counted by what it is. */
function leftToFill(d: Draft): string {
  const counts = new Map<string, number>();
  for (const p of d.placeholders) {
    const key = [...p.path].reverse().find((s): s is string => typeof s === 'string') ?? '';
    const what = WHAT[key] ?? key;
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  return [...counts].map(([what, n]) => `${n} ${what}`).join(', ');
}

function headerLines(d: Draft): string[] {
  const f = d.findings;
  const h = f.header;
  const where = lineList(f.issuer.sources.map((s) => s.line));
  const number = h.number?.value
    ? `${h.number.value} (${lineRange([h.number.line])})`
    : h.number
      ? `để trống: "Số: ${h.number.raw}" (${lineRange([h.number.line])}) — CẦN ĐIỀN`
      : 'không có dòng "Số:" — CẦN ĐIỀN';
  const date = h.date
    ? `"${h.date.raw}" (${lineRange([h.date.line])})`
    : h.signed
      ? `không ghi; chữ ký số ngày ${formatVnDate(h.signed.date)} (${lineRange([h.signed.line])}) — CẦN ĐIỀN`
      : 'không ghi — CẦN ĐIỀN';
  return [
    `Cơ quan ban hành: ${f.issuer.known ? f.issuer.name : 'không tìm thấy — CẦN ĐIỀN'} (${where})`,
    `Tên kế hoạch: ${h.title ? `${h.title.text} (${lineRange(h.title.lines)})` : 'không tìm thấy — CẦN ĐIỀN'}`,
    `Số văn bản: ${number}`,
    `Ngày ban hành: ${date}${h.year ? `; năm của các hạn: ${h.year.value}` : ''}`,
    `Thực hiện: ${h.references.length} văn bản${h.preamble ? ` (${lineRange(h.preamble.lines)})` : ''}`,
    ...h.references.map((r) => `  - ${referenceLabel(r)} [${lineRange(r.lines)}]`),
  ];
}

function milestoneRows(d: Draft): string[][] {
  const byKey = new Map(d.findings.units.map((u) => [u.key, u.name]));
  const rows = [['Dòng', 'Loại', 'Thời hạn', 'Đơn vị phải thực hiện']];
  for (const m of d.findings.milestones) {
    const kinds = m.kinds.map((k) => KIND_TEXT[k]).join(' + ') || 'CẦN ĐIỀN';
    const who = m.owners.flatMap((k) => byKey.get(k) ?? []).join('; ') || 'CẦN ĐIỀN';
    rows.push([String(m.line), kinds, instantText(m.result), who]);
  }
  return rows;
}

function summary(
  d: Draft,
  read: { file: string; format: string; lines: number },
  out: string | undefined,
): string {
  const units = d.findings.units;
  const groups = units.filter((u) => u.group).length;
  const lines = [
    `Đã đọc ${read.file} (${read.format}, ${read.lines} dòng; số dòng dưới đây là dòng của văn bản đọc được${read.format === 'DOCX' ? ', mỗi đoạn một dòng' : ''}).`,
    ...headerLines(d),
    `Mốc có thời hạn: ${d.findings.milestones.length}`,
    table(milestoneRows(d))
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    `Đơn vị: ${units.length} (cơ quan ban hành, ${units.length - 1 - groups} đơn vị được nêu tên, ${groups} nhóm cần liệt kê từng đơn vị)`,
    d.placeholders.length > 0
      ? `Còn phải điền ${d.placeholders.length} chỗ "<<CẦN ĐIỀN: …>>": ${leftToFill(d)}.`
      : 'Không còn chỗ nào phải điền.',
  ];
  if (out) lines.push(`Đã ghi bản nháp vào ${out}. Điền xong, kiểm tra bằng: dondoc validate ${out}`);
  return lines
    .flatMap((l) => l.split('\n'))
    .map(printable)
    .join('\n');
}

async function refuseOverwrite(file: string, force: boolean | undefined): Promise<void> {
  if (force) return;
  const exists = await access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
  if (exists) throw rejected(`${printable(file)} đã có: không ghi đè (thêm --force để ghi đè)`);
}

async function write(file: string, content: string): Promise<void> {
  try {
    await writeFile(file, content, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw rejected(`không ghi được ${printable(file)} (${code})`);
  }
}

async function draft(io: Io, plan: string, opts: DraftOptions): Promise<Outcome> {
  const read = await readPlanFile(plan);
  const d = inLanguage(draftCampaign(read.text, { source: printable(path.basename(plan)) }), opts.lang);
  for (const target of [opts.out, opts.text]) if (target) await refuseOverwrite(target, opts.force);
  if (opts.out) await write(opts.out, d.yaml);
  if (opts.text) await write(opts.text, read.text);
  const format = read.format === 'txt' ? 'văn bản' : read.format.toUpperCase();
  const text = summary(d, { file: plan, format, lines: d.findings.lineCount }, opts.out);
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
      result: m.result,
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
        'ngôn ngữ của chiến dịch trong bản nháp (campaign.language: kiểm tra, thư, cổng): vi hoặc en',
      ),
    )
    .option('--json', 'in kết quả dạng JSON')
    .action(async (plan: string, opts: DraftOptions) => {
      setExit(await runCommand({ io, json: Boolean(opts.json), body: () => draft(io, plan, opts) }));
    });
}
