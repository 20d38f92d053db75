// The aggregated report from given subtree aggregates: rows by level in tree order, the outline's order,
// completeness per subtree; its CSV and its workbook (read back with exceljs).
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { parseSince } from '../../client/audit';
import { duration } from '../../client/format';
import type { MilestoneState } from '../../contract/messages';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign, Milestone } from '../../core/definition/types';
import type { SubtreeAggregate } from '../../core/report/aggregate';
import { buildReport } from '../../core/report/build';
import { reportToCsv } from '../../core/report/csv';
import { reportToXlsx, XLSX_HEADER_ROWS } from '../../core/report/xlsx';
import { aggregateOf } from '../../workflows/aggregate';

const policy = {
  reminders: { offsets: [], sendAt: '08:00', workingDaysOnly: true },
  escalation: { steps: [], maxRepeats: 0, sendAt: '08:00', workingDaysOnly: true },
};
const report: Milestone = {
  id: 'bao-cao',
  kind: 'result-report',
  title: 'Báo cáo kết quả',
  appliesTo: { all: true },
  due: { kind: 'before', date: '2026-08-20' },
  outline: [
    { id: 'sites', label: 'Số điểm', type: 'integer', required: true, aggregate: 'sum' },
    { id: 'firstEvent', label: 'Ngày sớm nhất', type: 'date', required: true, aggregate: 'min' },
    { id: 'notes', label: 'Ghi chú', type: 'text', required: false, aggregate: 'list' },
  ],
  ...policy,
};
const plan: Milestone = {
  id: 'ke-hoach',
  kind: 'plan',
  title: 'Kế hoạch',
  appliesTo: { levels: ['district'] },
  due: { kind: 'before', date: '2026-05-10' },
  ...policy,
};
const unused: Milestone = { ...plan, id: 'khong-ai', appliesTo: { units: [] } } as Milestone;

const campaign: Campaign = {
  campaign: {
    id: 'thu',
    title: 'Chiến dịch thử',
    issuer: 'tinh',
    document: { issued: '2026-04-01' },
    timeZone: 'Asia/Ho_Chi_Minh',
    language: 'vi',
  },
  levels: [
    { id: 'province', name: 'Tỉnh' },
    { id: 'district', name: 'Huyện' },
    { id: 'commune', name: 'Xã' },
  ],
  units: [
    { id: 'tinh', name: 'Tỉnh A', level: 'province', emails: [], tags: [] },
    { id: 'huyen-1', name: 'Huyện Một', level: 'district', parent: 'tinh', emails: [], tags: [] },
    { id: 'xa-1', name: 'Xã Một', level: 'commune', parent: 'huyen-1', emails: [], tags: [] },
    { id: 'xa-2', name: 'Xã Hai', level: 'commune', parent: 'huyen-1', emails: [], tags: [] },
    { id: 'huyen-2', name: 'Huyện Hai', level: 'district', parent: 'tinh', emails: [], tags: [] },
  ],
  calendar: DEFAULT_CALENDAR_RULES,
  milestones: [plan, report, unused],
};
const rules = { 'bao-cao': { sites: 'sum', firstEvent: 'min', notes: 'list' } } as const;

function ms(
  id: string,
  status: MilestoneState['status'],
  values?: Record<string, string | number>,
): MilestoneState {
  return {
    id,
    kind: id === 'bao-cao' ? 'result-report' : 'plan',
    title: id,
    status,
    schedule: {
      milestoneId: id,
      kind: 'plan',
      title: id,
      dueAt: '2026-08-20T00:00:00+07:00',
      reminders: [],
      escalations: [],
    },
    activeFrom: '2026-04-01T00:00:00+07:00',
    submissions: values
      ? [
          {
            seq: 1,
            at: '2026-08-10T09:00:00Z',
            actor: 'x',
            onTime: status === 'submitted',
            payload: { values },
          },
        ]
      : [],
    sent: [],
    events: [],
    flags: [],
  };
}

function aggregates(): Map<string, SubtreeAggregate> {
  const m = new Map<string, SubtreeAggregate>();
  const add = (id: string, own: MilestoneState[], kids: string[]) => {
    const a = aggregateOf(
      id,
      own,
      kids.map((k) => m.get(k) as SubtreeAggregate),
      rules,
    );
    m.set(id, a);
  };
  add('xa-1', [ms('bao-cao', 'submitted', { sites: 2, firstEvent: '2026-08-05', notes: 'Tốt' })], []);
  add('xa-2', [ms('bao-cao', 'late', { sites: 3, firstEvent: '2026-08-02' })], []);
  add('huyen-1', [ms('ke-hoach', 'submitted'), ms('bao-cao', 'open')], ['xa-1', 'xa-2']);
  add(
    'huyen-2',
    [ms('ke-hoach', 'waived'), ms('bao-cao', 'submitted', { sites: 1, firstEvent: '2026-08-09' })],
    [],
  );
  add('tinh', [], ['huyen-1', 'huyen-2']);
  return m;
}

const names = new Map(campaign.units.map((u) => [u.id, u.name]));
const built = buildReport({
  campaign,
  rootUnitId: 'tinh',
  aggregates: aggregates(),
  generatedAt: '2026-08-21T02:00:00Z',
});

it('groups rows by level in tree order, with the milestones owed in the subtree, in the outline order', () => {
  expect(built.milestones.map((m) => m.id)).toEqual(['ke-hoach', 'bao-cao']);
  expect(built.milestones[1]?.fields.map((f) => f.id)).toEqual(['sites', 'firstEvent', 'notes']);
  expect(built.levels.map((l) => [l.name, l.rows.map((r) => r.unitId)])).toEqual([
    ['Tỉnh', ['tinh']],
    ['Huyện', ['huyen-1', 'huyen-2']],
    ['Xã', ['xa-1', 'xa-2']],
  ]);
  const total = built.levels[0]?.rows[0];
  expect(total?.units).toBe(5);
  expect(total?.milestones['bao-cao']).toMatchObject({
    tally: { expected: 4, submitted: 3, onTime: 2, late: 1, waived: 0, missing: 1 },
    completeness: 0.75,
    values: { sites: 6, firstEvent: '2026-08-02', notes: [{ unitId: 'xa-1', value: 'Tốt' }] },
  });
  expect(total?.milestones['ke-hoach']).toMatchObject({
    completeness: 1,
    tally: { expected: 2, submitted: 1, waived: 1 },
  });
});

it('reports one branch only when asked', () => {
  const branch = buildReport({
    campaign,
    rootUnitId: 'huyen-1',
    aggregates: aggregates(),
    generatedAt: '2026-08-21T02:00:00Z',
  });
  expect(branch.levels.map((l) => l.name)).toEqual(['Huyện', 'Xã']);
  expect(branch.levels[0]?.rows[0]?.milestones['bao-cao']?.values.sites).toBe(5);
});

it('writes one CSV table with ids in the header', () => {
  const rows = parseCsv(reportToCsv(built, names), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.unitId)).toEqual(['tinh', 'huyen-1', 'huyen-2', 'xa-1', 'xa-2']);
  expect(rows[0]).toMatchObject({
    'bao-cao.sites': '6',
    'bao-cao.completeness': '0.75',
    'bao-cao.notes': 'Xã Một: Tốt',
  });
});

it('writes a workbook with a sheet per level, readable back: headings, totals, dates, percentages', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await reportToXlsx(built, names)) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Tỉnh', 'Huyện', 'Xã']);
  const ws = wb.getWorksheet('Tỉnh') as ExcelJS.Worksheet;
  expect(String(ws.getCell(1, 1).value)).toBe('Chiến dịch thử: Tỉnh');
  const headings = (ws.getRow(XLSX_HEADER_ROWS).values as unknown[]).slice(1);
  expect(headings).toEqual([
    'Mã đơn vị',
    'Tên đơn vị',
    'Đơn vị cấp trên',
    'Số đơn vị',
    'Phải nộp',
    'Đã nộp',
    'Đúng hạn',
    'Muộn',
    'Được miễn',
    'Còn thiếu',
    'Hoàn thành',
    'Phải nộp',
    'Đã nộp',
    'Đúng hạn',
    'Muộn',
    'Được miễn',
    'Còn thiếu',
    'Hoàn thành',
    'Số điểm',
    'Ngày sớm nhất',
    'Ghi chú',
  ]);
  expect(ws.getCell(3, 5).value).toBe('Kế hoạch');
  expect(ws.getCell(3, 12).value).toBe('Báo cáo kết quả');
  const row = ws.getRow(XLSX_HEADER_ROWS + 1);
  expect(row.getCell(1).value).toBe('tinh');
  expect(row.getCell(18).value).toBe(0.75);
  expect(row.getCell(18).numFmt).toBe('0.0%');
  expect(row.getCell(19).value).toBe(6);
  expect(row.getCell(20).value).toEqual(new Date('2026-08-02T00:00:00Z'));
  expect(row.getCell(21).value).toBe('Xã Một: Tốt');
  const district = wb.getWorksheet('Huyện') as ExcelJS.Worksheet;
  expect(district.getRow(XLSX_HEADER_ROWS + 1).getCell(3).value).toBe('Tỉnh A');
});

it('reads --since as a local time in the campaign zone, or as an instant', () => {
  expect(parseSince('2026-08-20', 'Asia/Ho_Chi_Minh')).toBe('2026-08-19T17:00:00.000Z');
  expect(parseSince('2026-08-20 08:30', 'Asia/Ho_Chi_Minh')).toBe('2026-08-20T01:30:00.000Z');
  expect(parseSince('20/8/2026', 'Asia/Ho_Chi_Minh')).toBe('2026-08-19T17:00:00.000Z');
  expect(parseSince('2026-08-20T01:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('2026-08-20T01:30:00.000Z');
  expect(parseSince('hôm qua', 'Asia/Ho_Chi_Minh')).toBeUndefined();
});

it('says durations in Vietnamese', () => {
  expect(duration(2 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000)).toBe('2 ngày 3 giờ');
  expect(duration(45 * 60_000 + 12_000)).toBe('45 phút 12 giây');
  expect(duration(500)).toBe('dưới 1 giây');
});
