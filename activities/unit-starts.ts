// What a unit workflow starts with: its plan and its schedule, computed here from the campaign's definition as
// the campaign workflow's start event holds it (campaign-start.ts), so no unit asks the campaign workflow
// anything while it starts.

import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { MailRoute, UnitStart } from '../contract/messages';
import type { MilestoneSchedule } from '../core/calendar/schedule';
import { formatWhere } from '../core/definition/issues';
import { recheckCampaign } from '../core/definition/recheck';
import type { Campaign } from '../core/definition/types';
import { unitPlans } from '../workflows/plan/unit-plan';
import { readCampaignStart } from './campaign-start';
import { validateTemplates } from './mail/templates';

export type ScheduleOf = (c: Campaign, milestones: Campaign['milestones']) => MilestoneSchedule[];

const CACHE_SIZE = 16;

/**
 * A superior passes its subordinates' reports up at most this often: at 08:00 or during a wave of submissions
 * the issuer gets one signal per district every two seconds, not one per school's change.
 */
export const REPORT_EVERY_MS = 2_000;

/**
 * The worker runs only what `dondoc start` would have accepted: a definition started some other way (anyone who
 * reaches the Temporal namespace can start a campaign workflow) is checked again here, before any unit starts,
 * and refused for good (the campaign workflow fails, naming why). SECURITY.md.
 */
function refuseUnrunnable(campaignId: string, c: Campaign): void {
  const issues = [
    ...recheckCampaign(c),
    ...(c.templates && typeof c.templates === 'object' ? validateTemplates(c.templates, 'templates') : []),
  ];
  if (issues.length === 0) return;
  const shown = issues.slice(0, 5).map((i) => `${formatWhere(i)}: ${i.message}`);
  throw ApplicationFailure.nonRetryable(
    `định nghĩa chiến dịch ${campaignId} không chạy được (${issues.length} lỗi): ${shown.join('; ')}`,
    'DefinitionRejected',
  );
}

/**
 * Each unit's start input, by campaign: the plans of a campaign are computed once per worker (a definition never
 * changes while its campaign runs; the cache is keyed by the campaign's first run). `mail`: how the units this
 * worker starts send their notices, and `batchReminders` whether they leave their reminders to their parent
 * unit's batches (the worker's settings).
 */
export function unitStarts(
  client: Client,
  scheduleOf: ScheduleOf,
  mail?: MailRoute,
  reportEveryMs = REPORT_EVERY_MS,
  batchReminders = true,
) {
  const cache = new Map<string, (unitId: string) => UnitStart | undefined>();
  return async (campaignId: string): Promise<(unitId: string) => UnitStart | undefined> => {
    const { firstRunId, input } = await readCampaignStart(client, campaignId);
    const cached = cache.get(firstRunId);
    if (cached) return cached;
    const c = input.campaign;
    refuseUnrunnable(campaignId, c);
    // The campaign's own templates are named by its first run (as the campaign workflow names them).
    const templatesVersion = c.templates && Object.keys(c.templates).length > 0 ? firstRunId : undefined;
    const planOf = unitPlans(c, {
      ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
      ...(templatesVersion ? { templatesVersion } : {}),
      ...(mail ? { mail } : {}),
      // Batched reminders go with local sends only: with a sending rate each email must be an activity of its own.
      ...(batchReminders && mail && 'local' in mail ? { batchReminders: true as const } : {}),
      statusMemo: true,
      sendsInTask: true,
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
