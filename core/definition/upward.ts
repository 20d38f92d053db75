// The issuer's own report upward (the province's report to the ministry): a result or periodic report with
// `reportsTo`, which applies to the issuer alone and falls due after the milestones it reports on (`reportsOn`,
// by default every other milestone). Checked here for validate.ts; resolved into the validated campaign so that
// nobody downstream guesses: `reportsOn` written out, escalations to the issuer's own addresses only (it has no
// superior in the tree). Pure, no zod.
import type { DueSpec, WindowSpec } from '../calendar/phrases';
import type { PathSegment } from './issues';
import type { Text } from './messages';
import type { AppliesTo, EscalationPolicy, Milestone } from './types';

type Add = (path: PathSegment[], code: string, message: string | Text) => void;

/** What the checks read of a milestone, parsed or validated. */
export type UpwardView = {
  id: string;
  kind: Milestone['kind'];
  appliesTo: AppliesTo;
  reportsTo?: string | undefined;
  reportsOn?: string[] | undefined;
} & ({ due: DueSpec } | { window: WindowSpec });

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** When a milestone closes, as a local "yyyy-mm-dd HH:mm" that sorts in time (all in the campaign's zone). */
export function closesAt(m: { due: DueSpec } | { window: WindowSpec }): string {
  if ('window' in m)
    return m.window.toTime ? `${m.window.to} ${m.window.toTime}` : `${nextDay(m.window.to)} 00:00`;
  const due = m.due;
  if (due.kind === 'before') return `${due.date} 00:00`;
  if (due.kind === 'end-of') return `${nextDay(due.date)} 00:00`;
  return `${due.date} ${due.time}`;
}

function shown(local: string): string {
  const [date, time] = local.split(' ') as [string, string];
  const [y, m, d] = date.split('-');
  return `${time} ngày ${d}/${m}/${y}`;
}

/** The milestones an upward report reports on: those it names, else every milestone that is not upward. */
export function reportedOn<T extends { id: string; reportsTo?: string | undefined }>(
  m: { id: string; reportsOn?: string[] | undefined },
  all: readonly T[],
): T[] {
  if (m.reportsOn) return m.reportsOn.flatMap((id) => all.filter((x) => x.id === id && x.id !== m.id));
  return all.filter((x) => x.id !== m.id && !x.reportsTo);
}

/** Every issue of the campaign's upward reports; `indexOf` gives each milestone's place in the file. */
export function checkUpward(
  add: Add,
  milestones: { index: number; m: UpwardView }[],
  issuer: string | undefined,
): void {
  const all = milestones.map(({ m }) => m);
  for (const { index, m } of milestones) {
    const at = (...p: PathSegment[]): PathSegment[] => ['milestones', index, ...p];
    if (!m.reportsTo) {
      if (m.reportsOn)
        add(at('reportsOn'), 'reports_on_without_reports_to', {
          vi: 'reportsOn chỉ dùng cùng reportsTo',
          en: 'reportsOn goes only with reportsTo',
        });
      continue;
    }
    const a = m.appliesTo;
    const onlyIssuer = !a.all && !a.levels?.length && !a.tags?.length && a.units?.length === 1;
    if (issuer && (!onlyIssuer || a.units?.[0] !== issuer)) {
      add(at('appliesTo'), 'reports_to_not_issuer', {
        vi: `báo cáo lên cấp trên (reportsTo) là của đơn vị ban hành: viết appliesTo: { units: [${issuer}] }`,
        en: `a report upward (reportsTo) is the issuing unit's: write appliesTo: { units: [${issuer}] }`,
      });
    }
    m.reportsOn?.forEach((id, i) => {
      if (id === m.id)
        add(at('reportsOn', i), 'invalid_value', {
          vi: `mốc '${id}' không thể báo cáo về chính nó`,
          en: `milestone '${id}' cannot report on itself`,
        });
      else if (!all.some((x) => x.id === id))
        add(at('reportsOn', i), 'unknown_milestone', {
          vi: `không có mốc '${id}'`,
          en: `unknown milestone '${id}'`,
        });
    });
    const due = closesAt(m);
    for (const other of reportedOn(m, all)) {
      const theirs = closesAt(other);
      if (theirs < due) continue;
      add(at('due'), 'due_before_reported', {
        vi: `hạn ${shown(due)} không sau hạn của mốc '${other.id}' (${shown(theirs)}) mà báo cáo này tổng hợp: đặt hạn muộn hơn, hoặc ghi reportsOn các mốc nó tổng hợp`,
        en: `due ${shown(due)} is not after the due date of milestone '${other.id}' (${shown(theirs)}) it reports on: set a later one, or list in reportsOn the milestones it reports on`,
      });
    }
  }
}

/** Only the issuer's own addresses: an escalation step to a superior has nobody to reach above the issuer. */
function ownEscalation(e: EscalationPolicy): EscalationPolicy {
  const steps = e.steps
    .map((s) => ({ ...s, to: s.to.filter((r) => r === 'unit') }))
    .filter((s) => s.to.length > 0);
  return { ...e, steps };
}

/** The validated milestones with each upward report's `reportsOn` written out and its escalations its own. */
export function resolveUpward(milestones: Milestone[]): Milestone[] {
  return milestones.map((m) => {
    if ((m.kind !== 'result-report' && m.kind !== 'periodic-report') || !m.reportsTo) return m;
    return {
      ...m,
      reportsOn: reportedOn(m, milestones).map((x) => x.id),
      escalation: ownEscalation(m.escalation),
    };
  });
}
