// The portal as people use it, in a real Chromium (Debian's, driven by playwright-core), against the real portal
// server, the Temporal dev server in real time, a real worker and a real SMTP server:
// - a unit opens the link from a real reminder email, sees its milestones with their local due instants, sends a
//   report with one wrong value (the error shows by its field; nothing is recorded), corrects it and gets the
//   receipt; no further reminder for that milestone arrives (while another unit's does);
// - a unit registers fewer sites than the minimum (flagged), then enough with the signed list uploaded beside
//   them; that list and its plan document are downloaded by its district (the plan also by an administrator),
//   byte-identical;
// - one unit's link reaches nothing of another's; altered, revoked and expired links get 403; a form posted
//   without its CSRF token is refused; nothing is written;
// - an administrator sees an overdue unit, extends its deadline with a reason; the unit's page, the "extended"
//   email and the next reminder show the new date; an auditor sees the same pages with no action and gets 403.
// DONDOC_SCREENSHOTS=<dir> also saves the README's screenshots there.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import { FolderDocumentStore } from '../../access/documents';
import { mintUnitLink } from '../../access/tokens';
import { UserStore } from '../../access/users';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import { revokeLinkUpdate, stateQuery, type UnitState } from '../../contract/messages';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign, EscalationPolicy, Milestone } from '../../core/definition/types';
import { demoPdf } from '../../demo/portal-client';
import { cachedDefinitions } from '../../portal/main';
import { buildPortal } from '../../portal/server';
import { CliHarness, until } from '../cli/harness';
import { launchChromium, type TestBrowser } from '../support/browser';
import { freePort } from '../support/ports';
import type { ReceivedMail } from '../support/smtp';

const ZONE = 'Asia/Ho_Chi_Minh';
const secret = new TextEncoder().encode(randomBytes(24).toString('hex'));
const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-browser-'));
const SHOTS = process.env.DONDOC_SCREENSHOTS;
const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri-1' };
const AUDITOR = { username: 'kiemtra', password: 'mat-khau-kiem-tra-1' };

let port: number;
let base: string;
let h: CliHarness;
let app: FastifyInstance;
let browser: TestBrowser;
let campaignId: string;
let t0: DateTime;
/** The report's deadline (an exact minute) and its two reminders, the second after the unit has answered. */
let reportDue: DateTime;
let reminder2At: DateTime;
/** The overdue plan's extended deadline ("trước ngày"), and its reminder, planned for a moment after the extension. */
let extendedTo: DateTime;
let extendedReminderAt: DateTime;
let pdf: Buffer;
let sitesPdf: Buffer;

const seconds = (from: DateTime, to: DateTime) => `PT${Math.round(to.diff(from).as('seconds'))}S`;
const vnDate = (d: DateTime) => d.setZone(ZONE).toFormat('dd/MM/yyyy');

function definition(): Campaign {
  const never: EscalationPolicy = {
    steps: [{ after: 'P30D', to: ['unit'] }],
    maxRepeats: 0,
    sendAt: '08:00',
    workingDaysOnly: false,
  };
  const quiet = { offsets: ['P60D'], sendAt: '08:00', workingDaysOnly: false };
  const communes = { levels: ['commune'] };
  const far = t0.plus({ days: 30 }).toISODate() as string;
  const yesterday = t0.minus({ days: 1 }).toISODate() as string;
  const milestones: Milestone[] = [
    {
      id: 'bao-cao',
      kind: 'result-report',
      title: 'Báo cáo kết quả tổ chức Ngày hội',
      appliesTo: communes,
      due: { kind: 'at', date: reportDue.toISODate() as string, time: reportDue.toFormat('HH:mm') },
      reminders: {
        offsets: [seconds(t0.plus({ seconds: 25 }), reportDue), seconds(reminder2At, reportDue)],
        sendAt: '08:00',
        workingDaysOnly: false,
      },
      escalation: never,
      outline: [
        { id: 'sites', label: 'Số điểm tổ chức', type: 'integer', required: true, min: 0, aggregate: 'sum' },
        {
          id: 'attendance',
          label: 'Số người tham dự',
          type: 'integer',
          required: true,
          min: 0,
          aggregate: 'sum',
        },
      ],
    },
    {
      id: 'ke-hoach',
      kind: 'plan',
      title: 'Kế hoạch tổ chức Ngày hội',
      appliesTo: communes,
      due: { kind: 'before', date: far },
      reminders: quiet,
      escalation: never,
    },
    {
      id: 'dang-ky-diem',
      kind: 'site-registration',
      title: 'Đăng ký điểm tổ chức',
      appliesTo: communes,
      due: { kind: 'before', date: far },
      reminders: quiet,
      escalation: never,
      minSites: 2,
      siteFields: [
        { id: 'name', label: 'Tên điểm', type: 'text', required: true },
        { id: 'date', label: 'Ngày tổ chức', type: 'date', required: true },
      ],
    },
    {
      id: 'so-ket',
      kind: 'plan',
      title: 'Báo cáo sơ kết',
      appliesTo: { units: ['xa-c'] },
      due: { kind: 'before', date: yesterday },
      // Past before the extension (so never sent); once extended, due a moment after the extension.
      reminders: {
        offsets: [seconds(extendedReminderAt, extendedTo)],
        sendAt: '08:00',
        workingDaysOnly: false,
      },
      escalation: never,
    },
  ];
  const unit = (id: string, name: string, level: string, parent?: string) => ({
    id,
    name,
    level,
    ...(parent ? { parent } : {}),
    emails: [`${id}@example.org`],
    tags: [],
  });
  return {
    campaign: {
      id: campaignId,
      title: 'Ngày hội toàn dân bảo vệ an ninh Tổ quốc (thử trên trình duyệt)',
      issuer: 'tinh',
      document: { number: '12/KH-BCĐ', issued: t0.minus({ days: 3 }).toISODate() as string },
      timeZone: ZONE,
      language: 'vi',
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'district', name: 'Huyện' },
      { id: 'commune', name: 'Xã' },
    ],
    units: [
      unit('tinh', 'Ban Chỉ đạo tỉnh', 'province'),
      unit('huyen-1', 'Ban Chỉ đạo huyện Tân Yên', 'district', 'tinh'),
      unit('xa-a', 'UBND xã Hợp Đức', 'commune', 'huyen-1'),
      unit('xa-b', 'UBND xã Cao Xá', 'commune', 'huyen-1'),
      unit('huyen-2', 'Ban Chỉ đạo huyện Lục Nam', 'district', 'tinh'),
      unit('xa-c', 'UBND xã Chu Điện', 'commune', 'huyen-2'),
    ],
    calendar: DEFAULT_CALENDAR_RULES,
    milestones,
  };
}

/** A receipt's address (the form's own #fragment kept across the redirect, as browsers do). */
const receipt = (milestoneId: string, seq: number) => new RegExp(`/r/${milestoneId}/${seq}(#.*)?$`);

async function state(unitId: string): Promise<UnitState> {
  return await h.env.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).query(stateQuery);
}

async function submissions(unitId: string, milestoneId: string) {
  return (await state(unitId)).milestones.find((m) => m.id === milestoneId)?.submissions ?? [];
}

const link = async (unitId: string, extra: { nowMs?: number; ttlSeconds?: number } = {}) =>
  `${base}/u/${await mintUnitLink({ secret, campaignId, unitId, ...extra })}`;

/** `<campaign.unit.milestone.kind.seq.due@dondoc>`: which notice a received email is. */
function noticeOf(mail: ReceivedMail): { unit: string; milestone: string; kind: string } {
  const rest = mail.messageId.replace(/^</, '').slice(campaignId.length + 1);
  const [unit = '', milestone = '', kind = ''] = rest.split('.');
  return { unit, milestone, kind };
}

const mailsTo = (unitId: string, milestoneId: string, kinds: string[]) =>
  h.smtp.received.filter((m) => {
    if (!m.messageId.startsWith(`<${campaignId}.`)) return false;
    const n = noticeOf(m);
    return n.unit === unitId && n.milestone === milestoneId && kinds.includes(n.kind);
  });

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

async function signIn(context: BrowserContext, who: { username: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/staff/login`);
  await page.fill('input[name=username]', who.username);
  await page.fill('input[name=password]', who.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith('/login')),
    page.click('button[type=submit]'),
  ]);
  return page;
}

/** Clicks a download link and returns the bytes the browser saved. */
async function download(page: Page, selector: string): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = await d.path();
  return readFileSync(file);
}

beforeAll(async () => {
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  h = new CliHarness('portal-browser', { portal: { publicUrl: base, secret } });
  const [, b] = await Promise.all([h.start(), launchChromium()]);
  browser = b;
  const users = new UserStore(path.join(dir, 'users.json'));
  await users.add(ADMIN.username, 'admin', ADMIN.password);
  await users.add(AUDITOR.username, 'auditor', AUDITOR.password);
  app = await buildPortal({
    client: h.env.client,
    documents: new FolderDocumentStore(path.join(dir, 'documents')),
    users,
    secret,
    settings: {
      publicUrl: base,
      maxUploadBytes: 2 * 1024 * 1024,
      linkTtlSeconds: 86_400,
      secureCookies: false,
    },
    definition: cachedDefinitions(h.env.client),
    now: () => new Date(),
  });
  await app.listen({ port, host: '127.0.0.1' });

  t0 = DateTime.now().setZone(ZONE);
  campaignId = `portal-browser-${t0.toFormat('yyyyMMddHHmmss')}`;
  const earliest = t0.plus({ seconds: 130 });
  reportDue =
    earliest.startOf('minute') < earliest ? earliest.startOf('minute').plus({ minutes: 1 }) : earliest;
  reminder2At = t0.plus({ seconds: 120 });
  extendedTo = t0.plus({ days: 2 }).startOf('day');
  extendedReminderAt = t0.plus({ seconds: 140 });
  pdf = demoPdf('Ke hoach to chuc Ngay hoi xa Cao Xa');
  sitesPdf = demoPdf('Danh sach diem to chuc xa Cao Xa');
  await h.env.client.workflow.start('campaignWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: campaignWorkflowId(campaignId),
    args: [{ campaign: definition() }],
  });
  for (const u of ['huyen-1', 'xa-a', 'xa-b', 'huyen-2', 'xa-c']) {
    await until({
      what: `unit ${u} to start`,
      probe: () => state(u).catch(() => undefined),
      // Districts owe nothing here; communes have their milestones planned.
      done: (s) => s !== undefined && (u.startsWith('huyen') || s.milestones.length > 0),
      timeoutMs: 60_000,
    });
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.stop();
});

describe('a unit, from its email', () => {
  it('opens the link from its reminder, is refused one wrong value by its field, corrects it and gets the receipt', async () => {
    const [reminder] = await until({
      what: 'the first reminder of the report to xa-a',
      probe: async () => mailsTo('xa-a', 'bao-cao', ['reminder', 'last-day']),
      done: (m) => m.length > 0,
      timeoutMs: 90_000,
    });
    const url = /https?:\/\/\S+\/u\/[\w.-]+/.exec(reminder?.text ?? '')?.[0];
    expect(url?.startsWith(`${base}/u/`)).toBe(true);

    const context = await browser.browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    await page.goto(url as string);
    const body = await page.textContent('body');
    expect(body).toContain('UBND xã Hợp Đức');
    // Due instants in local time, in the plan's words.
    const report = page.locator('#m-bao-cao');
    expect(await report.textContent()).toContain(
      `trước ${reportDue.toFormat('HH:mm')} ngày ${vnDate(reportDue)}`,
    );
    expect(await page.locator('#m-ke-hoach').textContent()).toContain(
      `trước ngày ${vnDate(t0.plus({ days: 30 }))}`,
    );
    await shot(page, 'portal-unit.png');

    // One wrong value: a negative attendance.
    await report.locator('input[name="v.sites"]').fill('3');
    await report.locator('input[name="v.attendance"]').fill('-5');
    await report.locator('input[name="actor_name"]').fill('Nguyễn Văn Hùng');
    await report.locator('input[name="actor_position"]').fill('Chủ tịch UBND xã');
    await report.locator('button[name=action][value=submit]:not(.sr-only)').click();
    await page.waitForLoadState();
    const error = page.locator('#f-bao-cao-v_attendance-err');
    await expect(error.textContent()).resolves.toMatch(/không được nhỏ hơn 0/);
    // What the person typed is kept; nothing was recorded.
    expect(await page.inputValue('#m-bao-cao input[name="v.attendance"]')).toBe('-5');
    expect(await page.inputValue('#m-bao-cao input[name="actor_name"]')).toBe('Nguyễn Văn Hùng');
    expect(await submissions('xa-a', 'bao-cao')).toHaveLength(0);

    await page.fill('#m-bao-cao input[name="v.attendance"]', '1.250');
    await page.click('#m-bao-cao button[name=action][value=submit]:not(.sr-only)');
    await page.waitForURL(receipt('bao-cao', 1));
    const receiptText = (await page.textContent('body')) ?? '';
    expect(receiptText).toContain('Đúng hạn');
    const recorded = await submissions('xa-a', 'bao-cao');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.payload.values).toEqual({ sites: 3, attendance: 1250 });
    expect(recorded[0]?.actor).toContain('Nguyễn Văn Hùng');
    expect(receiptText).toContain(
      DateTime.fromISO(recorded[0]?.at as string, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm'),
    );
    await context.close();
  });

  it('registers fewer sites than the minimum (flagged), then enough with the signed list beside them, and sends its plan with a document', async () => {
    const context = await browser.browser.newContext();
    const page = await context.newPage();
    const own = await link('xa-b');
    await page.goto(own);
    const sites = page.locator('#m-dang-ky-diem');
    expect(await sites.textContent()).toMatch(/ít nhất 2/);
    await sites.locator('input[name="site.0.name"]').fill('Nhà văn hóa thôn Đồng');
    await sites.locator('input[name="site.0.date"]').fill(t0.plus({ days: 5 }).toISODate() as string);
    await sites.locator('input[name="actor_name"]').fill('Trần Thị Lan');
    await sites.locator('button[name=action][value=submit]:not(.sr-only)').click();
    await page.waitForURL(receipt('dang-ky-diem', 1));
    expect(await page.textContent('body')).toContain('ít điểm hơn yêu cầu: 1/2');
    expect((await state('xa-b')).milestones.find((m) => m.id === 'dang-ky-diem')?.flags).toEqual([
      'below-min-sites: 1 of 2',
    ]);

    // Sent again with a second row, added without JavaScript.
    await page.goto(own);
    const again = page.locator('#m-dang-ky-diem');
    await again.locator('input[name="site.0.name"]').fill('Nhà văn hóa thôn Đồng');
    await again.locator('input[name="site.0.date"]').fill(t0.plus({ days: 5 }).toISODate() as string);
    await again.locator('input[name="actor_name"]').fill('Trần Thị Lan');
    await again.locator('button[name=action][value=add-row]').click();
    await page.waitForLoadState();
    await page.fill('#m-dang-ky-diem input[name="site.1.name"]', 'Sân trường Tiểu học Cao Xá');
    await page.fill('#m-dang-ky-diem input[name="site.1.date"]', t0.plus({ days: 6 }).toISODate() as string);
    // The signed list, uploaded beside the rows (optional; titled by its file).
    await page.locator('#m-dang-ky-diem input[name=document_file]').setInputFiles({
      name: 'danh-sach-diem.pdf',
      mimeType: 'application/pdf',
      buffer: sitesPdf,
    });
    await page.click('#m-dang-ky-diem button[name=action][value=submit]:not(.sr-only)');
    await page.waitForURL(receipt('dang-ky-diem', 2));
    const after = (await state('xa-b')).milestones.find((m) => m.id === 'dang-ky-diem');
    expect(after?.flags).toEqual([]);
    expect(after?.submissions.at(-1)?.payload.sites).toHaveLength(2);
    expect(after?.submissions.at(-1)?.payload.document).toMatchObject({
      title: 'danh-sach-diem',
      file: { type: 'application/pdf', size: sitesPdf.length },
    });

    // The plan, with its signed document.
    await page.goto(own);
    const plan = page.locator('#m-ke-hoach');
    await plan.locator('input[name=document_file]').setInputFiles({
      name: 'ke-hoach-cao-xa.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await plan.locator('input[name=document_title]').fill('Kế hoạch tổ chức Ngày hội xã Cao Xá');
    await plan.locator('input[name=document_reference]').fill('15/KH-UBND');
    await plan.locator('input[name=actor_name]').fill('Trần Thị Lan');
    await plan.locator('button[name=action][value=submit]:not(.sr-only)').click();
    await page.waitForURL(receipt('ke-hoach', 1));
    const file = (await submissions('xa-b', 'ke-hoach'))[0]?.payload.document?.file;
    expect(file?.type).toBe('application/pdf');
    expect(file?.size).toBe(pdf.length);
    await context.close();
  });

  it('lets the district and an administrator download that document, byte-identical', async () => {
    const district = await browser.browser.newContext({ acceptDownloads: true });
    const page = await district.newPage();
    const own = await link('huyen-1');
    await page.goto(`${own}/s/xa-b`);
    expect(await page.textContent('body')).toContain('UBND xã Cao Xá');
    expect(await download(page, 'a[href*="/d/xa-b/ke-hoach/1"]')).toEqual(pdf);
    expect(await download(page, 'a[href*="/d/xa-b/dang-ky-diem/2"]')).toEqual(sitesPdf);
    await district.close();

    const staff = await browser.browser.newContext({ acceptDownloads: true });
    const admin = await signIn(staff, ADMIN);
    await admin.goto(`${base}/staff/c/${campaignId}/u/xa-b`);
    expect(await download(admin, 'a[href*="/d/xa-b/ke-hoach/1"]')).toEqual(pdf);
    await staff.close();
  });
});

describe('nobody reaches what is not theirs', () => {
  it('refuses another unit’s pages, altered, revoked and expired links, and a form without its CSRF token', async () => {
    const context = await browser.browser.newContext();
    const page = await context.newPage();
    const a = await link('xa-a');
    const before = JSON.stringify(await state('xa-b'));
    // Unit A's link reaches nothing of unit B's: its page, its document.
    for (const url of [`${a}/s/xa-b`, `${a}/d/xa-b/ke-hoach/1`]) {
      const res = await page.goto(url);
      expect(res?.status()).toBe(403);
    }
    // An altered link: a character well inside the signature (the last one's low bits are base64 padding, so
    // changing only them would leave the same signature).
    const at = a.length - 10;
    const altered = `${a.slice(0, at)}${a[at] === 'A' ? 'B' : 'A'}${a.slice(at + 1)}`;
    expect((await page.goto(altered))?.status()).toBe(403);
    // An expired one (issued 2 days ago, for a day).
    const expired = await link('xa-a', { nowMs: Date.now() - 2 * 86_400_000, ttlSeconds: 86_400 });
    expect((await page.goto(expired))?.status()).toBe(403);

    // A form posted without its CSRF token: refused, nothing recorded.
    await page.goto(a);
    const plan = page.locator('#m-ke-hoach');
    await plan.locator('input[name=document_file]').setInputFiles({
      name: 'kh.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await plan.locator('input[name=document_title]').fill('Kế hoạch');
    await plan.locator('input[name=actor_name]').fill('Người lạ');
    await plan.locator('input[name=_csrf]').evaluate((e) => e.remove());
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      plan.locator('button[name=action][value=submit]:not(.sr-only)').click(),
    ]);
    expect(res.status()).toBe(403);
    expect(await submissions('xa-a', 'ke-hoach')).toHaveLength(0);

    // A revoked link: the old one is refused (GET and POST), the one mailed after the revocation works.
    const old = await link('xa-c');
    await page.goto(old);
    const oldCsrf = await page.inputValue('#m-so-ket input[name=_csrf]');
    await h.env.client.workflow
      .getHandle(unitWorkflowId(campaignId, 'xa-c'))
      .executeUpdate(revokeLinkUpdate, { args: [{ actor: 'quantri', reason: 'thư bị chuyển nhầm' }] });
    expect((await page.goto(old))?.status()).toBe(403);
    const posted = await page.request.post(`${old}/m/so-ket`, {
      multipart: { _csrf: oldCsrf, actor_name: 'Người lạ', document_title: 'X', action: 'submit' },
    });
    expect(posted.status()).toBe(403);
    expect(await submissions('xa-c', 'so-ket')).toHaveLength(0);
    const fresh = await link('xa-c');
    expect((await page.goto(fresh))?.status()).toBe(200);

    expect(JSON.stringify(await state('xa-b'))).toBe(before);
    await context.close();
  });
});

describe('staff', () => {
  it('an administrator sees the overdue unit, extends its deadline; the unit’s page and its emails show the new date', async () => {
    const context = await browser.browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await signIn(context, ADMIN);
    await page.goto(`${base}/staff/c/${campaignId}`);
    expect(await page.textContent('body')).toContain('Ngày hội toàn dân bảo vệ an ninh Tổ quốc');
    await shot(page, 'portal-campaign.png');
    await page.goto(`${base}/staff/c/${campaignId}/overdue`);
    const overdue = page.locator('table.overdue');
    expect(await overdue.textContent()).toContain('UBND xã Chu Điện');
    expect(await overdue.textContent()).toContain('so-ket');
    await shot(page, 'portal-overdue.png');

    await page.click('table.overdue a[href$="/u/xa-c"]');
    await page.waitForURL(/\/u\/xa-c$/);
    const section = page.locator('#m-so-ket');
    await section.locator('summary').first().click();
    await section.locator('form[action$="/m/so-ket/extend"] input[name=newDue]').fill(vnDate(extendedTo));
    await section
      .locator('form[action$="/m/so-ket/extend"] input[name=reason]')
      .fill('Xã bị ảnh hưởng bão số 3');
    await section.locator('form[action$="/m/so-ket/extend"] button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.textContent('body')).toContain(`trước ngày ${vnDate(extendedTo)}`);
    const ms = (await state('xa-c')).milestones.find((m) => m.id === 'so-ket');
    expect(ms?.status).toBe('open');
    expect(ms?.events.at(-1)).toMatchObject({
      kind: 'extended',
      actor: 'quantri',
      reason: 'Xã bị ảnh hưởng bão số 3',
    });

    // The unit's own page shows the new date, and so does the email telling it.
    const unit = await context.newPage();
    await unit.goto(await link('xa-c'));
    expect(await unit.locator('#m-so-ket').textContent()).toContain(`trước ngày ${vnDate(extendedTo)}`);
    const [extended] = await until({
      what: 'the extension email to xa-c',
      probe: async () => mailsTo('xa-c', 'so-ket', ['extended']),
      done: (m) => m.length > 0,
      timeoutMs: 60_000,
    });
    expect(extended?.text).toContain(vnDate(extendedTo));
    await context.close();
  });

  it('an auditor sees the same pages with no action, and any action posted is refused', async () => {
    const context = await browser.browser.newContext();
    const page = await signIn(context, AUDITOR);
    const before = JSON.stringify(await state('xa-c'));
    for (const url of [
      `${base}/staff/c/${campaignId}`,
      `${base}/staff/c/${campaignId}/overdue`,
      `${base}/staff/c/${campaignId}/u/xa-c`,
    ]) {
      const res = await page.goto(url);
      expect(res?.status()).toBe(200);
      // The only form an auditor is shown is signing out.
      const actions = await page
        .locator('form[method=post]')
        .evaluateAll((fs) => fs.map((f) => f.getAttribute('action')));
      expect(actions).toEqual(['/staff/logout']);
    }
    const csrf = await page.inputValue('form[action="/staff/logout"] input[name=_csrf]');
    for (const action of ['m/so-ket/extend', 'm/so-ket/waive', 'revoke-link']) {
      const res = await page.request.post(`${base}/staff/c/${campaignId}/u/xa-c/${action}`, {
        form: { _csrf: csrf, reason: 'thử', newDue: vnDate(extendedTo.plus({ days: 3 })) },
      });
      expect(res.status()).toBe(403);
    }
    const close = await page.request.post(`${base}/staff/c/${campaignId}/close`, {
      form: { _csrf: csrf, reason: 'thử' },
    });
    expect(close.status()).toBe(403);
    expect(JSON.stringify(await state('xa-c'))).toBe(before);
    await context.close();
  });
});

describe('reminders after the fact', () => {
  it('sends no further reminder for the answered report, while the unit that did not answer gets its second; the extended deadline’s reminder shows the new date', async () => {
    // The control: the second reminder did fire, for the unit that has not answered.
    await until({
      what: 'the second reminder of the report to xa-b',
      probe: async () => mailsTo('xa-b', 'bao-cao', ['reminder', 'last-day']),
      done: (m) => m.length >= 2,
      timeoutMs: Math.max(30_000, reminder2At.diffNow().as('milliseconds') + 60_000),
    });
    // Give a late second reminder to xa-a every chance to arrive: it must not.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(mailsTo('xa-a', 'bao-cao', ['reminder', 'last-day'])).toHaveLength(1);
    expect(mailsTo('xa-a', 'bao-cao', ['receipt'])).toHaveLength(1);

    const [reminder] = await until({
      what: 'the reminder of the extended deadline to xa-c',
      probe: async () => mailsTo('xa-c', 'so-ket', ['reminder', 'last-day']),
      done: (m) => m.length > 0,
      timeoutMs: Math.max(30_000, extendedReminderAt.diffNow().as('milliseconds') + 60_000),
    });
    expect(reminder?.text).toContain(vnDate(extendedTo));
    expect(reminder?.text).toMatch(/\/u\/[\w.-]+/);
  }, 400_000);
});
