// The benchmarks' synthetic campaign: a province, about sqrt(N)/2 districts and communes under them, two
// milestones (a plan due 10 March and a result report due 20 August of the given year).
import { DEFAULT_CALENDAR_RULES } from '../core/calendar/workdays';
import type { Campaign, Milestone, Unit } from '../core/definition/types';

/** A province, about sqrt(n)/2 districts under it, and communes spread over the districts: n units in all. */
function syntheticUnits(n: number): Unit[] {
  const districts = Math.max(1, Math.round(Math.sqrt(n) / 2));
  const units: Unit[] = [{ id: 'p', name: 'Tỉnh', level: 'province', emails: ['p@example.org'], tags: [] }];
  for (let d = 0; d < districts; d++) {
    units.push({
      id: `d${d}`,
      name: `Huyện ${d}`,
      level: 'district',
      parent: 'p',
      emails: [`d${d}@example.org`],
      tags: [],
    });
  }
  for (let c = 0; units.length < n; c++) {
    const d = c % districts;
    units.push({
      id: `c${c}`,
      name: `Xã ${c}`,
      level: 'commune',
      parent: `d${d}`,
      emails: [`c${c}@example.org`],
      tags: [],
    });
  }
  return units;
}

/** A plan due 10 March and a result report due 20 August, both with reminders and two escalation steps. */
function syntheticMilestones(year: number): Milestone[] {
  const policy = {
    reminders: { offsets: ['P7D', 'P3D', 'P1D'], sendAt: '08:00', workingDaysOnly: true },
    escalation: {
      steps: [
        { after: 'P1D', to: ['unit' as const] },
        { after: 'P3D', to: ['unit' as const, 'parent' as const] },
      ],
      repeatEvery: 'P7D',
      maxRepeats: 2,
      sendAt: '08:00',
      workingDaysOnly: true,
    },
  };
  const milestones: Milestone[] = [
    {
      id: 'plan',
      kind: 'plan',
      title: 'Kế hoạch',
      appliesTo: { all: true },
      due: { kind: 'before', date: `${year}-03-10` },
      ...policy,
    },
    {
      id: 'report',
      kind: 'result-report',
      title: 'Báo cáo kết quả',
      appliesTo: { all: true },
      due: { kind: 'before', date: `${year}-08-20` },
      outline: [
        { id: 'sites', label: 'Số điểm', type: 'integer', required: true, min: 0, aggregate: 'sum' },
        {
          id: 'attendance',
          label: 'Số người tham dự',
          type: 'integer',
          required: true,
          min: 0,
          aggregate: 'sum',
        },
      ],
      ...policy,
    },
  ];
  return milestones;
}

export function synthetic(n: number, year: number): Campaign {
  const units = syntheticUnits(n);
  const milestones = syntheticMilestones(year);
  return {
    campaign: {
      id: `bench-${n}`,
      title: 'Chiến dịch thử tải',
      issuer: 'p',
      document: { issued: `${year}-02-01` },
      timeZone: 'Asia/Ho_Chi_Minh',
      language: 'vi',
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'district', name: 'Huyện' },
      { id: 'commune', name: 'Xã' },
    ],
    units,
    calendar: DEFAULT_CALENDAR_RULES,
    milestones,
  };
}
