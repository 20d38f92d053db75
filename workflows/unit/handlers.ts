// The unit workflow's queries and updates: each validator is synchronous and refuses in Vietnamese before
// anything is recorded; each handler is one call on the entity.
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  type AdminInput,
  aggregateQuery,
  approveUpdate,
  type CloseInput,
  closeUpdate,
  type ExtendInput,
  extendUpdate,
  type MilestoneState,
  NEEDS_PLAN,
  type RevokeLinkInput,
  reminderRefusedSignal,
  returnUpdate,
  revokeLinkUpdate,
  type SubmitInput,
  stateQuery,
  submitUpdate,
  waiveUpdate,
} from '../../contract/messages';
import type { Milestone } from '../../core/definition/types';
import type { SubtreeAggregate } from '../../core/report/aggregate';
import { isUpward } from '../../core/report/upward';
import { typedProblem, typedProblemDeep } from '../../core/text/typed';
import { OPEN_STATUSES } from '../plan/actions';
import { recordRefused } from '../plan/delegation';
import { checkSubmission } from '../submission-check';
import { requireActor, requireClean, requireCleanReason, requireReason } from '../validator-checks';
import type { Reschedule, UnitEntity } from './entity';

/**
 * The issuer's report upward takes its missing figures from the aggregate: a client that did not read the plan
 * (SubmitInput.planUnread) is asked to, and nothing is recorded.
 */
function requirePlanRead(m: Milestone): void {
  if (!isUpward(m) || m.outline.length === 0) return;
  throw ApplicationFailure.create({
    type: NEEDS_PLAN,
    message: `mốc '${m.id}' là báo cáo gửi lên: cần đọc kế hoạch và số liệu tổng hợp trước khi gửi`,
    nonRetryable: true,
  });
}

/** A milestone that takes a submission now: not waived, closed or already sent. */
function requireSendable(unitId: string, ms: MilestoneState, m: Milestone): void {
  if (ms.status === 'waived') throw new Error(`mốc '${ms.id}' đã được miễn cho đơn vị '${unitId}'`);
  if (ms.status === 'closed') throw new Error(`mốc '${ms.id}' đã đóng`);
  // A site list short of the minimum may be sent again: the new list replaces it.
  const resend = m.kind === 'site-registration' && ms.flags.some((f) => f.startsWith('below-min-sites'));
  if (m.kind !== 'event-window' && !OPEN_STATUSES.has(ms.status) && !resend) {
    throw new Error(`mốc '${ms.id}' đã được gửi rồi (trạng thái ${ms.status})`);
  }
}

/** The synchronous checks of each update: they refuse before anything is recorded. */
function validators(u: UnitEntity) {
  const requireOpenCampaign = () => {
    if (u.state.closed) throw new Error(`chiến dịch ${u.plan.campaign.id} đã đóng`);
  };
  /** A milestone the unit only coordinates has nothing to send, extend or waive. */
  const requireOwed = (milestoneId: string) => {
    const ms = u.find(milestoneId);
    if (ms.status === 'coordinating')
      throw new Error(`đơn vị '${u.plan.unit.id}' chỉ phối hợp mốc '${ms.id}': không phải gửi gì`);
    return ms;
  };
  const requireDraft = (milestoneId: string) => {
    const ms = u.find(milestoneId);
    if (ms.status !== 'awaiting-approval')
      throw new Error(`mốc '${ms.id}' không có dự thảo nào đang chờ duyệt (trạng thái ${ms.status})`);
  };
  return {
    submit(req: SubmitInput) {
      requireOpenCampaign();
      requireActor(req?.actor);
      requireClean(typedProblem('note', req.note, true) ?? typedProblemDeep('payload', req.payload));
      const ms = requireOwed(req.milestoneId);
      const m = u.definition(ms);
      requireSendable(u.plan.unit.id, ms, m);
      if (req.planUnread) requirePlanRead(m);
      const problems = checkSubmission(m, req.payload, ms.schedule);
      if (problems.length > 0) throw new Error(`nội dung không hợp lệ: ${problems.join('; ')}`);
    },
    extend(req: ExtendInput) {
      requireOpenCampaign();
      requireActor(req?.actor);
      requireReason(req.reason, 'gia hạn');
      const ms = requireOwed(req.milestoneId);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(req.newDue ?? ''))
        throw new Error(`newDue: '${req.newDue}' không phải ngày dạng yyyy-mm-dd`);
      if (req.newDue <= ms.schedule.dueAt.slice(0, 10)) {
        throw new Error(`newDue: ${req.newDue} không sau hạn hiện tại ${ms.schedule.dueAt}`);
      }
      if (ms.status === 'waived' || ms.status === 'closed')
        throw new Error(`mốc '${ms.id}' đang ở trạng thái ${ms.status}`);
    },
    waive(req: AdminInput) {
      requireOpenCampaign();
      requireActor(req?.actor);
      requireCleanReason(req.reason);
      const ms = requireOwed(req.milestoneId);
      if (ms.status === 'waived') throw new Error(`mốc '${ms.id}' đã được miễn rồi`);
    },
    approve(req: AdminInput) {
      requireOpenCampaign();
      requireActor(req?.actor);
      requireDraft(req.milestoneId);
    },
    returnDraft(req: AdminInput) {
      requireOpenCampaign();
      requireActor(req?.actor);
      requireReason(req.reason, 'trả lại dự thảo');
      requireDraft(req.milestoneId);
    },
    close(req: CloseInput) {
      requireActor(req?.actor);
      requireCleanReason(req.reason);
      requireOpenCampaign();
    },
    revokeLink(req: RevokeLinkInput) {
      requireOpenCampaign();
      requireActor(req?.actor);
      requireReason(req.reason, 'thu hồi đường dẫn');
    },
  };
}

export function registerUnitHandlers(
  u: UnitEntity,
  deps: { aggregate: () => SubtreeAggregate; reschedule: Reschedule },
): void {
  const check = validators(u);
  setHandler(stateQuery, () => u.state);
  setHandler(aggregateQuery, deps.aggregate);
  setHandler(submitUpdate, (req) => u.submit(req), { validator: check.submit });
  setHandler(extendUpdate, (req) => u.extend(req, deps.reschedule), { validator: check.extend });
  setHandler(waiveUpdate, (req) => u.waive(req), { validator: check.waive });
  setHandler(approveUpdate, (req) => u.approve(req), { validator: check.approve });
  setHandler(returnUpdate, (req) => u.returnDraft(req), { validator: check.returnDraft });
  setHandler(closeUpdate, (req) => u.close(req), { validator: check.close });
  setHandler(revokeLinkUpdate, (req) => u.revokeLink(req), { validator: check.revokeLink });
  setHandler(reminderRefusedSignal, ({ milestoneId, ...refused }) => {
    const ms = u.state.milestones.find((m) => m.id === milestoneId);
    if (!ms) return;
    recordRefused(ms, refused);
    u.noteSent();
  });
}
