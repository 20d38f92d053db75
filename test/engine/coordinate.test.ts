// A unit that coordinates a milestone ("phối hợp", `coordinate`) hears when it opens and nothing more: no
// reminder, no escalation, owing nothing; the unit implementing it beside it is reminded and escalated as ever.
// The issuer's daily digest copies (Cc) the recipients for information only (`copyTo`), the campaign's and the
// milestone's. Three units, one milestone, on the time-skipping server.
import { aggregateQuery, stateQuery, submitUpdate } from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign, Unit } from '../../core/definition/types';
import type { SubtreeAggregate } from '../../core/report/aggregate';
import { DEFAULT_REMINDERS, plan } from '../support/campaigns';
import { Engine, kindOf, milestone, rejection, ZONE } from '../support/engine';

const engine = new Engine('coordinate');
const C = 'phoi-hop';
const ISSUER = 'bcd@tinh.example.org';
const COPIED = ['v05@bca.example.org', 'tu@tinh.example.org'];

function campaign(year: number): Campaign {
  const district = (id: string, name: string): Unit => ({
    id,
    name,
    level: 'district',
    parent: 'tinh',
    emails: [`${id}@example.org`],
    tags: [],
  });
  return {
    campaign: {
      id: C,
      title: 'Chiến dịch thử phối hợp',
      issuer: 'tinh',
      document: { issued: `${year}-01-05` },
      timeZone: ZONE,
      language: 'vi',
      copyTo: [{ name: 'Cục V05, Bộ Công an', emails: ['v05@bca.example.org'] }],
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'district', name: 'Huyện' },
    ],
    units: [
      { id: 'tinh', name: 'Ban Chỉ đạo tỉnh', level: 'province', emails: [ISSUER], tags: [] },
      district('huyen-a', 'Huyện A'),
      district('cong-an', 'Công an huyện'),
    ],
    calendar: DEFAULT_CALENDAR_RULES,
    milestones: [
      plan(
        'ke-hoach',
        { kind: 'before', date: `${year}-03-10` },
        {
          title: 'Kế hoạch tổ chức',
          appliesTo: { units: ['huyen-a'] },
          coordinate: { units: ['cong-an'] },
          copyTo: [{ name: 'Thường trực Tỉnh ủy', emails: ['tu@tinh.example.org'] }],
          reminders: { ...DEFAULT_REMINDERS, offsets: ['P1D'] },
          escalation: {
            steps: [
              { after: 'P1D', to: ['unit'] },
              { after: 'P2D', to: ['unit', 'parent'] },
            ],
            maxRepeats: 0,
            sendAt: '08:00',
            workingDaysOnly: true,
            digest: 'daily',
          },
        },
      ),
    ],
  };
}

beforeAll(() => engine.start((y) => campaign(y + 1)));
afterAll(async () => {
  // Replayed by test/replay.test.ts: a unit whose plan names a milestone it coordinates, and the issuer's digest
  // copied to the recipients for information.
  await engine.recordHistories('coordinate', ['tinh', 'huyen-a', 'cong-an']);
  await engine.stop();
});

const mailTo = (unitId: string) =>
  engine.smtp.received.filter((m) => m.envelopeTo.includes(`${unitId}@example.org`));
const digests = () => engine.smtp.received.filter((m) => kindOf(m) === 'digest');

async function aggregateWhen(ok: (a: SubtreeAggregate) => boolean): Promise<SubtreeAggregate> {
  const issuer = await engine.unit('tinh');
  let last: SubtreeAggregate | undefined;
  for (let i = 0; i < 200; i++) {
    last = await issuer.query(aggregateQuery);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last as SubtreeAggregate;
}

it('the coordinating unit gets the opening notice alone; the implementing one its reminders and escalations', async () => {
  const s = unitSchedule(engine.campaign, 'huyen-a').find((x) => x.milestoneId === 'ke-hoach');
  const p2 = s?.escalations[1];
  if (!s || !p2) throw new Error('no schedule');
  const coordinating = await engine.unit('cong-an');
  await engine.unit('huyen-a');
  await engine.smtp.waitFor(() => mailTo('cong-an').length >= 1 && mailTo('huyen-a').length >= 1);
  const [opened] = mailTo('cong-an');
  expect(kindOf(opened as never)).toBe('opened');
  expect(opened?.subject).toMatch(/^\[Phối hợp\] Công an huyện: Kế hoạch tổ chức, hạn trước ngày/);
  expect(opened?.text).toContain('Công an huyện là đơn vị phối hợp: Kế hoạch tổ chức.');
  // No invite: it owes no deadline (the implementing unit's opening notice has one).
  expect(opened?.parsed.attachments.filter((a) => a.contentType.startsWith('text/calendar'))).toEqual([]);
  expect(mailTo('huyen-a')[0]?.subject).toMatch(/^\[Triển khai\] /);

  // It owes nothing: it cannot submit, and it counts nowhere in the issuer's aggregate.
  const refused = await rejection(
    coordinating.executeUpdate(submitUpdate, {
      args: [
        { milestoneId: 'ke-hoach', actor: 'Công an huyện', payload: { document: { title: 'Kế hoạch' } } },
      ],
    }),
  );
  expect(refused).toContain("chỉ phối hợp mốc 'ke-hoach'");
  const before = await aggregateWhen((a) => a.units === 3);
  expect(before.tallies['ke-hoach']).toEqual({
    expected: 1,
    submitted: 0,
    onTime: 0,
    late: 0,
    waived: 0,
    missing: 1,
  });

  // Past the deadline and both escalation steps, nobody having sent anything.
  await engine.advanceTo(p2.at);
  await engine.smtp.waitFor(() => digests().length >= 1, 20_000);
  expect(engine.mailFor('huyen-a', 'ke-hoach', 'reminder', 'last-day')).toHaveLength(1);
  expect(engine.mailFor('huyen-a', 'ke-hoach', 'overdue')).toHaveLength(2);
  expect(mailTo('cong-an').map(kindOf)).toEqual(['opened']);
  expect(engine.mailFor('cong-an', 'ke-hoach').map(kindOf)).toEqual(['opened']);

  const state = milestone(await coordinating.query(stateQuery), 'ke-hoach');
  expect(state.status).toBe('coordinating');
  expect(state.sent.map((n) => n.kind)).toEqual(['opened']);
  const implementing = milestone(await (await engine.unit('huyen-a')).query(stateQuery), 'ke-hoach');
  expect(implementing.status).toBe('overdue');
  const after = await aggregateWhen((a) => a.units === 3);
  expect(after.tallies['ke-hoach']).toMatchObject({ expected: 1, missing: 1 });

  // The issuer's digest lists the implementing unit alone, copied to the recipients for information only.
  const [digest, ...more] = digests();
  expect(more).toEqual([]);
  expect(digest?.envelopeTo.sort()).toEqual([ISSUER, ...COPIED].sort());
  expect(
    digest?.parsed.to && 'value' in digest.parsed.to && digest.parsed.to.value.map((a) => a.address),
  ).toEqual([ISSUER]);
  const cc = digest?.parsed.cc;
  expect(cc && !Array.isArray(cc) ? cc.value.map((a) => a.address) : cc).toEqual(COPIED);
  expect((digest?.text ?? '').split('\n').filter((l) => l.startsWith('- '))).toEqual([
    expect.stringMatching(/^- Huyện A: Kế hoạch tổ chức, hạn trước ngày/),
  ]);
  const issuer = await (await engine.unit('tinh')).query(stateQuery);
  expect(issuer.digest?.sent).toEqual([
    expect.objectContaining({ to: [ISSUER], cc: COPIED, rows: ['huyen-a/ke-hoach'] }),
  ]);
});
