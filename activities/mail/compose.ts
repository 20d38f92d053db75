// From a notice's input to the message nodemailer sends. Pure and synchronous: the same input and templates
// give the same message, byte for byte (Date, Message-ID and MIME boundaries included), so a retried send
// is the same message.
import { createHash } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import { digestThreadRootId, linkThreadRootId, threadRootId } from '../../contract/ids';
import type { NoticeInput, NoticeLinks } from '../../contract/notices';
import { languageOf, noticeScope } from './context';
import { buildInvite } from './ics';
import { inviteOf, NoticeError } from './invite';
import type { TemplateSet } from './templates';

export { NoticeError } from './invite';

export interface ComposeOptions {
  /** The From address, also the invite's ORGANIZER: `dondoc <no-reply@example.org>`. */
  from: string;
  /** Portal links minted by the sending activity for this notice (never part of the notice's input). */
  links?: NoticeLinks;
}

/** nodemailer reads `baseBoundary` (its MIME boundaries' stem) though its types do not list it. */
export type ComposedMail = Mail.Options & { baseBoundary: string };

function tidyText(s: string): string {
  return `${s
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

export function composeNotice(n: NoticeInput, templates: TemplateSet, options: ComposeOptions): ComposedMail {
  if (n.to.length === 0) throw new NoticeError(`notice ${n.messageId} has no recipient`);
  if (!/^<[^<>\s]+@[^<>\s]+>$/.test(n.messageId)) {
    throw new NoticeError(`'${n.messageId}' is not a Message-ID (<local@domain>)`);
  }
  const lang = languageOf(n);
  const compiled = templates.notices[lang][n.kind];
  let scope: ReturnType<typeof noticeScope>;
  try {
    scope = noticeScope(n, options.links);
  } catch (err) {
    throw new NoticeError(`notice ${n.messageId}: ${(err as Error).message}`);
  }
  const data = { zone: n.campaign.timeZone, lang };
  const subject = compiled.subject(scope, data).replace(/\s+/g, ' ').trim();
  const text = tidyText(compiled.text({ ...scope, subject }, data));
  const html = compiled.html({ ...scope, subject }, data);

  const root =
    n.kind === 'digest'
      ? digestThreadRootId(n.campaign.id, n.unit.id)
      : n.kind === 'link'
        ? linkThreadRootId(n.campaign.id, n.unit.id)
        : threadRootId(n.campaign.id, n.unit.id, n.milestone.id);
  const invite = n.kind === 'digest' || n.kind === 'link' ? undefined : inviteOf(n, lang, options.from);
  const headers: Record<string, string> = {
    'Auto-Submitted': 'auto-generated',
    'Content-Language': lang,
    'X-Dondoc-Campaign': n.campaign.id,
    'X-Dondoc-Unit': n.unit.id,
    ...(n.kind === 'digest' || n.kind === 'link' ? {} : { 'X-Dondoc-Milestone': n.milestone.id }),
    'X-Dondoc-Kind': n.kind,
    'X-Dondoc-Seq': String(n.seq),
    ...(n.recipients ? { 'X-Dondoc-Recipients': n.recipients.join(', ') } : {}),
  };
  // Recipients for information only (a digest's `copyTo`), each once and never one already in To.
  const cc = n.kind === 'digest' ? [...new Set(n.cc ?? [])].filter((a) => !n.to.includes(a)) : [];
  return {
    from: options.from,
    to: n.to,
    ...(cc.length > 0 ? { cc } : {}),
    subject,
    text,
    html,
    date: new Date(n.asOf),
    messageId: n.messageId,
    inReplyTo: root,
    references: [root],
    headers,
    ...(invite
      ? {
          icalEvent: {
            method: invite.method,
            filename: invite.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
            content: buildInvite(invite),
          },
        }
      : {}),
    baseBoundary: createHash('sha256').update(n.messageId).digest('hex').slice(0, 16),
  };
}
