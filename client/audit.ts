// The audit trail of a campaign, read from durable workflow history (every run of the campaign workflow and
// of each unit workflow): who did what and when, and every notice sent. Also the archive written when a
// campaign closes: the whole trail and the final report in one JSON file.
// Over 400 lines: reading every run's history and turning its events back into entries is one job until issue 11
// gives the workflows declared audit events; then the payload guessing here goes, and the file shrinks.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { campaignWorkflowId, unitWorkflowId } from '../contract/ids';
import type { Campaign } from '../core/definition/types';
import { buildReport, type Report } from '../core/report/build';
import { type CampaignView, loadDefinition, openCampaign } from './campaign-view';
import {
  allRuns,
  decodeFirst,
  decodeOne,
  eventId,
  eventTime,
  type HistoryEvent,
  type RunHistory,
} from './history';
import { pooled } from './kit';
import { noticeCategory } from './notices';
import { loadTree } from './tree-data';

export type AuditKind =
  | 'campaign-started'
  | 'campaign-closed'
  | 'campaign-cancelled'
  | 'extended-all'
  | 'unit-started'
  | 'reminder'
  | 'escalation'
  | 'notice'
  | 'overdue'
  | 'submitted'
  | 'approved'
  | 'returned'
  | 'extended'
  | 'waived'
  | 'closed'
  | 'cancelled'
  | 'link-revoked'
  | 'update';

export interface AuditEntry {
  /** The instant it happened: the engine's recorded time for submissions and changes, else the event's. */
  at: string;
  kind: AuditKind;
  campaignId: string;
  unitId?: string;
  milestoneId?: string;
  /** Who did it (submissions and administrators' changes; who started the campaign). */
  actor?: string;
  reason?: string;
  detail?: string;
  /** Notices: the engine's kind of notice, its recipients and addresses, its Message-ID. */
  notice?: string;
  to?: string[];
  recipients?: string[];
  messageId?: string;
  seq?: number;
  dueAt?: string;
  /** A notice the mail server refused for good, or an accepted update whose handler failed. */
  failure?: string;
  /** Submissions. */
  onTime?: boolean;
  status?: string;
  payload?: unknown;
  /** Submissions: the stored document sent with it (its name and sha256 in the document store), if any. */
  document?: { name: string; sha256: string; type?: string; size?: number };
  note?: string;
  /** The Temporal client that sent the update or started the workflow. */
  identity?: string;
  /** Where in durable history. */
  workflowId: string;
  runId: string;
  eventId: number;
}

export interface AuditTrail {
  campaignId: string;
  title: string;
  timeZone: string;
  generatedAt: string;
  unit?: string;
  since?: string;
  entries: AuditEntry[];
}

type Dict = Record<string, unknown>;

function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

const UPDATE_KINDS: Record<string, AuditKind> = {
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
  extend: 'extended',
  waive: 'waived',
  extendAll: 'extended-all',
  revokeLink: 'link-revoked',
};

interface Accepted {
  name: string;
  args: Dict;
  identity?: string;
  at: string;
  eventId: number;
}

function updateKind(name: string, args: Dict): AuditKind {
  if (name === 'close') return args.cancel ? 'cancelled' : 'closed';
  if (name === 'closeCampaign') return args.cancel ? 'campaign-cancelled' : 'campaign-closed';
  return UPDATE_KINDS[name] ?? 'update';
}

/** The instant the engine recorded for an update, from its result (a receipt, a milestone's last event). */
function recordedAt(kind: AuditKind, result: unknown): string | undefined {
  if (!isDict(result)) return undefined;
  if (kind === 'submitted') return str(result.recordedAt);
  if (kind === 'link-revoked') return str(result.revokedAt);
  const events = Array.isArray(result.events) ? result.events : undefined;
  const last = events?.[events.length - 1];
  if (isDict(last)) return str(last.at);
  if (kind === 'campaign-closed' || kind === 'campaign-cancelled') return str(result.closedAt);
  return undefined;
}

/** The stored document a submission references (`payload.document.file`), as the audit shows it. */
function documentOf(payload: unknown): { document?: NonNullable<AuditEntry['document']> } {
  const doc = isDict(payload) && isDict(payload.document) ? payload.document : undefined;
  const file = doc && isDict(doc.file) ? doc.file : undefined;
  const name = str(file?.name);
  const sha256 = str(file?.sha256);
  if (!file || !name || !sha256) return {};
  return {
    document: {
      name,
      sha256,
      ...(str(file.type) ? { type: str(file.type) } : {}),
      ...(typeof file.size === 'number' ? { size: file.size } : {}),
    },
  };
}

function updateEntry(input: {
  base: { campaignId: string; unitId?: string; workflowId: string; runId: string };
  accepted: Accepted;
  result?: unknown;
  failure?: string;
}): AuditEntry {
  const { accepted: a, result } = input;
  const kind = updateKind(a.name, a.args);
  const lastEvent =
    isDict(result) && Array.isArray(result.events) ? result.events[result.events.length - 1] : undefined;
  const detail =
    kind === 'update'
      ? `update ${a.name}`
      : isDict(lastEvent) && str(lastEvent.detail)
        ? str(lastEvent.detail)
        : kind === 'extended-all' && isDict(result)
          ? `${str(a.args.milestoneId)} → trước ngày ${str(a.args.newDue)}: ${String(result.extended)} units`
          : undefined;
  const receipt = kind === 'submitted' && isDict(result) ? result : undefined;
  const revocation = kind === 'link-revoked' && isDict(result) ? result : undefined;
  return {
    at: recordedAt(kind, result) ?? a.at,
    kind,
    ...input.base,
    ...(str(a.args.milestoneId) ? { milestoneId: str(a.args.milestoneId) } : {}),
    ...(str(a.args.actor) ? { actor: str(a.args.actor) } : {}),
    ...(str(a.args.reason) ? { reason: str(a.args.reason) } : {}),
    ...(detail ? { detail } : {}),
    ...(receipt
      ? {
          onTime: receipt.onTime === true,
          status: str(receipt.status),
          seq: typeof receipt.seq === 'number' ? receipt.seq : undefined,
          dueAt: str(receipt.dueAt),
        }
      : {}),
    ...(revocation && typeof revocation.count === 'number' ? { seq: revocation.count } : {}),
    ...(kind === 'submitted' ? { payload: a.args.payload } : {}),
    ...(kind === 'submitted' ? documentOf(a.args.payload) : {}),
    ...(str(a.args.note) ? { note: str(a.args.note) } : {}),
    ...(input.failure ? { failure: input.failure } : {}),
    ...(a.identity ? { identity: a.identity } : {}),
    eventId: a.eventId,
  };
}

function noticeEntry(input: {
  base: { campaignId: string; unitId?: string; workflowId: string; runId: string };
  notice: Dict;
  at: string;
  eventId: number;
  failure?: string;
}): AuditEntry {
  const n = input.notice;
  const kind = str(n.kind) ?? 'notice';
  const milestone = isDict(n.milestone) ? str(n.milestone.id) : undefined;
  return {
    at: input.at,
    kind: noticeCategory(kind),
    ...input.base,
    ...(milestone ? { milestoneId: milestone } : {}),
    notice: kind,
    to: strings(n.to) ?? [],
    recipients: strings(n.recipients) ?? [],
    ...(str(n.messageId) ? { messageId: str(n.messageId) } : {}),
    ...(typeof n.seq === 'number' ? { seq: n.seq } : {}),
    ...(str(n.dueAt) ? { dueAt: str(n.dueAt) } : {}),
    ...(input.failure ? { failure: input.failure } : {}),
    eventId: input.eventId,
  };
}

/** The entries of one workflow's runs, oldest run first. */
async function entriesOf(input: {
  client: Client;
  campaignId: string;
  unitId?: string;
  runs: RunHistory[];
  /** false: no entry for the workflow's start (a helper workflow, e.g. the one mailing a new link). */
  started?: boolean;
}): Promise<AuditEntry[]> {
  const { client } = input;
  const out: AuditEntry[] = [];
  let overdue = new Set<string>();
  for (const [runIndex, run] of input.runs.entries()) {
    const base = {
      campaignId: input.campaignId,
      ...(input.unitId ? { unitId: input.unitId } : {}),
      workflowId: run.workflowId,
      runId: run.runId,
    };
    const scheduled = new Map<number, { name: string; input: unknown }>();
    const accepted = new Map<string, Accepted>();
    const finish = async (e: HistoryEvent, scheduledId: unknown, failure?: string) => {
      const s = scheduled.get(Number(scheduledId));
      if (!s || !isDict(s.input) || !str(s.input.messageId) || !Array.isArray(s.input.to)) return;
      out.push(
        noticeEntry({
          base,
          notice: s.input,
          at: eventTime(e),
          eventId: eventId(e),
          ...(failure ? { failure } : {}),
        }),
      );
    };
    for (const e of run.events) {
      const started = e.workflowExecutionStartedEventAttributes;
      if (started && runIndex === 0 && input.started !== false) {
        const memo = started.memo?.fields ?? {};
        const by = str(await decodeOne(client, memo.startedBy));
        out.push({
          at: eventTime(e),
          kind: input.unitId ? 'unit-started' : 'campaign-started',
          ...base,
          ...(by ? { actor: by } : {}),
          ...(started.identity ? { identity: started.identity } : {}),
          eventId: eventId(e),
        });
      }
      const sch = e.activityTaskScheduledEventAttributes;
      if (sch)
        scheduled.set(eventId(e), {
          name: sch.activityType?.name ?? '',
          input: await decodeFirst(client, sch.input),
        });
      const done = e.activityTaskCompletedEventAttributes;
      if (done) await finish(e, done.scheduledEventId);
      const failed = e.activityTaskFailedEventAttributes;
      if (failed)
        await finish(
          e,
          failed.scheduledEventId,
          failed.failure?.cause?.message || failed.failure?.message || 'failed',
        );
      const acc = e.workflowExecutionUpdateAcceptedEventAttributes;
      if (acc) {
        const req = acc.acceptedRequest;
        const args = await decodeFirst(client, req?.input?.args);
        const updateId = req?.meta?.updateId ?? acc.protocolInstanceId ?? '';
        accepted.set(updateId, {
          name: req?.input?.name ?? '',
          args: isDict(args) ? args : {},
          ...(req?.meta?.identity ? { identity: req.meta.identity } : {}),
          at: eventTime(e),
          eventId: eventId(e),
        });
      }
      const comp = e.workflowExecutionUpdateCompletedEventAttributes;
      if (comp) {
        const updateId = comp.meta?.updateId ?? '';
        const a = accepted.get(updateId);
        if (a) {
          accepted.delete(updateId);
          const failure = comp.outcome?.failure ? (comp.outcome.failure.message ?? 'failed') : undefined;
          const result = comp.outcome?.success ? await decodeFirst(client, comp.outcome.success) : undefined;
          out.push(updateEntry({ base, accepted: a, result, ...(failure ? { failure } : {}) }));
        }
      }
      const upsert = e.upsertWorkflowSearchAttributesEventAttributes;
      const field = upsert?.searchAttributes?.indexedFields?.DondocOverdue;
      if (field) {
        const now = new Set(strings(await decodeOne(client, field)) ?? []);
        for (const m of now) {
          if (!overdue.has(m))
            out.push({ at: eventTime(e), kind: 'overdue', ...base, milestoneId: m, eventId: eventId(e) });
        }
        overdue = now;
      }
    }
    // Accepted, not yet completed (still running, or cut by continue-as-new): recorded as accepted.
    for (const a of accepted.values()) out.push(updateEntry({ base, accepted: a, failure: 'chưa hoàn tất' }));
  }
  return out;
}

/** The workflow that mails a unit its new portal link after its `count`-th revocation (as workflows/link.ts names it). */
export function linkNoticeWorkflowId(campaignId: string, unitId: string, count: number): string {
  return `${unitWorkflowId(campaignId, unitId)}/link/${count}`;
}

/** A --since value: an ISO instant, or a local date/time ('yyyy-mm-dd', 'yyyy-mm-dd HH:mm', 'dd/mm/yyyy'). */
export function parseSince(text: string, zone: string): string | undefined {
  const s = text.trim();
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}:\d{2}))?$/.exec(s);
  const normal = vn
    ? `${vn[3]}-${vn[2]?.padStart(2, '0')}-${vn[1]?.padStart(2, '0')}${vn[4] ? `T${vn[4].padStart(5, '0')}` : ''}`
    : s.replace(' ', 'T');
  const dt = DateTime.fromISO(normal, { zone, setZone: false });
  return dt.isValid ? (dt.toUTC().toISO() ?? undefined) : undefined;
}

function order(a: AuditEntry, b: AuditEntry): number {
  return (
    Date.parse(a.at) - Date.parse(b.at) || a.workflowId.localeCompare(b.workflowId) || a.eventId - b.eventId
  );
}

/**
 * The campaign's audit trail from history: the campaign workflow's runs and every unit workflow's runs (or
 * one unit's, with the campaign-wide entries). Works after the campaign closed, for as long as the namespace
 * retains closed workflows.
 */
export async function buildAudit(
  client: Client,
  campaignId: string,
  opts: {
    unitId?: string;
    since?: string;
    definition?: Campaign;
    /** false: leave out the campaign workflow's own entries (a unit's page shows only the unit's). */
    campaignEntries?: boolean;
    concurrency?: number;
    /** Called as each unit's history is read (e.g. to heartbeat from an activity). */
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<AuditTrail> {
  const definition = opts.definition ?? (await loadDefinition({ client, campaignId }));
  const issuer = definition.campaign.issuer;
  const unitIds = opts.unitId
    ? [opts.unitId]
    : definition.units.filter((u) => u.id !== issuer).map((u) => u.id);
  const campaignEntries =
    opts.campaignEntries === false
      ? []
      : await entriesOf({
          client,
          campaignId,
          runs: await allRuns(client, campaignWorkflowId(campaignId)),
        });
  const perUnit = await pooled(unitIds, opts.concurrency ?? 8, async (unitId) => {
    const own = await entriesOf({
      client,
      campaignId,
      unitId,
      runs: await allRuns(client, unitWorkflowId(campaignId, unitId)),
    });
    // Each revocation of the unit's link started a workflow that mailed the new one: its history holds the mail.
    const mailed = await Promise.all(
      own
        .filter((e) => e.kind === 'link-revoked' && e.seq !== undefined && !e.failure)
        .map(async (e) =>
          entriesOf({
            client,
            campaignId,
            unitId,
            started: false,
            runs: await allRuns(client, linkNoticeWorkflowId(campaignId, unitId, e.seq as number)),
          }),
        ),
    );
    return [...own, ...mailed.flat()];
  });
  const since = opts.since ? Date.parse(opts.since) : undefined;
  const entries = [...campaignEntries, ...perUnit.flat()]
    .filter((e) => since === undefined || Date.parse(e.at) >= since)
    .sort(order);
  return {
    campaignId,
    title: definition.campaign.title,
    timeZone: definition.campaign.timeZone,
    generatedAt: new Date().toISOString(),
    ...(opts.unitId ? { unit: opts.unitId } : {}),
    ...(opts.since ? { since: opts.since } : {}),
    entries,
  };
}

/** Where archives go: DONDOC_ARCHIVE_DIR, else .data/archive under the working directory. */
export function archiveDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DONDOC_ARCHIVE_DIR?.trim() || path.join('.data', 'archive'));
}

export function archivePath(input: { dir: string; campaignId: string }): string {
  return path.join(path.resolve(input.dir), `${input.campaignId.replace(/[^\w.-]/g, '_')}.audit.json`);
}

export interface Archive {
  format: 'dondoc-audit-archive/1';
  archivedAt: string;
  campaign: Campaign;
  state: unknown;
  audit: AuditTrail;
  report: Report;
}

/** The aggregated report of a campaign (or of one unit's subtree), whether it still runs or was closed. */
export async function campaignReport(input: {
  client: Client;
  campaignId: string;
  unitId?: string;
  view?: CampaignView;
}): Promise<Report> {
  const view = input.view ?? (await openCampaign(input));
  const rootId = input.unitId ?? view.definition.campaign.issuer;
  const tree = await loadTree({ client: input.client, view, rootId, withStates: false });
  return buildReport({
    campaign: view.definition,
    rootUnitId: rootId,
    aggregates: tree.aggregates,
    generatedAt: new Date().toISOString(),
  });
}

/**
 * The archive activity's writer (activities' `CampaignArchiver`, given by the worker): opens the campaign once,
 * lists its units but the issuer (whose workflows the activity waits for), then writes into `dir`.
 */
export function campaignArchiver(dir: string) {
  return {
    async open(client: Client, campaignId: string) {
      const view = await openCampaign({ client, campaignId });
      const issuer = view.definition.campaign.issuer;
      return {
        unitIds: view.definition.units.filter((u) => u.id !== issuer).map((u) => u.id),
        write: (onProgress: (done: number, total: number) => void) =>
          writeArchive({ client, campaignId, dir, view, onProgress }),
      };
    },
  };
}

/**
 * Writes the campaign's whole audit trail and its final report to `<dir>/<campaign>.audit.json` (written
 * to a temporary file first, then renamed: a reader never sees half an archive). Returns the path.
 */
export async function writeArchive(input: {
  client: Client;
  campaignId: string;
  dir: string;
  view?: CampaignView;
  /** Called as each unit's history is read (e.g. to heartbeat from an activity). */
  onProgress?: (done: number, total: number) => void;
}): Promise<string> {
  const { client, campaignId } = input;
  const view = input.view ?? (await openCampaign({ client, campaignId }));
  const [audit, report] = await Promise.all([
    buildAudit(client, campaignId, {
      definition: view.definition,
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    }),
    campaignReport({ client, campaignId, view }),
  ]);
  const archive: Archive = {
    format: 'dondoc-audit-archive/1',
    archivedAt: new Date().toISOString(),
    campaign: view.definition,
    state: view.state,
    audit,
    report,
  };
  const file = archivePath({ dir: input.dir, campaignId });
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(archive, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
  return file;
}
