// The values a notice's templates see (the names in catalog.ts), computed from its input alone: dates in the
// campaign's zone written dd/mm/yyyy, days counted from the input's asOf (workflow time).
import { DateTime } from 'luxon';
import type {
  DigestNotice,
  Language,
  LinkNotice,
  MilestoneNotice,
  NoticeInput,
  NoticeLinks,
  NoticeMilestone,
  NoticeReceipt,
} from '../../contract/notices';
import { formatVnDate } from '../../core/calendar/phrases';
import { implementsText } from '../../core/definition/references';
import type { FieldValue } from '../../core/definition/types';
import type { Scope } from './handlebars';

const date = (dt: DateTime) => dt.toFormat('dd/MM/yyyy');
const time = (dt: DateTime) => dt.toFormat('HH:mm');

export function at(iso: string, zone: string): DateTime {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`'${iso}' is not an ISO-8601 instant`);
  return dt;
}

const dayNumber = (dt: DateTime) => Date.UTC(dt.year, dt.month - 1, dt.day) / 86_400_000;

/** Whole calendar days from a's local date to b's. */
function daysBetween(a: DateTime, b: DateTime): number {
  return dayNumber(b) - dayNumber(a);
}

export interface Deadline {
  at: DateTime;
  /** The last day on which a submission is on time: the day before a midnight deadline. */
  lastDay: DateTime;
  exactTime: boolean;
}

export function deadline(iso: string, zone: string): Deadline {
  const d = at(iso, zone);
  const exactTime = !(d.hour === 0 && d.minute === 0 && d.second === 0);
  return { at: d, lastDay: exactTime ? d : d.minus({ days: 1 }), exactTime };
}

/** "trước ngày 20/08/2026" for a deadline at 00:00, "trước 17:00 ngày 20/08/2026" for an exact time. */
export function deadlinePhrase(d: Deadline, lang: Language): string {
  const day = date(d.at);
  if (lang === 'en') return d.exactTime ? `before ${time(d.at)} on ${day}` : `before ${day}`;
  return d.exactTime ? `trước ${time(d.at)} ngày ${day}` : `trước ngày ${day}`;
}

/**
 * "từ ngày 01/08/2026 đến hết ngày 19/08/2026" for a window of whole days; a window that opens or closes at a
 * given time says so: "từ 07:30 ngày 01/08/2026 đến 17:00 ngày 19/08/2026".
 */
export function windowPhrase(opens: DateTime, due: Deadline, lang: Language): string {
  const midnight = opens.hour === 0 && opens.minute === 0 && opens.second === 0;
  if (lang === 'vi') {
    const from = midnight ? `từ ngày ${date(opens)}` : `từ ${time(opens)} ngày ${date(opens)}`;
    const to = due.exactTime
      ? `đến ${time(due.at)} ngày ${date(due.at)}`
      : `đến hết ngày ${date(due.lastDay)}`;
    return `${from} ${to}`;
  }
  const from = midnight ? `from ${date(opens)}` : `from ${time(opens)} on ${date(opens)}`;
  const to = due.exactTime ? `to ${time(due.at)} on ${date(due.at)}` : `to the end of ${date(due.lastDay)}`;
  return `${from} ${to}`;
}

/** Calendar days since the deadline's date; the first day late counts as one. */
function daysOverdue(d: Deadline, asOf: DateTime): number {
  if (asOf < d.at) return 0;
  return Math.max(1, daysBetween(d.at, asOf));
}

function common(n: NoticeInput, asOf: DateTime): Scope {
  const c = n.campaign;
  return {
    'campaign.id': c.id,
    'campaign.title': c.title,
    'campaign.document': c.document.number ?? '',
    'campaign.issued': date(at(c.document.issued, c.timeZone)),
    'campaign.implements': implementsText(c),
    'campaign.contact': c.contact ?? '',
    'campaign.issuer': n.issuerName ?? c.issuer,
    'unit.id': n.unit.id,
    'unit.name': n.unit.name,
    'unit.emails': n.unit.emails.join(', '),
    addressee: n.addressee ?? n.unit.name,
    'asOf.date': date(asOf),
    'asOf.time': time(asOf),
    'asOf.at': asOf.toISO() ?? n.asOf,
  };
}

function milestoneScope(m: NoticeMilestone): Scope {
  return {
    'milestone.id': m.id,
    'milestone.title': m.title,
    'milestone.description': m.description ?? '',
    'milestone.period': m.period ?? '',
    'milestone.reportsTo': m.reportsTo ?? '',
    'milestone.minSites': m.minSites ?? '',
    'milestone.minEvents': m.minEvents ?? '',
    'milestone.is.draftPlan': m.kind === 'draft-plan',
    'milestone.is.plan': m.kind === 'plan',
    'milestone.is.siteRegistration': m.kind === 'site-registration',
    'milestone.is.eventWindow': m.kind === 'event-window',
    'milestone.is.resultReport': m.kind === 'result-report',
    'milestone.is.periodicReport': m.kind === 'periodic-report',
    'milestone.fields': (m.fields ?? []).map((f) => ({
      'field.label': f.label,
      'field.required': f.required,
    })),
  };
}

function dueScope(prefix: string, d: Deadline, lang: Language): Scope {
  return {
    [`${prefix}.date`]: date(d.at),
    [`${prefix}.time`]: time(d.at),
    [`${prefix}.at`]: d.at.toISO() ?? '',
    [`${prefix}.lastDay`]: date(d.lastDay),
    [`${prefix}.phrase`]: deadlinePhrase(d, lang),
    [`${prefix}.exactTime`]: d.exactTime,
  };
}

function formatValue(v: FieldValue, lang: Language): string {
  if (typeof v === 'boolean') return lang === 'vi' ? (v ? 'có' : 'không') : v ? 'yes' : 'no';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatVnDate(v);
  return String(v);
}

function receiptScope(r: NoticeReceipt, m: NoticeMilestone, lang: Language, zone: string): Scope {
  const label = (id: string) => m.fields?.find((f) => f.id === id)?.label ?? id;
  const p = r.payload;
  const order = (row: Record<string, FieldValue>) => {
    const ids = m.fields?.map((f) => f.id) ?? [];
    return Object.keys(row).sort((a, b) => (ids.indexOf(a) + 1 || 1e9) - (ids.indexOf(b) + 1 || 1e9));
  };
  return {
    'receipt.seq': r.seq,
    'receipt.recordedAt': `${date(at(r.recordedAt, zone))} ${time(at(r.recordedAt, zone))}`,
    'receipt.onTime': r.onTime,
    'receipt.complete': r.status !== 'open' && r.status !== 'overdue',
    'receipt.status': r.status,
    'receipt.actor': r.actor,
    'receipt.note': r.note ?? '',
    'receipt.document': p.document?.title ?? '',
    'receipt.reference': p.document?.reference ?? '',
    'receipt.summary': p.document?.summary ?? '',
    'receipt.file': p.document?.file?.name ?? '',
    'receipt.values': order(p.values ?? {}).map((id) => ({
      'value.label': label(id),
      'value.value': formatValue(p.values?.[id] as FieldValue, lang),
    })),
    'receipt.siteCount': p.sites?.length ?? 0,
    'receipt.sites': (p.sites ?? []).map((s) => ({
      'site.text': order(s)
        .map((id) => `${label(id)}: ${formatValue(s[id] as FieldValue, lang)}`)
        .join('; '),
    })),
    'receipt.eventCount': p.events?.length ?? 0,
    'receipt.events': (p.events ?? []).map((e) => ({
      'event.date': formatValue(e.date, lang),
      'event.place': e.place,
      'event.attendance': e.attendance,
    })),
    'receipt.flags': r.flags.map((f) => ({ flag: f })),
  };
}

function milestoneNoticeScope(n: MilestoneNotice, lang: Language, asOf: DateTime, links: NoticeLinks): Scope {
  const zone = n.campaign.timeZone;
  const due = deadline(n.dueAt, zone);
  const opens = n.opensAt ? at(n.opensAt, zone) : undefined;
  const beforeOpen =
    n.kind === 'reminder' || n.kind === 'opened'
      ? n.phase === 'before-open' || (!!opens && asOf < opens)
      : false;
  const scope: Scope = {
    ...milestoneScope(n.milestone),
    ...dueScope('due', due, lang),
    'window.from': opens ? date(opens) : '',
    'window.to': opens ? date(due.lastDay) : '',
    'window.phrase': opens ? windowPhrase(opens, due, lang) : '',
    'submit.command': `npx dondoc submit ${n.campaign.id} ${n.unit.id} ${n.milestone.id} <file> --by <name>`,
    daysLeft: Math.max(0, daysBetween(asOf, due.lastDay) + 1),
    beforeOpen,
    opensIn: opens ? Math.max(0, daysBetween(asOf, opens)) : 0,
    daysOverdue: daysOverdue(due, asOf),
    ...(n.kind === 'escalation'
      ? { 'superior.link': links.superior ?? '' }
      : { 'submit.link': links.unit ?? '' }),
  };
  switch (n.kind) {
    case 'opened':
      return { ...scope, coordinating: n.role === 'coordinate' };
    case 'extended':
      return {
        ...scope,
        ...dueScope('previousDue', deadline(n.previousDueAt, zone), lang),
        reason: n.reason,
        actor: n.actor ?? '',
      };
    case 'returned':
      return { ...scope, reason: n.reason, actor: n.actor ?? '' };
    case 'waived':
      return { ...scope, reason: n.reason ?? '', actor: n.actor ?? '' };
    case 'receipt':
      return { ...scope, ...receiptScope(n.receipt, n.milestone, lang, zone) };
    default:
      return scope;
  }
}

function digestScope(n: DigestNotice, lang: Language, asOf: DateTime, links: NoticeLinks): Scope {
  const zone = n.campaign.timeZone;
  return {
    'superior.link': links.superior ?? '',
    'digest.count': n.rows.length,
    'digest.rows': n.rows.map((r): Scope => {
      const d = deadline(r.dueAt, zone);
      return {
        'row.unit': r.unit.name,
        'row.unitId': r.unit.id,
        'row.emails': (r.unit.emails ?? []).join(', '),
        'row.milestone': r.milestone.title,
        'row.milestoneId': r.milestone.id,
        'row.due': deadlinePhrase(d, lang),
        'row.daysOverdue': daysOverdue(d, asOf),
      };
    }),
  };
}

export function languageOf(n: NoticeInput): Language {
  return n.language ?? n.campaign.language;
}

function linkScope(n: LinkNotice, links: NoticeLinks): Scope {
  const expires = links.expiresAt ? at(links.expiresAt, n.campaign.timeZone) : undefined;
  return {
    'submit.link': links.unit ?? '',
    'link.expires': expires ? date(expires) : '',
    reason: n.reason ?? '',
    actor: n.actor ?? '',
  };
}

/**
 * Every value the notice's templates may use; `subject` is added once the subject is rendered. `links`: the
 * portal links the sending activity minted for it (none without a portal).
 */
export function noticeScope(n: NoticeInput, links: NoticeLinks = {}): Scope {
  const lang = languageOf(n);
  const asOf = at(n.asOf, n.campaign.timeZone);
  const own =
    n.kind === 'digest'
      ? digestScope(n, lang, asOf, links)
      : n.kind === 'link'
        ? linkScope(n, links)
        : milestoneNoticeScope(n, lang, asOf, links);
  return { ...common(n, asOf), ...own };
}
