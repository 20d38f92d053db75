// An extension awaits an activity (the new schedule); a close arriving meanwhile must win: the extension is
// refused, and no "extended" notice goes out after the unit was closed.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { closeUpdate, extendUpdate, stateQuery, type UnitState } from '../../contract/messages';
import { plan, tinyCampaign } from '../support/campaigns';
import { Engine, kindOf, milestone } from '../support/engine';

let holding = false;
let entered: () => void = () => {};
let release: () => void = () => {};
const reached = new Promise<void>((r) => {
  entered = r;
});
const gate = new Promise<void>((r) => {
  release = r;
});

const engine = new Engine('extend-close', {
  // The real schedule activity, held at a gate while the test closes the unit.
  wrapActivities: (real) => ({
    ...real,
    computeUnitSchedule: async (input) => {
      if (holding) {
        entered();
        await gate;
      }
      return await real.computeUnitSchedule(input);
    },
  }),
});
let year: number;

beforeAll(async () => {
  await engine.start((y) => {
    year = y + 1;
    return tinyCampaign([plan('ke-hoach', { kind: 'before', date: `${year}-05-10` })], {
      id: 'extend-close',
      document: { issued: `${year}-01-02` },
    });
  });
});
afterAll(() => engine.stop());

it('refuses an extension still computing its schedule when the unit is closed, and sends no "extended" notice', async () => {
  const unit = await engine.unit('xa-a');
  await engine.smtp.waitFor(() => engine.mailFor('xa-a', 'ke-hoach', 'opened').length === 1);
  const before = milestone(await unit.query(stateQuery), 'ke-hoach');

  holding = true;
  const extending = unit
    .executeUpdate(extendUpdate, {
      args: [{ milestoneId: 'ke-hoach', actor: 'PV05', reason: 'mưa bão', newDue: `${year}-05-20` }],
    })
    .then(
      () => 'accepted',
      (err: unknown) => (err instanceof WorkflowUpdateFailedError ? 'refused' : `error: ${String(err)}`),
    );
  await reached;
  await unit.executeUpdate(closeUpdate, { args: [{ actor: 'PV05', reason: 'kết thúc chiến dịch' }] });
  release();

  expect(await extending).toBe('refused');
  const final = (await unit.result()) as UnitState;
  const ms = milestone(final, 'ke-hoach');
  expect(ms.events.map((e) => e.kind)).not.toContain('extended');
  expect(ms.sent.map((n) => n.kind)).not.toContain('extended');
  expect(ms.schedule.dueAt).toBe(before.schedule.dueAt);
  expect(engine.smtp.received.map(kindOf)).not.toContain('extended');
});
