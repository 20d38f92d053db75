// Issue 15, defect 20: anyone who reaches the Temporal namespace can start a campaign workflow with a definition
// `dondoc start` would have refused. The worker checks it again before any unit starts (activities/unit-starts.ts,
// core/definition/recheck.ts): the campaign workflow fails naming why, no unit starts, no email goes. And a
// notice itself goes only to plain addresses, whatever started the workflow that asks for it.
import { WorkflowFailedError } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import type { Campaign } from '../../core/definition/types';
import { notice } from '../mail/notices';
import { plan, tinyCampaign } from '../support/campaigns';
import { Engine } from '../support/engine';

const engine = new Engine('forged-definition');
let year: number;

function good(id: string): Campaign {
  return tinyCampaign([plan('ke-hoach', { kind: 'before', date: `${year}-05-10` })], {
    id,
    document: { issued: `${year}-01-02` },
  });
}

beforeAll(async () => {
  await engine.start((y) => {
    year = y + 1;
    return good('forged-control');
  });
});
afterAll(() => engine.stop());

const FORGED: [string, (c: Campaign) => void, RegExp][] = [
  [
    'an address with a header in it',
    (c) => {
      (c.units[1] as { emails: string[] }).emails = ['a@example.org\r\nBcc: all@example.org'];
    },
    /units\[1\]\.emails/,
  ],
  [
    'a unit id that is a built-in name',
    (c) => {
      (c.units[1] as { id: string }).id = 'constructor';
    },
    /constructor/,
  ],
  [
    'a due date past the lunar table',
    (c) => {
      (c.milestones[0] as { due: unknown }).due = { kind: 'before', date: '2250-01-01' };
    },
    /milestones\[0\]/,
  ],
  [
    'a unit whose superior does not exist',
    (c) => {
      (c.units[1] as { parent: string }).parent = 'nobody';
    },
    /nobody/,
  ],
  [
    'a template that prints raw HTML',
    (c) => {
      c.templates = { 'vi/reminder.html': '<p>{{{unit.name}}}</p>' };
    },
    /\{\{\{unit\.name\}\}\}/,
  ],
];

describe('a definition started behind the command line', () => {
  it.each(FORGED)(
    'with %s fails the campaign, starts no unit and sends nothing',
    async (_what, forge, why) => {
      const id = `forged-${Math.random().toString(36).slice(2, 8)}`;
      const c = good(id);
      forge(c);
      const handle = await engine.env.client.workflow.start('campaignWorkflow', {
        taskQueue: engine.taskQueue,
        workflowId: campaignWorkflowId(id),
        args: [{ campaign: c }],
      });
      const failure = await handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const message = String(((failure as WorkflowFailedError).cause?.cause as Error | undefined)?.message);
      expect(message).toMatch(new RegExp(`^định nghĩa chiến dịch ${id} không chạy được`));
      expect(message).toMatch(why);
      for (const u of c.units) {
        await expect(
          engine.env.client.workflow.getHandle(unitWorkflowId(id, u.id)).describe(),
        ).rejects.toThrow();
      }
      // The control campaign of beforeAll may still be mailing: only this campaign's mail counts.
      const mine = engine.smtp.received.filter((m) => m.parsed.headers.get('x-dondoc-campaign') === id);
      expect(mine).toEqual([]);
    },
  );

  it('the same definition, unforged, runs', async () => {
    await engine.unit('xa-a');
    await engine.smtp.waitFor((all) => all.some((m) => m.parsed.headers.get('x-dondoc-unit') === 'xa-a'));
  });
});

describe('a notice to an address that is not one', () => {
  it.each([
    ['a header after it', 'a@example.org\r\nBcc: x@example.org'],
    ['two addresses in one', 'a@example.org, b@example.org'],
    ['a display name', 'Ai đó <a@example.org>'],
    ['no address', ''],
  ])('with %s is refused for good, and nothing is sent', async (_what, to) => {
    const activities = createActivities({
      transport: (await import('nodemailer')).default.createTransport({
        host: '127.0.0.1',
        port: engine.smtp.port,
        ignoreTLS: true,
      }),
      from: 'PV05 <pv05@example.org>',
    });
    const n = { ...notice('reminder', 'vi'), to: to ? [to] : [] };
    await expect(new MockActivityEnvironment().run(activities.sendNotice, n)).rejects.toThrow(
      /is not an e-mail address/,
    );
    expect(engine.smtp.received.filter((m) => m.messageId === n.messageId)).toEqual([]);
  });
});
