// `dondoc submit <campaign> <unit> <milestone> <file> --by <actor>`: a unit's submission, checked by the
// unit workflow's validator; prints the receipt, or the validator's message with exit 1.

import { randomUUID } from 'node:crypto';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Command } from 'commander';
import { unitWorkflowId } from '../../contract/ids';
import {
  aggregateQuery,
  NEEDS_PLAN,
  type Receipt,
  type SubmitInput,
  submitUpdate,
} from '../../contract/messages';
import type { SubmissionPayload } from '../../contract/submission';
import { mib } from '../../core/definition/hostile-messages';
import type { Milestone, Unit } from '../../core/definition/types';
import { SEND_LIMIT_BYTES, wireBytes } from '../../core/payload-codec';
import { isUpward, upwardValues } from '../../core/report/upward';
import { cleanTyped, cleanTypedDeep } from '../../core/text/typed';
import { milestoneOf, openCampaign, requireOpen, unitOf } from '../campaign-view';
import { isDeadline, rejected, unreachable } from '../errors';
import { flagText, localTime, STATUS_TEXT } from '../format';
import { isNotFound } from '../history';
import { type Io, type Outcome, runCommand, type Session } from '../kit';
import { isListFile, readSubmission } from '../payload';
import { queryWorkflow } from '../queries';
import { readUnitPlan } from '../read/unit-plan';

interface SubmitArgs {
  campaignId: string;
  unitId: string;
  milestoneId: string;
  file: string;
}

interface SubmitOptions {
  by: string;
  note?: string;
  json?: boolean;
  timeout: string;
  updateId?: string;
}

/** The unit's Update, given up after `seconds` with a message that says what to do. */
async function sendSubmission(
  client: Client,
  args: SubmitArgs,
  input: SubmitInput,
  opts: { seconds: number; updateId: string },
): Promise<Receipt> {
  const { seconds, updateId } = opts;
  const bytes = await wireBytes(input);
  if (bytes > SEND_LIMIT_BYTES) {
    throw rejected(
      `${args.file}: bài nộp quá lớn để gửi: ${mib(bytes)} sau khi nén, tối đa ${mib(SEND_LIMIT_BYTES)}`,
    );
  }
  const handle = client.workflow.getHandle(unitWorkflowId(args.campaignId, args.unitId));
  try {
    return await client.connection.withDeadline(Date.now() + seconds * 1000, () =>
      handle.executeUpdate(submitUpdate, {
        args: [input],
        updateId,
      }),
    );
  } catch (err) {
    if (!isDeadline(err)) throw err;
    throw unreachable(
      `chưa có xác nhận sau ${seconds} giây: máy chủ Temporal hoặc worker không trả lời. Bài nộp có thể chưa được ghi. ` +
        `Chạy lại lệnh này kèm --update-id ${updateId}: nếu bài đã được ghi, lệnh in lại biên nhận cũ, không ghi hai lần.`,
    );
  }
}

/** What a submission needs to know: the unit, the milestone, the campaign's time zone. */
interface Target {
  unit: Unit;
  milestone: Milestone;
  zone: string;
}

/** From the whole campaign: its definition and state (names an unknown campaign, unit or milestone, or a closed one). */
async function campaignTarget(client: Client, args: SubmitArgs): Promise<Target> {
  const view = await openCampaign({ client, campaignId: args.campaignId });
  requireOpen(view);
  return {
    unit: unitOf(view, args.unitId),
    milestone: milestoneOf(view, args.milestoneId),
    zone: view.definition.campaign.timeZone,
  };
}

/**
 * The issuer's report upward: each figure the file leaves out is taken from the campaign's aggregate of what it
 * reports on (the issuer's own subtree aggregate, one query); the file's own figures win. The figures taken.
 */
export async function withAggregate(
  client: Client,
  target: { campaignId: string; unitId: string; milestone: Milestone },
  payload: SubmissionPayload,
): Promise<{ payload: SubmissionPayload; taken: string[] }> {
  const m = target.milestone;
  if (!isUpward(m) || m.outline.length === 0) return { payload, taken: [] };
  const aggregate = await queryWorkflow({
    client,
    workflowId: unitWorkflowId(target.campaignId, target.unitId),
    query: aggregateQuery,
  });
  const own = payload.values ?? {};
  const fromAggregate = upwardValues(m, aggregate);
  const taken = Object.keys(fromAggregate).filter((id) => own[id] === undefined);
  return { payload: { ...payload, values: { ...fromAggregate, ...own } }, taken };
}

/** The unit's plan (readUnitPlan), or, for anything unusual, the whole campaign (its message names what is wrong). */
async function planTarget(client: Client, args: SubmitArgs): Promise<Target> {
  const plan = await readUnitPlan({ client, campaignId: args.campaignId, unitId: args.unitId });
  const own = plan?.milestones.find((m) => m.id === args.milestoneId);
  return plan && own
    ? { unit: plan.unit, milestone: own, zone: plan.campaign.timeZone }
    : await campaignTarget(client, args);
}

/** The update, with its input; a finished unit workflow is explained from the campaign (closed, unknown). */
async function send(
  client: Client,
  args: SubmitArgs,
  payload: SubmissionPayload,
  opts: SubmitOptions & { seconds: number; updateId: string; receivedAt: string; planUnread?: true },
): Promise<Receipt> {
  const input: SubmitInput = {
    milestoneId: args.milestoneId,
    actor: cleanTyped(opts.by),
    payload: cleanTypedDeep(payload),
    ...(opts.note ? { note: cleanTyped(opts.note, true) } : {}),
    receivedAt: opts.receivedAt,
    ...(opts.planUnread ? { planUnread: true as const } : {}),
  };
  try {
    return await sendSubmission(client, args, input, opts);
  } catch (err) {
    // The unit's workflow has finished: the campaign was closed (its message says so), or the error stands.
    if (isNotFound(err)) await campaignTarget(client, args);
    throw err;
  }
}

/** The unit refused a submission sent without reading the plan: an upward report needs it (NEEDS_PLAN). */
function needsPlan(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && (err.cause as { type?: string })?.type === NEEDS_PLAN;
}

/** A receipt as printed, with what it carries of the unit, the milestone and the zone, else the plan's. */
async function printed(
  client: Client,
  args: SubmitArgs,
  receipt: Receipt,
  known?: Target,
): Promise<{ unitName: string; title: string; zone: string }> {
  if (receipt.unitName && receipt.milestoneTitle && receipt.timeZone) {
    return { unitName: receipt.unitName, title: receipt.milestoneTitle, zone: receipt.timeZone };
  }
  // A receipt recorded before it carried them (run again with --update-id): read from the plan.
  const t = known ?? (await planTarget(client, args));
  return { unitName: t.unit.name, title: t.milestone.title, zone: t.zone };
}

/**
 * The submission goes straight to the unit's workflow. A YAML or JSON file needs nothing from the plan: it is
 * sent as read, one call to the server, and the receipt says how to print it. A CSV list is typed by the
 * milestone's fields, and the issuer's report upward takes its missing figures from the aggregate (the unit
 * refuses it unread): both read the unit's plan first (readUnitPlan: the first event of its history), never
 * the campaign workflow. Anything unusual (no such unit or milestone, a closed campaign) is read from the whole
 * campaign for its message.
 */
async function submit(s: Session, args: SubmitArgs, opts: SubmitOptions): Promise<Outcome> {
  const receivedAt = new Date().toISOString();
  const updateId = opts.updateId ?? `submit-${randomUUID()}`;
  if (!/^submit-[\w-]{8,64}$/.test(updateId))
    throw rejected(`--update-id: '${opts.updateId}' không phải mã lần gửi`);
  const seconds = Number(opts.timeout);
  if (!(Number.isFinite(seconds) && seconds > 0))
    throw rejected(`--timeout: '${opts.timeout}' không phải số giây`);
  const client = await s.client();
  const sending = { ...opts, seconds, updateId, receivedAt };
  let receipt: Receipt | undefined;
  let target: Target | undefined;
  let payload: SubmissionPayload | undefined;
  let taken: string[] = [];
  if (!isListFile(args.file)) {
    payload = await readSubmission({ file: args.file });
    try {
      receipt = await send(client, args, payload, { ...sending, planUnread: true });
    } catch (err) {
      if (!needsPlan(err)) throw err;
    }
  }
  if (!receipt) {
    target = await planTarget(client, args);
    const read = await readSubmission({ file: args.file, milestone: target.milestone });
    ({ payload, taken } = await withAggregate(client, { ...args, milestone: target.milestone }, read));
    receipt = await send(client, args, payload, sending);
  }
  const { unitName, title, zone } = await printed(client, args, receipt, target);
  const timing = receipt.onTime ? 'đúng hạn' : 'MUỘN';
  const lines = [
    `Đã ghi nhận ${receipt.milestoneId} (${title}) của ${unitName} [${receipt.unitId}], lần nộp thứ ${receipt.seq}.`,
    `  Lúc:        ${localTime(receipt.recordedAt, zone, true)}, ${timing} (hạn ${localTime(receipt.dueAt, zone)})`,
    `  Người nộp:  ${opts.by}`,
    ...(taken.length > 0
      ? [`  Lấy từ tổng hợp: ${taken.map((id) => `${id} = ${String(payload?.values?.[id])}`).join('; ')}`]
      : []),
    `  Trạng thái: ${STATUS_TEXT[receipt.status]}`,
    ...receipt.flags.map((f) => `  Lưu ý:      ${flagText(f)}`),
  ];
  return {
    json: { ok: true, receipt, ...(taken.length > 0 ? { fromAggregate: taken } : {}) },
    text: lines.join('\n'),
  };
}

export function registerSubmit(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('submit')
    .description(
      'nộp kế hoạch, đăng ký điểm (YAML/JSON, hoặc CSV danh sách điểm) hoặc báo cáo cho một đơn vị',
    )
    .argument('<campaign>', 'mã chiến dịch')
    .argument('<unit>', 'mã đơn vị')
    .argument('<milestone>', 'mã mốc')
    .argument(
      '<file>',
      'tệp nộp: YAML/JSON (document, values, sites hoặc events) hoặc CSV (danh sách điểm/sự kiện)',
    )
    .requiredOption('--by <actor>', 'người nộp')
    .option('--note <text>', 'ghi chú kèm theo')
    .option('--timeout <seconds>', 'chờ xác nhận tối đa bấy nhiêu giây', '60')
    .option('--update-id <id>', 'mã lần gửi mà một lần chờ quá hạn đã in: gửi lại không ghi hai lần')
    .option('--json', 'in kết quả dạng JSON')
    .action(
      async (campaignId: string, unitId: string, milestoneId: string, file: string, opts: SubmitOptions) => {
        setExit(
          await runCommand({
            io,
            json: Boolean(opts.json),
            body: (s) => submit(s, { campaignId, unitId, milestoneId, file }, opts),
          }),
        );
      },
    );
}
