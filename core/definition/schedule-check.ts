// Before anything starts: the schedule of every milestone, computed as the workflows will compute it (the plan
// activity calls the same `milestoneSchedule`; every unit a milestone applies to shares its schedule), each
// instant inside the years the lunisolar table covers. A campaign whose schedule cannot be computed (a due date
// in 2200, a weekend of seven days, an offset of P100000Y) is refused here, each failure named by its path,
// instead of failing in a worker activity that would retry forever.
import { DateTime } from 'luxon';
import { MAX_YEAR, MIN_YEAR } from '../calendar/lunar';
import { type MilestoneSchedule, milestoneSchedule } from '../calendar/schedule';
import { WorkCalendar } from '../calendar/workdays';
import { HOSTILE, SCHEDULE_PART, SCHEDULE_REASON } from './hostile-messages';
import type { DefinitionIssue } from './issues';
import type { Lang, Text } from './messages';
import type { Campaign, Milestone } from './types';

type Part = 'due' | 'reminders' | 'escalation';

/** Why computing failed, in words. */
function reason(err: unknown): Text {
  const message = err instanceof Error ? err.message : String(err);
  const year = /Year (-?\d+) outside|Invalid date "\+?(-?\d+)-/.exec(message);
  if (year) return SCHEDULE_REASON.range(MIN_YEAR, MAX_YEAR, String(Number(year[1] ?? year[2])));
  if (/No working day|No day available/.test(message)) return SCHEDULE_REASON.noWorkingDay;
  return SCHEDULE_REASON.other(message);
}

/** The first instant of a schedule outside MIN_YEAR..MAX_YEAR (or not an instant at all), as a reason. */
function outOfRange(s: MilestoneSchedule, zone: string): Text | undefined {
  const instants = [s.opensAt, s.dueAt, ...s.reminders.map((r) => r.at), ...s.escalations.map((e) => e.at)];
  for (const at of instants) {
    const dt = typeof at === 'string' ? DateTime.fromISO(at, { zone }) : undefined;
    if (at !== undefined && (!dt?.isValid || dt.year < MIN_YEAR || dt.year > MAX_YEAR)) {
      return SCHEDULE_REASON.range(MIN_YEAR, MAX_YEAR, dt?.isValid ? String(dt.year) : String(at));
    }
  }
  return undefined;
}

/** The milestone with only one part of its schedule: its due date, its reminders or its escalations. */
function only(m: Milestone, part: Part): Milestone {
  const reminders = part === 'reminders' ? m.reminders : { ...m.reminders, offsets: [], beforeOpen: [] };
  const escalation = part === 'escalation' ? m.escalation : { ...m.escalation, steps: [] };
  return { ...m, reminders, escalation } as Milestone;
}

function partIssue(campaign: Campaign, m: Milestone, part: Part, cal: WorkCalendar): Text | undefined {
  try {
    return outOfRange(milestoneSchedule(campaign, only(m, part), {}, cal), campaign.campaign.timeZone);
  } catch (err) {
    return reason(err);
  }
}

const PATH: Record<Part, string> = { due: 'due', reminders: 'reminders', escalation: 'escalation' };

/** The issues of the milestones whose schedule cannot be computed, named by path, in `lang`. */
export function scheduleIssues(campaign: Campaign, file: string, lang: Lang): DefinitionIssue[] {
  // A weekend of every day leaves no day to send on: said once, at its own path.
  if (new Set(campaign.calendar.weekend).size >= 7) {
    const message = HOSTILE.scheduleFails(SCHEDULE_PART.calendar, SCHEDULE_REASON.noWorkingDay)[lang];
    return [{ file, path: ['calendar', 'weekend'], code: 'unschedulable', message }];
  }
  const cal = new WorkCalendar(campaign.calendar);
  const issues: DefinitionIssue[] = [];
  campaign.milestones.forEach((m, index) => {
    for (const part of ['due', 'reminders', 'escalation'] as const) {
      const why = partIssue(campaign, m, part, cal);
      if (!why) continue;
      const key = part === 'due' && m.kind === 'event-window' ? 'window' : PATH[part];
      const message = HOSTILE.scheduleFails(SCHEDULE_PART[part], why)[lang];
      issues.push({ file, path: ['milestones', index, key], code: 'unschedulable', message });
      if (part === 'due') break;
    }
  });
  return issues;
}
