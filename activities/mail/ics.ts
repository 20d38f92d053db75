// iCalendar (RFC 5545) invites with iTIP methods (RFC 5546), written by ical-generator: one event per (campaign,
// unit, milestone), REQUEST to add or update it, CANCEL to withdraw it. Times are in the campaign's zone, with its
// VTIMEZONE (from @touch4it/ical-timezones, the generator ical-generator's documentation names), so a calendar
// shows the deadline on the plan's day whatever the reader's own zone.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { DateTime } from 'luxon';

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
  /** The campaign's IANA zone: DTSTART/DTEND are written in it, with its VTIMEZONE. */
  timeZone: string;
  summary: string;
  description: string;
  language: string;
  organizer: Person;
  attendees: Person[];
}

/** An instant in `zone` (ical-generator converts native Dates only to UTC or floating time, luxon to a zone). */
function instant(iso: string, zone = 'UTC'): DateTime {
  const d = DateTime.fromISO(iso, { zone: 'utc' });
  if (!d.isValid) throw new Error(`'${iso}' is not an instant`);
  return d.setZone(zone);
}

/**
 * A TextEncoder that only measures. ical-generator 10 folds lines by each character's UTF-8 length, taken as
 * `new TextEncoder().encode(character).length`: 1.5 ms of a 1.3 KB invite, more than the rest of the invite, and
 * a tenth of the worker's main thread in a wave of receipts (its version 11 counts bytes itself, but needs Node
 * 22). It is the global only while the calendar writes itself out, which is synchronous: nothing else runs
 * meanwhile, and the text is the same (test/mail/ics.test.ts).
 */
class Utf8Length {
  encode(text: string): { length: number } {
    return { length: Buffer.byteLength(text, 'utf8') };
  }
}

export function folded(cal: { toString(): string }): string {
  const real = globalThis.TextEncoder;
  globalThis.TextEncoder = Utf8Length as unknown as typeof TextEncoder;
  try {
    return cal.toString();
  } finally {
    globalThis.TextEncoder = real;
  }
}

/** A name as a parameter value: DQUOTE and control characters cannot appear in one. */
function cn(p: Person): string | undefined {
  return p.name?.replace(/["\p{Cc}]/gu, "'");
}

export function buildInvite(i: Invite): string {
  const cal = ical({
    prodId: { company: 'dondoc', product: 'dondoc', language: i.language.toUpperCase() },
    method: i.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-wide zone (DTSTAMP must stay UTC): the event's zone, whose VTIMEZONE the generator writes.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const event = cal.createEvent({
    id: i.uid,
    sequence: i.sequence,
    stamp: instant(i.stamp),
    start: instant(i.start, i.timeZone),
    end: instant(i.end, i.timeZone),
    timezone: i.timeZone,
    summary: i.summary,
    description: i.description,
    organizer: { email: i.organizer.email, name: cn(i.organizer) ?? i.organizer.email },
    status: i.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.TRANSPARENT,
  });
  for (const a of i.attendees) {
    event.createAttendee({
      email: a.email,
      ...(cn(a) ? { name: cn(a) } : {}),
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: false,
    });
  }
  return folded(cal);
}
