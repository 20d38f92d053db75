// `dondoc overdue <campaign>`: the overdue units, found by one visibility query on the server (the unit
// workflows' DondocOverdue search attribute), then only those units asked how long and who was escalated.
import type { Command } from 'commander';
import { milestoneOf, openCampaign } from '../campaign-view';
import { duration, localTime, RECIPIENT_TEXT, table } from '../format';
import { type Io, type Outcome, runCommand, type Session } from '../kit';
import { listOverdue, type OverdueUnit, overdueUnits } from '../read/overdue';

export type { OverdueEscalation, OverdueMilestone, OverdueUnit } from '../read/overdue';
export { overdueQuery } from '../read/overdue';

export interface OverdueResult {
  ok: true;
  campaignId: string;
  milestone?: string;
  query: string;
  asOf: string;
  count: number;
  units: OverdueUnit[];
}

async function overdue(s: Session, campaignId: string, opts: { milestone?: string }): Promise<Outcome> {
  const client = await s.client();
  // The list comes from visibility; the campaign's state from its memo: neither waits for a busy worker.
  const view = await openCampaign({ client, campaignId, fromMemo: true });
  const ids = opts.milestone
    ? [milestoneOf(view, opts.milestone).id]
    : view.definition.milestones.map((m) => m.id);
  const { query, units: listed } = await listOverdue({
    client,
    campaignId,
    definition: view.definition,
    milestoneIds: ids,
  });
  const now = Date.now();
  const units = await overdueUnits({
    client,
    campaignId,
    definition: view.definition,
    listed,
    milestoneIds: ids,
    now,
  });
  const result: OverdueResult = {
    ok: true,
    campaignId,
    ...(opts.milestone ? { milestone: opts.milestone } : {}),
    query,
    asOf: new Date(now).toISOString(),
    count: units.length,
    units,
  };
  const zone = view.definition.campaign.timeZone;
  const head = `Đơn vị quá hạn của chiến dịch ${campaignId}${opts.milestone ? ` (mốc ${opts.milestone})` : ''}, lúc ${localTime(result.asOf, zone)}: ${units.length} đơn vị`;
  if (units.length === 0) return { json: result, text: `${head}.` };
  const rows = [['Đơn vị', 'Mốc', 'Hạn', 'Quá hạn', 'Đã đôn đốc']];
  for (const u of units) {
    for (const m of u.milestones) {
      const escalated =
        m.escalations
          .map((e) => {
            const who = e.recipients
              .map((r) => RECIPIENT_TEXT[r as keyof typeof RECIPIENT_TEXT] ?? r)
              .join(', ');
            const where = e.digest ? `bản tổng hợp hằng ngày của ${e.digest.join(', ')}` : e.to.join(', ');
            return `${localTime(e.sentAt, zone)} tới ${who} (${where})${e.failure ? ' [không gửi được]' : ''}`;
          })
          .join('; ') || 'chưa';
      rows.push([
        `${u.name} [${u.unitId}]`,
        m.id,
        localTime(m.dueAt, zone),
        duration(m.overdueMs),
        escalated,
      ]);
    }
  }
  return { json: result, text: `${head}\n\n${table(rows)}` };
}

export function registerOverdue(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('overdue')
    .description('các đơn vị quá hạn (truy vấn visibility trên máy chủ): quá hạn bao lâu, đã đôn đốc ai')
    .argument('<campaign>', 'mã chiến dịch')
    .option('--milestone <milestone>', 'chỉ mốc này')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (campaignId: string, opts: { milestone?: string; json?: boolean }) => {
      setExit(await runCommand({ io, json: Boolean(opts.json), body: (s) => overdue(s, campaignId, opts) }));
    });
}
