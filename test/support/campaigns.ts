// Small campaigns built in code, for calendar and engine tests.
import type { DueSpec } from '../../core/calendar/phrases';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign, EscalationPolicy, Milestone, ReminderPolicy } from '../../core/definition/types';

export const DEFAULT_REMINDERS: ReminderPolicy = {
  offsets: ['P7D', 'P3D', 'P1D'],
  sendAt: '08:00',
  workingDaysOnly: true,
};
export const DEFAULT_ESCALATION: EscalationPolicy = {
  steps: [
    { after: 'P1D', to: ['unit'] },
    { after: 'P3D', to: ['unit', 'parent'] },
  ],
  maxRepeats: 0,
  sendAt: '08:00',
  workingDaysOnly: true,
};

export function plan(id: string, due: DueSpec, extra: Partial<Milestone> = {}): Milestone {
  return {
    id,
    kind: 'plan',
    title: `Kế hoạch ${id}`,
    appliesTo: { all: true },
    due,
    reminders: DEFAULT_REMINDERS,
    escalation: DEFAULT_ESCALATION,
    ...extra,
  } as Milestone;
}

export function tinyCampaign(
  milestones: Milestone[],
  overrides: Partial<Campaign['campaign']> = {},
  calendar = DEFAULT_CALENDAR_RULES,
): Campaign {
  return {
    campaign: {
      id: 'test-campaign',
      title: 'Chiến dịch thử',
      issuer: 'root',
      document: { issued: '2024-01-02' },
      timeZone: 'Asia/Ho_Chi_Minh',
      language: 'vi',
      ...overrides,
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'commune', name: 'Xã' },
    ],
    units: [
      { id: 'root', name: 'Ban Chỉ đạo tỉnh', level: 'province', emails: ['root@example.org'], tags: [] },
      { id: 'xa-a', name: 'Xã A', level: 'commune', parent: 'root', emails: ['a@example.org'], tags: [] },
    ],
    calendar,
    milestones,
  };
}
