// The staff side of the portal end to end: the real server (buildPortal) driven with app.inject(), against the
// Temporal dev server with a real worker and a real SMTP server. Sign-in good and bad, the guard, the campaign
// and overdue pages, an administrator's extension written to the unit's state, an auditor refused every action
// with nothing written, a document downloaded byte for byte, the audit export neutralised against formulas,
// a link revoked and its new one mailed by a workflow, and the campaign closed.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DateTime } from 'luxon';
import { FolderDocumentStore } from '../../access/documents';
import { UserStore } from '../../access/users';
import { loadDefinition, openCampaign } from '../../client/campaign-view';
import { childAggregates } from '../../client/read/aggregates';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import {
  type CampaignState,
  campaignStateQuery,
  stateQuery,
  submitUpdate,
  type UnitState,
} from '../../contract/messages';
import type { Campaign } from '../../core/definition/types';
import type { PortalContext } from '../../portal/context';
import { buildPortal } from '../../portal/server';
import { CliHarness, fillTemplate, until } from '../cli/harness';

const ZONE = 'Asia/Ho_Chi_Minh';
const h = new CliHarness('portal-staff');
let app: FastifyInstance;
let ctx: PortalContext;
let campaignId: string;

/** A browser of sorts: keeps the session cookie, reads each form's CSRF token. */
class Agent {
  private cookies = new Map<string, string>();
  csrf = '';

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token?.[1]) this.csrf = token[1];
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    return cookie ? { cookie } : {};
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await app.inject({ method: 'GET', url, headers: this.headers() });
    this.remember(res);
    return res;
  }

  async post(url: string, form: Record<string, string>, withCsrf = true): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams({ ...(withCsrf ? { _csrf: this.csrf } : {}), ...form }).toString();
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
    this.remember(res);
    return res;
  }

  async signIn(username: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/staff/login');
    const res = await this.post('/staff/login', { username, password });
    if (res.statusCode !== 303) throw new Error(`sign-in of ${username}: ${res.statusCode}`);
    return res;
  }
}

const PASSWORDS = { admin: 'mat-khau-quan-tri-1', kiemtra: 'mat-khau-kiem-tra-1' };

async function unitState(unitId: string): Promise<UnitState> {
  return h.env.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).query(stateQuery);
}

async function campaignState(): Promise<CampaignState> {
  return h.env.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(campaignStateQuery);
}

function ms(state: UnitState, id: string) {
  const m = state.milestones.find((x) => x.id === id);
  if (!m) throw new Error(`no milestone ${id}`);
  return m;
}

/** What an action could change on a unit, to compare before and after. */
function footprint(s: UnitState): string {
  return JSON.stringify({
    milestones: s.milestones.map((m) => [
      m.id,
      m.status,
      m.schedule.dueAt,
      m.events.length,
      m.submissions.length,
    ]),
    link: s.link ?? null,
    closed: s.closed,
  });
}

function flashOf(body: string): string {
  return /<(?:p class="notice"|div class="errors")[^>]*>([^<]*)</.exec(body)?.[1] ?? '';
}

beforeAll(async () => {
  await h.start();
  const users = new UserStore(path.join(h.dir, 'users.json'));
  await users.add('admin', 'admin', PASSWORDS.admin);
  await users.add('kiemtra', 'auditor', PASSWORDS.kiemtra);
  const definitions = new Map<string, Promise<Campaign>>();
  ctx = {
    client: h.env.client,
    documents: new FolderDocumentStore(path.join(h.dir, 'documents')),
    users,
    secret: randomBytes(32),
    settings: {
      publicUrl: 'http://portal.test',
      maxUploadBytes: 5 * 1024 * 1024,
      linkTtlSeconds: 86_400,
      secureCookies: false,
    },
    definition: (id) => {
      let d = definitions.get(id);
      if (!d) {
        d = loadDefinition({ client: h.env.client, campaignId: id });
        definitions.set(id, d);
        d.catch(() => definitions.delete(id));
      }
      return d;
    },
    now: () => new Date(),
  };
  // Every agent signs in from the same address: the sign-in limit is raised for the test.
  app = await buildPortal(ctx, { rateLimits: { login: { max: 1000, timeWindow: 60_000 } } });

  const now = DateTime.now().setZone(ZONE);
  campaignId = `portal-staff-${now.toFormat('yyyyMMddHHmmss')}`;
  // The plan fell due yesterday: the district and department units are overdue from the start.
  const file = fillTemplate({
    template: 'campaign.template.yaml',
    dir: h.dir,
    name: 'campaign.yaml',
    values: {
      ID: campaignId,
      ISSUED: now.minus({ days: 3 }).toISODate() as string,
      PLAN_DUE: now.minus({ days: 1 }).toFormat('yyyy-MM-dd HH:mm'),
      FAR_DUE: now.plus({ days: 30 }).toISODate() as string,
      REPORT_DUE: now.plus({ days: 40 }).toISODate() as string,
    },
  });
  await h.json(0, 'start', file, '--by', 'PV05');
}, 180_000);

afterAll(async () => {
  await app?.close();
  await h.stop();
});

it('lets nobody in without signing in, and refuses a wrong password or an unknown user alike', async () => {
  const anon = new Agent();
  const home = await anon.get('/staff');
  expect(home.statusCode).toBe(303);
  expect(home.headers.location).toBe('/staff/login?next=%2Fstaff');
  const page = await anon.get(`/staff/c/${campaignId}/u/tan-yen`);
  expect(page.statusCode).toBe(303);
  expect(page.headers.location).toContain('/staff/login?next=');
  const post = await anon.post(`/staff/c/${campaignId}/close`, { reason: 'x' });
  expect(post.statusCode).toBe(403);

  const login = await anon.get('/staff/login');
  expect(login.statusCode).toBe(200);
  expect(login.headers['content-security-policy']).toContain("default-src 'none'");
  const wrong = await anon.post('/staff/login', { username: 'admin', password: 'sai-mat-khau-123' });
  expect(wrong.statusCode).toBe(401);
  const unknown = await anon.post('/staff/login', { username: 'nobody', password: PASSWORDS.admin });
  expect(unknown.statusCode).toBe(401);
  expect(flashOf(wrong.body)).toBe('Đăng nhập không thành công. Kiểm tra lại tên đăng nhập và mật khẩu.');
  expect(flashOf(unknown.body)).toBe(flashOf(wrong.body));
  expect((await anon.get('/staff')).statusCode).toBe(303);

  // Without its CSRF token, even the right password is refused.
  const noCsrf = await anon.post('/staff/login', { username: 'admin', password: PASSWORDS.admin }, false);
  expect(noCsrf.statusCode).toBe(403);

  const good = await anon.post('/staff/login', { username: 'admin', password: PASSWORDS.admin });
  expect(good.statusCode).toBe(303);
  expect(good.headers.location).toBe('/staff');
  const list = await anon.get('/staff');
  expect(list.statusCode).toBe(200);
  expect(list.body).toContain(`href="/staff/c/${campaignId}"`);
  expect(list.body).toContain('admin (quản trị)');

  const out = await anon.post('/staff/logout', {});
  expect(out.statusCode).toBe(303);
  expect((await anon.get('/staff')).statusCode).toBe(303);
});

it('shows completeness per milestone and per subtree as bars, drillable down the tree, and the chart', async () => {
  const admin = new Agent();
  await admin.signIn('admin', PASSWORDS.admin);
  const res = await admin.get(`/staff/c/${campaignId}`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  const body = res.body;
  expect(body).not.toMatch(/ style=/);
  expect(body).not.toMatch(/<script/);
  expect(body).toContain('<svg class="bar-chart"');
  expect(body).toContain('Kế hoạch tổ chức &quot;Ngày hội toàn dân bảo vệ ANTQ&quot;');
  // ke-hoach: 3 units owe it (a department and two districts), none has sent it.
  expect(body).toContain('0/3 (0%)');
  for (const name of ['Sở Nội vụ', 'Ban Chỉ đạo huyện Tân Yên', 'Ban Chỉ đạo huyện Lục Nam'])
    expect(body).toContain(name);
  expect(body).toContain(`href="/staff/c/${campaignId}?unit=luc-nam"`);
  expect(body).toContain('<svg class="day-chart"');
  expect(body).toContain('hạn ');
  // An administrator sees the campaign's actions.
  expect(body).toContain(`action="/staff/c/${campaignId}/m/ke-hoach/extend-all"`);
  expect(body).toContain(`action="/staff/c/${campaignId}/close"`);

  // The subordinates' tallies come from one query of their parent, not one per unit.
  const view = await openCampaign({ client: h.env.client, campaignId });
  const kids = await childAggregates({
    client: h.env.client,
    view,
    parentId: 'bg-bcd',
    childIds: ['so-noi-vu', 'tan-yen', 'luc-nam'],
  });
  expect(kids.source).toBe('parent');
  expect([...kids.aggregates.keys()].sort()).toEqual(['luc-nam', 'so-noi-vu', 'tan-yen']);
  expect(kids.aggregates.get('luc-nam')?.units).toBe(3);

  const district = await admin.get(`/staff/c/${campaignId}?unit=luc-nam`);
  expect(district.statusCode).toBe(200);
  expect(district.body).toContain('Xã Chu Điện');
  expect(district.body).toContain('Trường THPT Phương Sơn');
  expect(district.body).not.toContain('Xã Hợp Đức');

  expect((await admin.get(`/staff/c/${campaignId}?unit=nowhere`)).statusCode).toBe(404);
  expect((await admin.get('/staff/c/no-such-campaign')).statusCode).toBe(404);
});

it('lists the overdue units from the visibility query, each linked to its page', async () => {
  const admin = new Agent();
  await admin.signIn('admin', PASSWORDS.admin);
  const res = await until({
    what: 'tan-yen on the overdue page',
    probe: () => admin.get(`/staff/c/${campaignId}/overdue`),
    done: (r) => r.body.includes(`/staff/c/${campaignId}/u/tan-yen`),
    timeoutMs: 30_000,
  });
  expect(res.statusCode).toBe(200);
  for (const unit of ['so-noi-vu', 'tan-yen', 'luc-nam']) expect(res.body).toContain(`/u/${unit}"`);
  expect(res.body).not.toContain('/u/hop-duc"');
  expect(res.body).toContain('ke-hoach');
  expect(res.body).toMatch(/1 ngày|23 giờ/);
  const filtered = await admin.get(`/staff/c/${campaignId}/overdue?milestone=bao-cao-ket-qua`);
  expect(filtered.body).toContain('Không có đơn vị nào quá hạn.');
});

it("an administrator extends one unit's deadline: the unit's state shows the new due, and bad input writes nothing", async () => {
  const admin = new Agent();
  await admin.signIn('admin', PASSWORDS.admin);
  await admin.get(`/staff/c/${campaignId}/u/tan-yen`);
  const url = `/staff/c/${campaignId}/u/tan-yen/m/ke-hoach/extend`;
  const before = footprint(await unitState('tan-yen'));

  const noReason = await admin.post(url, { newDue: '01/01/2099', reason: '  ' });
  expect(noReason.statusCode).toBe(303);
  const badDate = await admin.post(url, { newDue: '31/02/2099', reason: 'thử' });
  expect(badDate.statusCode).toBe(303);
  expect(flashOf((await admin.get(`/staff/c/${campaignId}/u/tan-yen`)).body)).toContain('không phải là ngày');
  const past = await admin.post(url, { newDue: '01/01/2000', reason: 'thử' });
  expect(past.statusCode).toBe(303);
  expect(flashOf((await admin.get(`/staff/c/${campaignId}/u/tan-yen`)).body)).toMatch(/^Bị từ chối: newDue/);
  expect(footprint(await unitState('tan-yen'))).toBe(before);

  const to = DateTime.now().setZone(ZONE).plus({ days: 10 });
  const res = await admin.post(url, { newDue: to.toFormat('dd/MM/yyyy'), reason: 'Huyện đề nghị <gia hạn>' });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe(`/staff/c/${campaignId}/u/tan-yen#m-ke-hoach`);
  const m = ms(await unitState('tan-yen'), 'ke-hoach');
  expect(m.schedule.dueAt).toBe(`${to.toISODate()}T00:00:00+07:00`);
  expect(m.status).toBe('open');
  expect(m.events[m.events.length - 1]).toMatchObject({
    kind: 'extended',
    actor: 'admin',
    reason: 'Huyện đề nghị <gia hạn>',
  });

  const page = await admin.get(`/staff/c/${campaignId}/u/tan-yen`);
  expect(flashOf(page.body)).toContain(`tới trước ngày ${to.toFormat('dd/MM/yyyy')}`);
  expect(page.body).toContain(`trước ngày ${to.toFormat('dd/MM/yyyy')}`);
  expect(page.body).toContain('Huyện đề nghị &lt;gia hạn&gt;');
  // The emails sent, each with its Message-ID; the audit timeline from history.
  expect(page.body).toContain(`<code>&lt;${campaignId}.tan-yen.`);
  expect(page.body).toContain('Gia hạn ke-hoach');
  // The flash is shown once.
  expect(flashOf((await admin.get(`/staff/c/${campaignId}/u/tan-yen`)).body)).toBe('');

  await until({
    what: 'tan-yen off the overdue list',
    probe: () => admin.get(`/staff/c/${campaignId}/overdue`),
    done: (r) => !r.body.includes('/u/tan-yen"'),
    timeoutMs: 30_000,
  });
});

it('an auditor sees every page with no action, and every action answers 403 with nothing written', async () => {
  const auditor = new Agent();
  const signed = await auditor.signIn('kiemtra', PASSWORDS.kiemtra);
  expect(signed.statusCode).toBe(303);
  for (const url of [
    '/staff',
    `/staff/c/${campaignId}`,
    `/staff/c/${campaignId}?unit=luc-nam`,
    `/staff/c/${campaignId}/overdue`,
    `/staff/c/${campaignId}/u/tan-yen`,
  ]) {
    const res = await auditor.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('kiemtra (kiểm tra)');
    expect(res.body).not.toContain('method="post" action="/staff/c/');
  }
  const unitBefore = footprint(await unitState('tan-yen'));
  const campaignBefore = await campaignState();
  const base = `/staff/c/${campaignId}`;
  const form = { reason: 'kiểm tra', newDue: '01/01/2099' };
  for (const url of [
    `${base}/u/tan-yen/m/du-thao-ke-hoach-tan-yen/approve`,
    `${base}/u/tan-yen/m/du-thao-ke-hoach-tan-yen/return`,
    `${base}/u/tan-yen/m/ke-hoach/waive`,
    `${base}/u/tan-yen/m/ke-hoach/extend`,
    `${base}/m/ke-hoach/extend-all`,
    `${base}/u/tan-yen/revoke-link`,
    `${base}/close`,
    `${base}/anything/else`,
  ]) {
    const res = await auditor.post(url, form);
    expect({ url, status: res.statusCode }).toEqual({ url, status: 403 });
  }
  expect(footprint(await unitState('tan-yen'))).toBe(unitBefore);
  const campaignAfter = await campaignState();
  expect(campaignAfter.closed).toBe(false);
  expect(campaignAfter.events).toHaveLength(campaignBefore.events.length);
  // Auditors export the audit trail.
  const csv = await auditor.get(`${base}/audit.csv?unit=tan-yen`);
  expect(csv.statusCode).toBe(200);
});

it('downloads a submitted document as an attachment, byte for byte, with its stored type', async () => {
  const pdf = Buffer.from(`%PDF-1.4\n% dondoc staff test ${randomBytes(8).toString('hex')}\n%%EOF\n`);
  const ref = await ctx.documents.put(pdf, { name: 'Kế hoạch "số 1".pdf' });
  await h.env.client.workflow.getHandle(unitWorkflowId(campaignId, 'so-noi-vu')).executeUpdate(submitUpdate, {
    args: [
      {
        milestoneId: 'ke-hoach',
        actor: 'Nguyễn Văn A (Sở Nội vụ)',
        payload: { document: { title: 'Kế hoạch của Sở Nội vụ', reference: '12/KH-SNV', file: ref } },
      },
    ],
  });
  const admin = new Agent();
  await admin.signIn('admin', PASSWORDS.admin);
  const url = `/staff/c/${campaignId}/d/so-noi-vu/ke-hoach/1`;
  const page = await admin.get(`/staff/c/${campaignId}/u/so-noi-vu`);
  expect(page.body).toContain(`href="${url}"`);
  expect(page.body).toContain('12/KH-SNV');

  const res = await admin.get(url);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(String(res.headers['content-disposition'])).toMatch(
    /^attachment; filename="[\w.-]+"; filename\*=UTF-8''/,
  );
  expect(Buffer.compare(res.rawPayload, pdf)).toBe(0);

  const auditor = new Agent();
  await auditor.signIn('kiemtra', PASSWORDS.kiemtra);
  expect(Buffer.compare((await auditor.get(url)).rawPayload, pdf)).toBe(0);
  expect((await admin.get(`/staff/c/${campaignId}/d/so-noi-vu/ke-hoach/2`)).statusCode).toBe(404);
  expect((await admin.get(`/staff/c/${campaignId}/d/tan-yen/ke-hoach/1`)).statusCode).toBe(404);
  expect((await new Agent().get(url)).statusCode).toBe(303);
});

it('exports the audit trail (CSV and JSON), every formula-like cell neutralised', async () => {
  const admin = new Agent();
  await admin.signIn('admin', PASSWORDS.admin);
  await admin.get(`/staff/c/${campaignId}/u/hop-duc`);
  const waived = await admin.post(`/staff/c/${campaignId}/u/hop-duc/m/bao-cao-ket-qua/waive`, {
    reason: '=HYPERLINK("http://evil.example","bấm")',
  });
  expect(waived.statusCode).toBe(303);
  expect(ms(await unitState('hop-duc'), 'bao-cao-ket-qua').status).toBe('waived');

  const res = await admin.get(`/staff/c/${campaignId}/audit.csv`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(String(res.headers['content-disposition'])).toContain('attachment;');
  const rows = parseCsv(res.body, { bom: true, columns: true }) as Record<string, string>[];
  const row = rows.find((r) => r.kind === 'waived' && r.unitId === 'hop-duc');
  expect(row?.reason).toBe(`'=HYPERLINK("http://evil.example","bấm")`);
  expect(row?.actor).toBe('admin');
  for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);

  const json = await admin.get(`/staff/c/${campaignId}/audit.json?unit=hop-duc`);
  expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
  const trail = JSON.parse(json.body) as {
    unit: string;
    entries: { unitId?: string; kind: string; reason?: string }[];
  };
  expect(trail.unit).toBe('hop-duc');
  expect(trail.entries.every((e) => e.unitId === undefined || e.unitId === 'hop-duc')).toBe(true);
  expect(trail.entries.find((e) => e.kind === 'waived')?.reason).toBe(
    '=HYPERLINK("http://evil.example","bấm")',
  );
});

it("revokes a unit's link and starts the workflow that mails the new one", async () => {
  const admin = new Agent();
  await admin.signIn('admin', PASSWORDS.admin);
  await admin.get(`/staff/c/${campaignId}/u/chu-dien`);
  const res = await admin.post(`/staff/c/${campaignId}/u/chu-dien/revoke-link`, { reason: 'Lộ đường dẫn' });
  expect(res.statusCode).toBe(303);
  const state = await unitState('chu-dien');
  expect(state.link?.revokedAt).toBeDefined();
  expect(state.link?.events[0]).toMatchObject({
    kind: 'link-revoked',
    actor: 'admin',
    reason: 'Lộ đường dẫn',
  });
  const d = await h.env.client.workflow.getHandle(`${campaignId}/chu-dien/link/1`).describe();
  expect(d.type).toBe('linkNoticeWorkflow');
  const page = await admin.get(`/staff/c/${campaignId}/u/chu-dien`);
  expect(flashOf(page.body)).toContain('Đã thu hồi đường dẫn');
  expect(page.body).toContain('Thu hồi đường dẫn của đơn vị (lần 1) bởi admin: Lộ đường dẫn');
});

it('speaks English for a campaign whose language is en', async () => {
  const now = DateTime.now().setZone(ZONE);
  const enId = `${campaignId}-en`;
  const file = fillTemplate({
    template: 'campaign.template.yaml',
    dir: h.dir,
    name: 'campaign-en.yaml',
    values: {
      ID: enId,
      ISSUED: now.minus({ days: 3 }).toISODate() as string,
      PLAN_DUE: now.minus({ days: 1 }).toFormat('yyyy-MM-dd HH:mm'),
      FAR_DUE: now.plus({ days: 30 }).toISODate() as string,
      REPORT_DUE: now.plus({ days: 40 }).toISODate() as string,
    },
  });
  writeFileSync(file, readFileSync(file, 'utf8').replace('language: vi', 'language: en'));
  await h.json(0, 'start', file, '--by', 'PV05');
  const admin = new Agent();
  await admin.signIn('admin', PASSWORDS.admin);
  const page = await admin.get(`/staff/c/${enId}`);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('<html lang="en">');
  expect(page.body).toContain('Completeness per milestone');
  expect(page.body).toContain('0/3 (0%)');
  const unit = await admin.get(`/staff/c/${enId}/u/tan-yen`);
  expect(unit.body).toContain('Emails sent');
  expect(unit.body).toContain('overdue');
  expect(unit.body).toContain('The unit&#39;s audit trail');
  expect(unit.body).toContain('Unit tracking started');
  const overdue = await until({
    what: 'the English overdue page',
    probe: () => admin.get(`/staff/c/${enId}/overdue`),
    done: (r) => r.body.includes('/u/tan-yen"'),
    timeoutMs: 30_000,
  });
  expect(overdue.body).toMatch(/1 day|23 hours/);
});

it('closes the campaign with a reason; then no action is offered or taken', async () => {
  const admin = new Agent();
  await admin.signIn('admin', PASSWORDS.admin);
  await admin.get(`/staff/c/${campaignId}`);
  const res = await admin.post(`/staff/c/${campaignId}/close`, { reason: 'Kết thúc đợt' });
  expect(res.statusCode).toBe(303);
  const st = await h.env.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe();
  expect(['RUNNING', 'COMPLETED']).toContain(st.status.name);
  const page = await admin.get(`/staff/c/${campaignId}`);
  expect(flashOf(page.body)).toBe('Đã đóng chiến dịch.');
  expect(page.body).not.toContain(`action="/staff/c/${campaignId}/close"`);
  const again = await admin.post(`/staff/c/${campaignId}/close`, { reason: 'lần nữa' });
  expect(again.statusCode).toBe(303);
  expect(flashOf((await admin.get(`/staff/c/${campaignId}`)).body)).toContain('đã đóng');
});
