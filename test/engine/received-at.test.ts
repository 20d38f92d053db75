// Issue 15, defect 17: on time follows when the unit sent its submission (SubmitInput.receivedAt, set by the CLI
// and the portal), not when a workflow task got to it, within RECEIVED_AT_SLACK_MS; a client cannot date one
// back further than that.
import { stateQuery, submitUpdate } from '../../contract/messages';
import { judgedAt, RECEIVED_AT_SLACK_MS } from '../../workflows/unit/received-at';
import { plan, tinyCampaign } from '../support/campaigns';
import { Engine, milestone } from '../support/engine';

describe('judgedAt', () => {
  const recorded = '2030-05-10T00:05:00.000Z';
  it.each([
    ['a client instant five minutes earlier', '2030-05-10T00:00:00.000Z', '2030-05-10T00:00:00.000Z', true],
    [
      'one at the edge of the slack',
      new Date(Date.parse(recorded) - RECEIVED_AT_SLACK_MS).toISOString(),
      undefined,
      true,
    ],
    ['one beyond the slack', '2030-05-09T23:00:00.000Z', recorded, false],
    ['one in the future (a clock ahead)', '2030-05-10T00:06:00.000Z', recorded, false],
    ['no instant', undefined, recorded, false],
    ['not an instant', 'hôm qua', recorded, false],
  ])('%s', (_what, received, at, client) => {
    const j = judgedAt(recorded, received);
    expect(j.client).toBe(client);
    expect(j.at).toBe(at ?? received);
  });
});

const engine = new Engine('received-at');
let due: string;

beforeAll(async () => {
  await engine.start((y) => {
    const year = y + 1;
    const date = `${year}-05-10`;
    return tinyCampaign(
      [plan('ke-hoach', { kind: 'before', date }), plan('bao-cao', { kind: 'before', date })],
      {
        id: 'received-at',
        document: { issued: `${year}-01-02` },
      },
    );
  });
  const unit = await engine.unit('xa-a');
  due = milestone(await unit.query(stateQuery), 'ke-hoach').schedule.dueAt;
  await engine.advanceTo(due, 5 * 60_000);
});
afterAll(() => engine.stop());

const before = (minutes: number) => new Date(Date.parse(due) - minutes * 60_000).toISOString();

async function submit(milestoneId: string, receivedAt: string) {
  const unit = await engine.unit('xa-a');
  const receipt = await unit.executeUpdate(submitUpdate, {
    args: [{ milestoneId, actor: 'Văn thư', payload: { document: { title: 'KH' } }, receivedAt }],
  });
  return { receipt, ms: milestone(await unit.query(stateQuery), milestoneId) };
}

it('counts a submission sent before the deadline on time, though recorded after it', async () => {
  const { receipt, ms } = await submit('ke-hoach', before(1));
  expect(receipt).toMatchObject({ onTime: true, status: 'submitted' });
  expect(ms.submissions[0]?.receivedAt).toBe(before(1));
  expect(Date.parse(ms.submissions[0]?.at ?? '')).toBeGreaterThan(Date.parse(due));
});

it('takes the workflow clock for an instant dated back beyond the slack: late', async () => {
  const { receipt, ms } = await submit('bao-cao', before(60 * 24));
  expect(receipt).toMatchObject({ onTime: false, status: 'late' });
  expect(ms.submissions[0]?.receivedAt).toBeUndefined();
});
