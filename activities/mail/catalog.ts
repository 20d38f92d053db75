// Which placeholders each kind of notice offers its templates. context.ts fills exactly these.
import type { Catalog } from './names';
import type { NoticeKind } from './types';

const values = (...names: string[]): Catalog => Object.fromEntries(names.map((n) => [n, 'value' as const]));

const COMMON: Catalog = values(
  'campaign.id',
  'campaign.title',
  'campaign.document',
  'campaign.issued',
  'campaign.implements',
  'campaign.contact',
  'campaign.issuer',
  'unit.id',
  'unit.name',
  'unit.emails',
  'addressee',
  'asOf.date',
  'asOf.time',
);

const MILESTONE: Catalog = {
  ...values(
    'milestone.id',
    'milestone.title',
    'milestone.description',
    'milestone.period',
    'milestone.minSites',
    'milestone.minEvents',
    'milestone.is.draftPlan',
    'milestone.is.plan',
    'milestone.is.siteRegistration',
    'milestone.is.eventWindow',
    'milestone.is.resultReport',
    'milestone.is.periodicReport',
    'due.date',
    'due.time',
    'due.lastDay',
    'due.phrase',
    'due.exactTime',
    'window.from',
    'window.to',
    'window.phrase',
    'submit.command',
  ),
  'milestone.fields': { item: 'field', fields: ['label', 'required'] },
};

const COUNTDOWN = values('daysLeft', 'beforeOpen', 'opensIn');
const LATE = values('daysOverdue');
const CHANGE = values('reason', 'actor');

const RECEIPT: Catalog = {
  ...values(
    'receipt.seq',
    'receipt.recordedAt',
    'receipt.onTime',
    'receipt.complete',
    'receipt.status',
    'receipt.actor',
    'receipt.note',
    'receipt.document',
    'receipt.reference',
    'receipt.summary',
    'receipt.siteCount',
    'receipt.eventCount',
  ),
  'receipt.values': { item: 'value', fields: ['label', 'value'] },
  'receipt.sites': { item: 'site', fields: ['text'] },
  'receipt.events': { item: 'event', fields: ['date', 'place', 'attendance'] },
  'receipt.flags': { item: 'flag' },
};

const DIGEST: Catalog = {
  ...values('digest.count'),
  'digest.rows': {
    item: 'row',
    fields: ['unit', 'unitId', 'emails', 'milestone', 'milestoneId', 'due', 'daysOverdue'],
  },
};

const BY_KIND: Record<NoticeKind, Catalog> = {
  opened: { ...MILESTONE, ...COUNTDOWN },
  reminder: { ...MILESTONE, ...COUNTDOWN },
  'last-day': { ...MILESTONE, ...COUNTDOWN },
  overdue: { ...MILESTONE, ...LATE },
  escalation: { ...MILESTONE, ...LATE },
  digest: DIGEST,
  receipt: { ...MILESTONE, ...RECEIPT },
  returned: { ...MILESTONE, ...CHANGE, ...COUNTDOWN },
  extended: {
    ...MILESTONE,
    ...CHANGE,
    ...COUNTDOWN,
    ...values('previousDue.date', 'previousDue.lastDay', 'previousDue.phrase'),
  },
  waived: { ...MILESTONE, ...CHANGE },
};

/** The subject has no `subject` placeholder; the text and HTML parts do. */
export function catalogFor(kind: NoticeKind, part: 'subject' | 'text' | 'html'): Catalog {
  return part === 'subject'
    ? { ...COMMON, ...BY_KIND[kind] }
    : { ...COMMON, ...BY_KIND[kind], ...values('subject') };
}
