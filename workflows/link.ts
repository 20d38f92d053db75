// Mailing a unit its new portal link after its old ones were revoked (revokeLinkUpdate). The portal starts
// it with the id `<campaign>/<unit>/link/<count>` (linkNoticeWorkflowId in contract/ids.ts), so a revocation
// mails once, and its history is the audit record of that email. Everything the email says comes in the input:
// it queries nothing. The link itself is minted by the sending activity and is never in this history.
import { linkMessageId } from '../contract/ids';
import type { MailRoute } from '../contract/messages';
import type { LinkNotice, NoticeUnit } from '../contract/notices';
import type { CampaignHeader } from '../core/definition/types';
import { deliver } from './notices';

export interface LinkNoticeInput {
  campaignId: string;
  unitId: string;
  /** The campaign's header (its definition's `campaign`): title, document, zone, language, issuer. */
  campaign: CampaignHeader;
  /** The unit: its name and the addresses the link goes to. */
  unit: NoticeUnit;
  /** The issuing unit's name, for the signature. */
  issuerName?: string;
  /** RevokeLinkResult.count: which revocation this follows (the email's number in its Message-ID). */
  count: number;
  /** RevokeLinkResult.revokedAt: the new link is minted after it. */
  revokedAt: string;
  /** Who revoked the old links, and why (shown in the email). */
  actor: string;
  reason: string;
  /** The campaign's own templates' version (UnitPlan.templatesVersion), when it has any. */
  templatesVersion?: string;
  /** The unit's mail route (RevokeLinkResult.mail): absent, on this workflow's own task queue. */
  mail?: MailRoute;
}

export interface LinkNoticeResult {
  messageId: string;
  to: string[];
  /** When the workflow started, and when the mail server took the message (or refused it for good). */
  plannedAt: string;
  sentAt: string;
  /** Why it was not sent: the server refused it permanently, or the worker has no portal to link to. */
  failure?: string;
}

/** Sends the 'link' notice once (retrying temporary mail failures); returns what was sent, or why not. */
export async function linkNoticeWorkflow(input: LinkNoticeInput): Promise<LinkNoticeResult> {
  const plannedAt = new Date(Date.now()).toISOString();
  const notice: LinkNotice = {
    kind: 'link',
    campaign: input.campaign,
    unit: input.unit,
    ...(input.issuerName ? { issuerName: input.issuerName } : {}),
    to: input.unit.emails,
    recipients: ['unit'],
    messageId: linkMessageId(input.campaignId, input.unitId, input.count),
    seq: input.count,
    asOf: plannedAt,
    actor: input.actor,
    reason: input.reason,
    revokedAt: input.revokedAt,
  };
  const r = await deliver(notice, input);
  return {
    messageId: notice.messageId,
    to: notice.to,
    plannedAt,
    sentAt: new Date(Date.now()).toISOString(),
    ...(r.failure ? { failure: r.failure } : {}),
  };
}
