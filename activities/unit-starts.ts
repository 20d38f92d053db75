// What a unit workflow starts with: its plan and its schedule, computed here from the campaign's definition as
// the campaign workflow's start event holds it (read once per campaign and worker, one history event), so no
// unit asks the campaign workflow anything while it starts: a query to a workflow busy with thousands of
// starting units is what the server refuses first ("consistent query buffer is full").
import type { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { campaignWorkflowId } from '../contract/ids';
import type { CampaignWorkflowInput, UnitStart } from '../contract/messages';
import type { MilestoneSchedule } from '../core/calendar/schedule';
import type { Campaign } from '../core/definition/types';
import { unitPlans } from '../workflows/plan/unit-plan';

export type ScheduleOf = (c: Campaign, milestones: Campaign['milestones']) => MilestoneSchedule[];

/** The campaign's first run id and its start input, from the first event of its current run. */
async function campaignStart(
  client: Client,
  campaignId: string,
): Promise<{ firstRunId: string; input: CampaignWorkflowInput }> {
  const page = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId: campaignWorkflowId(campaignId) },
    maximumPageSize: 1,
  });
  const started = page.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
  const input = started
    ? await decodeFromPayloadsAtIndex<CampaignWorkflowInput>(
        client.options.loadedDataConverter,
        0,
        started.input?.payloads,
      )
    : undefined;
  if (!started?.firstExecutionRunId || !input?.campaign)
    throw new Error(`campaign ${campaignId}: no start event with its definition`);
  return { firstRunId: started.firstExecutionRunId, input };
}

const CACHE_SIZE = 16;

/**
 * Each unit's start input, by campaign: the plans of a campaign are computed once per worker (a definition never
 * changes while its campaign runs; the cache is keyed by the campaign's first run).
 */
export function unitStarts(client: Client, scheduleOf: ScheduleOf) {
  const cache = new Map<string, (unitId: string) => UnitStart | undefined>();
  return async (campaignId: string): Promise<(unitId: string) => UnitStart | undefined> => {
    const { firstRunId, input } = await campaignStart(client, campaignId);
    const cached = cache.get(firstRunId);
    if (cached) return cached;
    const c = input.campaign;
    // The campaign's own templates are named by its first run (as the campaign workflow names them).
    const templatesVersion = c.templates && Object.keys(c.templates).length > 0 ? firstRunId : undefined;
    const planOf = unitPlans(c, {
      ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
      ...(templatesVersion ? { templatesVersion } : {}),
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
