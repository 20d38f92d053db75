// Sends composed notices through a real nodemailer SMTP transport to the test's own SMTP server, and reads
// them back: MIME with mailparser, the invite with ical.js.
import ICAL from 'ical.js';
import nodemailer, { type Transporter } from 'nodemailer';
import { composeNotice } from '../../activities/mail/compose';
import { templateSetFor } from '../../activities/mail/templates';
import type { NoticeInput } from '../../contract/notices';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { FROM } from './notices';

export interface ParsedInvite {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: string;
  end: string;
  summary: string;
  attendees: string[];
  organizer: string;
}

export class Inbox {
  private constructor(
    readonly smtp: TestSmtpServer,
    private readonly transport: Transporter,
  ) {}

  static async start(): Promise<Inbox> {
    const smtp = await startSmtpServer();
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    return new Inbox(smtp, transport);
  }

  /** Sends the notice as the activity will, and returns it as it arrived. */
  async send(n: NoticeInput, templates = templateSetFor()): Promise<ReceivedMail> {
    await this.transport.sendMail(composeNotice(n, templates, { from: FROM }));
    const all = await this.smtp.waitFor((r) => r.some((m) => m.messageId === n.messageId));
    const found = all.filter((m) => m.messageId === n.messageId);
    return found[found.length - 1] as ReceivedMail;
  }

  async close(): Promise<void> {
    this.transport.close();
    await this.smtp.close();
  }
}

/** The .ics attachment (the calendar alternative must carry the same text), parsed; undefined if none. */
export function inviteOf(mail: ReceivedMail): ParsedInvite | undefined {
  const file = mail.parsed.attachments.find((a) => a.filename?.endsWith('.ics'));
  const alternative = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!file) {
    if (alternative) throw new Error('a calendar alternative without its .ics attachment');
    return undefined;
  }
  const text = file.content.toString('utf8');
  if (alternative?.content.toString('utf8') !== text)
    throw new Error('the calendar alternative differs from the .ics');
  const cal = new ICAL.Component(ICAL.parse(text));
  const event = cal.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT in the invite');
  const instant = (name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: String(event.getFirstPropertyValue('status')),
    start: instant('dtstart'),
    end: instant('dtend'),
    summary: String(event.getFirstPropertyValue('summary')),
    // URI schemes are case-insensitive (RFC 3986): ical-generator writes MAILTO: for attendees.
    attendees: event
      .getAllProperties('attendee')
      .map((p) => String(p.getFirstValue()).replace(/^mailto:/i, 'mailto:')),
    organizer: String(event.getFirstPropertyValue('organizer')).replace(/^mailto:/i, 'mailto:'),
  };
}

export function header(mail: ReceivedMail, name: string): string | undefined {
  const v = mail.parsed.headers.get(name);
  return v === undefined ? undefined : String(v);
}

/** An HTML part's text as a reader sees it: tags dropped, entities decoded, blanks collapsed. */
export function visible(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => entities[e] ?? '')
    .replace(/\s+/g, ' ');
}
