// `dondoc validate <file>`: every error, or a summary of what the campaign will do; in Vietnamese, or in English
// for a file that says `campaign.language: en` or with `--lang en`.
import { Option } from 'commander';
import { DateTime } from 'luxon';
import { mailTemplateChecker } from '../activities/mail/templates';
import { milestoneSchedule } from '../core/calendar/schedule';
import { WorkCalendar } from '../core/calendar/workdays';
import { HOSTILE } from '../core/definition/hostile-messages';
import type { DefinitionIssue, IssueJson } from '../core/definition/issues';
import { printIn } from '../core/definition/issues';
import { type LoadResult, loadCampaignFile } from '../core/definition/load';
import { LANGS, type Lang } from '../core/definition/messages';
import { implementsList } from '../core/definition/references';
import { unitMatches } from '../core/definition/tree';
import type { Campaign } from '../core/definition/types';
import { SEND_LIMIT_BYTES, wireBytes } from '../core/payload-codec';
import { EXIT, rejected } from './errors';
import type { Io } from './kit';

export interface MilestoneSummary {
  id: string;
  kind: string;
  title: string;
  units: number;
  opensAt?: string;
  dueAt: string;
  reminders: number;
  firstReminder?: string;
  lastReminder?: string;
  /** The issuer's own report upward: whom it goes to and the milestones it reports on. */
  reportsTo?: string;
  reportsOn?: string[];
}

export interface CampaignSummary {
  id: string;
  title: string;
  /** The documents it implements, one line each. */
  implements?: string[];
  timeZone: string;
  units: number;
  unitsPerLevel: { level: string; name: string; units: number }[];
  milestones: MilestoneSummary[];
  firstReminder?: string;
  lastReminder?: string;
}

export function summarize(campaign: Campaign): CampaignSummary {
  const cal = new WorkCalendar(campaign.calendar);
  const rootId = campaign.campaign.issuer;
  const milestones = campaign.milestones.map((m): MilestoneSummary => {
    const s = milestoneSchedule(campaign, m, {}, cal);
    const first = s.reminders[0]?.at;
    const last = s.reminders[s.reminders.length - 1]?.at;
    return {
      id: m.id,
      kind: m.kind,
      title: m.title,
      units: campaign.units.filter((u) => unitMatches(m.appliesTo, u, rootId)).length,
      ...(s.opensAt ? { opensAt: s.opensAt } : {}),
      dueAt: s.dueAt,
      reminders: s.reminders.length,
      ...(first ? { firstReminder: first } : {}),
      ...(last ? { lastReminder: last } : {}),
      ...('reportsTo' in m && m.reportsTo ? { reportsTo: m.reportsTo, reportsOn: m.reportsOn ?? [] } : {}),
    };
  });
  const refs = implementsList(campaign.campaign);
  const all = milestones
    .flatMap((m) => [m.firstReminder, m.lastReminder])
    .filter((x): x is string => x !== undefined)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  const first = all[0];
  const last = all[all.length - 1];
  return {
    id: campaign.campaign.id,
    title: campaign.campaign.title,
    ...(refs.length > 0 ? { implements: refs } : {}),
    timeZone: campaign.campaign.timeZone,
    units: campaign.units.length,
    unitsPerLevel: campaign.levels.map((l) => ({
      level: l.id,
      name: l.name,
      units: campaign.units.filter((u) => u.level === l.id).length,
    })),
    milestones,
    ...(first ? { firstReminder: first } : {}),
    ...(last ? { lastReminder: last } : {}),
  };
}

function local(isoInstant: string, zone: string): string {
  return DateTime.fromISO(isoInstant, { zone }).toFormat('dd/MM/yyyy HH:mm');
}

/** The words of the summary and of the last line under the issues. */
const WORDS = {
  vi: {
    implements: 'thực hiện',
    zone: (zone: string, units: number) => `múi giờ ${zone}; ${units} đơn vị`,
    milestones: 'các mốc:',
    window: (from: string, to: string) => `từ ${from} đến ${to}`,
    due: (at: string) => `hạn ${at}`,
    counts: (units: number, reminders: number) => `${units} đơn vị; ${reminders} lần nhắc mỗi đơn vị`,
    reportsTo: (to: string, on: string) => `đơn vị ban hành báo cáo ${to} về: ${on}`,
    reminders: (first: string, last: string) => `lần nhắc đầu tiên ${first}, lần cuối ${last}`,
    rejected: (n: number) => `${n} lỗi: chưa khởi động gì.`,
  },
  en: {
    implements: 'implements',
    zone: (zone: string, units: number) => `time zone ${zone}; ${units} units`,
    milestones: 'milestones:',
    window: (from: string, to: string) => `from ${from} until ${to}`,
    due: (at: string) => `due ${at}`,
    counts: (units: number, reminders: number) => `${units} units; ${reminders} reminders per unit`,
    reportsTo: (to: string, on: string) => `the issuer reports to ${to} on ${on}`,
    reminders: (first: string, last: string) => `first reminder ${first}, last ${last}`,
    rejected: (n: number) => `${n} error${n === 1 ? '' : 's'}: nothing was started.`,
  },
};

export function renderSummary(s: CampaignSummary, lang: Lang = 'vi'): string {
  const w = WORDS[lang];
  const at = (instant: string) => local(instant, s.timeZone);
  const lines = [`${s.id}: ${s.title}`];
  for (const r of s.implements ?? []) lines.push(`  ${w.implements} ${r}`);
  lines.push(w.zone(s.timeZone, s.units));
  for (const l of s.unitsPerLevel) lines.push(`  ${l.name} (${l.level}): ${l.units}`);
  lines.push(w.milestones);
  for (const m of s.milestones) {
    const when = m.opensAt ? w.window(at(m.opensAt), at(m.dueAt)) : w.due(at(m.dueAt));
    lines.push(`  ${m.id} [${m.kind}] ${m.title}`);
    lines.push(`    ${when}; ${w.counts(m.units, m.reminders)}`);
    if (m.reportsTo) lines.push(`    ${w.reportsTo(m.reportsTo, m.reportsOn?.join(', ') ?? '')}`);
  }
  if (s.firstReminder && s.lastReminder) lines.push(w.reminders(at(s.firstReminder), at(s.lastReminder)));
  return lines.join('\n');
}

/** `lang`: the language of the messages, `--lang` or the file's `campaign.language` (`vi` without one). */
export type ValidateOutcome = (
  | { ok: true; summary: CampaignSummary }
  | { ok: false; issues: DefinitionIssue[] }
) & { lang: Lang };

/**
 * The campaign file loaded and checked (load.ts), and then its size as it would be sent: a definition over what
 * Temporal takes in one payload (2 MiB, after dondoc's gzip) is refused here, not by the server mid-start.
 */
async function loadForStart(file: string, lang?: Lang): Promise<LoadResult> {
  const r = await loadCampaignFile(file, mailTemplateChecker, lang ? { lang } : {});
  if (!r.ok) return r;
  const bytes = await wireBytes({ campaign: r.campaign });
  if (bytes <= SEND_LIMIT_BYTES) return r;
  const message = HOSTILE.tooLargeToSend(bytes, SEND_LIMIT_BYTES)[r.lang];
  return {
    ok: false,
    issues: [{ file, path: [], code: 'too_large', message }],
    files: r.files,
    lang: r.lang,
  };
}

export async function validateFile(file: string, lang?: Lang): Promise<ValidateOutcome> {
  const r = await loadForStart(file, lang);
  return r.ok
    ? { ok: true, summary: summarize(r.campaign), lang: r.lang }
    : { ok: false, issues: r.issues, lang: r.lang };
}

/** The outcome as `--json` prints it: each issue's place as printed (`path`) and as data (`pathSegments`). */
export function outcomeJson(
  r: ValidateOutcome,
): { ok: true; summary: CampaignSummary } | { ok: false; issues: IssueJson[] } {
  return r.ok ? { ok: true, summary: r.summary } : { ok: false, issues: r.issues.map(printIn(r.lang).json) };
}

/** Every issue, its place printed in `lang` (that of its messages), then "N lỗi: chưa khởi động gì." */
export function renderIssues(issues: DefinitionIssue[], lang: Lang = 'vi'): string {
  return [...issues.map(printIn(lang).issue), WORDS[lang].rejected(issues.length)].join('\n');
}

/**
 * A command's campaign file, loaded and checked (in `lang`, else the file's language), or a rejection that lists
 * every issue (also as JSON) and ends with `footer` (by default "N lỗi: chưa khởi động gì.").
 */
export async function loadCampaignOrReject(
  file: string,
  lang: Lang | undefined,
  footer: (n: number, lang: Lang) => string = (n, l) => WORDS[l].rejected(n),
): Promise<Campaign> {
  const loaded = await loadForStart(file, lang);
  if (loaded.ok) return loaded.campaign;
  const print = printIn(loaded.lang);
  throw rejected([...loaded.issues.map(print.issue), footer(loaded.issues.length, loaded.lang)].join('\n'), {
    issues: loaded.issues.map(print.json),
  });
}

export interface ValidateOptions {
  json?: boolean;
  lang?: Lang;
}

/** `dondoc validate <file>`: the summary and OK on stdout, or every issue on stderr (exit 1); or JSON. */
export async function runValidate(file: string, opts: ValidateOptions, io: Io): Promise<number> {
  const r = await validateFile(file, opts.lang);
  if (opts.json) io.out(`${JSON.stringify(outcomeJson(r), null, 2)}\n`);
  else if (r.ok) io.out(`${renderSummary(r.summary, r.lang)}\nOK\n`);
  else io.err(`${renderIssues(r.issues, r.lang)}\n`);
  return r.ok ? EXIT.ok : EXIT.rejected;
}

/** `--lang vi|en`, for the commands that read a campaign file (validate, start; draft says what it sets). */
export function langOption(
  description = 'ngôn ngữ của kết quả: vi hoặc en (mặc định: campaign.language của tệp, không có thì vi)',
): Option {
  return new Option('--lang <lang>', description).choices(LANGS);
}
