// `dondoc status <campaign>`: the unit tree, each unit's milestones and each subtree's completeness.
import type { Command } from 'commander';
import { printable, terminalJson } from '../../core/text/printable';
import { type CampaignView, depthThatFits, openCampaign, unitOf } from '../campaign-view';
import { rejected } from '../errors';
import { duration, flagText, KIND_TEXT, localTime, percent, RECIPIENT_TEXT, STATUS_TEXT } from '../format';
import { type Io, type Outcome, runCommand, type Session } from '../kit';
import {
  asOf,
  type Completeness,
  completenessByMilestone,
  type StatusMilestone,
  summariseMilestone,
} from '../read/status';
import { loadTree, type TreeData } from '../tree-data';

export type { Completeness, StatusMilestone } from '../read/status';

export interface StatusNode {
  unitId: string;
  name: string;
  level: string;
  parent: string | null;
  depth: number;
  /** false when the unit's workflow was not found (not started yet). */
  reporting: boolean;
  /** Units in the subtree, this one included. */
  units: number;
  /** Direct subordinates in the campaign (shown in `children` unless cut by --depth). */
  subordinates: number;
  milestones: StatusMilestone[];
  completeness: Record<string, Completeness>;
  children: StatusNode[];
}

export interface StatusResult {
  ok: true;
  campaignId: string;
  title: string;
  timeZone: string;
  running: boolean;
  closed: boolean;
  cancelled: boolean;
  startedAt: string;
  closedAt?: string;
  /** The audit archive the worker wrote when the campaign closed. */
  archive?: string;
  asOf: string;
  root: StatusNode;
  missing: string[];
}

function buildNodes(view: CampaignView, tree: TreeData, now: number): StatusNode {
  const nodes = new Map<string, StatusNode>();
  let root: StatusNode | undefined;
  const subordinates = new Map<string, number>();
  for (const u of view.definition.units)
    if (u.parent) subordinates.set(u.parent, (subordinates.get(u.parent) ?? 0) + 1);
  for (const { unit, depth } of tree.entries) {
    const agg = tree.aggregates.get(unit.id);
    const state = tree.states.get(unit.id);
    const completeness = completenessByMilestone(agg?.tallies ?? {});
    const node: StatusNode = {
      unitId: unit.id,
      name: unit.name,
      level: unit.level,
      parent: unit.parent ?? null,
      depth,
      reporting: agg !== undefined,
      units: agg?.units ?? 1,
      subordinates: subordinates.get(unit.id) ?? 0,
      milestones: state
        ? state.milestones.map((m) => summariseMilestone(m, now))
        : (tree.summaries.get(unit.id) ?? []).map((m) => asOf(m, now)),
      completeness,
      children: [],
    };
    nodes.set(unit.id, node);
    const parent = unit.parent ? nodes.get(unit.parent) : undefined;
    if (depth > 0 && parent) parent.children.push(node);
    else root ??= node;
  }
  if (!root) throw rejected('cây đơn vị trống');
  return root;
}

function milestoneLine(m: StatusMilestone, zone: string): string {
  const t = (iso: string) => localTime(iso, zone);
  const due = m.opensAt ? `từ ${t(m.opensAt)} đến trước ${t(m.dueAt)}` : `hạn ${t(m.dueAt)}`;
  let what: string;
  switch (m.status) {
    case 'submitted':
    case 'late':
      what = `${STATUS_TEXT[m.status]} lúc ${t(m.submittedAt ?? '')} bởi ${m.submittedBy ?? '?'} (${due})`;
      break;
    case 'awaiting-approval':
      what = `chờ duyệt: dự thảo nộp lúc ${t(m.submittedAt ?? '')} bởi ${m.submittedBy ?? '?'} (${due})`;
      break;
    case 'overdue':
      what = `QUÁ HẠN ${duration(m.overdueMs ?? 0)} (${due}); đã nhắc ${m.remindersSent} lần, đôn đốc ${m.escalationsSent} lần`;
      if (m.lastEscalation) {
        const who = m.lastEscalation.recipients.map(
          (r) => RECIPIENT_TEXT[r as keyof typeof RECIPIENT_TEXT] ?? r,
        );
        what += `, lần cuối lúc ${t(m.lastEscalation.sentAt)} tới ${who.join(', ')}`;
      }
      break;
    case 'waived':
      what = `được miễn${m.lastChange ? ` bởi ${m.lastChange.actor}${m.lastChange.reason ? `: ${m.lastChange.reason}` : ''}` : ''}`;
      break;
    default:
      what = `${STATUS_TEXT[m.status]} (${due})`;
  }
  const extras: string[] = [];
  if (m.lastChange?.kind === 'extended') {
    extras.push(
      `đã gia hạn bởi ${m.lastChange.actor}${m.lastChange.reason ? `: ${m.lastChange.reason}` : ''}`,
    );
  }
  if (m.lastChange?.kind === 'returned' && (m.status === 'open' || m.status === 'overdue')) {
    extras.push(
      `dự thảo bị trả lại bởi ${m.lastChange.actor}${m.lastChange.reason ? `: ${m.lastChange.reason}` : ''}`,
    );
  }
  for (const f of m.flags) extras.push(flagText(f));
  return `${m.id} (${KIND_TEXT[m.kind as keyof typeof KIND_TEXT] ?? m.kind}): ${what}${extras.length ? ` [${extras.join('; ')}]` : ''}`;
}

function completenessLine(c: Record<string, Completeness>): string {
  return Object.entries(c)
    .map(([id, t]) => {
      const done = t.submitted + t.waived;
      const parts = [`${done}/${t.expected} (${percent(done, t.expected)})`];
      if (t.late > 0) parts.push(`${t.late} muộn`);
      if (t.waived > 0) parts.push(`${t.waived} miễn`);
      if (t.missing > 0) parts.push(`${t.missing} còn thiếu`);
      return `${id} ${parts.join(', ')}`;
    })
    .join(' · ');
}

/** Levels of indentation drawn; deeper units are drawn at this indentation with their depth (a line stays short). */
const MAX_INDENT = 24;

function unitLines(n: StatusNode, view: CampaignView, head: string, body: string): string[] {
  const zone = view.definition.campaign.timeZone;
  const level = view.definition.levels.find((l) => l.id === n.level)?.name ?? n.level;
  const missing = n.reporting ? '' : ' (chưa khởi động)';
  const lines = [`${head}${n.name} [${n.unitId}] (${level})${missing}`];
  for (const m of n.milestones) lines.push(`${body}  • ${milestoneLine(m, zone)}`);
  if (n.subordinates > 0 && Object.keys(n.completeness).length > 0) {
    lines.push(`${body}  Cả cây (${n.units} đơn vị): ${completenessLine(n.completeness)}`);
  }
  if (n.subordinates > n.children.length && n.children.length === 0) {
    const more = n.depth >= MAX_STATUS_DEPTH ? `--unit ${n.unitId}` : '--depth lớn hơn';
    lines.push(`${body}  … ${n.subordinates} đơn vị trực thuộc (xem thêm với ${more})`);
  }
  return lines;
}

/** The tree as text, depth first; iterative, so a chain tens of thousands deep does not overflow the stack. */
export function renderTree(root: StatusNode, view: CampaignView): string[] {
  const lines: string[] = [];
  const stack = [{ n: root, head: '', body: '' }];
  for (let e = stack.pop(); e; e = stack.pop()) {
    const { n, head, body } = e;
    lines.push(...unitLines(n, view, head, body).map(printable));
    const deep = n.depth + 1 > MAX_INDENT;
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i] as StatusNode;
      const last = i === n.children.length - 1;
      stack.push(
        deep
          ? { n: c, head: `${body}↳ [cấp ${c.depth}] `, body }
          : { n: c, head: `${body}${last ? '└─ ' : '├─ '}`, body: `${body}${last ? '   ' : '│  '}` },
      );
    }
  }
  return lines;
}

/** Without --depth, as many levels as keep the tree within this many units (each is asked for its state). */
const DEFAULT_MAX_UNITS = 200;
/**
 * The deepest --depth shown (a deeper branch: with --unit). The JSON nests each level twice; thousands of levels
 * overflow JSON.stringify's stack and its indentation grows with the square of the depth.
 */
const MAX_STATUS_DEPTH = 200;

async function status(
  s: Session,
  campaignId: string,
  opts: { unit?: string; depth?: string; json?: boolean },
): Promise<Outcome> {
  const depth = opts.depth === undefined ? undefined : Number(opts.depth);
  if (depth !== undefined && !(Number.isInteger(depth) && depth >= 0)) {
    throw rejected(`--depth: '${opts.depth}' không phải là số nguyên không âm`);
  }
  const client = await s.client();
  // Memos: the server answers them even while the worker is saturated (the 08:00 burst, a wave of submissions).
  const view = await openCampaign({ client, campaignId, fromMemo: true });
  const rootId = opts.unit ? unitOf(view, opts.unit).id : view.definition.campaign.issuer;
  const tree = await loadTree({
    client,
    view,
    rootId,
    depth: Math.min(depth ?? depthThatFits(view.definition, rootId, DEFAULT_MAX_UNITS), MAX_STATUS_DEPTH),
    withStates: true,
    fromMemo: true,
  });
  const now = Date.now();
  const root = buildNodes(view, tree, now);
  const st = view.state;
  const result: StatusResult = {
    ok: true,
    campaignId,
    title: view.definition.campaign.title,
    timeZone: view.definition.campaign.timeZone,
    running: view.running,
    closed: st.closed,
    cancelled: st.cancelled,
    startedAt: st.startedAt,
    ...(st.closedAt ? { closedAt: st.closedAt } : {}),
    ...(st.archive ? { archive: st.archive } : {}),
    asOf: new Date(now).toISOString(),
    root,
    missing: tree.missing,
  };
  const zone = result.timeZone;
  const state = st.cancelled ? 'đã hủy' : st.closed ? 'đã đóng' : 'đang chạy';
  const lines = [
    `Chiến dịch ${campaignId}: ${result.title}`,
    `Trạng thái: ${state}; bắt đầu ${localTime(st.startedAt, zone)}${st.closedAt ? `, kết thúc ${localTime(st.closedAt, zone)}` : ''}; số liệu lúc ${localTime(result.asOf, zone)} (${zone})`,
    '',
    ...renderTree(root, view),
  ];
  if (tree.missing.length > 0) lines.push('', `Chưa khởi động: ${tree.missing.join(', ')}`);
  if (st.archive) lines.push('', `Hồ sơ kiểm tra (do worker lưu): ${st.archive}`);
  // Names and notes as typed, JSON-escaped where a terminal would act on them (C1, bidi): the same value parsed.
  return {
    json: result,
    text: lines.map(printable).join('\n'),
    ...(opts.json ? { raw: `${terminalJson(result)}\n` } : {}),
  };
}

export function registerStatus(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('status')
    .description(
      'cây đơn vị: các mốc của từng đơn vị (hạn, đã nộp đúng hạn/muộn, quá hạn, được miễn) và mức hoàn thành của từng nhánh',
    )
    .argument('<campaign>', 'mã chiến dịch')
    .option('--unit <unit>', 'chỉ nhánh của đơn vị này')
    .option('--depth <n>', 'số cấp hiển thị bên dưới đơn vị gốc')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (campaignId: string, opts: { unit?: string; depth?: string; json?: boolean }) => {
      setExit(await runCommand({ io, json: Boolean(opts.json), body: (s) => status(s, campaignId, opts) }));
    });
}
