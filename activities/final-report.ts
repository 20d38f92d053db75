// Mailing a closed campaign's final report, from the archive activity once the archive is written
// (activities/units.ts archiveCampaign): activity code, so the workflows' histories are untouched.
//
// Sent once: its Message-ID is one per campaign (contract/ids.ts), remembered by this worker as `sendNotice`
// remembers its own, and written next to the archive once the server took it, so that the activity retried
// (here or by another worker sharing the archive folder), which writes the archive again, does not mail it twice.
import { readFile, writeFile } from 'node:fs/promises';
import type { Transporter } from 'nodemailer';
import type { Campaign } from '../core/definition/types';
import type { Report } from '../core/report/build';
import { composeFinalReport } from './mail/final-report';

export interface FinalReportSent {
  messageId: string;
  to: string[];
  cc: string[];
  accepted: string[];
  rejected: string[];
  /** Sent before (by this worker, or as the note next to the archive says): not mailed again now. */
  already?: boolean;
  /** The server refused it for good (a 5xx): the archive stands, the closed campaign does not fail for it. */
  error?: string;
}

export type FinalReportMailer = (archived: {
  file: string;
  campaign: Campaign;
  report: Report;
}) => Promise<FinalReportSent | undefined>;

/** The note written next to `<dir>/<campaign>.audit.json` once its final report was mailed. */
export function sentNotePath(archiveFile: string): string {
  return `${archiveFile.replace(/\.audit\.json$/, '')}.final-report.sent`;
}

async function noted(file: string, messageId: string): Promise<boolean> {
  try {
    return (await readFile(file, 'utf8')).split('\n').includes(messageId);
  } catch {
    return false;
  }
}

const address = (a: string | { address: string }) => (typeof a === 'string' ? a : a.address);

/** A 5xx for the message or every recipient: mailing again will not help. */
function permanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  const type = (err as { code?: unknown }).code;
  return (type === 'EENVELOPE' || type === 'EMESSAGE') && typeof code === 'number' && code >= 500;
}

export function finalReportMailer(deps: { transport: Transporter; from: string }): FinalReportMailer {
  const sent = new Set<string>();
  return async ({ file, campaign, report }) => {
    const mail = composeFinalReport({ campaign, report }, deps.from);
    if (!mail) return undefined;
    const messageId = String(mail.messageId);
    const to = mail.to as string[];
    const cc = (mail.cc as string[] | undefined) ?? [];
    const note = sentNotePath(file);
    if (sent.has(messageId) || (await noted(note, messageId))) {
      return { messageId, to, cc, accepted: [], rejected: [], already: true };
    }
    let info: Awaited<ReturnType<Transporter['sendMail']>>;
    try {
      info = await deps.transport.sendMail(mail);
    } catch (err) {
      // Anything else (4xx, refused, timeout): the archive activity retries.
      if (!permanent(err)) throw err;
      sent.add(messageId);
      return { messageId, to, cc, accepted: [], rejected: [...to, ...cc], error: (err as Error).message };
    }
    sent.add(messageId);
    await writeFile(note, `${messageId}\n`, 'utf8');
    return {
      messageId,
      to,
      cc,
      accepted: (info.accepted as (string | { address: string })[]).map(address),
      rejected: ((info.rejected ?? []) as (string | { address: string })[]).map(address),
    };
  };
}
