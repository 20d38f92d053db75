// A unit's plan as its own workflow holds it: the first event of the unit workflow's latest run (its start input,
// or what a continue-as-new carried). One small history event, so a submission needs neither the campaign's
// whole definition nor anything from the campaign workflow, which may be busy with thousands of units.
import type { Client } from '@temporalio/client';
import { unitWorkflowId } from '../../contract/ids';
import type { UnitPlan, UnitWorkflowInput } from '../../contract/messages';
import { decodeFirst, firstEvent } from '../history';

/** The unit's plan; undefined when there is no such unit workflow, or it was started without one in its input. */
export async function readUnitPlan(input: {
  client: Client;
  campaignId: string;
  unitId: string;
}): Promise<UnitPlan | undefined> {
  const { client } = input;
  const first = await firstEvent(client, unitWorkflowId(input.campaignId, input.unitId));
  const started = first?.workflowExecutionStartedEventAttributes;
  if (!started) return undefined;
  const wf = (await decodeFirst(client, started.input)) as Partial<UnitWorkflowInput> | undefined;
  const plan = wf?.start?.plan ?? wf?.carried?.plan;
  return plan?.unit?.id === input.unitId && plan.campaign?.id === input.campaignId ? plan : undefined;
}
