// The command line end to end, against the real dev server with a real worker and a real SMTP server,
// driven only through `dondoc ... --json`: start (twice), submit (on time, late, rejected), return and
// approve a draft, extend one unit, then status, overdue, report (xlsx read back), audit, close.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { AuditEntry, AuditTrail } from '../../client/audit';
import type { OverdueResult } from '../../client/commands/overdue';
import type { StartResult } from '../../client/commands/start';
import type { StatusNode, StatusResult } from '../../client/commands/status';
import type { MilestoneState, Receipt } from '../../contract/messages';
import type { Report } from '../../core/report/build';
import { CliHarness, FIXTURES, fillTemplate, runCli, until } from './harness';

const ZONE = 'Asia/Ho_Chi_Minh';
const h = new CliHarness('cli-e2e');
const fixture = (name: string) => path.join(FIXTURES, name);

let file: string;
let campaignId: string;
/** The plan's exact due instant, a minute or so ahead of the test's start. */
let planDue: DateTime;
let farDue: DateTime;

beforeAll(async () => {
  await h.start();
  const now = DateTime.now().setZone(ZONE);
  // The first whole minute at least 35 s ahead: reminders at due − 60 s (may already be past, then not
  // sent) and due − 20 s, the escalation at due + 15 s.
  const earliest = now.plus({ seconds: 35 });
  planDue = earliest.startOf('minute');
  if (planDue < earliest) planDue = planDue.plus({ minutes: 1 });
  farDue = now.plus({ days: 30 }).startOf('day');
  campaignId = `cli-e2e-${now.toFormat('yyyyMMddHHmmss')}`;
  file = fillTemplate({
    template: 'campaign.template.yaml',
    dir: h.dir,
    name: 'campaign.yaml',
    values: {
      ID: campaignId,
      ISSUED: now.minus({ days: 1 }).toISODate() as string,
      PLAN_DUE: planDue.toFormat('yyyy-MM-dd HH:mm'),
      FAR_DUE: farDue.toISODate() as string,
      REPORT_DUE: now.plus({ days: 40 }).toISODate() as string,
    },
  });
}, 180_000);
afterAll(() => h.stop());

function find(node: StatusNode, unitId: string): StatusNode {
  if (node.unitId === unitId) return node;
  for (const c of node.children) {
    const f = (() => {
      try {
        return find(c, unitId);
      } catch {
        return undefined;
      }
    })();
    if (f) return f;
  }
  throw new Error(`no unit ${unitId} in the status tree`);
}

/** Every address an overdue milestone's escalations went to, sorted. */
function escalatedTo(escalations: { to: string[] }[]): string[] {
  return [...new Set(escalations.flatMap((e) => e.to))].sort();
}

function milestone(node: StatusNode, id: string) {
  const m = node.milestones.find((x) => x.id === id);
  if (!m) throw new Error(`unit ${node.unitId} has no milestone ${id}`);
  return m;
}

const receipts: Record<string, Receipt> = {};

it('starts the campaign, and a second start changes nothing', async () => {
  const first = await h.json<StartResult>(0, 'start', file, '--by', 'Trần Thị B (PV05)');
  expect(first).toMatchObject({
    ok: true,
    campaignId,
    started: true,
    alreadyStarted: false,
    units: 7,
    unitsReporting: 7,
    ready: true,
    webUi: `http://localhost:8233/namespaces/default/workflows/${campaignId}`,
  });
  const second = await h.json<StartResult>(0, 'start', file);
  expect(second).toMatchObject({
    campaignId,
    started: false,
    alreadyStarted: true,
    sameDefinition: true,
    runId: first.runId,
    startedAt: first.startedAt,
  });
  const human = await h.cli('start', file);
  expect(human.code).toBe(0);
  expect(human.out).toContain('đã được khởi động trước đó');
  expect(human.out).toContain('không thay đổi gì');
});

it('takes a plan on time, rejects an invalid report with its message, and keeps the rest', async () => {
  const onTime = await h.json<{ receipt: Receipt }>(
    0,
    'submit',
    campaignId,
    'so-noi-vu',
    'ke-hoach',
    fixture('plan.yaml'),
    '--by',
    'Nguyễn Văn A (Sở Nội vụ)',
  );
  expect(onTime.receipt).toMatchObject({
    unitId: 'so-noi-vu',
    milestoneId: 'ke-hoach',
    onTime: true,
    status: 'submitted',
  });
  receipts.planOnTime = onTime.receipt;

  const bad = await h.json<{ ok: boolean; exitCode: number; error: string }>(
    1,
    'submit',
    campaignId,
    'hop-duc',
    'bao-cao-ket-qua',
    fixture('report-invalid.yaml'),
    '--by',
    'UBND xã Hợp Đức',
  );
  expect(bad.ok).toBe(false);
  expect(bad.error).toContain('payload.values.sites');
  expect(bad.error).toContain('payload.values.attendance');
  expect(bad.error).toContain('payload.values.firstEvent');
  const human = await h.cli(
    'submit',
    campaignId,
    'hop-duc',
    'bao-cao-ket-qua',
    fixture('report-invalid.yaml'),
    '--by',
    'UBND xã Hợp Đức',
  );
  expect(human.code).toBe(1);
  expect(human.err).toContain('bị từ chối');

  for (const [unit, f, by] of [
    ['hop-duc', 'report-hop-duc.yaml', 'UBND xã Hợp Đức'],
    ['chu-dien', 'report-chu-dien.yaml', 'UBND xã Chu Điện'],
    ['thpt-phuong-son', 'report-thpt.json', 'Trường THPT Phương Sơn'],
  ] as const) {
    const r = await h.json<{ receipt: Receipt }>(
      0,
      'submit',
      campaignId,
      unit,
      'bao-cao-ket-qua',
      fixture(f),
      '--by',
      by,
    );
    expect(r.receipt).toMatchObject({ onTime: true, status: 'submitted', seq: 1 });
    receipts[`report-${unit}`] = r.receipt;
  }

  const sites = await h.json<{ receipt: Receipt }>(
    0,
    'submit',
    campaignId,
    'tan-yen',
    'dang-ky-diem',
    fixture('sites.csv'),
    '--by',
    'BCĐ huyện Tân Yên',
  );
  expect(sites.receipt).toMatchObject({ status: 'submitted', flags: ['below-min-sites: 1 of 2'] });
  receipts.sites = sites.receipt;
});

it('returns a draft with a reason, then approves the revised one', async () => {
  const draft = 'du-thao-ke-hoach-tan-yen';
  const first = await h.json<{ receipt: Receipt }>(
    0,
    'submit',
    campaignId,
    'tan-yen',
    draft,
    fixture('draft.yaml'),
    '--by',
    'BCĐ huyện Tân Yên',
  );
  expect(first.receipt.status).toBe('awaiting-approval');
  const returned = await h.json<{ milestone: MilestoneState }>(
    0,
    'return',
    campaignId,
    'tan-yen',
    draft,
    '--by',
    'Trần Thị B (PV05)',
    '--reason',
    'Thiếu phân công nhiệm vụ',
  );
  expect(returned.milestone.status).toBe('open');
  // Approving what is no longer awaiting approval is refused.
  const refused = await h.json<{ error: string }>(
    1,
    'approve',
    campaignId,
    'tan-yen',
    draft,
    '--by',
    'Trần Thị B (PV05)',
  );
  expect(refused.error).toContain('không có dự thảo nào đang chờ duyệt');
  const second = await h.json<{ receipt: Receipt }>(
    0,
    'submit',
    campaignId,
    'tan-yen',
    draft,
    fixture('draft-revised.yaml'),
    '--by',
    'BCĐ huyện Tân Yên',
  );
  expect(second.receipt).toMatchObject({ status: 'awaiting-approval', seq: 2 });
  const approved = await h.json<{ milestone: MilestoneState }>(
    0,
    'approve',
    campaignId,
    'tan-yen',
    draft,
    '--by',
    'Trần Thị B (PV05)',
    '--reason',
    'Đủ nội dung',
  );
  expect(approved.milestone.status).toBe('submitted');
  receipts.draft1 = first.receipt;
  receipts.draft2 = second.receipt;
});

it('marks the plan overdue at its instant, takes a late plan, escalates and lists the overdue unit', async () => {
  const status = await until({
    what: 'the plan to be overdue',
    probe: () => h.json<StatusResult>(0, 'status', campaignId),
    // Both units' plans fall due at one instant, each in a workflow task of its own: under load one may follow
    // the other by seconds.
    done: (s) =>
      ['luc-nam', 'tan-yen'].every((u) => milestone(find(s.root, u), 'ke-hoach').status === 'overdue'),
    timeoutMs: 150_000,
  });
  expect(Date.now()).toBeGreaterThanOrEqual(planDue.toMillis());
  expect(milestone(find(status.root, 'tan-yen'), 'ke-hoach').status).toBe('overdue');

  const late = await h.json<{ receipt: Receipt }>(
    0,
    'submit',
    campaignId,
    'luc-nam',
    'ke-hoach',
    fixture('plan.yaml'),
    '--by',
    'BCĐ huyện Lục Nam',
  );
  expect(late.receipt).toMatchObject({ onTime: false, status: 'late' });
  receipts.planLate = late.receipt;

  const overdue = await until({
    what: 'tan-yen alone overdue, escalated to it and its superior',
    probe: () => h.json<OverdueResult>(0, 'overdue', campaignId, '--milestone', 'ke-hoach'),
    done: (o) =>
      o.units.length === 1 &&
      escalatedTo(o.units[0]?.milestones[0]?.escalations ?? []).includes('bcd138@bacgiang.example.org'),
    timeoutMs: 60_000,
  });
  const unit = overdue.units[0];
  expect(unit?.unitId).toBe('tan-yen');
  const m = unit?.milestones[0];
  expect(m?.dueAt).toBe(planDue.toISO({ suppressMilliseconds: true }));
  expect(m?.overdueMs).toBeGreaterThan(15_000);
  // The step "after PT15S to unit and parent": the unit and its superior (here the issuer) were told.
  expect(escalatedTo(m?.escalations ?? [])).toEqual([
    'bcd138@bacgiang.example.org',
    'bcd@tanyen.example.org',
  ]);
  expect([...new Set(m?.escalations.flatMap((e) => e.recipients))].sort()).toEqual(['parent', 'unit']);
  expect(overdue.query).toContain(`DondocCampaign = "${campaignId}"`);
  const all = await h.json<OverdueResult>(0, 'overdue', campaignId);
  expect(all.units.map((u) => [u.unitId, u.milestones.map((x) => x.id)])).toEqual([
    ['tan-yen', ['ke-hoach']],
  ]);
  const human = await h.cli('overdue', campaignId, '--milestone', 'ke-hoach');
  expect(human.out).toContain('Ban Chỉ đạo huyện Tân Yên [tan-yen]');
  expect(human.out).toContain('bcd138@bacgiang.example.org');
  expect(human.out).toContain('cấp trên');
});

it("extends one unit's deadline: it is no longer overdue", async () => {
  const to = farDue.plus({ days: 10 }).toISODate() as string;
  const r = await h.json<{ milestone: MilestoneState }>(
    0,
    'extend',
    campaignId,
    'ke-hoach',
    '--unit',
    'tan-yen',
    '--to',
    to,
    '--by',
    'Trần Thị B (PV05)',
    '--reason',
    'Huyện đề nghị lùi hạn do mưa lũ',
  );
  expect(r.milestone.status).toBe('open');
  expect(r.milestone.schedule.dueAt).toBe(
    DateTime.fromISO(to, { zone: ZONE }).toISO({ suppressMilliseconds: true }),
  );
  await until({
    what: 'no unit overdue',
    probe: () => h.json<OverdueResult>(0, 'overdue', campaignId),
    done: (o) => o.count === 0,
    timeoutMs: 20_000,
  });
});

it('shows the tree with milestones and completeness per subtree', async () => {
  const s = await h.json<StatusResult>(0, 'status', campaignId);
  expect(s.root.unitId).toBe('bg-bcd');
  expect(s.root.units).toBe(7);
  expect(s.root.completeness['ke-hoach']).toMatchObject({
    expected: 3,
    submitted: 2,
    onTime: 1,
    late: 1,
    missing: 1,
  });
  expect(s.root.completeness['bao-cao-ket-qua']).toMatchObject({ expected: 6, submitted: 3, missing: 3 });
  expect(milestone(find(s.root, 'so-noi-vu'), 'ke-hoach')).toMatchObject({
    status: 'submitted',
    onTime: true,
    submittedBy: 'Nguyễn Văn A (Sở Nội vụ)',
  });
  expect(milestone(find(s.root, 'luc-nam'), 'ke-hoach')).toMatchObject({ status: 'late', onTime: false });
  expect(milestone(find(s.root, 'tan-yen'), 'dang-ky-diem').flags).toEqual(['below-min-sites: 1 of 2']);
  expect(milestone(find(s.root, 'tan-yen'), 'ke-hoach').lastChange).toMatchObject({
    kind: 'extended',
    actor: 'Trần Thị B (PV05)',
  });

  const branch = await h.json<StatusResult>(0, 'status', campaignId, '--unit', 'luc-nam', '--depth', '0');
  expect(branch.root).toMatchObject({ unitId: 'luc-nam', units: 3, subordinates: 2, children: [] });
  expect(branch.root.completeness['bao-cao-ket-qua']).toMatchObject({
    expected: 3,
    submitted: 2,
    missing: 1,
    completeness: 2 / 3,
  });

  const human = await h.cli('status', campaignId);
  expect(human.code).toBe(0);
  expect(human.out).toContain('Sở Nội vụ [so-noi-vu]');
  expect(human.out).toContain('đã nộp muộn');
  expect(human.out).toContain('đã gia hạn bởi Trần Thị B (PV05): Huyện đề nghị lùi hạn do mưa lũ');
});

it('writes the report: xlsx with a sheet per level, totals in the outline order; csv and json agree', async () => {
  const out = path.join(h.dir, 'bao-cao.xlsx');
  const r = await h.json<{ file: string; levels: { name: string; rows: number }[] }>(
    0,
    'report',
    campaignId,
    '--format',
    'xlsx',
    '--out',
    out,
  );
  expect(r.file).toBe(out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    'Tỉnh',
    'Sở, ban, ngành tỉnh',
    'Huyện, thị xã, thành phố',
    'Xã, phường, thị trấn, CQDNCSGD',
  ]);
  const sheetRow = (sheet: string, unitId: string) => {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    const headings = (ws.getRow(4).values as unknown[]).map((v) => String(v ?? ''));
    let found: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === unitId) found = row;
    });
    if (!found) throw new Error(`no row ${unitId} in ${sheet}`);
    const row = found;
    // The report milestone's columns: the last group; its outline fields follow its tally columns.
    const col = (label: string) => headings.lastIndexOf(label);
    return { row, col, headings };
  };
  const total = sheetRow('Tỉnh', 'bg-bcd');
  const outline = [
    'Số điểm tổ chức Ngày hội',
    'Số người tham dự',
    'Kinh phí (đồng)',
    'Ngày tổ chức sớm nhất',
    'Có lãnh đạo tỉnh dự',
    'Đánh giá, rút kinh nghiệm',
  ];
  const cols = outline.map((l) => total.col(l));
  expect(cols.every((c, i) => c > 0 && (i === 0 || c === (cols[i - 1] as number) + 1))).toBe(true);
  const cell = (x: { row: ExcelJS.Row; col: (l: string) => number }, label: string) =>
    x.row.getCell(x.col(label)).value;
  expect(cell(total, 'Số điểm tổ chức Ngày hội')).toBe(4);
  expect(cell(total, 'Số người tham dự')).toBe(1050);
  expect(cell(total, 'Kinh phí (đồng)')).toBe(20000000.5);
  expect(cell(total, 'Ngày tổ chức sớm nhất')).toEqual(new Date('2026-08-05T00:00:00Z'));
  expect(cell(total, 'Có lãnh đạo tỉnh dự')).toBe(1);
  expect(String(cell(total, 'Đánh giá, rút kinh nghiệm'))).toContain('Xã Hợp Đức: Tổ chức trang trọng');
  const lucNam = sheetRow('Huyện, thị xã, thành phố', 'luc-nam');
  expect(cell(lucNam, 'Số người tham dự')).toBe(700);
  expect(cell(lucNam, 'Số đơn vị')).toBe(3);

  const json = await h.json<Report>(0, 'report', campaignId, '--format', 'json');
  const root = json.levels[0]?.rows[0];
  expect(root?.milestones['bao-cao-ket-qua']?.values).toMatchObject({
    sites: 4,
    attendance: 1050,
    firstEvent: '2026-08-05',
    provincialLeaders: 1,
  });
  expect(Object.keys(root?.milestones['bao-cao-ket-qua']?.values ?? {})).toEqual([
    'sites',
    'attendance',
    'budget',
    'firstEvent',
    'provincialLeaders',
    'assessment',
  ]);

  const csv = await h.cli('report', campaignId, '--unit', 'luc-nam', '--format', 'csv');
  expect(csv.code).toBe(0);
  const rows = parseCsv(csv.out, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((x) => x.unitId)).toEqual(['luc-nam', 'chu-dien', 'thpt-phuong-son']);
  expect(rows[0]?.['bao-cao-ket-qua.attendance']).toBe('700');
});

function entries(trail: AuditTrail, kind: AuditEntry['kind'], unitId?: string): AuditEntry[] {
  return trail.entries.filter((e) => e.kind === kind && (unitId === undefined || e.unitId === unitId));
}

it('audits from history: every notice sent, every submission and change with its instant and actor', async () => {
  // Every mail the SMTP server received is in the trail with its addresses, and nothing else is (a notice
  // is in history once its send completed, a moment after the server took it: poll until they agree).
  const mailsOf = () =>
    h.smtp.received.filter((m) => m.parsed.headers.get('x-dondoc-campaign') === campaignId);
  const ids = (t: AuditTrail) => t.entries.flatMap((e) => (e.messageId ? [e.messageId] : [])).sort();
  const trail = await until({
    what: 'the trail to list every mail received',
    probe: () => h.json<AuditTrail>(0, 'audit', campaignId),
    done: (t) =>
      JSON.stringify(ids(t)) ===
      JSON.stringify(
        mailsOf()
          .map((m) => m.messageId)
          .sort(),
      ),
    timeoutMs: 20_000,
  });
  const mails = mailsOf();
  expect(mails.length).toBeGreaterThanOrEqual(3);
  for (const mail of mails) {
    const e = trail.entries.find((x) => x.messageId === mail.messageId);
    expect(e?.to?.slice().sort()).toEqual(mail.envelopeTo.slice().sort());
  }
  expect(entries(trail, 'campaign-started')[0]).toMatchObject({ actor: 'Trần Thị B (PV05)' });
  // tan-yen, never submitting before its extension: the reminder 20 s before the deadline, the escalation
  // 15 s after it, each at its instant (sent within seconds of it).
  const remindAt = planDue.minus({ seconds: 20 }).toMillis();
  const near = (e: AuditEntry, at: number) => Date.parse(e.at) >= at && Date.parse(e.at) < at + 10_000;
  const reminders = entries(trail, 'reminder', 'tan-yen').filter((e) => near(e, remindAt));
  expect(reminders).toHaveLength(1);
  expect(reminders[0]).toMatchObject({
    milestoneId: 'ke-hoach',
    to: ['bcd@tanyen.example.org'],
    recipients: ['unit'],
  });
  const escalateAt = planDue.plus({ seconds: 15 }).toMillis();
  const escalations = entries(trail, 'escalation', 'tan-yen');
  expect(escalations.length).toBeGreaterThanOrEqual(1);
  expect(escalations.every((e) => e.milestoneId === 'ke-hoach' && near(e, escalateAt))).toBe(true);
  expect(escalatedTo(escalations.map((e) => ({ to: e.to ?? [] })))).toEqual([
    'bcd138@bacgiang.example.org',
    'bcd@tanyen.example.org',
  ]);
  expect(entries(trail, 'overdue', 'tan-yen')[0]?.milestoneId).toBe('ke-hoach');

  // Every accepted submission, at the instant its receipt recorded, by its actor; the rejected one is absent.
  const submitted = entries(trail, 'submitted');
  expect(submitted).toHaveLength(Object.keys(receipts).length);
  for (const receipt of Object.values(receipts)) {
    const e = submitted.find(
      (x) => x.unitId === receipt.unitId && x.milestoneId === receipt.milestoneId && x.seq === receipt.seq,
    );
    expect(e).toMatchObject({ at: receipt.recordedAt, onTime: receipt.onTime });
  }
  expect(submitted.find((e) => e.unitId === 'luc-nam')).toMatchObject({
    actor: 'BCĐ huyện Lục Nam',
    onTime: false,
  });
  expect(submitted.filter((e) => e.unitId === 'hop-duc')).toHaveLength(1);
  expect(entries(trail, 'returned', 'tan-yen')[0]).toMatchObject({
    actor: 'Trần Thị B (PV05)',
    reason: 'Thiếu phân công nhiệm vụ',
  });
  expect(entries(trail, 'approved', 'tan-yen')[0]).toMatchObject({
    actor: 'Trần Thị B (PV05)',
    reason: 'Đủ nội dung',
  });
  expect(entries(trail, 'extended', 'tan-yen')[0]).toMatchObject({
    actor: 'Trần Thị B (PV05)',
    reason: 'Huyện đề nghị lùi hạn do mưa lũ',
  });
  // In time order.
  const times = trail.entries.map((e) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));

  // One unit since a moment, as CSV.
  const since = DateTime.fromMillis(planDue.toMillis(), { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
  const csv = await h.cli('audit', campaignId, '--unit', 'tan-yen', '--since', since, '--format', 'csv');
  expect(csv.code).toBe(0);
  const rows = parseCsv(csv.out, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => Date.parse(r.at ?? '') >= planDue.toMillis())).toBe(true);
  expect(rows.every((r) => r.unitId === 'tan-yen' || r.unitId === '')).toBe(true);
  expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['overdue', 'escalation', 'extended']));
});

it('closes the campaign; the archive and the audit still hold everything afterwards', async () => {
  const closed = await h.json<{ archive: string; archiveWritten: boolean }>(
    0,
    'close',
    campaignId,
    '--by',
    'Trần Thị B (PV05)',
    '--reason',
    'Kết thúc đợt',
    '--archive',
    path.join(h.dir, 'archive'),
  );
  expect(closed.archiveWritten).toBe(true);
  const archive = JSON.parse(readFileSync(closed.archive, 'utf8')) as { audit: AuditTrail; report: Report };
  expect(entries(archive.audit, 'campaign-closed')[0]).toMatchObject({
    actor: 'Trần Thị B (PV05)',
    reason: 'Kết thúc đợt',
  });
  expect(archive.report.levels[0]?.rows[0]?.milestones['bao-cao-ket-qua']?.values).toMatchObject({
    sites: 4,
    attendance: 1050,
  });

  const again = await h.json<{ error: string }>(1, 'close', campaignId, '--by', 'Trần Thị B (PV05)');
  expect(again.error).toContain('đã đóng');
  const submitAfter = await h.json<{ error: string }>(
    1,
    'submit',
    campaignId,
    'tan-yen',
    'ke-hoach',
    fixture('plan.yaml'),
    '--by',
    'BCĐ huyện Tân Yên',
  );
  expect(submitAfter.error).toContain('đã đóng');

  const trail = await until({
    what: 'every unit closed in the audit trail',
    probe: () => h.json<AuditTrail>(0, 'audit', campaignId),
    // Six units with milestones and the issuer, a unit workflow like the others.
    done: (t) => entries(t, 'closed').length === 7,
    timeoutMs: 30_000,
  });
  expect(entries(trail, 'submitted')).toHaveLength(Object.keys(receipts).length);
  // The worker archives the campaign by itself once every unit has closed.
  const s = await until({
    what: 'the worker to write the archive',
    probe: () => h.json<StatusResult>(0, 'status', campaignId),
    done: (r) => r.archive !== undefined,
    timeoutMs: 60_000,
  });
  expect(s).toMatchObject({ closed: true });
  expect(path.dirname(s.archive as string)).toBe(h.workerArchiveDir);
  const byWorker = JSON.parse(readFileSync(s.archive as string, 'utf8')) as { audit: AuditTrail };
  expect(entries(byWorker.audit, 'closed')).toHaveLength(7);
  expect(entries(byWorker.audit, 'campaign-closed')[0]).toMatchObject({ actor: 'Trần Thị B (PV05)' });
  expect(entries(byWorker.audit, 'submitted')).toHaveLength(Object.keys(receipts).length);
  expect(s.root.completeness['ke-hoach']).toMatchObject({ expected: 3, submitted: 2 });
  const report = await h.json<Report>(0, 'report', campaignId, '--format', 'json');
  expect(report.levels[0]?.rows[0]?.milestones['bao-cao-ket-qua']?.values).toMatchObject({
    sites: 4,
    attendance: 1050,
  });
  // The archive written again later, from the closed campaign's histories and results alone.
  const later = await h.json<{ archive: string }>(
    0,
    'archive',
    campaignId,
    '--dir',
    path.join(h.dir, 'later'),
  );
  const archived = JSON.parse(readFileSync(later.archive, 'utf8')) as {
    audit: AuditTrail;
    state: { closed: boolean };
  };
  expect(archived.state.closed).toBe(true);
  expect(entries(archived.audit, 'closed')).toHaveLength(7);
});

it('shows administrators an address the mail server refused for good, in status and audit', async () => {
  const now = DateTime.now().setZone(ZONE);
  const id = `${campaignId}-dead`;
  h.smtp.rejectRecipient((address) =>
    address === 'ubnd@chudien.example.org' ? { code: 550, message: 'Mailbox does not exist' } : undefined,
  );
  const deadFile = fillTemplate({
    template: 'campaign.template.yaml',
    dir: h.dir,
    values: {
      ID: id,
      ISSUED: now.minus({ days: 1 }).toISODate() as string,
      PLAN_DUE: `${farDue.toISODate()} 17:00`,
      FAR_DUE: farDue.toISODate() as string,
      REPORT_DUE: now.plus({ days: 40 }).toISODate() as string,
    },
    name: 'campaign-dead.yaml',
  });
  const attempts = () => h.smtp.rcptAttempts.filter((a) => a === 'ubnd@chudien.example.org').length;
  const before = attempts();
  try {
    await h.json<StartResult>(0, 'start', deadFile, '--by', 'Trần Thị B (PV05)');
    // The campaign's opening notice to Chu Điện is refused with a 550: recorded once, not retried.
    const status = await until({
      what: 'the refused opening notice on Chu Điện',
      probe: () => h.json<StatusResult>(0, 'status', id, '--unit', 'chu-dien'),
      done: (r) =>
        r.root.milestones.length > 0 &&
        r.root.milestones.every((m) => m.flags.some((f) => f.startsWith('undeliverable'))),
      timeoutMs: 60_000,
    });
    // Every milestone's opening notice was refused, and each says so.
    for (const m of status.root.milestones) {
      expect(m.flags).toEqual([expect.stringMatching(/^undeliverable: .*550/)]);
    }
    const text = await h.cli('status', id, '--unit', 'chu-dien');
    expect(text.out).toContain('không gửi được thư');
    const trail = await h.json<AuditTrail>(0, 'audit', id, '--unit', 'chu-dien');
    const refused = trail.entries.filter((e) => e.unitId === 'chu-dien' && e.failure);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => /550.*Mailbox does not exist/.test(e.failure ?? ''))).toBe(true);
    expect(refused.every((e) => e.to?.includes('ubnd@chudien.example.org'))).toBe(true);
    // Each refused notice was tried once: a 5xx is not retried.
    expect(attempts() - before).toBe(refused.length);
  } finally {
    h.smtp.rejectRecipient(() => undefined);
  }
});

it('follows a unit across continue-as-new: the audit reads every run', async () => {
  const now = DateTime.now().setZone(ZONE);
  const id = `${campaignId}-runs`;
  const runsFile = fillTemplate({
    template: 'campaign.template.yaml',
    dir: path.join(h.dir),
    values: {
      ID: id,
      ISSUED: now.minus({ days: 1 }).toISODate() as string,
      PLAN_DUE: `${farDue.toISODate()} 17:00`,
      FAR_DUE: farDue.toISODate() as string,
      REPORT_DUE: now.plus({ days: 40 }).toISODate() as string,
    },
    name: 'campaign-runs.yaml',
  });
  await h.json<StartResult>(0, 'start', runsFile, '--history-limit', '40', '--by', 'Trần Thị B (PV05)');
  const draft = 'du-thao-ke-hoach-tan-yen';
  const by = ['--by', 'Trần Thị B (PV05)'];
  const seqs: number[] = [];
  for (let i = 1; i <= 4; i++) {
    const r = await h.json<{ receipt: Receipt }>(
      0,
      'submit',
      id,
      'tan-yen',
      draft,
      fixture('draft.yaml'),
      '--by',
      'BCĐ huyện Tân Yên',
    );
    seqs.push(r.receipt.seq);
    if (i < 4) await h.json(0, 'return', id, 'tan-yen', draft, ...by, '--reason', `Lần ${i}: chưa đạt`);
  }
  await h.json(0, 'approve', id, 'tan-yen', draft, ...by);
  expect(seqs).toEqual([1, 2, 3, 4]);

  const trail = await h.json<AuditTrail>(0, 'audit', id, '--unit', 'tan-yen');
  const mine = trail.entries.filter((e) => e.unitId === 'tan-yen');
  expect(new Set(mine.map((e) => e.runId)).size).toBeGreaterThan(1);
  expect(entries(trail, 'submitted', 'tan-yen').map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  expect(entries(trail, 'returned', 'tan-yen').map((e) => e.reason)).toEqual([
    'Lần 1: chưa đạt',
    'Lần 2: chưa đạt',
    'Lần 3: chưa đạt',
  ]);
  expect(entries(trail, 'approved', 'tan-yen')).toHaveLength(1);
  expect(entries(trail, 'unit-started', 'tan-yen')).toHaveLength(1);
  expect(entries(trail, 'campaign-started')).toHaveLength(1);
  const s = await h.json<StatusResult>(0, 'status', id, '--unit', 'tan-yen', '--depth', '0');
  expect(milestone(s.root, draft)).toMatchObject({ status: 'submitted', submittedBy: 'BCĐ huyện Tân Yên' });
  // Started again: nothing changes, and tan-yen, in its second run or later, counts once among the units started.
  const again = await h.json<StartResult>(0, 'start', runsFile, '--by', 'Trần Thị B (PV05)');
  expect(again).toMatchObject({ alreadyStarted: true, unitsStarted: again.units });
});

it('starts a campaign no worker serves, and says so instead of waiting', async () => {
  const now = DateTime.now().setZone(ZONE);
  const id = `${campaignId}-no-worker`;
  const f = fillTemplate({
    template: 'campaign.template.yaml',
    dir: h.dir,
    name: 'campaign-no-worker.yaml',
    values: {
      ID: id,
      ISSUED: now.minus({ days: 1 }).toISODate() as string,
      PLAN_DUE: `${farDue.toISODate()} 17:00`,
      FAR_DUE: farDue.toISODate() as string,
      REPORT_DUE: now.plus({ days: 40 }).toISODate() as string,
    },
  });
  const r = await runCli({ ...h.cliEnv(), DONDOC_TASK_QUEUE: 'nobody-polls-this' }, 'start', f, '--json');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out)).toMatchObject({
    campaignId: id,
    started: true,
    ready: false,
    taskQueue: 'nobody-polls-this',
    warning: expect.stringContaining("chưa có worker nào nhận việc trên task queue 'nobody-polls-this'"),
  });
});
