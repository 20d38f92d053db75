// The demo campaign: the Bắc Giang plan with its calendar compressed into about ten minutes. Same engine,
// same policies; each plan deadline becomes a minute of today, each day of an offset a few seconds.
import path from 'node:path';
import { DateTime, Duration } from 'luxon';
import { mailTemplateChecker } from '../activities/mail/templates';
import { loadCampaignFile } from '../core/definition/load';
import type { Campaign, EscalationPolicy, Milestone, ReminderPolicy } from '../core/definition/types';

export const DEMO_SOURCE = path.join(__dirname, '..', 'examples', 'bac-giang-2024.yaml');

export interface DemoPace {
  /** Minutes between two consecutive deadlines of the plan. */
  minutesPerDeadline: number;
  /** Seconds that stand for one day in reminder offsets and escalation delays. */
  secondsPerDay: number;
}

export const DEFAULT_PACE: DemoPace = { minutesPerDeadline: 1, secondsPerDay: 6 };

function squeeze(iso: string, pace: DemoPace): string {
  const days = Duration.fromISO(iso).as('days');
  return `PT${Math.max(1, Math.round(days * pace.secondsPerDay))}S`;
}

function reminders(p: ReminderPolicy, pace: DemoPace): ReminderPolicy {
  return {
    ...p,
    offsets: p.offsets.map((o) => squeeze(o, pace)),
    ...(p.beforeOpen ? { beforeOpen: p.beforeOpen.map((o) => squeeze(o, pace)) } : {}),
    workingDaysOnly: false,
  };
}

function escalation(p: EscalationPolicy, pace: DemoPace): EscalationPolicy {
  return {
    ...p,
    steps: p.steps.map((s) => ({ ...s, after: squeeze(s.after, pace) })),
    ...(p.repeatEvery ? { repeatEvery: squeeze(p.repeatEvery, pace) } : {}),
    workingDaysOnly: false,
  };
}

/** The original order of the plan's deadlines (a window counts at its opening). */
function anchor(m: Milestone): string {
  return m.kind === 'event-window' ? m.window.from : m.due.date;
}

/**
 * The demo of `source` starting at `now`: its first deadline a minute or two ahead, then one deadline per
 * `minutesPerDeadline`; an event window spans two slots. Deadlines fall on whole minutes, in the campaign zone.
 */
export async function demoCampaign(
  now: Date,
  pace: DemoPace = DEFAULT_PACE,
  source = DEMO_SOURCE,
): Promise<Campaign> {
  const loaded = await loadCampaignFile(source, mailTemplateChecker);
  if (!loaded.ok) throw new Error(`${source} does not validate: ${JSON.stringify(loaded.issues)}`);
  const c = loaded.campaign;
  const zone = c.campaign.timeZone;
  // At least 45 s before the first reminder can be due, so that every unit has started by then.
  const start = DateTime.fromJSDate(now, { zone })
    .plus({ seconds: 45 })
    .startOf('minute')
    .plus({ minutes: 1 });
  const order = [...new Set(c.milestones.map(anchor))].sort();
  let slot = 0;
  const slots = new Map<string, number>();
  for (const a of order) {
    slot += 1;
    slots.set(a, slot);
    if (c.milestones.some((m) => m.kind === 'event-window' && m.window.from === a)) slot += 1;
  }
  const at = (n: number) => start.plus({ minutes: n * pace.minutesPerDeadline });
  const day = (t: DateTime) => t.toISODate() as string;
  const hm = (t: DateTime) => t.toFormat('HH:mm');
  const milestones = c.milestones.map((m): Milestone => {
    const n = slots.get(anchor(m)) ?? 1;
    const common = { reminders: reminders(m.reminders, pace), escalation: escalation(m.escalation, pace) };
    if (m.kind === 'event-window') {
      const opens = at(n - 1);
      const closes = at(n + 1);
      return {
        ...m,
        ...common,
        window: { from: day(opens), to: day(closes), fromTime: hm(opens), toTime: hm(closes) },
      };
    }
    const due = at(n);
    return { ...m, ...common, due: { kind: 'at', date: day(due), time: hm(due) } };
  });
  const stamp = start.toFormat('yyyyMMdd-HHmm');
  return {
    ...c,
    campaign: {
      ...c.campaign,
      id: `demo-bac-giang-${stamp}`,
      title: `[Demo] ${c.campaign.title}`,
      document: { ...c.campaign.document, issued: day(DateTime.fromJSDate(now, { zone })) },
    },
    milestones,
  };
}
