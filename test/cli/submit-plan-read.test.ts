// `dondoc submit` reads the unit's plan only when it needs it: a YAML or JSON file goes to the unit as read, one
// call to the server, and the receipt carries what the CLI prints; a CSV list (typed by the milestone's fields)
// and the issuer's report upward (its missing figures from the aggregate; the unit refuses it unread, recording
// nothing) read the plan first. Counted on the real dev server's own metrics: its GetWorkflowExecutionHistory
// calls, which the worker does not make while it keeps every workflow cached.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { StatusResult } from '../../client/commands/status';
import { queryWorkflow } from '../../client/queries';
import { unitWorkflowId } from '../../contract/ids';
import { aggregateQuery, type Receipt, stateQuery } from '../../contract/messages';
import { CliHarness, findNode, until } from './harness';

const h = new CliHarness('cli-submit-plan-read', { serverMetrics: true });
const now = DateTime.now().setZone('Asia/Ho_Chi_Minh');
const campaignId = `plan-read-${now.toFormat('yyyyMMddHHmmss')}`;
const day = (d: number) => now.plus({ days: d }).toFormat('dd/MM/yyyy');

function campaignYaml(): string {
  return `campaign:
  id: "${campaignId}"
  title: Thử nộp không đọc kế hoạch
  issuer: tinh
  document: { number: "1/KH-BCĐ", issued: "${day(-1)}" }
  timeZone: Asia/Ho_Chi_Minh
levels:
  - { id: province, name: Tỉnh }
  - { id: district, name: Huyện }
units:
  - { id: tinh, name: Ban Chỉ đạo tỉnh, level: province, emails: [bcd@tinh.example.org] }
  - { id: huyen-a, name: Huyện A, level: district, parent: tinh, emails: [a@huyen.example.org] }
  - { id: huyen-b, name: Huyện B, level: district, parent: tinh, emails: [b@huyen.example.org] }
milestones:
  - id: ke-hoach
    kind: plan
    title: Kế hoạch tổ chức Ngày hội
    appliesTo: { levels: [district] }
    due: "trước ngày ${day(20)}"
  - id: dang-ky-diem
    kind: site-registration
    title: Đăng ký điểm tổ chức
    appliesTo: { levels: [district] }
    due: "trước ngày ${day(20)}"
    siteFields:
      - { id: unit, label: Đơn vị tổ chức, type: text }
      - { id: date, label: Ngày tổ chức, type: date }
      - { id: place, label: Địa điểm, type: text }
      - { id: awardDossier, label: Đã gửi hồ sơ khen thưởng, type: boolean, required: false }
  - id: bao-cao
    kind: result-report
    title: Báo cáo kết quả
    appliesTo: { levels: [district] }
    due: "trước ngày ${day(30)}"
    outline:
      - { id: sites, label: Số điểm tổ chức, type: integer, min: 0, aggregate: sum }
  - id: bao-cao-bo
    kind: result-report
    title: Báo cáo kết quả gửi Bộ Công an
    appliesTo: { units: [tinh] }
    reportsTo: Bộ Công an (Cục C06)
    due: "trước ngày ${day(40)}"
    outline:
      - { id: sites, label: Số điểm tổ chức, type: integer, min: 0, aggregate: sum }
`;
}

function file(name: string, text: string): string {
  const f = path.join(h.dir, name);
  writeFileSync(f, text);
  return f;
}

const historyCalls = () => h.serverCalls('GetWorkflowExecutionHistory');

const submit = (unitId: string, milestoneId: string, f: string) =>
  h.cli('submit', campaignId, unitId, milestoneId, f, '--by', `Văn thư ${unitId}`);

beforeAll(async () => {
  await h.start();
  await h.json(0, 'start', file('campaign.yaml', campaignYaml()), '--by', 'Trần Thị B (PV05)');
  await until({
    what: 'every unit to run',
    probe: () => h.json<StatusResult>(0, 'status', campaignId),
    done: (s) => findNode(s.root, 'huyen-b') !== undefined && s.missing.length === 0,
    timeoutMs: 60_000,
  });
}, 180_000);
afterAll(() => h.stop());

it('sends a YAML plan without reading the plan, and prints the receipt from what it carries', async () => {
  const before = await historyCalls();
  const r = await submit('huyen-a', 'ke-hoach', file('plan.yaml', 'document:\n  title: Kế hoạch số 5/KH\n'));
  expect(r.code).toBe(0);
  expect(r.out).toContain(
    'Đã ghi nhận ke-hoach (Kế hoạch tổ chức Ngày hội) của Huyện A [huyen-a], lần nộp thứ 1.',
  );
  expect(r.out).toMatch(/Lúc: +\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}, đúng hạn \(hạn /);
  expect(await historyCalls()).toBe(before);

  const j = await h.json<{ receipt: Receipt }>(
    0,
    'submit',
    campaignId,
    'huyen-b',
    'ke-hoach',
    file('plan.json', '{"document": {"title": "Kế hoạch số 6/KH"}}'),
    '--by',
    'Văn thư huyện B',
  );
  expect(j.receipt).toMatchObject({
    unitId: 'huyen-b',
    milestoneId: 'ke-hoach',
    seq: 1,
    unitName: 'Huyện B',
    milestoneTitle: 'Kế hoạch tổ chức Ngày hội',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  expect(await historyCalls()).toBe(before);
}, 60_000);

it('reads the plan for a CSV list, typed by the milestone’s fields', async () => {
  const before = await historyCalls();
  const csv = file(
    'sites.csv',
    'Đơn vị tổ chức,Ngày tổ chức,Địa điểm\nXã Một,05/08/2027,Nhà văn hóa thôn Một\n',
  );
  const r = await submit('huyen-a', 'dang-ky-diem', csv);
  expect(r.code).toBe(0);
  expect(r.out).toContain('Đã ghi nhận dang-ky-diem (Đăng ký điểm tổ chức) của Huyện A [huyen-a]');
  expect(await historyCalls()).toBeGreaterThan(before);
  const state = await queryWorkflow({
    client: h.env.client,
    workflowId: unitWorkflowId(campaignId, 'huyen-a'),
    query: stateQuery,
  });
  const sites = state.milestones.find((m) => m.id === 'dang-ky-diem')?.submissions[0]?.payload.sites;
  expect(sites).toEqual([{ unit: 'Xã Một', date: '2027-08-05', place: 'Nhà văn hóa thôn Một' }]);
}, 60_000);

it('sends the issuer’s report upward after reading the plan, its missing figures from the aggregate', async () => {
  for (const [unitId, sites] of [
    ['huyen-a', 3],
    ['huyen-b', 4],
  ] as const) {
    const r = await submit(unitId, 'bao-cao', file(`${unitId}.yaml`, `values:\n  sites: ${sites}\n`));
    expect(r.code).toBe(0);
  }
  const tinh = unitWorkflowId(campaignId, 'tinh');
  await until({
    what: 'both reports to reach the province',
    probe: () => queryWorkflow({ client: h.env.client, workflowId: tinh, query: aggregateQuery }),
    done: (a) => a.values['bao-cao']?.sites === 7,
    timeoutMs: 30_000,
  });
  const before = await historyCalls();
  const j = await h.json<{ receipt: Receipt; fromAggregate?: string[] }>(
    0,
    'submit',
    campaignId,
    'tinh',
    'bao-cao-bo',
    file('upward.yaml', 'values: {}\n'),
    '--by',
    'Thường trực BCĐ tỉnh',
  );
  expect(j.fromAggregate).toEqual(['sites']);
  expect(j.receipt).toMatchObject({ unitId: 'tinh', milestoneId: 'bao-cao-bo', seq: 1 });
  expect(await historyCalls()).toBeGreaterThan(before);
  // The refused first attempt recorded nothing: one submission, with the aggregate's figure.
  const state = await queryWorkflow({ client: h.env.client, workflowId: tinh, query: stateQuery });
  const ms = state.milestones.find((m) => m.id === 'bao-cao-bo');
  expect(ms?.submissions.map((s) => s.payload.values)).toEqual([{ sites: 7 }]);
}, 90_000);
