// A unit in a campaign as an entity: its state, and every change a handler makes to it. The workflow's lanes and
// reporters read the flags it raises (which milestone changed, whether the aggregate or the overdue rows need
// reporting); nothing else writes the state.
import { ApplicationFailure, condition, metricMeter, upsertSearchAttributes } from '@temporalio/workflow';
import type {
  AdminEvent,
  AdminInput,
  CloseInput,
  ExtendInput,
  MilestoneState,
  PendingNotice,
  Receipt,
  RevokeLinkInput,
  RevokeLinkResult,
  SubmitInput,
  UnitPlan,
  UnitState,
} from '../../contract/messages';
import { unitSearchAttributes } from '../../contract/search-attributes';
import type { MilestoneSchedule } from '../../core/calendar/schedule';
import type { Milestone } from '../../core/definition/types';
import type { SendVia } from '../notices';
import { pendingNotice } from '../plan/outbox';
import { overdueIds } from '../plan/reporting';
import { afterSubmission, closedStatus, extendedStatus, reopenedStatus } from '../plan/transitions';
import { judgedAt } from './received-at';

export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

/** A milestone's new schedule after an extension (the calendar activity). */
export type Reschedule = (m: Milestone, newDue: string) => Promise<MilestoneSchedule | undefined>;

export class UnitEntity {
  /** The aggregate of this subtree needs computing and reporting (a milestone or a subordinate changed). */
  aggregateDirty = true;
  /** A subordinate reported a new aggregate (a superior may wait a moment for more before passing it up). */
  childDirty = false;
  /**
   * Publishes the status memo (set when the plan asks for one): on every milestone change (statusRev, from
   * updates, signals and timers), and in line where a notice is recorded. Not through a condition there: a send
   * resolves in whichever activation its local activity finished, and a command that waited on a condition
   * would land in a different place on replay.
   */
  publishStatus?: () => void;
  /** Grows with every change to a milestone (what the status memo follows). */
  statusRev = 0;
  /** What the superiors' digests hold about this unit may be out of date. */
  overdueDirty = true;
  /** Set when the run ends (continue-as-new): lanes and reporters return. */
  stopping = false;
  private readonly revs = new Map<string, number>();
  /** Milestones whose extension is computing its new schedule (extensions of one milestone go one at a time). */
  private readonly extending = new Set<string>();
  private readonly byId: Map<string, Milestone>;
  /** The overdue set the search attributes last published. */
  private published?: string;

  constructor(
    readonly plan: UnitPlan,
    readonly state: UnitState,
  ) {
    this.byId = new Map(plan.milestones.map((m) => [m.id, m]));
  }

  /** How this unit's notices are sent (its plan's templates and mail route). */
  get via(): SendVia {
    return { templatesVersion: this.plan.templatesVersion, mail: this.plan.mail };
  }

  get ids() {
    return { campaignId: this.plan.campaign.id, unitId: this.plan.unit.id };
  }

  find(milestoneId: string): MilestoneState {
    const ms = this.state.milestones.find((m) => m.id === milestoneId);
    if (!ms) {
      throw new Error(
        `mốc '${milestoneId}' không áp dụng cho đơn vị '${this.plan.unit.id}' (các mốc của đơn vị: ${this.state.milestones.map((m) => m.id).join(', ') || 'không có'})`,
      );
    }
    return ms;
  }

  definition(ms: MilestoneState): Milestone {
    return this.byId.get(ms.id) as Milestone;
  }

  /** The milestone's revision: its lane waits until it changes. */
  rev(ms: MilestoneState): number {
    return this.revs.get(ms.id) ?? 0;
  }

  bump(ms: MilestoneState): void {
    this.revs.set(ms.id, this.rev(ms) + 1);
    this.statusRev += 1;
    this.aggregateDirty = true;
    this.overdueDirty = true;
  }

  /** A notice was recorded as sent: the published status counts it. */
  noteSent(): void {
    this.publishStatus?.();
  }

  /** Search attributes change only when the overdue set does: one history event then, none per reminder. */
  publish(): void {
    const overdue = overdueIds(this.state.milestones);
    if (overdue.join(',') === this.published) return;
    this.published = overdue.join(',');
    upsertSearchAttributes(unitSearchAttributes(this.plan.campaign.id, this.plan.unit, overdue));
  }

  /**
   * Queues a notice about a change (sent by the milestone's lane, in order): what it says is fixed now, and its
   * Message-ID is derived from the milestone, the kind and its number, so it is sent once whatever happens.
   */
  queue(ms: MilestoneState, n: Omit<PendingNotice, 'messageId' | 'asOf'> & { asOf?: string }): void {
    const p = pendingNotice({ ...this.ids, milestoneId: ms.id }, n, nowIso());
    ms.outbox = [...(ms.outbox ?? []), p];
    this.bump(ms);
  }

  outboxEmpty(): boolean {
    return this.state.milestones.every((ms) => (ms.outbox?.length ?? 0) === 0);
  }

  /** Every change to the milestone's calendar invite raises its SEQUENCE. */
  private nextIcsSequence(ms: MilestoneState): number {
    ms.icsSequence = (ms.icsSequence ?? 0) + 1;
    return ms.icsSequence;
  }

  private countEvents(ms: MilestoneState, kind: AdminEvent['kind']): number {
    return ms.events.filter((e) => e.kind === kind).length;
  }

  private record(ms: MilestoneState, e: Omit<AdminEvent, 'at'>): MilestoneState {
    ms.events.push({ at: nowIso(), ...e });
    this.bump(ms);
    this.publish();
    return ms;
  }

  submit(req: SubmitInput): Receipt {
    const ms = this.find(req.milestoneId);
    const recordedAt = nowIso();
    // Inputs without receivedAt (every one before it existed) are judged as before: no patch needed.
    const judged = judgedAt(recordedAt, req.receivedAt);
    const onTime = Date.parse(judged.at) < Date.parse(ms.schedule.dueAt);
    const seq = ms.submissions.length + 1;
    ms.submissions.push({
      seq,
      at: recordedAt,
      ...(judged.client ? { receivedAt: judged.at } : {}),
      actor: req.actor,
      onTime,
      payload: req.payload,
      ...(req.note ? { note: req.note } : {}),
    });
    // A metric, not a command: replay-safe (the SDK records it only when the task is not a replay).
    metricMeter
      .createCounter('dondoc_submissions', 'submissions', 'Submissions the unit workflows accepted')
      .add(1, { kind: ms.kind, on_time: String(onTime) });
    // Events accumulate in a window; an address the mail server refused stays flagged (plan/transitions.ts).
    const after = afterSubmission(this.definition(ms), ms, req.payload, onTime);
    ms.status = after.status;
    ms.flags = after.milestoneFlags;
    this.queue(ms, {
      kind: 'receipt',
      seq,
      asOf: recordedAt,
      dueAt: ms.schedule.dueAt,
      icsSequence: this.nextIcsSequence(ms),
      status: ms.status,
      flags: after.flags,
    });
    this.publish();
    return {
      ...this.ids,
      milestoneId: ms.id,
      seq,
      recordedAt,
      dueAt: ms.schedule.dueAt,
      onTime,
      status: ms.status,
      flags: after.flags,
      unitName: this.plan.unit.name,
      milestoneTitle: ms.title,
      timeZone: this.plan.campaign.timeZone,
    };
  }

  /**
   * One extension of a milestone at a time: each computes its schedule in an activity, and what else changed
   * meanwhile (a close, a waiver) is checked again once it has.
   */
  async extend(req: ExtendInput, reschedule: Reschedule): Promise<MilestoneState> {
    const ms = this.find(req.milestoneId);
    await condition(() => !this.extending.has(ms.id));
    this.extending.add(ms.id);
    let fresh: MilestoneSchedule | undefined;
    try {
      fresh = await reschedule(this.definition(ms), req.newDue);
    } finally {
      this.extending.delete(ms.id);
    }
    if (!fresh) throw ApplicationFailure.nonRetryable(`no schedule for milestone '${ms.id}'`);
    if (this.state.closed || ms.status === 'waived' || ms.status === 'closed') {
      throw ApplicationFailure.nonRetryable(
        `mốc '${ms.id}' đã ${this.state.closed ? 'đóng' : 'được miễn'} trong lúc gia hạn: không gia hạn`,
      );
    }
    const previous = ms.schedule.dueAt;
    ms.schedule = fresh;
    ms.activeFrom = nowIso();
    ms.status = extendedStatus(ms.status, fresh.dueAt, Date.now());
    this.record(ms, {
      kind: 'extended',
      actor: req.actor,
      reason: req.reason,
      detail: `${previous} → ${fresh.dueAt}`,
    });
    this.queue(ms, {
      kind: 'extended',
      seq: this.countEvents(ms, 'extended'),
      dueAt: fresh.dueAt,
      previousDueAt: previous,
      icsSequence: this.nextIcsSequence(ms),
      actor: req.actor,
      reason: req.reason,
    });
    return ms;
  }

  waive(req: AdminInput): MilestoneState {
    const ms = this.find(req.milestoneId);
    ms.status = 'waived';
    this.record(ms, { kind: 'waived', actor: req.actor, ...(req.reason ? { reason: req.reason } : {}) });
    this.queue(ms, {
      kind: 'waived',
      seq: this.countEvents(ms, 'waived'),
      dueAt: ms.schedule.dueAt,
      icsSequence: this.nextIcsSequence(ms),
      actor: req.actor,
      ...(req.reason ? { reason: req.reason } : {}),
    });
    return ms;
  }

  approve(req: AdminInput): MilestoneState {
    const ms = this.find(req.milestoneId);
    const last = ms.submissions[ms.submissions.length - 1];
    ms.status = last?.onTime ? 'submitted' : 'late';
    return this.record(ms, {
      kind: 'approved',
      actor: req.actor,
      ...(req.reason ? { reason: req.reason } : {}),
    });
  }

  /** A draft sent back: open again; escalations planned while it waited for approval are not sent in a burst. */
  returnDraft(req: AdminInput): MilestoneState {
    const ms = this.find(req.milestoneId);
    ms.status = reopenedStatus(ms.schedule.dueAt, Date.now());
    ms.activeFrom = nowIso();
    this.record(ms, { kind: 'returned', actor: req.actor, ...(req.reason ? { reason: req.reason } : {}) });
    this.queue(ms, {
      kind: 'returned',
      seq: this.countEvents(ms, 'returned'),
      dueAt: ms.schedule.dueAt,
      icsSequence: this.nextIcsSequence(ms),
      actor: req.actor,
      reason: req.reason ?? '',
    });
    return ms;
  }

  close(req: CloseInput): UnitState {
    this.state.closed = true;
    for (const ms of this.state.milestones) {
      ms.status = closedStatus(ms.status);
      ms.events.push({
        at: nowIso(),
        kind: req.cancel ? 'cancelled' : 'closed',
        actor: req.actor,
        ...(req.reason ? { reason: req.reason } : {}),
      });
      this.bump(ms);
    }
    this.publish();
    return this.state;
  }

  /**
   * Revoking the unit's portal links: any link minted at or before this instant stops opening anything (the
   * portal checks `state.link`); the portal then starts linkNoticeWorkflow to mail a new one.
   */
  revokeLink(req: RevokeLinkInput): RevokeLinkResult {
    const at = nowIso();
    const link = this.state.link ?? { events: [] };
    link.revokedAt = at;
    link.events.push({ kind: 'link-revoked', at, actor: req.actor, reason: req.reason });
    this.state.link = link;
    const { mail, templatesVersion } = this.plan;
    return {
      revokedAt: at,
      count: link.events.length,
      ...(mail ? { mail } : {}),
      ...(templatesVersion ? { templatesVersion } : {}),
    };
  }
}
