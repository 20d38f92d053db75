// The audit trail of a campaign, read from durable workflow history (every run of the campaign workflow and
// of each unit workflow): who did what and when, and every notice sent. Also the archive written when a
// campaign closes: the whole trail and the final report in one JSON file.
// Turning one workflow's history into entries is client/read/audit-history.ts, from the contract's declared
// audit events (contract/audit.ts).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { campaignWorkflowId, linkNoticeWorkflowId, unitWorkflowId } from '../contract/ids';
import type { Campaign } from '../core/definition/types';
import { buildReport, type Report } from '../core/report/build';
import { type CampaignView, loadDefinition, openCampaign } from './campaign-view';
import { rejected } from './errors';
import { allRuns } from './history';
import { pooled } from './kit';
import { archiveName } from './read/archive-name';
import { type AuditEntry, historyEntries } from './read/audit-history';
import { loadTree } from './tree-data';

export type { AuditDocument, AuditKind } from '../contract/audit';
export type { AuditEntry } from './read/audit-history';

export interface AuditTrail {
  campaignId: string;
  title: string;
  timeZone: string;
  generatedAt: string;
  unit?: string;
  since?: string;
  entries: AuditEntry[];
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

/** A unit's entries: its workflow's runs, and the workflows that mailed it a new link after each revocation. */
async function unitEntries(client: Client, campaignId: string, unitId: string): Promise<AuditEntry[]> {
  const own = await historyEntries({
    decoder: client,
    campaignId,
    unitId,
    runs: await allRuns(client, unitWorkflowId(campaignId, unitId)),
  });
  const revocations = own.flatMap((e) =>
    e.kind === 'link-revoked' && e.seq !== undefined && !e.failure ? [e.seq] : [],
  );
  const mailed = await Promise.all(
    revocations.map(async (count) =>
      historyEntries({
        decoder: client,
        campaignId,
        unitId,
        started: false,
        runs: await allRuns(client, linkNoticeWorkflowId(campaignId, unitId, count)),
      }),
    ),
  );
  return [...own, ...mailed.flat()];
}

/**
 * One unit's reminders that its superior sent in batches (workflows/reminder-batches.ts): read from the
 * superior's history (its parent unit). The whole campaign's trail has them from reading every unit.
 */
async function batchedEntries(
  client: Client,
  campaignId: string,
  definition: Campaign,
  unitId: string,
): Promise<AuditEntry[]> {
  const superior = definition.units.find((u) => u.id === unitId)?.parent;
  if (!superior) return [];
  const entries = await historyEntries({
    decoder: client,
    campaignId,
    unitId: superior,
    started: false,
    runs: await allRuns(client, unitWorkflowId(campaignId, superior)),
  });
  return entries.filter((e) => e.unitId === unitId);
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
  // Every unit, the issuer included: its unit workflow holds its digests.
  const unitIds = opts.unitId ? [opts.unitId] : definition.units.map((u) => u.id);
  const campaignEntries =
    opts.campaignEntries === false
      ? []
      : await historyEntries({
          decoder: client,
          campaignId,
          runs: await allRuns(client, campaignWorkflowId(campaignId)),
        });
  let done = 0;
  const perUnit = await pooled(unitIds, opts.concurrency ?? 8, async (unitId) => {
    const entries = [
      ...(await unitEntries(client, campaignId, unitId)),
      ...(opts.unitId ? await batchedEntries(client, campaignId, definition, unitId) : []),
    ];
    done += 1;
    opts.onProgress?.(done, unitIds.length);
    return entries;
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

/** Where a campaign's archive is written first (client/read/archive-name.ts: one file name per campaign id). */
export function archivePath(input: { dir: string; campaignId: string; attempt?: number }): string {
  return path.join(path.resolve(input.dir), archiveName(input.campaignId, input.attempt));
}

/** The campaign id an archive file holds; null when there is no such file, undefined when it is not an archive. */
async function archivedId(file: string): Promise<string | null | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return undefined;
  }
  try {
    const id = (JSON.parse(text) as Partial<Archive>).campaign?.campaign?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file to write a campaign's archive to: its own name, or (when a file of that name holds another campaign's
 * archive, or something else) the next name alongside it: never over another campaign's archive.
 */
export async function archiveTarget(dir: string, campaignId: string): Promise<string> {
  for (let attempt = 1; attempt <= 100; attempt++) {
    const file = archivePath({ dir, campaignId, attempt });
    const held = await archivedId(file);
    if (held === null || held === campaignId) return file;
  }
  throw rejected(
    `không lưu được hồ sơ kiểm tra của chiến dịch '${campaignId}': thư mục ${path.resolve(dir)} đã có 100 tệp trùng tên thuộc chiến dịch khác`,
  );
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
 * lists its units, the issuer's included (whose workflows the activity waits for), then writes into `dir`.
 */
export function campaignArchiver(dir: string) {
  return {
    async open(client: Client, campaignId: string) {
      const view = await openCampaign({ client, campaignId });
      return {
        unitIds: view.definition.units.map((u) => u.id),
        // The file written, and what the activity mails from it: the campaign and its final report.
        write: async (onProgress: (done: number, total: number) => void) => {
          const { file, archive } = await archiveFile({ client, campaignId, dir, view, onProgress });
          return { file, campaign: archive.campaign, report: archive.report };
        },
      };
    },
  };
}

/**
 * Writes the campaign's whole audit trail and its final report to `<dir>/<campaign>.audit.json` (see
 * archiveTarget: never over another campaign's archive; written
 * to a temporary file first, then renamed: a reader never sees half an archive). Returns the path.
 */
export async function writeArchive(input: ArchiveInput): Promise<string> {
  return (await archiveFile(input)).file;
}

interface ArchiveInput {
  client: Client;
  campaignId: string;
  dir: string;
  view?: CampaignView;
  /** Called as each unit's history is read (e.g. to heartbeat from an activity). */
  onProgress?: (done: number, total: number) => void;
}

async function archiveFile(input: ArchiveInput): Promise<{ file: string; archive: Archive }> {
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
  await mkdir(path.resolve(input.dir), { recursive: true });
  const file = await archiveTarget(input.dir, campaignId);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(archive, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
  return { file, archive };
}
