// One workflow's durable history (every run of it) turned into audit entries. What the entries say comes from
// the contract's declarations (contract/audit.ts): each accepted update is looked up by name among the audited
// updates and its decoded arguments and result handed to its declared audit function; each notice activity's
// input is a declared notice; the overdue search attribute and the memo naming who started a campaign are the
// contract's names. Nothing here knows a payload's shape.
import {
  type AuditEvent,
  auditedUpdate,
  NOTICE_ACTIVITIES,
  type NoticeAudit,
  noticeAudit,
  OVERDUE_ATTRIBUTE,
  STARTED_BY_MEMO,
  type UpdateAudit,
} from '../../contract/audit';
import type { NoticeInput } from '../../contract/notices';
import { REMINDER_BATCH_ACTIVITY, type ReminderBatchResult } from '../../contract/reminder-batch';
import {
  decodeFirst,
  decodeOne,
  eventId,
  eventTime,
  type HistoryEvent,
  type PayloadDecoder,
  type RunHistory,
} from '../history';

/** An audit event, and where in durable history it was read. */
export interface AuditEntry extends AuditEvent {
  campaignId: string;
  unitId?: string;
  workflowId: string;
  runId: string;
  eventId: number;
}

type Where = Pick<AuditEntry, 'campaignId' | 'unitId' | 'workflowId' | 'runId'>;

/** An update accepted by the workflow, waiting for its completion. */
interface Accepted {
  name: string;
  args: unknown;
  identity?: string;
  at: string;
  eventId: number;
}

/** Why an accepted update has no outcome in its run (still running, or cut by continue-as-new). */
const UNFINISHED_UPDATE = 'chưa hoàn tất';

/**
 * The declared audit of an update. An update the contract does not audit (or whose payload does not fit its
 * declaration, e.g. an older engine's) is still an entry: kind `update`, named.
 */
function updateAudit(a: Accepted, result: unknown): UpdateAudit {
  const declared = auditedUpdate(a.name);
  if (declared) {
    try {
      return declared.toEvent(a.args, result);
    } catch {
      // Falls through to the generic entry.
    }
  }
  return { kind: 'update', detail: `update ${a.name}` };
}

function updateEntry(input: {
  where: Where;
  accepted: Accepted;
  result?: unknown;
  failure?: string;
}): AuditEntry {
  const { accepted: a } = input;
  const { at, kind, ...said } = updateAudit(a, input.result);
  return {
    at: at ?? a.at,
    kind,
    ...input.where,
    ...said,
    ...(input.failure ? { failure: input.failure } : {}),
    ...(a.identity ? { identity: a.identity } : {}),
    eventId: a.eventId,
  };
}

function noticeEntry(input: {
  where: Where;
  notice: NoticeAudit;
  at: string;
  eventId: number;
  failure?: string;
}): AuditEntry {
  const { kind, ...said } = input.notice;
  return {
    at: input.at,
    kind,
    ...input.where,
    ...said,
    ...(input.failure ? { failure: input.failure } : {}),
    eventId: input.eventId,
  };
}

/** What a notice activity's input says; undefined when it does not fit the declared notice. */
function declaredNotice(input: unknown): NoticeAudit | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  try {
    return noticeAudit(input as NoticeInput);
  } catch {
    return undefined;
  }
}

/** What reading a workflow's history keeps between events. */
interface Reading {
  decoder: PayloadDecoder;
  out: AuditEntry[];
  where: Where;
  /** The notices scheduled in this run, by their event id, until their activity finishes. */
  notices: Map<number, NoticeAudit>;
  /** The reminder batches scheduled in this run (their event ids), until their activity completes. */
  batches: Set<number>;
  /** The updates accepted in this run, by update id, until they complete. */
  accepted: Map<string, Accepted>;
  /** The milestones overdue as last upserted (carried from run to run). */
  overdue: Set<string>;
}

async function readStart(r: Reading, e: HistoryEvent, kind: 'campaign-started' | 'unit-started') {
  const started = e.workflowExecutionStartedEventAttributes;
  if (!started) return;
  const by = (await decodeOne(r.decoder, started.memo?.fields?.[STARTED_BY_MEMO])) as string | undefined;
  r.out.push({
    at: eventTime(e),
    kind,
    ...r.where,
    ...(by ? { actor: by } : {}),
    ...(started.identity ? { identity: started.identity } : {}),
    eventId: eventId(e),
  });
}

/** A notice activity: scheduled (its input says what was sent), then completed or failed for good. */
async function readNotice(r: Reading, e: HistoryEvent) {
  const scheduled = e.activityTaskScheduledEventAttributes;
  if (scheduled && NOTICE_ACTIVITIES.has(scheduled.activityType?.name ?? '')) {
    const notice = declaredNotice(await decodeFirst(r.decoder, scheduled.input));
    if (notice) r.notices.set(eventId(e), notice);
  }
  const done = e.activityTaskCompletedEventAttributes;
  const failed = e.activityTaskFailedEventAttributes;
  const notice = r.notices.get(Number((done ?? failed)?.scheduledEventId));
  if (!notice) return;
  const failure = failed ? failed.failure?.cause?.message || failed.failure?.message || 'failed' : undefined;
  pushNotice(r, e, notice, failure);
}

/** The entry of a notice whose send finished with this event (failed for good when `failure` is given). */
function pushNotice(r: Reading, e: HistoryEvent, notice: NoticeAudit, failure: string | undefined) {
  r.out.push(
    noticeEntry({
      where: r.where,
      notice,
      at: eventTime(e),
      eventId: eventId(e),
      ...(failure ? { failure } : {}),
    }),
  );
}

/**
 * A superior's batch of its subordinates' reminders (contract/reminder-batch.ts): its result holds each
 * reminder's outcome, an entry under the unit it was for (read from the superior's history).
 */
async function readBatch(r: Reading, e: HistoryEvent) {
  const scheduled = e.activityTaskScheduledEventAttributes;
  if (scheduled?.activityType?.name === REMINDER_BATCH_ACTIVITY) r.batches.add(eventId(e));
  const done = e.activityTaskCompletedEventAttributes;
  if (!done || !r.batches.delete(Number(done.scheduledEventId))) return;
  const result = (await decodeFirst(r.decoder, done.result)) as ReminderBatchResult | undefined;
  for (const o of result?.outcomes ?? []) {
    const { kind, ...said } = o.notice;
    r.out.push({
      at: o.at,
      kind,
      ...r.where,
      unitId: o.unitId,
      ...said,
      ...(o.failure ? { failure: o.failure } : {}),
      eventId: eventId(e),
    });
  }
}

/** The marker a local activity leaves in history (sdk-core): `data` says which activity, `result` its result. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** A notice sent by a local activity: its marker holds the result, which says what was sent (or, failed, its details). */
async function readLocalNotice(r: Reading, e: HistoryEvent) {
  const marker = e.markerRecordedEventAttributes;
  if (marker?.markerName !== LOCAL_ACTIVITY_MARKER) return;
  const data = (await decodeFirst(r.decoder, marker.details?.data)) as
    | { activity_type?: unknown }
    | undefined;
  if (!NOTICE_ACTIVITIES.has(String(data?.activity_type ?? ''))) return;
  const failure = marker.failure;
  const said = failure
    ? await decodeFirst(
        r.decoder,
        failure.cause?.applicationFailureInfo?.details ?? failure.applicationFailureInfo?.details,
      )
    : ((await decodeFirst(r.decoder, marker.details?.result)) as { notice?: unknown } | undefined)?.notice;
  const notice = said && typeof said === 'object' ? (said as NoticeAudit) : undefined;
  if (!notice?.messageId) return;
  pushNotice(r, e, notice, failure ? failure.cause?.message || failure.message || 'failed' : undefined);
}

/** An update: accepted (its arguments, who sent it), then completed with its result or its failure. */
async function readUpdate(r: Reading, e: HistoryEvent) {
  const acc = e.workflowExecutionUpdateAcceptedEventAttributes;
  if (acc) {
    const req = acc.acceptedRequest;
    r.accepted.set(req?.meta?.updateId ?? acc.protocolInstanceId ?? '', {
      name: req?.input?.name ?? '',
      args: await decodeFirst(r.decoder, req?.input?.args),
      ...(req?.meta?.identity ? { identity: req.meta.identity } : {}),
      at: eventTime(e),
      eventId: eventId(e),
    });
  }
  const completed = e.workflowExecutionUpdateCompletedEventAttributes;
  const updateId = completed?.meta?.updateId ?? '';
  const a = completed ? r.accepted.get(updateId) : undefined;
  if (!a) return;
  r.accepted.delete(updateId);
  const outcome = completed?.outcome;
  const failure = outcome?.failure ? (outcome.failure.message ?? 'failed') : undefined;
  const result = outcome?.success ? await decodeFirst(r.decoder, outcome.success) : undefined;
  r.out.push(updateEntry({ where: r.where, accepted: a, result, ...(failure ? { failure } : {}) }));
}

/** The overdue search attribute upserted: each milestone newly in it became overdue then. */
async function readOverdue(r: Reading, e: HistoryEvent) {
  const field =
    e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.[OVERDUE_ATTRIBUTE];
  if (!field) return;
  const now = new Set(((await decodeOne(r.decoder, field)) as string[] | null | undefined) ?? []);
  for (const m of now) {
    if (!r.overdue.has(m))
      r.out.push({ at: eventTime(e), kind: 'overdue', ...r.where, milestoneId: m, eventId: eventId(e) });
  }
  r.overdue = now;
}

/** The entries of one workflow's runs, oldest run first. */
export async function historyEntries(input: {
  /** Decodes the payloads (a client, or its data converter). */
  decoder: PayloadDecoder;
  campaignId: string;
  unitId?: string;
  runs: RunHistory[];
  /** false: no entry for the workflow's start (a helper workflow, e.g. the one mailing a new link). */
  started?: boolean;
}): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let overdue = new Set<string>();
  for (const [runIndex, run] of input.runs.entries()) {
    const r: Reading = {
      decoder: input.decoder,
      out,
      where: {
        campaignId: input.campaignId,
        ...(input.unitId ? { unitId: input.unitId } : {}),
        workflowId: run.workflowId,
        runId: run.runId,
      },
      notices: new Map(),
      batches: new Set(),
      accepted: new Map(),
      overdue,
    };
    const start = input.unitId ? 'unit-started' : 'campaign-started';
    const first = runIndex === 0 && input.started !== false;
    for (const e of run.events) {
      if (first) await readStart(r, e, start);
      await readNotice(r, e);
      await readLocalNotice(r, e);
      await readBatch(r, e);
      await readUpdate(r, e);
      await readOverdue(r, e);
    }
    // Accepted, not yet completed (still running, or cut by continue-as-new): recorded as accepted.
    for (const a of r.accepted.values())
      out.push(updateEntry({ where: r.where, accepted: a, failure: UNFINISHED_UPDATE }));
    overdue = r.overdue;
  }
  return out;
}
