// `dondoc overdue <campaign>`: the overdue units, found by one visibility query on the server (the unit
// workflows' DondocOverdue search attribute), then only those units asked how long and who was escalated.
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { stateQuery } from '../../workflows/messages';
import { type CampaignView, milestoneOf, openCampaign } from '../campaign-view';
import { rejected } from '../errors';
import { duration, localTime, RECIPIENT_TEXT, table } from '../format';
import { type Io, type Outcome, pooled, runCommand, type Session } from '../kit';
import { noticeCategory } from '../notices';
import { queryWorkflow } from '../queries';

export interface OverdueEscalation {
  /** The engine's kind of notice: `escalation` (or, in newer engines, `overdue` to the unit itself). */
  kind: string;
  seq: number;
  sentAt: string;
  to: string[];
  recipients: string[];
  messageId: string;
  failure?: string;
  /** The superiors whose daily digest listed it. */
  digest?: string[];
}

export interface OverdueMilestone {
  id: string;
  title: string;
  dueAt: string;
  overdueMs: number;
  remindersSent: number;
  escalations: OverdueEscalation[];
}

export interface OverdueUnit {
  unitId: string;
  name: string;
  level: string;
  parent: string | null;
  milestones: OverdueMilestone[];
}

export interface OverdueResult {
  ok: true;
  campaignId: string;
  milestone?: string;
  query: string;
  asOf: string;
  count: number;
  units: OverdueUnit[];
}

const SAFE_ID = /^[^"'\\]+$/;

export function overdueQuery(campaignId: string, milestoneIds: string[]): string {
  for (const id of [campaignId, ...milestoneIds]) {
    if (!SAFE_ID.test(id)) throw rejected(`mã '${id}' có ký tự không dùng được trong truy vấn`);
  }
  const list = milestoneIds.map((m) => `"${m}"`).join(', ');
  const overdue = milestoneIds.length === 1 ? `DondocOverdue = ${list}` : `DondocOverdue IN (${list})`;
  return `DondocCampaign = "${campaignId}" AND ${overdue} AND ExecutionStatus = "Running"`;
}

async function listUnits(client: Client, query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
  return [...new Set(ids)];
}

async function details(input: {
  client: Client;
  view: CampaignView;
  workflowId: string;
  milestoneIds: Set<string>;
  now: number;
}): Promise<OverdueUnit | undefined> {
  const { view } = input;
  const unitId = input.workflowId.slice(view.campaignId.length + 1);
  const unit = view.definition.units.find((u) => u.id === unitId);
  const state = await queryWorkflow({
    client: input.client,
    workflowId: input.workflowId,
    query: stateQuery,
  });
  const milestones = state.milestones
    // Visibility trails the workflow a little: keep what the unit itself says is overdue.
    .filter((m) => m.status === 'overdue' && input.milestoneIds.has(m.id))
    .map(
      (m): OverdueMilestone => ({
        id: m.id,
        title: m.title,
        dueAt: m.schedule.dueAt,
        overdueMs: input.now - Date.parse(m.schedule.dueAt),
        remindersSent: m.sent.filter((n) => noticeCategory(n.kind) === 'reminder').length,
        escalations: m.sent
          .filter((n) => noticeCategory(n.kind) === 'escalation')
          .map((n) => {
            // Escalations listed in superiors' daily digests instead of a mail of their own (newer engines).
            const digest = (n as { digest?: string[] }).digest;
            return {
              kind: n.kind,
              seq: n.seq,
              sentAt: n.sentAt,
              to: n.to,
              recipients: n.recipients,
              messageId: n.messageId,
              ...(n.failure ? { failure: n.failure } : {}),
              ...(digest && digest.length > 0 ? { digest } : {}),
            };
          }),
      }),
    );
  if (milestones.length === 0) return undefined;
  return {
    unitId,
    name: unit?.name ?? unitId,
    level: unit?.level ?? '',
    parent: unit?.parent ?? null,
    milestones,
  };
}

async function overdue(s: Session, campaignId: string, opts: { milestone?: string }): Promise<Outcome> {
  const client = await s.client();
  const view = await openCampaign({ client, campaignId });
  const ids = opts.milestone
    ? [milestoneOf(view, opts.milestone).id]
    : view.definition.milestones.map((m) => m.id);
  const query = overdueQuery(campaignId, ids);
  const workflowIds = (await listUnits(client, query)).filter((id) => id.startsWith(`${campaignId}/`));
  const now = Date.now();
  const found = await pooled(workflowIds, 16, (workflowId) =>
    details({ client, view, workflowId, milestoneIds: new Set(ids), now }),
  );
  const order = new Map(view.definition.units.map((u, i) => [u.id, i]));
  const units = found
    .filter((u): u is OverdueUnit => u !== undefined)
    .sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0));
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
