// What a unit workflow starts with: its plan and its schedule, computed here from the campaign's definition as
// the campaign workflow's start event holds it (campaign-start.ts), so no unit asks the campaign workflow
// anything while it starts.
import type { Client } from '@temporalio/client';
import type { MailRoute, UnitStart } from '../contract/messages';
import type { MilestoneSchedule } from '../core/calendar/schedule';
import type { Campaign } from '../core/definition/types';
import { unitPlans } from '../workflows/plan/unit-plan';
import { readCampaignStart } from './campaign-start';

export type ScheduleOf = (c: Campaign, milestones: Campaign['milestones']) => MilestoneSchedule[];

const CACHE_SIZE = 16;

/**
 * A superior passes its subordinates' reports up at most this often: at 08:00 or during a wave of submissions
 * the issuer gets one signal per district every two seconds, not one per school's change.
 */
export const REPORT_EVERY_MS = 2_000;

/**
 * Each unit's start input, by campaign: the plans of a campaign are computed once per worker (a definition never
 * changes while its campaign runs; the cache is keyed by the campaign's first run). `mail`: how the units this
 * worker starts send their notices (the worker's setting).
 */
export function unitStarts(
  client: Client,
  scheduleOf: ScheduleOf,
  mail?: MailRoute,
  reportEveryMs = REPORT_EVERY_MS,
) {
  const cache = new Map<string, (unitId: string) => UnitStart | undefined>();
  return async (campaignId: string): Promise<(unitId: string) => UnitStart | undefined> => {
    const { firstRunId, input } = await readCampaignStart(client, campaignId);
    const cached = cache.get(firstRunId);
    if (cached) return cached;
    const c = input.campaign;
    // The campaign's own templates are named by its first run (as the campaign workflow names them).
    const templatesVersion = c.templates && Object.keys(c.templates).length > 0 ? firstRunId : undefined;
    const planOf = unitPlans(c, {
      ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
      ...(templatesVersion ? { templatesVersion } : {}),
      ...(mail ? { mail } : {}),
      statusMemo: true,
      ...(reportEveryMs > 0 ? { reportEveryMs } : {}),
    });
    const startOf = (unitId: string): UnitStart | undefined => {
      const plan = planOf(unitId);
      return plan && { plan, schedules: scheduleOf(c, plan.milestones) };
    };
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(firstRunId, startOf);
    return startOf;
  };
}
