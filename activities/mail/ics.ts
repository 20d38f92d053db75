// iCalendar (RFC 5545) invites with iTIP methods (RFC 5546): one event per (campaign, unit, milestone),
// REQUEST to add or update it, CANCEL to withdraw it. Times are UTC instants, so no VTIMEZONE is needed.

export interface Person {
  name?: string;
  email: string;
}

export interface Invite {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  /** Higher than any earlier version of the same UID, or clients ignore the update. */
  sequence: number;
  /** When this version was made (the notice's asOf): DTSTAMP. */
  stamp: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  language: string;
  organizer: Person;
  attendees: Person[];
}

function utc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`'${iso}' is not an instant`);
  return `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** TEXT values: backslash, semicolon, comma and newlines escaped. */
function text(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A parameter value, quoted; DQUOTE and control characters cannot appear in one. */
function param(s: string): string {
  return `"${s.replace(/["\p{Cc}]/gu, "'")}"`;
}

/** Folds a content line at 75 octets without splitting a UTF-8 sequence. */
function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > 75) {
      out.push(cur);
      cur = ' ';
      octets = 1;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join('\r\n');
}

function person(prop: string, p: Person, extra = ''): string {
  return `${prop}${p.name ? `;CN=${param(p.name)}` : ''}${extra}:mailto:${p.email}`;
}

export function buildInvite(i: Invite): string {
  const lang = `;LANGUAGE=${i.language}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//dondoc//dondoc//${i.language.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${i.method}`,
    'BEGIN:VEVENT',
    `UID:${i.uid}`,
    `SEQUENCE:${i.sequence}`,
    `DTSTAMP:${utc(i.stamp)}`,
    `DTSTART:${utc(i.start)}`,
    `DTEND:${utc(i.end)}`,
    `SUMMARY${lang}:${text(i.summary)}`,
    `DESCRIPTION${lang}:${text(i.description)}`,
    person('ORGANIZER', i.organizer),
    ...i.attendees.map((a) =>
      person('ATTENDEE', a, ';ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE'),
    ),
    `STATUS:${i.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
