// A definition of 20,000 units is over Temporal's 2 MiB payload limit as plain JSON: the dev server refuses
// it without dondoc's codec and accepts it with it, and the history gives the definition back intact.
import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign, Unit } from '../../core/definition/types';
import { GZIP_ENCODING, LargePayloadGzipCodec } from '../../core/payload-codec';
import { plan } from '../support/campaigns';
import { createDevServerEnv } from '../support/temporal';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createDevServerEnv();
});

afterAll(async () => {
  await env?.teardown();
});

function huge(units: number): Campaign {
  const list: Unit[] = [
    { id: 'tinh', name: 'Tỉnh', level: 'province', emails: ['tinh@example.org'], tags: [] },
  ];
  for (let i = 0; list.length < units; i++) {
    list.push({
      id: `xa-${i}`,
      name: `Ủy ban nhân dân xã số ${i}`,
      level: 'commune',
      parent: 'tinh',
      emails: [`ubnd.xa${i}@example.org`],
      tags: ['xa'],
    });
  }
  return {
    campaign: {
      id: 'rat-lon',
      title: 'Chiến dịch 20.000 đơn vị',
      issuer: 'tinh',
      document: { issued: '2027-01-04' },
      timeZone: 'Asia/Ho_Chi_Minh',
      language: 'vi',
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'commune', name: 'Xã' },
    ],
    units: list,
    calendar: DEFAULT_CALENDAR_RULES,
    milestones: [plan('ke-hoach', { kind: 'before', date: '2027-03-10' })],
  };
}

it('small payloads pass unchanged; large ones are gzipped and come back whole', async () => {
  const codec = new LargePayloadGzipCodec(100);
  const small = { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new Uint8Array(10) };
  expect(await codec.encode([small])).toEqual([small]);
  const data = new TextEncoder().encode(JSON.stringify({ text: 'đôn đốc '.repeat(100) }));
  const big = { metadata: { encoding: new TextEncoder().encode('json/plain') }, data };
  const [encoded] = await codec.encode([big]);
  expect(new TextDecoder().decode(encoded?.metadata?.encoding ?? undefined)).toBe(GZIP_ENCODING);
  expect(encoded?.data?.length).toBeLessThan(data.length / 5);
  const [decoded] = await codec.decode([encoded as typeof big]);
  expect(Buffer.from(decoded?.data ?? []).equals(Buffer.from(data))).toBe(true);
});

it('a 20,000-unit campaign starts only through the codec, and its history holds the whole definition', async () => {
  const campaign = huge(20_000);
  expect(JSON.stringify(campaign).length).toBeGreaterThan(2 * 1024 * 1024);
  const start = (client: Client, workflowId: string) =>
    client.workflow.start('campaignWorkflow', { taskQueue: 'no-worker', workflowId, args: [{ campaign }] });

  const plain = new Client({ connection: env.connection });
  const refused = await start(plain, 'rat-lon-plain').then(
    () => undefined,
    (err: Error) => `${err.message}: ${(err.cause as Error | undefined)?.message}`,
  );
  expect(refused).toMatch(/Failed to start Workflow: .*(size|limit)/i);

  const handle = await start(env.client, 'rat-lon');
  const history = await handle.fetchHistory();
  const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  expect(input[0]?.data?.length).toBeLessThan(2 * 1024 * 1024);
  const [decoded] = await new LargePayloadGzipCodec().decode(input);
  const back = defaultPayloadConverter.fromPayload<{ campaign: Campaign }>(decoded as (typeof input)[0]);
  expect(back.campaign.units).toHaveLength(20_000);
  expect(back.campaign.units[19_999]).toEqual(campaign.units[19_999]);
  await handle.terminate('test over');
});
