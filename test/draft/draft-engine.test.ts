// A draft, once filled, runs: each seed plan drafted from its text, every placeholder filled as an administrator
// would, loaded through validation, moved to next year (the time-skipping server starts today) and started on the
// time-skipping server with a real worker and SMTP server. Every unit of each starts, and Bình Sơn's drafted
// deadline reminds a commune at its scheduled instant, with the plan's date.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { mailTemplateChecker } from '../../activities/mail/templates';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import { stateQuery } from '../../contract/messages';
import { unitSchedule } from '../../core/calendar/schedule';
import { loadCampaignFile } from '../../core/definition/load';
import type { Campaign } from '../../core/definition/types';
import { draftCampaign } from '../../core/draft/build';
import { Engine } from '../support/engine';
import { EXPECTED, type Seed } from './expected';
import { fillDraft, seedText, tempDir } from './support';

const engine = new Engine('draft-engine');
let campaign: Campaign;
let year: number;

function shift(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

/** The filled draft, validated, its dates moved from 2024 to `target`. */
async function filledDraftIn(target: number, seed: Seed = 'binh-son-district-2024'): Promise<Campaign> {
  const file = path.join(tempDir(), `${seed}.yaml`);
  writeFileSync(
    file,
    fillDraft(draftCampaign(seedText(seed), { source: `${seed}.txt` }).yaml, EXPECTED[seed]),
  );
  const loaded = await loadCampaignFile(file, mailTemplateChecker);
  if (!loaded.ok) throw new Error(`the filled draft does not validate: ${JSON.stringify(loaded.issues)}`);
  const c = loaded.campaign;
  const years = target - 2024;
  return {
    ...c,
    campaign: {
      ...c.campaign,
      id: `draft-${seed.split('-').slice(0, 2).join('-')}-${target}`,
      document: { ...c.campaign.document, issued: shift(c.campaign.document.issued, years) },
    },
    milestones: c.milestones.map((m) =>
      m.kind === 'event-window'
        ? { ...m, window: { ...m.window, from: shift(m.window.from, years), to: shift(m.window.to, years) } }
        : { ...m, due: { ...m.due, date: shift(m.due.date, years) } },
    ),
  };
}

beforeAll(async () => {
  await engine.start(async (y) => {
    year = y + 1;
    campaign = await filledDraftIn(year);
    return campaign;
  });
}, 300_000);

afterAll(async () => {
  await engine.stop();
});

it('starts every unit of the filled draft, and reminds a commune of the drafted deadline on time', async () => {
  for (const u of campaign.units) await engine.unit(u.id);
  const sites = unitSchedule(campaign, 'xa-binh-thanh').find((s) => s.milestoneId === 'dang-ky-diem');
  const first = sites?.reminders[0];
  if (!sites || !first) throw new Error('no reminder scheduled for dang-ky-diem');
  expect(Date.parse(sites.dueAt)).toBe(Date.parse(`${year}-05-20T00:00:00+07:00`));
  await engine.advanceTo(first.at);
  await engine.smtp.waitFor(
    () => engine.mailFor('xa-binh-thanh', 'dang-ky-diem', 'reminder', 'last-day').length > 0,
    30_000,
  );
  const [reminder] = engine.mailFor('xa-binh-thanh', 'dang-ky-diem', 'reminder', 'last-day');
  if (!reminder) throw new Error('no reminder');
  expect(reminder.envelopeTo).toEqual(['xa-binh-thanh@example.org']);
  expect(reminder.parsed.text).toContain(`20/05/${year}`);
  // Sent at the reminder's instant (the mail's Date is the workflow's time when it sent it).
  expect(Math.abs((reminder.parsed.date?.getTime() ?? 0) - Date.parse(first.at))).toBeLessThan(60_000);
});

it('starts every unit of the other two filled drafts too', async () => {
  const others: Seed[] = ['bac-giang-province-2024', 'dong-thap-inspectorate-movement-2024'];
  const env = engine.env;
  for (const seed of others) {
    const c = await filledDraftIn(year, seed);
    await env.client.workflow.start('campaignWorkflow', {
      taskQueue: engine.taskQueue,
      workflowId: campaignWorkflowId(c.campaign.id),
      args: [{ campaign: c }],
    });
    for (const u of c.units) {
      const handle = env.client.workflow.getHandle(unitWorkflowId(c.campaign.id, u.id));
      let started = false;
      for (let i = 0; i < 200 && !started; i++) {
        started = await handle.query(stateQuery).then(
          () => true,
          () => new Promise<boolean>((r) => setTimeout(() => r(false), 50)),
        );
      }
      expect([seed, u.id, started]).toEqual([seed, u.id, true]);
    }
  }
}, 120_000);
