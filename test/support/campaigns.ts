import path from 'node:path';
import { mailTemplateChecker } from '../../activities/mail/templates';
// Small campaigns built in code, for calendar and engine tests.
import type { DueSpec } from '../../core/calendar/phrases';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import { loadCampaignFile } from '../../core/definition/load';
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

function shiftDate(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

/**
 * An example from examples/ (a 2024 plan) moved to another year: the time-skipping server starts at today's
 * date, so lifecycle tests need deadlines ahead of it. The 2024 announcements are dropped: the target
 * year's calendar is the built-in table of announced days where it has that year, else the computed default.
 */
export async function exampleIn(file: string, idPrefix: string, year: number): Promise<Campaign> {
  const loaded = await loadCampaignFile(
    path.join(__dirname, '..', '..', 'examples', file),
    mailTemplateChecker,
  );
  if (!loaded.ok) throw new Error(`${file} does not validate: ${JSON.stringify(loaded.issues)}`);
  const c = loaded.campaign;
  const years = year - 2024;
  return {
    ...c,
    campaign: {
      ...c.campaign,
      id: `${idPrefix}-${year}`,
      document: { ...c.campaign.document, issued: shiftDate(c.campaign.document.issued, years) },
    },
    calendar: DEFAULT_CALENDAR_RULES,
    milestones: c.milestones.map((m) =>
      m.kind === 'event-window'
        ? { ...m, window: { from: shiftDate(m.window.from, years), to: shiftDate(m.window.to, years) } }
        : { ...m, due: { ...m.due, date: shiftDate(m.due.date, years) } },
    ),
  };
}

export function bacGiangIn(year: number): Promise<Campaign> {
  return exampleIn('bac-giang-2024.yaml', 'bac-giang-antq', year);
}

export function binhSonIn(year: number): Promise<Campaign> {
  return exampleIn('binh-son-2024.yaml', 'binh-son-antq', year);
}
