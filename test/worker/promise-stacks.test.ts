// The workflow threads run without the SDK's promise hook unless DONDOC_WORKFLOW_STACK_TRACES asks for it
// (worker/promise-stacks.ts): the `__stack_trace` query says so, and the same campaign runs alike either way.
import { submitUpdate } from '../../contract/messages';
import { bacGiangIn } from '../support/campaigns';
import { Engine } from '../support/engine';

const off = new Engine('stacks-off');
const on = new Engine('stacks-on', { workflowStackTraces: true });

beforeAll(async () => {
  await Promise.all([off.start((y) => bacGiangIn(y + 1)), on.start((y) => bacGiangIn(y + 1))]);
});

afterAll(async () => {
  await Promise.all([off.stop(), on.stop()]);
});

/** A unit's submission, and then its `__stack_trace` query (a rejection's message, or the stacks). */
async function submitThenStacks(engine: Engine): Promise<string> {
  const unit = await engine.unit('luc-ngan');
  const receipt = await unit.executeUpdate(submitUpdate, {
    args: [
      { milestoneId: 'ke-hoach', actor: 'Nguyễn Văn A', payload: { document: { title: 'Kế hoạch 12' } } },
    ],
  });
  expect(receipt).toMatchObject({ unitId: 'luc-ngan', milestoneId: 'ke-hoach' });
  try {
    return String(await unit.query<string>('__stack_trace'));
  } catch (err) {
    const why = (e: unknown): string =>
      e instanceof Error ? [e.message, ...(e.cause ? [why(e.cause)] : [])].join(': ') : String(e);
    return `refused: ${why(err)}`;
  }
}

it('by default the workflow threads record no promise stacks; the workflows run as before', async () => {
  expect(off.workersInfo()?.workflowStackTraces).toBe(false);
  expect(await submitThenStacks(off)).toMatch(
    /^refused: .*Workflow stack traces are not enabled on this worker/,
  );
});

it('DONDOC_WORKFLOW_STACK_TRACES=true keeps them: the query shows where the unit waits', async () => {
  expect(on.workersInfo()?.workflowStackTraces).toBe(true);
  const stacks = await submitThenStacks(on);
  expect(stacks).not.toMatch(/^refused/);
  expect(stacks).toMatch(/\bat /);
});
