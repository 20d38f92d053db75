// Good campaign files: what loadCampaignFile makes of them (defaults, merged policies, normalised dates).
import path from 'node:path';
import { mailTemplateChecker } from '../../activities/mail/templates';
import { loadCampaignFile } from '../../core/definition/load';
import type { Campaign, Milestone } from '../../core/definition/types';

const GOOD = path.join(__dirname, '..', 'fixtures', 'good');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

async function load(file: string): Promise<Campaign> {
  const r = await loadCampaignFile(file, mailTemplateChecker);
  if (!r.ok) throw new Error(`${file} should load:\n${JSON.stringify(r.issues, null, 2)}`);
  return r.campaign;
}

function milestone(c: Campaign, id: string): Milestone {
  const m = c.milestones.find((x) => x.id === id);
  if (!m) throw new Error(`no milestone ${id}`);
  return m;
}

const DEFAULT_REMINDERS = { offsets: ['P7D', 'P3D', 'P1D'], sendAt: '08:00', workingDaysOnly: true };
const DEFAULT_ESCALATION = {
  steps: [
    { after: 'P1D', to: ['unit'] },
    { after: 'P3D', to: ['unit', 'parent'] },
  ],
  maxRepeats: 3,
  sendAt: '08:00',
  workingDaysOnly: true,
};

describe('minimal.yaml', () => {
  let c: Campaign;
  beforeAll(async () => {
    c = await load(path.join(GOOD, 'minimal.yaml'));
  });

  it('loads its units and milestones', () => {
    expect(c.units.map((u) => u.id)).toEqual(['tinh', 'huyen-a', 'huyen-b']);
    expect(c.milestones.map((m) => `${m.id}:${m.kind}`)).toEqual(['ke-hoach:plan', 'bao-cao:result-report']);
    expect(c.units[1]).toEqual({
      id: 'huyen-a',
      name: 'Huyện A',
      level: 'district',
      parent: 'tinh',
      emails: ['bcd@huyen-a.example.org'],
      tags: ['diem'],
    });
    expect(c.units[2]?.tags).toEqual([]);
  });

  it('applies the defaults: zone, language, calendar, reminders and escalation', () => {
    expect(c.campaign.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(c.campaign.language).toBe('vi');
    expect(c.calendar).toEqual({
      weekend: [6, 7],
      publicHolidays: 'vn',
      tetDays: [],
      nationalDayAdjacent: [],
      daysOff: [],
      workingDays: [],
    });
    for (const m of c.milestones) {
      expect(m.reminders).toEqual(DEFAULT_REMINDERS);
      expect(m.escalation).toEqual(DEFAULT_ESCALATION);
    }
  });

  it('normalises dd/mm/yyyy to yyyy-mm-dd', () => {
    expect(c.campaign.document).toEqual({ number: '1/KH-BCĐ', issued: '2024-04-16' });
  });

  it('reads due phrases: "trước ngày" is the start of the day, "hết ngày" its end', () => {
    const plan = milestone(c, 'ke-hoach');
    const report = milestone(c, 'bao-cao');
    expect(plan.kind === 'plan' && plan.due).toEqual({ kind: 'before', date: '2024-05-10' });
    expect(report.kind === 'result-report' && report.due).toEqual({ kind: 'end-of', date: '2024-08-09' });
  });

  it('gives outline fields their default aggregate', () => {
    const report = milestone(c, 'bao-cao');
    if (report.kind !== 'result-report') throw new Error('bao-cao is a result report');
    expect(report.outline).toEqual([
      { id: 'sites', label: 'Số điểm tổ chức', type: 'integer', required: true, min: 0, aggregate: 'sum' },
      { id: 'notes', label: 'Ghi chú', type: 'text', required: false, aggregate: 'list' },
    ]);
  });

  it('loads the same from JSON', async () => {
    expect(await load(path.join(GOOD, 'minimal.json'))).toEqual(c);
  });
});

describe('with-csv.yaml (units from units.csv)', () => {
  it('loads the units of the CSV, splitting emails and tags on ";"', async () => {
    const file = path.join(GOOD, 'with-csv.yaml');
    const r = await loadCampaignFile(file, mailTemplateChecker);
    if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2));
    expect(r.files).toEqual([file, path.join(GOOD, 'units.csv')]);
    expect(r.campaign.units).toEqual([
      { id: 'tinh', name: 'Ban Chỉ đạo tỉnh', level: 'province', emails: ['bcd@tinh.example.org'], tags: [] },
      {
        id: 'huyen-a',
        name: 'Huyện A',
        level: 'district',
        parent: 'tinh',
        emails: ['bcd@huyen-a.example.org', 'vp@huyen-a.example.org'],
        tags: ['diem', 'xa'],
      },
      {
        id: 'huyen-b',
        name: 'Huyện B',
        level: 'district',
        parent: 'tinh',
        emails: ['bcd@huyen-b.example.org'],
        tags: [],
      },
    ]);
    expect(r.campaign.campaign.document.issued).toBe('2024-04-16');
  });
});

describe('overrides.yaml (milestone policies over the campaign policies)', () => {
  let c: Campaign;
  beforeAll(async () => {
    c = await load(path.join(GOOD, 'overrides.yaml'));
  });

  it('keeps the header and calendar as written, dates normalised', () => {
    expect(c.campaign.timeZone).toBe('Asia/Bangkok');
    expect(c.campaign.language).toBe('en');
    expect(c.campaign.document.issued).toBe('2024-01-02');
    expect(c.calendar.weekend).toEqual([7]);
    expect(c.calendar.daysOff).toEqual([
      { date: '2024-09-02' },
      { date: '2024-04-29', name: 'Nghỉ hoán đổi' },
    ]);
    expect(c.calendar.workingDays).toEqual([{ date: '2024-05-04', name: 'Làm bù' }]);
  });

  it('gives a milestone without a policy of its own the campaign policies', () => {
    const m = milestone(c, 'ke-hoach');
    expect(m.reminders).toEqual({ offsets: ['P5D', 'P1D'], sendAt: '09:30', workingDaysOnly: false });
    expect(m.escalation).toEqual({
      steps: [{ after: 'P2D', to: ['unit', 'parent'] }],
      maxRepeats: 5,
      sendAt: '09:30',
      workingDaysOnly: false,
    });
  });

  it('merges what a milestone sets over the campaign policies, not over the defaults', () => {
    const m = milestone(c, 'dang-ky');
    expect(m.kind === 'site-registration' && m.due).toEqual({
      kind: 'at',
      date: '2024-05-15',
      time: '17:00',
    });
    expect(m.reminders).toEqual({ offsets: ['P2D'], sendAt: '09:30', workingDaysOnly: false });
    expect(m.escalation).toEqual({
      steps: [{ after: 'P2D', to: ['unit', 'parent'] }],
      repeatEvery: 'P7D',
      maxRepeats: 5,
      sendAt: '14:00',
      workingDaysOnly: false,
    });
  });

  it('lets escalation follow the milestone reminders where it says nothing', () => {
    const m = milestone(c, 'to-chuc');
    expect(m.kind === 'event-window' && m.window).toEqual({ from: '2024-08-01', to: '2024-08-19' });
    expect(m.reminders).toEqual({
      offsets: ['P5D', 'P1D'],
      beforeOpen: ['P7D'],
      sendAt: '09:30',
      workingDaysOnly: true,
    });
    expect(m.escalation.workingDaysOnly).toBe(true);
    expect(m.escalation.steps).toEqual([{ after: 'P2D', to: ['unit', 'parent'] }]);
  });
});

describe('examples/bac-giang-2024.yaml', () => {
  let c: Campaign;
  beforeAll(async () => {
    c = await load(path.join(EXAMPLES, 'bac-giang-2024.yaml'));
  });

  it('has 44 units: the province, 8 departments, 10 districts and 25 grassroots units', () => {
    const count = (level: string) => c.units.filter((u) => u.level === level).length;
    expect(c.units).toHaveLength(44);
    expect(count('province')).toBe(1);
    expect(count('department')).toBe(8);
    expect(count('district')).toBe(10);
    expect(count('grassroots')).toBe(25);
  });

  it('reads its dates and due phrases', () => {
    expect(c.campaign.document.issued).toBe('2024-04-16');
    const plan = milestone(c, 'ke-hoach');
    expect(plan.kind === 'plan' && plan.due).toEqual({ kind: 'before', date: '2024-05-10' });
    const window = milestone(c, 'to-chuc-ngay-hoi');
    expect(window.kind === 'event-window' && window.window).toEqual({ from: '2024-08-01', to: '2024-08-19' });
  });

  it('merges the event window reminders over the campaign policy, keeping its escalation', () => {
    const m = milestone(c, 'to-chuc-ngay-hoi');
    expect(m.reminders).toEqual({
      offsets: ['P3D'],
      beforeOpen: ['P7D'],
      sendAt: '08:00',
      workingDaysOnly: true,
    });
    expect(m.escalation.steps).toHaveLength(3);
    expect(m.escalation).toMatchObject({ repeatEvery: 'P7D', maxRepeats: 2 });
  });
});
