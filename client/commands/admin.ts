// The administrators' updates: approve, return, waive, extend (one unit or all), close, cancel; each says who
// (--by) and why (--reason), recorded in the workflows' history.
import { mkdir } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { MilestoneState } from '../../contract/messages';
import { printable } from '../../core/text/printable';
import { archiveDir, writeArchive } from '../audit';
import { type CampaignView, milestoneOf, openCampaign, requireOpen, unitOf } from '../campaign-view';
import { rejected } from '../errors';
import { localTime, STATUS_TEXT } from '../format';
import { type Io, type Outcome, runCommand, type Session } from '../kit';
import { closeCampaign, extendAll, extendUnit, parseNewDue, unitAction } from '../read/actions';

interface AdminOptions {
  by: string;
  reason?: string;
  json?: boolean;
}

type Register = (program: Command, io: Io, setExit: (code: number) => void) => void;

const UNIT_UPDATES = {
  approve: { done: 'Đã duyệt dự thảo', describe: 'duyệt dự thảo kế hoạch đang chờ duyệt' },
  return: { done: 'Đã trả lại dự thảo', describe: 'trả lại dự thảo kế hoạch (kèm lý do)' },
  waive: { done: 'Đã miễn', describe: 'miễn một mốc cho một đơn vị' },
} as const;

function milestoneResult(input: {
  view: CampaignView;
  unitId: string;
  ms: MilestoneState;
  done: string;
}): Outcome {
  const { view, ms } = input;
  const unit = unitOf(view, input.unitId);
  const zone = view.definition.campaign.timeZone;
  const text = [
    `${input.done} ${ms.id} (${ms.title}) của ${unit.name} [${unit.id}].`,
    `  Trạng thái: ${STATUS_TEXT[ms.status]}; hạn ${localTime(ms.schedule.dueAt, zone)}`,
  ]
    .map(printable)
    .join('\n');
  return { json: { ok: true, campaignId: view.campaignId, unitId: unit.id, milestone: ms }, text };
}

function registerUnitUpdate(name: keyof typeof UNIT_UPDATES, reasonRequired: boolean): Register {
  const u = UNIT_UPDATES[name];
  return (program, io, setExit) => {
    const cmd = program
      .command(name)
      .description(u.describe)
      .argument('<campaign>', 'mã chiến dịch')
      .argument('<unit>', 'mã đơn vị')
      .argument('<milestone>', 'mã mốc')
      .requiredOption('--by <actor>', 'người thực hiện');
    if (reasonRequired) cmd.requiredOption('--reason <text>', 'lý do');
    else cmd.option('--reason <text>', 'lý do');
    cmd
      .option('--json', 'in kết quả dạng JSON')
      .action(async (campaignId: string, unitId: string, milestoneId: string, opts: AdminOptions) => {
        const body = async (s: Session): Promise<Outcome> => {
          const client = await s.client();
          const view = await openCampaign({ client, campaignId });
          requireOpen(view);
          const unit = unitOf(view, unitId);
          const m = milestoneOf(view, milestoneId);
          const ms = await unitAction({
            client,
            campaignId,
            unitId: unit.id,
            milestoneId: m.id,
            action: name,
            actor: opts.by,
            ...(opts.reason ? { reason: opts.reason } : {}),
          });
          return milestoneResult({ view, unitId: unit.id, ms, done: u.done });
        };
        setExit(await runCommand({ io, json: Boolean(opts.json), body }));
      });
  };
}

interface ExtendOptions extends AdminOptions {
  to: string;
  unit?: string;
  all?: boolean;
  reason: string;
}

async function extend(
  s: Session,
  campaignId: string,
  milestoneId: string,
  opts: ExtendOptions,
): Promise<Outcome> {
  const newDue = parseNewDue(opts.to);
  if (!newDue) throw rejected(`--to: '${opts.to}' không phải là ngày (yyyy-mm-dd hoặc dd/mm/yyyy)`);
  if (Boolean(opts.unit) === Boolean(opts.all)) {
    throw rejected('chọn một đơn vị (--unit <đơn vị>) hoặc mọi đơn vị (--all)');
  }
  const client = await s.client();
  const view = await openCampaign({ client, campaignId });
  requireOpen(view);
  const m = milestoneOf(view, milestoneId);
  const input = { client, campaignId, milestoneId: m.id, newDue, actor: opts.by, reason: opts.reason };
  if (opts.unit) {
    const unit = unitOf(view, opts.unit);
    const ms = await extendUnit({ ...input, unitId: unit.id });
    return milestoneResult({ view, unitId: unit.id, ms, done: `Đã gia hạn (trước ngày ${newDue})` });
  }
  const r = await extendAll(input);
  const text = [
    printable(`Đã gia hạn ${m.id} (${m.title}) tới trước ngày ${newDue} cho ${r.extended} đơn vị.`),
    ...(r.skipped.length > 0
      ? [`Không gia hạn ${r.skipped.length} đơn vị:`, ...r.skipped.map((x) => `  ${printable(x)}`)]
      : []),
  ].join('\n');
  return { json: { ok: true, campaignId, milestoneId: m.id, newDue, ...r }, text };
}

const registerExtend: Register = (program, io, setExit) => {
  program
    .command('extend')
    .description('gia hạn một mốc cho một đơn vị (--unit) hoặc cho mọi đơn vị (--all)')
    .argument('<campaign>', 'mã chiến dịch')
    .argument('<milestone>', 'mã mốc')
    .requiredOption('--to <date>', 'hạn mới: "trước ngày" này (yyyy-mm-dd hoặc dd/mm/yyyy)')
    .option('--unit <unit>', 'chỉ đơn vị này')
    .option('--all', 'mọi đơn vị phải nộp mốc này')
    .requiredOption('--by <actor>', 'người thực hiện')
    .requiredOption('--reason <text>', 'lý do gia hạn')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (campaignId: string, milestoneId: string, opts: ExtendOptions) => {
      setExit(
        await runCommand({
          io,
          json: Boolean(opts.json),
          body: (s) => extend(s, campaignId, milestoneId, opts),
        }),
      );
    });
};

interface CloseOptions extends AdminOptions {
  archive?: string;
}

async function close(
  s: Session,
  campaignId: string,
  opts: CloseOptions & { cancel: boolean },
): Promise<Outcome> {
  const client: Client = await s.client();
  const view = await openCampaign({ client, campaignId });
  requireOpen(view);
  const state = await closeCampaign({
    client,
    campaignId,
    actor: opts.by,
    cancel: opts.cancel,
    ...(opts.reason ? { reason: opts.reason } : {}),
  });
  let archive: string | undefined;
  if (opts.archive) {
    await mkdir(opts.archive, { recursive: true });
    archive = await writeArchive({ client, campaignId, dir: opts.archive });
  }
  const zone = view.definition.campaign.timeZone;
  const text = [
    `${opts.cancel ? 'Đã hủy' : 'Đã đóng'} chiến dịch ${campaignId} lúc ${localTime(state.closedAt ?? new Date().toISOString(), zone)}.`,
    archive
      ? `Hồ sơ kiểm tra (toàn bộ lịch sử và báo cáo cuối) đã được lưu tại: ${archive}`
      : 'Worker sẽ lưu hồ sơ kiểm tra (toàn bộ lịch sử và báo cáo cuối) vào thư mục DONDOC_ARCHIVE_DIR của nó khi mọi đơn vị đã đóng; `dondoc status` cho biết đường dẫn.',
  ].join('\n');
  return {
    json: { ok: true, campaignId, state, ...(archive ? { archive } : {}), archiveWritten: Boolean(archive) },
    text,
  };
}

function registerClose(name: 'close' | 'cancel'): Register {
  const cancel = name === 'cancel';
  return (program, io, setExit) => {
    const cmd = program
      .command(name)
      .description(
        cancel
          ? 'hủy chiến dịch: dừng mọi nhắc hạn và đôn đốc (kèm lý do)'
          : 'đóng chiến dịch: dừng mọi nhắc hạn và đôn đốc, lưu hồ sơ kiểm tra',
      )
      .argument('<campaign>', 'mã chiến dịch')
      .requiredOption('--by <actor>', 'người thực hiện');
    if (cancel) cmd.requiredOption('--reason <text>', 'lý do hủy');
    else cmd.option('--reason <text>', 'lý do');
    cmd
      .option('--archive <dir>', 'ghi hồ sơ kiểm tra vào thư mục này ngay (ngoài bản do worker ghi)')
      .option('--json', 'in kết quả dạng JSON')
      .action(async (campaignId: string, opts: CloseOptions) => {
        setExit(
          await runCommand({
            io,
            json: Boolean(opts.json),
            body: (s) => close(s, campaignId, { ...opts, cancel }),
          }),
        );
      });
  };
}

const registerArchive: Register = (program, io, setExit) => {
  program
    .command('archive')
    .description('ghi toàn bộ lịch sử kiểm tra và báo cáo của chiến dịch ra một tệp JSON')
    .argument('<campaign>', 'mã chiến dịch')
    .option('--dir <dir>', 'thư mục lưu (mặc định DONDOC_ARCHIVE_DIR hoặc .data/archive)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (campaignId: string, opts: { dir?: string; json?: boolean }) => {
      const body = async (s: Session): Promise<Outcome> => {
        const file = await writeArchive({
          client: await s.client(),
          campaignId,
          dir: opts.dir ?? archiveDir(s.io.env),
        });
        return { json: { ok: true, campaignId, archive: file }, text: `Đã lưu hồ sơ kiểm tra tại: ${file}` };
      };
      setExit(await runCommand({ io, json: Boolean(opts.json), body }));
    });
};

export const registerAdmin: Register = (program, io, setExit) => {
  registerUnitUpdate('approve', false)(program, io, setExit);
  registerUnitUpdate('return', true)(program, io, setExit);
  registerUnitUpdate('waive', true)(program, io, setExit);
  registerExtend(program, io, setExit);
  registerClose('close')(program, io, setExit);
  registerClose('cancel')(program, io, setExit);
  registerArchive(program, io, setExit);
};
