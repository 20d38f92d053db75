// Activities, built by a factory so that tests and the worker inject real-but-local services.
// Sending notices is here; the activities on unit workflows (plans, starting, extending, closing, archiving)
// are in units.ts, composed into the same object.

import { ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import { DEFAULT_LINK_TTL_SECONDS, mintUnitLink, unitLinkUrl } from '../access/tokens';
import { type NoticeAudit, noticeAudit } from '../contract/audit';
import type { MailRoute } from '../contract/messages';
import { type NoticeInput, type NoticeKind, type NoticeLinks, UNIT_NOTICE_KINDS } from '../contract/notices';
import { DefinitionError } from '../core/definition/issues';
import { email } from '../core/definition/schema';
import type { TemplateFiles } from '../core/definition/types';
import { readCampaignStart } from './campaign-start';
import { finalReportMailer } from './final-report';
import { composeNotice, NoticeError, scheduledKind, type TemplateSet, templateSetFor } from './mail';
import { Deferrals, everyRecipientDeferred } from './mail/deferral';
import { noticeRefused, noticeSent } from './metrics';
import { reminderBatch } from './reminder-batch';
import { reportUpActivity } from './report-up';
import { unitStarts } from './unit-starts';
import { type CampaignArchiver, unitActivities } from './units';

export type { FinalReportSent } from './final-report';
export type {
  ArchiveResult,
  CampaignArchiver,
  CloseUnitsInput,
  ComputeScheduleInput,
  UnitsInput,
} from './units';

export interface ActivityDeps {
  transport: Transporter;
  /** The From address of every notice. */
  from: string;
  /** For activities that talk to other workflows (plans, starting and closing units). */
  client?: Client;
  /** Task queue unit workflows are started on. */
  taskQueue?: string;
  /**
   * Task queue units with subordinates are started on: a worker of their own polls it, whose workflow cache holds
   * them all and whose workflow thread they do not share with the leaves (worker/workers.ts). Absent: `taskQueue`.
   */
  superiorTaskQueue?: string;
  /** How the units this worker starts send their notices (worker/workers.ts); absent: on the task queue. */
  mail?: MailRoute;
  /** How often a superior passes its subordinates' reports up at most (ms); 0: at once. Default 2 s. */
  reportEveryMs?: number;
  /**
   * Whether the units this worker starts leave their reminders to their parent unit's batches (with local sends
   * only; UnitPlan.batchReminders). Default true.
   */
  batchReminders?: boolean;
  /** Writes a closed campaign's audit archive; without it no archive is written. */
  archive?: CampaignArchiver;
  /**
   * The web portal, when there is one: notices then carry the personal link of the unit they are addressed to
   * (signed with `secret`, minted here and never put in workflow history). Without it, no link is sent.
   */
  portal?: PortalLinks;
  /**
   * How long a notice whose every recipient the server defers (4xx) is retried before it is given up
   * (activities/mail/deferral.ts); 10 minutes by default.
   */
  deferGiveUpMs?: number;
}

export interface PortalLinks {
  /** The portal's public base URL (DONDOC_PORTAL_URL). */
  publicUrl: string;
  /** The link-signing secret (access/secret.ts loadPortalSecret). */
  secret: Uint8Array;
  /** How long a link lives; 90 days by default. */
  ttlSeconds?: number;
}

/** Notices addressed to the unit itself: they carry its own link. */
const UNIT_KINDS = new Set<NoticeKind>(UNIT_NOTICE_KINDS);

/**
 * The links a notice carries: the unit's own (notices to the unit), or the addressed superior's (an escalation
 * to one superior unit, a digest to a superior other than the issuer, whose staff sign in instead).
 */
async function linksFor(portal: PortalLinks, n: NoticeInput, kind: NoticeKind): Promise<NoticeLinks> {
  const ttlSeconds = portal.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS;
  // Minted now, but never before the moment the notice speaks of nor, for a new link, before the revocation
  // it follows (with workflow time ahead of the worker's clock, as on a time-skipping test server).
  const nowMs = Math.max(
    Date.now(),
    Date.parse(n.asOf) || 0,
    n.kind === 'link' && n.revokedAt ? Date.parse(n.revokedAt) + 1 : 0,
  );
  const mint = async (unitId: string) =>
    unitLinkUrl(
      portal.publicUrl,
      await mintUnitLink({ secret: portal.secret, campaignId: n.campaign.id, unitId, ttlSeconds, nowMs }),
    );
  const expiresAt = new Date(nowMs + ttlSeconds * 1000).toISOString();
  if (UNIT_KINDS.has(kind)) return { unit: await mint(n.unit.id), expiresAt };
  const superior =
    kind === 'escalation' && n.kind !== 'digest' && n.kind !== 'link' && 'superiorId' in n
      ? n.superiorId
      : kind === 'digest'
        ? n.unit.id
        : undefined;
  if (superior && superior !== n.campaign.issuer) return { superior: await mint(superior), expiresAt };
  return {};
}

export interface SendNoticeResult {
  messageId: string;
  /** The template used: a scheduled reminder or escalation resolves to reminder/last-day/overdue/escalation. */
  kind: NoticeKind;
  accepted: string[];
  /** Addresses the server refused while taking the message for the others. */
  rejected: { address: string; code?: number; message: string }[];
  /**
   * What the audit says of this notice. A local activity's input is not in history (only its result is), so
   * the result carries it; a permanent failure carries it in its details.
   */
  notice: NoticeAudit;
}

/** The first recipient that is not one plain e-mail address (the campaign file's own rule), if any. */
function badAddress(addresses: unknown[]): unknown {
  if (addresses.length === 0) return '(no recipient)';
  return addresses.find((a) => typeof a !== 'string' || /[\s<>,;]/.test(a) || !email.safeParse(a).success);
}

function smtpCode(err: unknown): number | undefined {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The server refused this message with a 5xx: every recipient (a 4xx among them may pass later), the sender or
 * the content. Retrying will not help. A 5xx to the login (535, a wrong password) or to the connection itself
 * is the worker's configuration or the server's state, not the notice's: those retry until fixed.
 */
function permanent(err: unknown): boolean {
  const type = (err as { code?: unknown }).code;
  if (type !== 'EENVELOPE' && type !== 'EMESSAGE') return false;
  const each = (err as { rejectedErrors?: unknown }).rejectedErrors;
  if (Array.isArray(each) && each.length > 0) {
    return each.every((e) => (smtpCode(e) ?? 0) >= 500);
  }
  const code = smtpCode(err);
  return code !== undefined && code >= 500;
}

/**
 * What a refused send throws: a 5xx for every recipient, or every recipient deferred (4xx) for too long, is
 * given up (not retryable: the workflow records it and its lane goes on); anything else (a 4xx still within its
 * time, a refused connection, a timeout) is thrown as is, and retried until delivered.
 */
function smtpFailure(
  err: unknown,
  at: { kind: NoticeKind; messageId: string; audit: NoticeAudit; deferrals: Deferrals },
): unknown {
  if (permanent(err)) {
    at.deferrals.settled(at.messageId);
    noticeRefused(at.kind, 'smtp');
    return ApplicationFailure.nonRetryable(
      `SMTP rejected the message (${smtpCode(err)}): ${(err as Error).message}`,
      'SmtpPermanent',
      at.audit,
    );
  }
  if (everyRecipientDeferred(err) && at.deferrals.deferred(at.messageId)) {
    noticeRefused(at.kind, 'smtp-deferred');
    return ApplicationFailure.nonRetryable(
      `SMTP deferred every recipient (${smtpCode(err)}) too long, given up: ${(err as Error).message}`,
      'SmtpDeferred',
      at.audit,
    );
  }
  return err;
}

/**
 * A campaign's template overrides are read by the activity that sends a notice from the campaign workflow's start
 * event (campaign-start.ts), and kept per campaign in this worker, rather than copied into every unit's plan: a
 * folder of overrides is tens of kilobytes, and a UnitPlan is recorded in each unit's history and copied into
 * each continue-as-new, so tens of thousands of units would each carry a copy. A notice names only the
 * overrides' version (the campaign workflow's first run id, the same across its continue-as-new); without one,
 * the campaign has none and nothing is read. A definition never changes while its campaign runs, so a version,
 * once read, is good for good. (No query: the campaign workflow may be too busy to answer one.)
 */
const TEMPLATE_CACHE_SIZE = 100;
/** How long a batch reuses a read of its campaign's definition (the batches of one instant come within seconds). */
const PLANS_FRESH_MS = 10_000;

/**
 * Message-IDs this worker has sent, with what the send returned, so that a notice sent again returns the first
 * send's answer instead of mailing it twice. A local activity runs again when the workflow task that recorded
 * it fails (a task that timed out under load, a signal racing a continue-as-new); the same workflow task is
 * usually retried by the same worker. A Message-ID always names the same notice (contract/ids.ts).
 */
const SENT_CACHE_SIZE = 100_000;

/** What the workflows hand `sendNotice`: the notice, and which version of its campaign's templates to use. */
export type SendNoticeInput = NoticeInput & { templatesVersion?: string };

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the activities factory: sendNotice with its per-worker template cache, and the unit activities, in one object literal
export function createActivities(deps: ActivityDeps) {
  const needClient = (): Client => {
    if (!deps.client)
      throw ApplicationFailure.nonRetryable('this worker was created without a Temporal client');
    return deps.client;
  };
  const templateCache = new Map<string, Promise<TemplateFiles>>();
  const deferrals = new Deferrals(deps.deferGiveUpMs);
  const sent = new Map<string, SendNoticeResult>();
  const remember = (r: SendNoticeResult): SendNoticeResult => {
    if (sent.size >= SENT_CACHE_SIZE) {
      // Forget the oldest tenth (a Map iterates in insertion order).
      let n = SENT_CACHE_SIZE / 10;
      for (const k of sent.keys()) {
        sent.delete(k);
        if (--n <= 0) break;
      }
    }
    sent.set(r.messageId, r);
    return r;
  };
  const templatesOf = async (campaignId: string, version: string | undefined): Promise<TemplateSet> => {
    if (version === undefined) return templateSetFor();
    const client = needClient();
    const key = `${campaignId}\n${version}`;
    let files = templateCache.get(key);
    if (!files) {
      files = readCampaignStart(client, campaignId).then(({ firstRunId, input }) => {
        if (firstRunId !== version) {
          throw new Error(`campaign ${campaignId}: its templates are version ${firstRunId}, not ${version}`);
        }
        return input.campaign.templates ?? {};
      });
      if (templateCache.size >= TEMPLATE_CACHE_SIZE) templateCache.clear();
      templateCache.set(key, files);
      // A failed read is not kept: the activity's retry reads again.
      files.catch(() => {
        if (templateCache.get(key) === files) templateCache.delete(key);
      });
    }
    return templateSetFor(await files, `campaign ${campaignId} templates`);
  };
  const base = {
    ...unitActivities(deps, needClient, finalReportMailer(deps)),
    reportUp: reportUpActivity(needClient),

    /**
     * Composes and sends one notice. A reminder or escalation scheduled by the unit workflow comes with
     * kind 'reminder' or 'escalation' and is written with the template its moment calls for (last-day,
     * overdue). Retryable: a 421, a refused connection, a timeout (the activity retries with backoff until
     * delivered), and a 4xx for every recipient until deferGiveUpMs. Not retryable: a notice that cannot be
     * composed, a 5xx for every recipient ('SmtpPermanent'), every recipient deferred too long
     * ('SmtpDeferred'); a refusal of some recipients is returned in `rejected`, the others having the message.
     */
    async sendNotice(request: SendNoticeInput): Promise<SendNoticeResult> {
      const { templatesVersion, ...input } = request;
      const already = sent.get(input.messageId);
      if (already) return already;
      const audit = noticeAudit(input);
      // The last guard: whatever started the workflow, a notice goes only to plain addresses (no header in one).
      const bad = badAddress([...input.to, ...(input.kind === 'digest' ? (input.cc ?? []) : [])]);
      if (bad !== undefined) {
        noticeRefused(input.kind, 'compose');
        throw ApplicationFailure.nonRetryable(
          `notice ${input.messageId}: ${JSON.stringify(bad)} is not an e-mail address`,
          'BadAddress',
          audit,
        );
      }
      let mail: ReturnType<typeof composeNotice>;
      let kind: NoticeKind = input.kind;
      try {
        if (input.kind === 'reminder' || input.kind === 'escalation') {
          kind = scheduledKind({
            kind: input.kind,
            recipients: input.recipients ?? ['unit'],
            ...(input.phase ? { phase: input.phase } : {}),
            dueAt: input.dueAt,
            asOf: input.asOf,
            zone: input.campaign.timeZone,
          });
        }
        if (input.kind === 'link' && !deps.portal) {
          throw new NoticeError(
            `notice ${input.messageId}: this worker has no portal (DONDOC_PORTAL_URL), so it has no link to send`,
          );
        }
        const templates = await templatesOf(input.campaign.id, templatesVersion);
        const links = deps.portal ? await linksFor(deps.portal, input, kind) : undefined;
        mail = composeNotice({ ...input, kind } as NoticeInput, templates, {
          from: deps.from,
          ...(links ? { links } : {}),
        });
      } catch (err) {
        if (err instanceof NoticeError || err instanceof DefinitionError) {
          noticeRefused(kind, 'compose');
          throw ApplicationFailure.nonRetryable(err.message, err.name, audit);
        }
        throw err;
      }
      const sending = performance.now();
      try {
        const info = await deps.transport.sendMail(mail);
        deferrals.settled(input.messageId);
        if ((info.accepted ?? []).length > 0)
          noticeSent(kind, (performance.now() - sending) / 1000, input.messageId);
        const address = (a: string | { address: string }) => (typeof a === 'string' ? a : a.address);
        const errors = ((info as { rejectedErrors?: unknown[] }).rejectedErrors ?? []) as (Error & {
          recipient?: string;
          responseCode?: number;
          response?: string;
        })[];
        return remember({
          messageId: input.messageId,
          kind,
          accepted: (info.accepted as (string | { address: string })[]).map(address),
          rejected: ((info.rejected ?? []) as (string | { address: string })[]).map((a) => {
            const e = errors.find((x) => x.recipient === address(a));
            return {
              address: address(a),
              ...(e?.responseCode ? { code: e.responseCode } : {}),
              message: e?.response ?? e?.message ?? 'rejected',
            };
          }),
          notice: audit,
        });
      } catch (err) {
        throw smtpFailure(err, { kind, messageId: input.messageId, audit, deferrals });
      }
    },
  };
  // Plans only: the schedule of a batched reminder comes with it (workflows/reminder-batches.ts).
  // The batches of one instant (one per superior, 500 reminders at most each) reuse one read of the campaign's
  // start event for a few seconds, rather than each reading and decoding the whole definition again.
  let plans: ReturnType<typeof unitStarts> | undefined;
  const recent = new Map<string, { at: number; startOf: ReturnType<ReturnType<typeof unitStarts>> }>();
  const plansOf = async (campaignId: string) => {
    plans ??= unitStarts(needClient(), () => []);
    const now = Date.now();
    let hit = recent.get(campaignId);
    if (!hit || now - hit.at > PLANS_FRESH_MS) {
      for (const [k, v] of recent) if (now - v.at > PLANS_FRESH_MS) recent.delete(k);
      hit = { at: now, startOf: plans(campaignId) };
      recent.set(campaignId, hit);
      const mine = hit;
      // A failed read is not kept: the activity's retry reads again.
      mine.startOf.catch(() => {
        if (recent.get(campaignId) === mine) recent.delete(campaignId);
      });
    }
    const startOf = await hit.startOf;
    return (unitId: string) => startOf(unitId)?.plan;
  };
  return { ...base, sendReminderBatch: reminderBatch({ plansOf, send: base.sendNotice }) };
}

export type Activities = ReturnType<typeof createActivities>;
