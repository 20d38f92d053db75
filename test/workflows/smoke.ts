/**
 * Tiny workflows that smoke-test the Temporal test servers. Workflow code: deterministic, no Node imports.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { condition, defineSignal, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Keyword search attribute carrying the campaign id; must be registered on the server. */
export const campaignKey = defineSearchAttributeKey('DondocCampaign', SearchAttributeType.KEYWORD);

/** Lets a `tagged` workflow complete. */
export const finishSignal = defineSignal('finish');

/** Sleeps `days` days of workflow time and reports how much workflow time passed. */
export async function sleeper(input: { days: number }): Promise<{ sleptMs: number }> {
  const start = Date.now();
  await sleep(input.days * DAY_MS);
  return { sleptMs: Date.now() - start };
}

/** Tags itself with `DondocCampaign = input.campaign`, then waits for `finish`. */
export async function tagged(input: { campaign: string }): Promise<void> {
  let finished = false;
  setHandler(finishSignal, () => {
    finished = true;
  });
  upsertSearchAttributes([{ key: campaignKey, value: input.campaign }]);
  await condition(() => finished);
}
