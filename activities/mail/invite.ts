// The calendar invite a notice carries, if any: REQUEST for the deadline (or event window) a unit owes,
// CANCEL once it is waived or met; nothing for notices about a deadline already past.
import addressparser from 'nodemailer/lib/addressparser';
import { icsUid } from '../../contract/ids';
import type { Language, MilestoneNotice } from '../../contract/notices';
import { at, deadline, deadlinePhrase, windowPhrase } from './context';
import type { Invite } from './ics';

/** A notice that cannot be composed: retrying will not help. */
export class NoticeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoticeError';
  }
}

function organizerOf(from: string): { name?: string; email: string } {
  const [first] = addressparser(from, { flatten: true });
  if (!first?.address) throw new NoticeError(`the From address '${from}' has no email address`);
  return first.name ? { name: first.name, email: first.address } : { email: first.address };
}

const WORDS = {
  vi: { deadline: 'Hạn chót', unit: 'Đơn vị', cancelled: 'Đã hủy' },
  en: { deadline: 'Deadline', unit: 'Unit', cancelled: 'Cancelled' },
} as const;

/** Deadline notices carry the invite; a waiver, or a submission that meets the obligation, cancels it. */
export function inviteOf(n: MilestoneNotice, lang: Language, from: string): Invite | undefined {
  let method: Invite['method'];
  if (n.kind === 'waived') method = 'CANCEL';
  else if (n.kind === 'receipt') {
    if (n.receipt.status === 'open' || n.receipt.status === 'overdue') return undefined;
    method = 'CANCEL';
  } else if (n.kind === 'overdue' || n.kind === 'escalation') return undefined;
  // A unit that only coordinates owes no deadline: no invite.
  else if (n.kind === 'opened' && n.role === 'coordinate') return undefined;
  else method = 'REQUEST';

  const zone = n.campaign.timeZone;
  const due = deadline(n.dueAt, zone);
  const words = WORDS[lang];
  const window = n.opensAt !== undefined;
  const when = window ? windowPhrase(at(n.opensAt as string, zone), due, lang) : deadlinePhrase(due, lang);
  const doc = n.campaign.document.number ? ` (${n.campaign.document.number})` : '';
  return {
    method,
    uid: icsUid(n.campaign.id, n.unit.id, n.milestone.id),
    sequence: n.icsSequence,
    stamp: n.asOf,
    // A deadline is the hour that ends at it, so it shows on the last day, not the day after.
    start: window ? (n.opensAt as string) : (due.at.minus({ hours: 1 }).toISO() as string),
    end: n.dueAt,
    timeZone: zone,
    summary: `${method === 'CANCEL' ? `[${words.cancelled}] ` : ''}${window ? '' : `${words.deadline}: `}${n.milestone.title} (${n.unit.name})`,
    description: [
      `${n.campaign.title}${doc}`,
      `${n.milestone.title}: ${when}`,
      `${words.unit}: ${n.unit.name}`,
      ...(n.milestone.description ? [n.milestone.description] : []),
    ].join('\n'),
    language: lang,
    organizer: organizerOf(from),
    attendees: n.to.map((email) => ({ name: n.addressee ?? n.unit.name, email })),
  };
}
