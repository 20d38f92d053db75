// `dondoc validate <file>`: every error, or a summary of what the campaign will do.
import { DateTime } from 'luxon';
import { mailTemplateChecker } from '../activities/mail/templates';
import { milestoneSchedule } from '../core/calendar/schedule';
import { WorkCalendar } from '../core/calendar/workdays';
import type { DefinitionIssue, IssueJson } from '../core/definition/issues';
import { formatIssue, issueJson } from '../core/definition/issues';
import { loadCampaignFile } from '../core/definition/load';
import { unitMatches } from '../core/definition/tree';
import type { Campaign } from '../core/definition/types';

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
}

export interface CampaignSummary {
  id: string;
  title: string;
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
    };
  });
  const all = milestones
    .flatMap((m) => [m.firstReminder, m.lastReminder])
    .filter((x): x is string => x !== undefined)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  const first = all[0];
  const last = all[all.length - 1];
  return {
    id: campaign.campaign.id,
    title: campaign.campaign.title,
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

export function renderSummary(s: CampaignSummary): string {
  const lines = [`${s.id}: ${s.title}`, `time zone ${s.timeZone}; ${s.units} units`];
  for (const l of s.unitsPerLevel) lines.push(`  ${l.name} (${l.level}): ${l.units}`);
  lines.push('milestones:');
  for (const m of s.milestones) {
    const when = m.opensAt
      ? `from ${local(m.opensAt, s.timeZone)} until ${local(m.dueAt, s.timeZone)}`
      : `due ${local(m.dueAt, s.timeZone)}`;
    lines.push(`  ${m.id} [${m.kind}] ${m.title}`);
    lines.push(`    ${when}; ${m.units} units; ${m.reminders} reminders per unit`);
  }
  if (s.firstReminder && s.lastReminder) {
    lines.push(
      `first reminder ${local(s.firstReminder, s.timeZone)}, last ${local(s.lastReminder, s.timeZone)}`,
    );
  }
  return lines.join('\n');
}

export type ValidateOutcome =
  | { ok: true; summary: CampaignSummary }
  | { ok: false; issues: DefinitionIssue[] };

export async function validateFile(file: string): Promise<ValidateOutcome> {
  const r = await loadCampaignFile(file, mailTemplateChecker);
  return r.ok ? { ok: true, summary: summarize(r.campaign) } : { ok: false, issues: r.issues };
}

/** The outcome as `--json` prints it: each issue's place as printed (`path`) and as data (`pathSegments`). */
export function outcomeJson(
  r: ValidateOutcome,
): { ok: true; summary: CampaignSummary } | { ok: false; issues: IssueJson[] } {
  return r.ok ? r : { ok: false, issues: r.issues.map(issueJson) };
}

export function renderIssues(issues: DefinitionIssue[]): string {
  const n = issues.length;
  return [...issues.map(formatIssue), `${n} error${n === 1 ? '' : 's'}: nothing was started.`].join('\n');
}
