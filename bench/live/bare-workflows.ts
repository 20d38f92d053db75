// The raw baseline's workflow, the naive design: sleep until the instant in its input (if any), send one email
// through one activity, then wait for a `submit` update (which records it and returns) and finish.
import { condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { type BareActivities, type BareInput, bareSubmit } from './bare-contract';

const { sendOne } = proxyActivities<BareActivities>({ startToCloseTimeout: '2 minutes' });

export async function bareWorkflow(input: BareInput): Promise<string> {
  let submitted: { by: string; at: number } | undefined;
  setHandler(bareSubmit, (by) => {
    submitted = { by, at: Date.now() };
    return submitted;
  });
  if (input.sendAt !== undefined && input.sendAt > Date.now()) await sleep(input.sendAt - Date.now());
  await sendOne(input);
  await condition(() => submitted !== undefined);
  return submitted?.by ?? '';
}
