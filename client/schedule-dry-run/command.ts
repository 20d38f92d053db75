// `dondoc validate <file> --schedule [--unit ID] [--milestone ID] [--format table|csv|json|ics] [--start WHEN]`:
// every email the campaign would send, without starting anything or reaching a server.
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { parseLocalDate, parseTime } from '../../core/calendar/phrases';
import type { Lang } from '../../core/definition/messages';
import type { Campaign } from '../../core/definition/types';
import { rejected } from '../errors';
import { type Io, type Outcome, runCommand } from '../kit';
import { loadCampaignOrReject } from '../validate-command';
import { renderCsv } from './csv';
import { renderIcs } from './ics';
import { dryRunJson } from './json';
import { defaultStart, dryRun } from './rows';
import { renderTable } from './table';
import type { DryRun } from './types';

export const SCHEDULE_FORMATS = ['table', 'csv', 'json', 'ics'] as const;
type Format = (typeof SCHEDULE_FORMATS)[number];

export interface ScheduleOptions {
  schedule?: boolean;
  unit?: string;
  milestone?: string;
  format?: string;
  start?: string;
  json?: boolean;
  /** `validate --lang`: the language of the messages and the dry run's words, over the file's own. */
  lang?: Lang;
}

/** The options `validate` takes for the dry run. */
export function addScheduleOptions(cmd: Command): Command {
  return cmd
    .option(
      '--schedule',
      'chạy thử: in mọi thư chiến dịch sẽ gửi (lúc nào, cho ai, về mốc nào), không khởi động gì',
    )
    .option('--unit <id>', 'với --schedule: chỉ thư về đơn vị này hoặc gửi đến nó')
    .option('--milestone <id>', 'với --schedule: chỉ thư của mốc này')
    .option(
      '--format <format>',
      'với --schedule: table, csv, json hoặc ics (mặc định table; json nếu có --json)',
    )
    .option(
      '--start <when>',
      'với --schedule: giả định khởi động lúc dd/mm/yyyy [HH:mm] hoặc now (mặc định: đầu ngày ban hành)',
    );
}

/** The dry run's options given without --schedule: an error, so `validate` itself is left as it was. */
function strayOptions(opts: ScheduleOptions): string[] {
  const names: [keyof ScheduleOptions, string][] = [
    ['unit', '--unit'],
    ['milestone', '--milestone'],
    ['format', '--format'],
    ['start', '--start'],
  ];
  return opts.schedule ? [] : names.filter(([k]) => opts[k] !== undefined).map(([, n]) => n);
}

/** Whether `validate` runs the dry run (or reports its options given without --schedule). */
export function isScheduleRun(opts: ScheduleOptions): boolean {
  return opts.schedule === true || strayOptions(opts).length > 0;
}

function formatOf(opts: ScheduleOptions): Format {
  const f = opts.format ?? (opts.json ? 'json' : 'table');
  if (!(SCHEDULE_FORMATS as readonly string[]).includes(f)) {
    throw rejected(`--format: không có định dạng '${f}': chọn table, csv, json hoặc ics`);
  }
  return f as Format;
}

/** `now`, or a local date with an optional time (00:00 when absent), in the campaign's zone. */
export function parseStart(text: string, zone: string, now: Date = new Date()): string {
  const iso = (dt: DateTime) => dt.toISO({ suppressMilliseconds: true }) as string;
  if (text.trim().toLowerCase() === 'now') return iso(DateTime.fromJSDate(now, { zone }));
  const m = /^\s*(\S+?)(?:[ T]+(\S+))?\s*$/.exec(text);
  const date = m?.[1] ? parseLocalDate(m[1]) : undefined;
  const time = m?.[2] ? parseTime(m[2]) : '00:00';
  if (!date || !time) {
    throw rejected(`--start: '${text}' không phải là thời điểm: viết dd/mm/yyyy, dd/mm/yyyy HH:mm hoặc now`);
  }
  return iso(DateTime.fromISO(`${date}T${time}`, { zone }));
}

async function loadOrReject(file: string, lang: Lang | undefined): Promise<Campaign> {
  const c = await loadCampaignOrReject(file, lang, (n, l) =>
    l === 'en' ? `${n} error${n === 1 ? '' : 's'}: no dry run.` : `${n} lỗi: chưa chạy thử được.`,
  );
  return lang ? { ...c, campaign: { ...c.campaign, language: lang } } : c;
}

/** Only the notices about the unit or addressed to it, and only those of the milestone (a digest: listing it). */
export function filterRun(run: DryRun, filter: { unit?: string; milestone?: string }): DryRun {
  const { unit, milestone } = filter;
  const notices = run.notices.filter(
    (n) =>
      (!unit || n.unit.id === unit || n.to.some((t) => t.id === unit)) &&
      (!milestone ||
        n.milestone?.id === milestone ||
        (n.listed ?? []).some((l) => l.milestone.id === milestone)),
  );
  return { ...run, notices };
}

function checkFilter(c: Campaign, opts: ScheduleOptions): void {
  if (opts.unit !== undefined && !c.units.some((u) => u.id === opts.unit)) {
    throw rejected(`--unit: chiến dịch ${c.campaign.id} không có đơn vị '${opts.unit}'`);
  }
  if (opts.milestone !== undefined && !c.milestones.some((m) => m.id === opts.milestone)) {
    throw rejected(`--milestone: chiến dịch ${c.campaign.id} không có mốc '${opts.milestone}'`);
  }
}

/** The dry run's outcome in the chosen format. */
export async function scheduleOutcome(
  file: string,
  opts: ScheduleOptions,
  now: Date = new Date(),
): Promise<Outcome> {
  const stray = strayOptions(opts);
  if (stray.length > 0) throw rejected(`${stray.join(', ')} chỉ dùng cùng --schedule`);
  const format = formatOf(opts);
  const campaign = await loadOrReject(file, opts.lang);
  checkFilter(campaign, opts);
  const zone = campaign.campaign.timeZone;
  const start = opts.start !== undefined ? parseStart(opts.start, zone, now) : defaultStart(campaign);
  const filter = {
    ...(opts.unit !== undefined ? { unit: opts.unit } : {}),
    ...(opts.milestone !== undefined ? { milestone: opts.milestone } : {}),
  };
  const run = filterRun(dryRun(campaign, start), filter);
  const json = dryRunJson(run, filter);
  switch (format) {
    case 'json':
      return { json, text: '' };
    case 'csv':
      return { json, text: '', raw: renderCsv(run) };
    case 'ics':
      return { json, text: '', raw: renderIcs(run, now) };
    case 'table':
      return { json, text: '', raw: renderTable(run, opts.start === undefined) };
  }
}

/** Runs the dry run; errors (a bad file, an unknown unit) are reported in Vietnamese with exit code 1. */
export function runSchedule(file: string, opts: ScheduleOptions, io: Io): Promise<number> {
  const json = opts.format === 'json' || (opts.format === undefined && opts.json === true);
  return runCommand({ io, json, lang: opts.lang, body: () => scheduleOutcome(file, opts) });
}
