// `dondoc report <campaign>`: the aggregated report of the campaign or of one unit's subtree, in the
// outline's order, with completeness per subtree: xlsx (one sheet per level), csv or json.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { reportToCsv } from '../../core/report/csv';
import { reportToXlsx } from '../../core/report/xlsx';
import { printable, terminalJson } from '../../core/text/printable';
import { campaignReport } from '../audit';
import { openCampaign, unitOf } from '../campaign-view';
import { rejected } from '../errors';
import { type Io, type Outcome, runCommand, type Session } from '../kit';

const FORMATS = ['xlsx', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions {
  unit?: string;
  format?: string;
  out?: string;
  json?: boolean;
}

function formatOf(opts: ReportOptions): Format {
  const f = opts.format ?? (opts.out ? path.extname(opts.out).slice(1).toLowerCase() : 'json');
  if (!(FORMATS as readonly string[]).includes(f)) {
    throw rejected(`--format: '${f}' không được hỗ trợ (chọn một trong: ${FORMATS.join(', ')})`);
  }
  return f as Format;
}

async function report(s: Session, campaignId: string, opts: ReportOptions): Promise<Outcome> {
  const format = formatOf(opts);
  const client = await s.client();
  const view = await openCampaign({ client, campaignId });
  const unitId = opts.unit ? unitOf(view, opts.unit).id : undefined;
  const r = await campaignReport({ client, campaignId, view, ...(unitId ? { unitId } : {}) });
  const names = new Map(view.definition.units.map((u) => [u.id, u.name]));
  const content =
    format === 'xlsx'
      ? await reportToXlsx(r, names)
      : format === 'csv'
        ? reportToCsv(r, names)
        : `${terminalJson(r)}\n`;
  const out = opts.out ?? (format === 'xlsx' ? `${campaignId}${unitId ? `-${unitId}` : ''}.xlsx` : undefined);
  if (!out) return { json: r, text: '', raw: content.toString() };
  const file = path.resolve(out);
  await writeFile(file, content);
  const rows = r.levels.reduce((n, l) => n + l.rows.length, 0);
  return {
    json: {
      ok: true,
      campaignId,
      ...(unitId ? { unit: unitId } : {}),
      format,
      file,
      levels: r.levels.map((l) => ({ level: l.level, name: l.name, rows: l.rows.length })),
      milestones: r.milestones.map((m) => m.id),
    },
    text: `Đã ghi báo cáo tổng hợp của ${printable(r.root.name)} (${format}, ${r.levels.length} cấp, ${rows} đơn vị) vào ${file}`,
  };
}

export function registerReport(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('report')
    .description(
      'báo cáo tổng hợp của chiến dịch hoặc của một đơn vị, theo thứ tự đề cương, kèm mức hoàn thành từng nhánh',
    )
    .argument('<campaign>', 'mã chiến dịch')
    .option('--unit <unit>', 'báo cáo của nhánh đơn vị này')
    .option('--format <format>', 'xlsx (mỗi cấp một trang), csv hoặc json')
    .option('--out <file>', 'ghi ra tệp (xlsx mặc định ghi vào <chiến dịch>.xlsx)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (campaignId: string, opts: ReportOptions) => {
      setExit(await runCommand({ io, json: Boolean(opts.json), body: (s) => report(s, campaignId, opts) }));
    });
}
