// A campaign's definition as its workflow's start event holds it: the first event of the campaign workflow's
// current run (a continue-as-new carries the definition on). One history event, read with one call; never a
// query, which the server refuses first when the campaign workflow is busy ("consistent query buffer is full").
import type { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { campaignWorkflowId } from '../contract/ids';
import type { CampaignWorkflowInput } from '../contract/messages';

export interface CampaignStart {
  /** The campaign workflow's first run id: the same across its continue-as-new. */
  firstRunId: string;
  input: CampaignWorkflowInput;
}

export async function readCampaignStart(client: Client, campaignId: string): Promise<CampaignStart> {
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
