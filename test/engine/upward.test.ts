// The issuer's own report upward (issue 13): a result report with `reportsTo`, owed by the issuer alone and due
// after its units' reports. The issuer's unit workflow runs it like any unit's milestone: reminders to the
// issuer's own addresses (saying whom the report goes to), escalations to nobody above it; its figures start from
// the campaign's aggregate of its units' reports, and its submission is recorded and added to the total.
import { aggregateQuery, stateQuery, submitUpdate } from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import type { Campaign } from '../../core/definition/types';
import { validateCampaign } from '../../core/definition/validate';
import { upwardValues } from '../../core/report/upward';
import { Engine, kindOf, milestone } from '../support/engine';

const engine = new Engine('upward');

function campaignIn(year: number): Campaign {
  const outline = [
    { id: 'sites', label: 'Số điểm tổ chức', type: 'integer', min: 0 },
    { id: 'notes', label: 'Đánh giá', type: 'text', required: false, aggregate: 'list' },
  ];
  const raw = {
    campaign: {
      id: `upward-${year}`,
      title: 'Ngày hội toàn dân bảo vệ ANTQ',
      issuer: 'tinh',
      document: { number: '1/KH-BCĐ', issued: `16/4/${year}` },
      implements: [
        { type: 'Kế hoạch', number: '198/KH-BCĐ', date: `05/4/${year}`, issuer: 'Ban Chỉ đạo Trung ương' },
      ],
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'district', name: 'Huyện' },
    ],
    units: [
      { id: 'tinh', name: 'Ban Chỉ đạo tỉnh', level: 'province', emails: ['bcd@tinh.example.org'] },
      { id: 'huyen-a', name: 'Huyện A', level: 'district', parent: 'tinh', emails: ['a@huyen.example.org'] },
      { id: 'huyen-b', name: 'Huyện B', level: 'district', parent: 'tinh', emails: ['b@huyen.example.org'] },
    ],
    reminders: { offsets: ['P3D'], workingDaysOnly: false },
    escalation: { steps: [{ after: 'P1D', to: ['unit', 'parent', 'issuer'] }], maxRepeats: 0 },
    milestones: [
      {
        id: 'bao-cao',
        kind: 'result-report',
        title: 'Báo cáo kết quả',
        appliesTo: { levels: ['district'] },
        due: `trước ngày 20/8/${year}`,
        outline,
      },
      {
        id: 'bao-cao-bo',
        kind: 'result-report',
        title: 'Báo cáo kết quả gửi Bộ Công an',
        appliesTo: { units: ['tinh'] },
        reportsTo: 'Bộ Công an (Cục C06)',
        due: `trước ngày 25/8/${year}`,
        outline,
      },
    ],
  };
  const r = validateCampaign(raw, { file: 'upward.yaml' });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.campaign;
}

beforeAll(async () => {
  await engine.start((y) => campaignIn(y + 1));
});

afterAll(async () => {
  await engine.stop();
});

it("runs the issuer's report upward: reminded, prefilled from its units' aggregate, recorded in the total", async () => {
  const [tinh, a, b] = await Promise.all([
    engine.unit('tinh'),
    engine.unit('huyen-a'),
    engine.unit('huyen-b'),
  ]);
  expect((await tinh.query(stateQuery)).milestones.map((m) => m.id)).toEqual(['bao-cao-bo']);
  expect((await a.query(stateQuery)).milestones.map((m) => m.id)).toEqual(['bao-cao']);
  const own = unitSchedule(engine.campaign, 'tinh')[0];
  if (!own) throw new Error('no schedule for the issuer');
  // Nobody above the issuer in the tree: its escalations go to its own addresses only.
  expect(own.escalations.map((e) => e.to)).toEqual([['unit']]);

  const report = (values: Record<string, string | number>) => ({
    milestoneId: 'bao-cao',
    actor: 'Công an huyện',
    payload: { values },
  });
  await a.executeUpdate(submitUpdate, { args: [report({ sites: 3, notes: 'Tốt' })] });
  await b.executeUpdate(submitUpdate, { args: [report({ sites: 4 })] });

  await engine.advanceTo(own.reminders[0]?.at ?? own.dueAt);
  const [reminder] = engine.mailFor('tinh', 'bao-cao-bo', 'reminder', 'last-day');
  expect(reminder?.parsed.to).toMatchObject({ text: 'bcd@tinh.example.org' });
  expect(reminder?.text).toContain('Báo cáo gửi lên: Bộ Công an (Cục C06)');

  // The campaign's aggregate (the issuer's subtree) holds its units' figures; they become the report's.
  const upward = engine.campaign.milestones.find((m) => m.id === 'bao-cao-bo');
  if (!upward) throw new Error('no bao-cao-bo');
  const values = upwardValues(upward, await tinh.query(aggregateQuery));
  expect(values).toEqual({ sites: 7, notes: 'Tốt' });
  const receipt = await tinh.executeUpdate(submitUpdate, {
    args: [{ milestoneId: 'bao-cao-bo', actor: 'PV05', payload: { values } }],
  });
  expect(receipt).toMatchObject({ onTime: true, status: 'submitted' });
  expect(milestone(await tinh.query(stateQuery), 'bao-cao-bo').submissions[0]?.payload.values).toEqual(
    values,
  );
  // Sent on time: no overdue notice after its due instant, and nothing escalated anywhere.
  await engine.advanceTo(own.escalations[0]?.at ?? own.dueAt);
  expect(engine.mailFor('tinh', 'bao-cao-bo').map(kindOf).sort()).toEqual(['opened', 'receipt', 'reminder']);
  const agg = await tinh.query(aggregateQuery);
  expect(agg.tallies['bao-cao-bo']).toMatchObject({ expected: 1, submitted: 1, onTime: 1 });
  expect(agg.values['bao-cao-bo']).toMatchObject({ sites: 7 });
  expect(agg.tallies['bao-cao']).toMatchObject({ expected: 2, submitted: 2 });
});
