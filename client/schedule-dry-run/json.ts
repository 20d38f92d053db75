// The dry run as JSON for scripts: every key always present (null when it does not apply), so the shape of a
// notice never depends on its kind.
import type { DayNote } from '../../core/calendar/moves';
import { local } from './text';
import type { DryRun, DryRunNotice } from './types';

function day(d: DayNote) {
  return { date: d.date, reason: d.reason, name: d.name ?? null, nameEn: d.nameEn ?? null };
}

function noticeJson(n: DryRunNotice, zone: string) {
  return {
    at: n.at,
    local: local(n.at, zone),
    kind: n.kind,
    seq: n.seq,
    unit: { id: n.unit.id, name: n.unit.name },
    milestone: n.milestone ? { id: n.milestone.id, title: n.milestone.title, kind: n.milestone.kind } : null,
    dueAt: n.dueAt ?? null,
    reminder: n.phase && n.offset ? { phase: n.phase, offset: n.offset } : null,
    escalation: n.after !== undefined ? { after: n.after, repeat: n.repeat ?? 0 } : null,
    recipients: [...n.recipients],
    to: n.to.map((t) => ({ id: t.id, name: t.name, emails: [...t.emails] })),
    emails: [...n.emails],
    cc: n.cc ? [...n.cc] : null,
    role: n.role ?? null,
    moved: n.moved ? { from: n.moved.from, to: n.moved.to, skipped: n.moved.skipped.map(day) } : null,
    madeUpWorkingDay: n.madeUp ? day(n.madeUp) : null,
    listed: n.listed
      ? n.listed.map((l) => ({
          unit: { id: l.unit.id, name: l.unit.name },
          milestone: { id: l.milestone.id, title: l.milestone.title },
          dueAt: l.dueAt,
        }))
      : null,
    messageId: n.messageId,
  };
}

export type NoticeJson = ReturnType<typeof noticeJson>;

export function dryRunJson(
  run: DryRun,
  filter: { unit?: string | undefined; milestone?: string | undefined },
) {
  const c = run.campaign;
  return {
    campaign: { id: c.id, title: c.title, timeZone: c.timeZone, language: c.language },
    start: run.start,
    filter: { unit: filter.unit ?? null, milestone: filter.milestone ?? null },
    count: run.notices.length,
    notices: run.notices.map((n) => noticeJson(n, c.timeZone)),
  };
}
