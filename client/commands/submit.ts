// `dondoc submit <campaign> <unit> <milestone> <file> --by <actor>`: a unit's submission, checked by the
// unit workflow's validator; prints the receipt, or the validator's message with exit 1.
import type { Command } from 'commander';
import { unitWorkflowId } from '../../contract/ids';
import { type Receipt, submitUpdate } from '../../contract/messages';
import { milestoneOf, openCampaign, requireOpen, unitOf } from '../campaign-view';
import { flagText, localTime, STATUS_TEXT } from '../format';
import { type Io, type Outcome, runCommand, type Session } from '../kit';
import { readSubmission } from '../payload';

interface SubmitOptions {
  by: string;
  note?: string;
  json?: boolean;
}

async function submit(
  s: Session,
  args: { campaignId: string; unitId: string; milestoneId: string; file: string },
  opts: SubmitOptions,
): Promise<Outcome> {
  const client = await s.client();
  const view = await openCampaign({ client, campaignId: args.campaignId });
  requireOpen(view);
  const unit = unitOf(view, args.unitId);
  const milestone = milestoneOf(view, args.milestoneId);
  const payload = await readSubmission({ file: args.file, milestone });
  const receipt: Receipt = await client.workflow
    .getHandle(unitWorkflowId(args.campaignId, unit.id))
    .executeUpdate(submitUpdate, {
      args: [
        { milestoneId: milestone.id, actor: opts.by, payload, ...(opts.note ? { note: opts.note } : {}) },
      ],
    });
  const zone = view.definition.campaign.timeZone;
  const timing = receipt.onTime ? 'đúng hạn' : 'MUỘN';
  const lines = [
    `Đã ghi nhận ${milestone.id} (${milestone.title}) của ${unit.name} [${unit.id}], lần nộp thứ ${receipt.seq}.`,
    `  Lúc:        ${localTime(receipt.recordedAt, zone, true)}, ${timing} (hạn ${localTime(receipt.dueAt, zone)})`,
    `  Người nộp:  ${opts.by}`,
    `  Trạng thái: ${STATUS_TEXT[receipt.status]}`,
    ...receipt.flags.map((f) => `  Lưu ý:      ${flagText(f)}`),
  ];
  return { json: { ok: true, receipt }, text: lines.join('\n') };
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
