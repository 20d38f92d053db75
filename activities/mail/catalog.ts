// Which placeholders each kind of notice offers its templates. context.ts fills exactly these.

import type { NoticeKind } from '../../contract/notices';
import type { Catalog } from './names';

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
  'asOf.at',
);

const MILESTONE: Catalog = {
  ...values(
    'milestone.id',
    'milestone.title',
    'milestone.description',
    'milestone.period',
    'milestone.reportsTo',
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
    'due.at',
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

/** The unit's personal portal link (empty when the worker has no portal): notices addressed to the unit. */
const UNIT_LINK = values('submit.link');
/** The addressed superior's own portal link (its subtree's page), when it has one. */
const SUPERIOR_LINK = values('superior.link');

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
    'receipt.file',
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
  opened: { ...MILESTONE, ...UNIT_LINK, ...COUNTDOWN, ...values('coordinating') },
  reminder: { ...MILESTONE, ...UNIT_LINK, ...COUNTDOWN },
  'last-day': { ...MILESTONE, ...UNIT_LINK, ...COUNTDOWN },
  overdue: { ...MILESTONE, ...UNIT_LINK, ...LATE },
  escalation: { ...MILESTONE, ...SUPERIOR_LINK, ...LATE },
  digest: { ...DIGEST, ...SUPERIOR_LINK },
  receipt: { ...MILESTONE, ...UNIT_LINK, ...RECEIPT },
  returned: { ...MILESTONE, ...UNIT_LINK, ...CHANGE, ...COUNTDOWN },
  extended: {
    ...MILESTONE,
    ...UNIT_LINK,
    ...CHANGE,
    ...COUNTDOWN,
    ...values('previousDue.date', 'previousDue.lastDay', 'previousDue.phrase', 'previousDue.at'),
  },
  waived: { ...MILESTONE, ...UNIT_LINK, ...CHANGE },
  link: { ...UNIT_LINK, ...CHANGE, ...values('link.expires') },
};

/** The subject has no `subject` placeholder; the text and HTML parts do. */
export function catalogFor(kind: NoticeKind, part: 'subject' | 'text' | 'html'): Catalog {
  return part === 'subject'
    ? { ...COMMON, ...BY_KIND[kind] }
    : { ...COMMON, ...BY_KIND[kind], ...values('subject') };
}
