// The units' side of the portal through HTTP (app.inject), against the real dev server with a real worker
// and SMTP server: who may open what (forged, altered, expired, revoked and other-campaign links, a unit
// outside the subtree: 403 and nothing written), CSRF, a plan with its document (receipt, state, download
// byte-identical by the unit and its superior), a report refused with errors by field, a short site list
// flagged then replaced from a CSV, the superior's read-only subtree, headers and limits.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { FolderDocumentStore } from '../../access/documents';
import { mintUnitLink } from '../../access/tokens';
import { UserStore } from '../../access/users';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import { revokeLinkUpdate, stateQuery, type UnitState } from '../../contract/messages';
import { DEFAULT_CALENDAR_RULES } from '../../core/calendar/workdays';
import type { Campaign, Milestone } from '../../core/definition/types';
import type { PortalContext } from '../../portal/context';
import { cachedDefinitions } from '../../portal/main';
import { buildPortal } from '../../portal/server';
import { CliHarness, until } from '../cli/harness';
import { DEFAULT_ESCALATION, DEFAULT_REMINDERS } from '../support/campaigns';

const h = new CliHarness('portal-units');
const secret = new TextEncoder().encode(randomBytes(24).toString('hex'));
const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-portal-'));
let app: FastifyInstance;
let ctx: PortalContext;
let campaignId: string;

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n% dondoc test\n'),
  randomBytes(2000),
  Buffer.from('\n%%EOF\n'),
]);

function isoDate(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

function campaign(id: string): Campaign {
  const day = 86_400_000;
  const now = Date.now();
  const common = { reminders: DEFAULT_REMINDERS, escalation: DEFAULT_ESCALATION };
  const communes = { levels: ['commune'] };
  const milestones: Milestone[] = [
    {
      ...common,
      id: 'ke-hoach',
      kind: 'plan',
      title: 'Kế hoạch tổ chức Ngày hội',
      appliesTo: { all: true },
      due: { kind: 'before', date: isoDate(new Date(now + 30 * day)) },
    },
    {
      ...common,
      id: 'dang-ky-diem',
      kind: 'site-registration',
      title: 'Đăng ký điểm tổ chức',
      appliesTo: communes,
      due: { kind: 'before', date: isoDate(new Date(now + 30 * day)) },
      minSites: 2,
      siteFields: [
        { id: 'name', label: 'Tên điểm', type: 'text', required: true },
        { id: 'date', label: 'Ngày tổ chức', type: 'date', required: true },
      ],
    },
    {
      ...common,
      id: 'bao-cao',
      kind: 'result-report',
      title: 'Báo cáo kết quả',
      appliesTo: communes,
      due: { kind: 'before', date: isoDate(new Date(now + 40 * day)) },
      outline: [
        {
          id: 'attendance',
          label: 'Số người tham dự',
          type: 'integer',
          required: true,
          min: 0,
          aggregate: 'sum',
        },
        { id: 'budget', label: 'Kinh phí (đồng)', type: 'number', required: false, aggregate: 'sum' },
        { id: 'firstEvent', label: 'Ngày tổ chức sớm nhất', type: 'date', required: true, aggregate: 'min' },
      ],
    },
    {
      ...common,
      id: 'ngay-hoi',
      kind: 'event-window',
      title: 'Tổ chức Ngày hội',
      appliesTo: communes,
      window: { from: isoDate(new Date(now - 2 * day)), to: isoDate(new Date(now + 10 * day)) },
      minEvents: 2,
    },
    {
      ...common,
      id: 'qua-han',
      kind: 'plan',
      title: 'Báo cáo sơ kết (đã quá hạn)',
      appliesTo: communes,
      due: { kind: 'before', date: isoDate(new Date(now - day)) },
    },
  ];
  return {
    campaign: {
      id,
      title: 'Ngày hội toàn dân bảo vệ an ninh Tổ quốc (thử cổng thông tin)',
      issuer: 'tinh',
      document: { number: '12/KH-UBND', issued: isoDate(new Date(now - 3 * day)) },
      timeZone: 'Asia/Ho_Chi_Minh',
      language: 'vi',
    },
    levels: [
      { id: 'province', name: 'Tỉnh' },
      { id: 'district', name: 'Huyện' },
      { id: 'commune', name: 'Xã' },
    ],
    units: [
      { id: 'tinh', name: 'UBND tỉnh', level: 'province', emails: ['tinh@example.org'], tags: [] },
      {
        id: 'huyen-1',
        name: 'UBND huyện Một',
        level: 'district',
        parent: 'tinh',
        emails: ['h1@example.org'],
        tags: [],
      },
      {
        id: 'xa-a',
        name: 'UBND xã A',
        level: 'commune',
        parent: 'huyen-1',
        emails: ['a@example.org'],
        tags: [],
      },
      {
        id: 'xa-b',
        name: 'UBND xã B',
        level: 'commune',
        parent: 'huyen-1',
        emails: ['b@example.org'],
        tags: [],
      },
      {
        id: 'huyen-2',
        name: 'UBND huyện Hai',
        level: 'district',
        parent: 'tinh',
        emails: ['h2@example.org'],
        tags: [],
      },
      {
        id: 'xa-c',
        name: 'UBND xã C',
        level: 'commune',
        parent: 'huyen-2',
        emails: ['c@example.org'],
        tags: [],
      },
    ],
    calendar: DEFAULT_CALENDAR_RULES,
    milestones,
  };
}

const token = (unitId: string, extra: { campaignId?: string; nowMs?: number; ttlSeconds?: number } = {}) =>
  mintUnitLink({ secret, campaignId: extra.campaignId ?? campaignId, unitId, ...extra });

async function state(unitId: string): Promise<UnitState> {
  return await h.env.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).query(stateQuery);
}

const submissions = async (unitId: string, milestoneId: string) =>
  (await state(unitId)).milestones.find((m) => m.id === milestoneId)?.submissions ?? [];

/** A browser's visit: the session cookie and the page's CSRF token. */
async function visit(url: string): Promise<{ cookie: string; csrf: string; body: string }> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  // The cookie as the browser sends it back: its raw (encoded) value.
  const set = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('dondoc_session='));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!set || !csrf) throw new Error(`no session or CSRF token on ${url}`);
  return { cookie: set.split(';')[0] ?? '', csrf, body: res.body };
}

type Part = string | { filename: string; data: Buffer; type?: string };

function multipart(parts: [string, Part][]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----dondoc${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, v] of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if (typeof v === 'string') {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${name}"; filename="${v.filename}"\r\n` +
            `Content-Type: ${v.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        v.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function post(url: string, cookie: string, parts: [string, Part][]) {
  const m = multipart(parts);
  return await app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie } });
}

beforeAll(async () => {
  await h.start();
  campaignId = `portal-units-${Date.now()}`;
  await h.env.client.workflow.start('campaignWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: campaignWorkflowId(campaignId),
    args: [{ campaign: campaign(campaignId) }],
  });
  ctx = {
    client: h.env.client,
    documents: new FolderDocumentStore(path.join(dir, 'documents')),
    users: new UserStore(path.join(dir, 'users.json')),
    secret,
    settings: {
      publicUrl: 'http://localhost:8080',
      maxUploadBytes: 256 * 1024,
      linkTtlSeconds: 90 * 86400,
      secureCookies: false,
    },
    definition: cachedDefinitions(h.env.client),
    now: () => new Date(),
  };
  app = await buildPortal(ctx);
  // Every unit has started and answers its state query.
  for (const u of ['huyen-1', 'xa-a', 'xa-b', 'huyen-2', 'xa-c']) {
    await until({
      what: `unit ${u} to start`,
      probe: () => state(u).catch(() => undefined),
      done: (s) => s !== undefined && s.milestones.length > 0,
      timeoutMs: 60_000,
    });
  }
}, 240_000);

afterAll(async () => {
  await app?.close();
  await h.stop();
});

describe('who may open a unit page', () => {
  it('opens the unit’s own page, its milestones with due dates in the plan’s words and local time', async () => {
    const res = await app.inject({ method: 'GET', url: `/u/${await token('xa-a')}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('UBND xã A');
    const due = campaign(campaignId).milestones[0] as Extract<Milestone, { kind: 'plan' }>;
    const [y, m, d] = due.due.kind === 'before' ? due.due.date.split('-') : [];
    expect(res.body).toContain(`trước ngày ${d}/${m}/${y}`);
    expect(res.body).toContain(`hạn chót: ${d}/${m}/${y} 00:00`);
    expect(res.body).toContain('Báo cáo sơ kết (đã quá hạn)');
    expect(res.body).toContain('<span class="status overdue">quá hạn</span>');
    // A form per milestone that can be sent, with the plan's field names.
    for (const name of [
      '_csrf',
      'actor_name',
      'actor_position',
      'note',
      'document_file',
      'document_title',
      'v.attendance',
      'site.0.name',
      'sites_file',
    ]) {
      expect(res.body).toContain(`name="${name}"`);
    }
    // Strict CSP, no referrer, a session cookie for the CSRF secret.
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none';style-src 'self';img-src 'self' data:;form-action 'self';frame-ancestors 'none';base-uri 'none'",
    );
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^dondoc_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(res.headers['x-ratelimit-limit']).toBe('120');
  });

  it('refuses forged, altered, expired, foreign-key, unknown-campaign and unknown-unit links with a 403 page', async () => {
    const good = await token('xa-a');
    const [head, body, sig] = good.split('.') as [string, string, string];
    const flip = (s: string) =>
      s[5] === 'A' ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`;
    const otherClaims = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), u: 'xa-b' }),
    ).toString('base64url');
    const foreignKey = await mintUnitLink({
      secret: new TextEncoder().encode('x'.repeat(40)),
      campaignId,
      unitId: 'xa-a',
    });
    const noAudience = await new SignJWT({ c: campaignId, u: 'xa-a', t: Date.now() })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    const bad = [
      'not-a-token',
      `${head}.${body}.${flip(sig)}`,
      `${head}.${otherClaims}.${sig}`,
      foreignKey,
      noAudience,
      await token('xa-a', { nowMs: Date.now() - 3 * 86_400_000, ttlSeconds: 86_400 }),
      await token('xa-a', { campaignId: 'chien-dich-khac' }),
      await token('khong-co'),
    ];
    for (const t of bad) {
      for (const url of [`/u/${t}`, `/u/${t}/d/xa-a/ke-hoach/1`, `/u/${t}/s/xa-a`, `/u/${t}/r/ke-hoach/1`]) {
        const res = await app.inject({ method: 'GET', url });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 403 });
        expect(res.body).toContain('Không có quyền truy cập');
        expect(res.body).not.toMatch(/at .*\.ts:\d+|Error:/);
      }
    }
  });

  it('refuses a revoked link, and opens the one minted after', async () => {
    const old = await token('xa-b');
    expect((await app.inject({ method: 'GET', url: `/u/${old}` })).statusCode).toBe(200);
    await h.env.client.workflow
      .getHandle(unitWorkflowId(campaignId, 'xa-b'))
      .executeUpdate(revokeLinkUpdate, { args: [{ actor: 'PV05', reason: 'lộ đường dẫn' }] });
    expect((await app.inject({ method: 'GET', url: `/u/${old}` })).statusCode).toBe(403);
    const fresh = await token('xa-b', { nowMs: Date.now() + 5 });
    expect((await app.inject({ method: 'GET', url: `/u/${fresh}` })).statusCode).toBe(200);
    // A POST with the revoked link records nothing, even with a valid session and CSRF token.
    const v = await visit(`/u/${fresh}`);
    const res = await post(`/u/${old}/m/ke-hoach`, v.cookie, [
      ['_csrf', v.csrf],
      ['actor_name', 'Kẻ lạ'],
      ['document_title', 'Không được ghi'],
      ['document_file', { filename: 'x.pdf', data: PDF }],
      ['action', 'submit'],
    ]);
    expect(res.statusCode).toBe(403);
    expect(await submissions('xa-b', 'ke-hoach')).toEqual([]);
  });
});

describe('submitting', () => {
  it('refuses a POST without its CSRF token, or with another session’s, and records nothing', async () => {
    const t = await token('xa-a');
    const v = await visit(`/u/${t}`);
    const other = await visit(`/u/${await token('xa-c')}`);
    const parts: [string, Part][] = [
      ['actor_name', 'Nguyễn Văn A'],
      ['document_title', 'Kế hoạch'],
      ['document_file', { filename: 'ke-hoach.pdf', data: PDF }],
      ['action', 'submit'],
    ];
    for (const [cookie, extra] of [
      [v.cookie, []],
      ['', [['_csrf', v.csrf]]],
      [other.cookie, [['_csrf', v.csrf]]],
      [v.cookie, [['_csrf', 'forged']]],
    ] as [string, [string, Part][]][]) {
      const res = await post(`/u/${t}/m/ke-hoach`, cookie, [...extra, ...parts]);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Không có quyền truy cập');
    }
    expect(await submissions('xa-a', 'ke-hoach')).toEqual([]);
  });

  it('refuses a file that is not a PDF, DOCX or ODT by its content, keeping what was typed', async () => {
    const t = await token('xa-a');
    const v = await visit(`/u/${t}`);
    const res = await post(`/u/${t}/m/ke-hoach`, v.cookie, [
      ['_csrf', v.csrf],
      ['actor_name', 'Nguyễn Văn A'],
      ['actor_position', 'Chủ tịch'],
      ['document_title', 'Kế hoạch <số 1>'],
      [
        'document_file',
        { filename: 'ke-hoach.pdf', data: Buffer.from('<html>not a pdf</html>'), type: 'application/pdf' },
      ],
      ['action', 'submit'],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/class="error" id="f-ke-hoach-document_file-err">[^<]*PDF, DOCX hoặc ODT/);
    expect(res.body).toContain('value="Kế hoạch &lt;số 1&gt;"');
    expect(res.body).toContain('Tệp “ke-hoach.pdf” chưa được lưu: hãy chọn lại tệp.');
    expect(await submissions('xa-a', 'ke-hoach')).toEqual([]);
  });

  let planSha: string;

  it('records a plan with its document: receipt, state, and the file kept across a refusal', async () => {
    const t = await token('xa-a');
    const v = await visit(`/u/${t}`);
    // First without a title: refused, the stored file kept in a signed hidden field.
    const first = await post(`/u/${t}/m/ke-hoach`, v.cookie, [
      ['_csrf', v.csrf],
      ['actor_name', 'Nguyễn Văn A'],
      ['actor_position', 'Chủ tịch UBND xã'],
      ['document_title', ''],
      ['document_reference', '15/KH-UBND'],
      ['document_file', { filename: 'Kế hoạch xã A.pdf', data: PDF, type: 'application/pdf' }],
      ['action', 'submit'],
    ]);
    expect(first.statusCode).toBe(422);
    expect(first.body).toMatch(/id="f-ke-hoach-document_title-err">tên văn bản là bắt buộc/);
    const kept = /name="document_file_ref" value="([^"]+)"/.exec(first.body)?.[1];
    expect(kept).toBeDefined();
    expect(first.body).toContain('Đã nhận tệp “Kế hoạch xã A.pdf”');
    expect(await submissions('xa-a', 'ke-hoach')).toEqual([]);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(first.body)?.[1] ?? '';
    const res = await post(`/u/${t}/m/ke-hoach`, v.cookie, [
      ['_csrf', csrf],
      ['actor_name', 'Nguyễn Văn A'],
      ['actor_position', 'Chủ tịch UBND xã'],
      ['document_title', 'Kế hoạch tổ chức Ngày hội tại xã A'],
      ['document_reference', '15/KH-UBND'],
      ['document_file_ref', kept ?? ''],
      ['document_file', { filename: '', data: Buffer.alloc(0) }],
      ['action', 'submit'],
    ]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/u/${t}/r/ke-hoach/1$`));
    const receipt = await app.inject({ method: 'GET', url: String(res.headers.location) });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('Đã ghi nhận “Kế hoạch tổ chức Ngày hội”, lần gửi thứ 1.');
    expect(receipt.body).toContain('Đúng hạn');
    expect(receipt.body).toContain('đã gửi đúng hạn');
    expect(receipt.body).toContain('Nguyễn Văn A (Chủ tịch UBND xã)');
    const [sub] = await submissions('xa-a', 'ke-hoach');
    expect(sub).toMatchObject({
      seq: 1,
      actor: 'Nguyễn Văn A (Chủ tịch UBND xã)',
      onTime: true,
      payload: {
        document: {
          title: 'Kế hoạch tổ chức Ngày hội tại xã A',
          reference: '15/KH-UBND',
          file: { name: 'Kế hoạch xã A.pdf', type: 'application/pdf', size: PDF.length },
        },
      },
    });
    planSha = sub?.payload.document?.file?.sha256 ?? '';
    expect(planSha).toMatch(/^[0-9a-f]{64}$/);
    // The page no longer offers the plan's form.
    const page = await app.inject({ method: 'GET', url: `/u/${t}` });
    expect(page.body).not.toContain(`action="/u/${t}/m/ke-hoach#m-ke-hoach"`);
  });

  it('lets the unit and its superior download the document byte for byte, and nobody else', async () => {
    const url = (holder: string) => `/u/${holder}/d/xa-a/ke-hoach/1`;
    for (const holder of ['xa-a', 'huyen-1']) {
      const res = await app.inject({ method: 'GET', url: url(await token(holder)) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('Kế hoạch xã A.pdf')}`,
      );
      expect(res.rawPayload.equals(PDF)).toBe(true);
    }
    for (const holder of ['xa-b', 'huyen-2', 'xa-c']) {
      const t = await token(holder, { nowMs: Date.now() + 10 });
      const res = await app.inject({ method: 'GET', url: url(t) });
      expect({ holder, status: res.statusCode }).toEqual({ holder, status: 403 });
      expect(res.rawPayload.includes(PDF.subarray(0, 64))).toBe(false);
    }
    // The superior's read-only page of the subordinate links the document; a unit of another branch: 403.
    const h1 = await token('huyen-1');
    const sub = await app.inject({ method: 'GET', url: `/u/${h1}/s/xa-a` });
    expect(sub.statusCode).toBe(200);
    expect(sub.body).toContain(`href="/u/${h1}/d/xa-a/ke-hoach/1"`);
    expect(sub.body).not.toContain('name="actor_name"');
    expect((await app.inject({ method: 'GET', url: `/u/${h1}/s/xa-c` })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/u/${await token('xa-a')}/s/huyen-1` })).statusCode).toBe(
      403,
    );
  });

  it('shows a refused report again with each error by its field, what was typed kept, nothing recorded', async () => {
    const t = await token('xa-a');
    const v = await visit(`/u/${t}`);
    const res = await post(`/u/${t}/m/bao-cao`, v.cookie, [
      ['_csrf', v.csrf],
      ['actor_name', 'Nguyễn Văn A'],
      ['v.attendance', 'khoảng 300'],
      ['v.budget', '15.000.000'],
      ['v.firstEvent', ''],
      ['action', 'submit'],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(
      /id="f-bao-cao-v_attendance-err">Số người tham dự phải là số, nhận được &quot;khoảng 300&quot;/,
    );
    expect(res.body).toMatch(/id="f-bao-cao-v_firstEvent-err">Ngày tổ chức sớm nhất là bắt buộc/);
    expect(res.body).toContain('value="khoảng 300"');
    expect(res.body).toContain('value="15.000.000"');
    expect(res.body).toContain('aria-invalid="true"');
    expect(await submissions('xa-a', 'bao-cao')).toEqual([]);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
    const ok = await post(`/u/${t}/m/bao-cao`, v.cookie, [
      ['_csrf', csrf],
      ['actor_name', 'Nguyễn Văn A'],
      ['v.attendance', '1.250'],
      ['v.budget', '15.000.000,5'],
      ['v.firstEvent', '2026-08-02'],
      ['action', 'submit'],
    ]);
    expect(ok.statusCode).toBe(303);
    const [sub] = await submissions('xa-a', 'bao-cao');
    expect(sub?.payload.values).toEqual({ attendance: 1250, budget: 15_000_000.5, firstEvent: '2026-08-02' });
  });

  it('adds a row without sending anything, flags a short site list, then takes a full list from a CSV', async () => {
    const t = await token('xa-c');
    const v = await visit(`/u/${t}`);
    const added = await post(`/u/${t}/m/dang-ky-diem`, v.cookie, [
      ['_csrf', v.csrf],
      ['actor_name', 'Lê Văn C'],
      ['site.0._row', '1'],
      ['site.0.name', 'Thôn Một'],
      ['site.0.date', '2026-08-05'],
      ['action', 'add-row'],
    ]);
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('name="site.1.name"');
    expect(added.body).toContain('value="Thôn Một"');
    expect(added.body).toContain('value="Lê Văn C"');
    expect(await submissions('xa-c', 'dang-ky-diem')).toEqual([]);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(added.body)?.[1] ?? '';
    const short = await post(`/u/${t}/m/dang-ky-diem`, v.cookie, [
      ['_csrf', csrf],
      ['actor_name', 'Lê Văn C'],
      ['site.0._row', '1'],
      ['site.0.name', 'Thôn Một'],
      ['site.0.date', '2026-08-05'],
      ['site.1._row', '1'],
      ['site.1.name', ''],
      ['site.1.date', ''],
      ['action', 'submit'],
    ]);
    expect(short.statusCode).toBe(303);
    const receipt = await app.inject({ method: 'GET', url: String(short.headers.location) });
    expect(receipt.body).toContain('ít điểm hơn yêu cầu: 1/2');
    // Still open to a new list, which replaces the short one.
    const again = await visit(`/u/${t}`);
    expect(again.body).toContain('Gửi lại danh sách (thay danh sách trước)');
    const csv = Buffer.from('Tên điểm,Ngày tổ chức\nThôn Một,05/08/2026\nTrường THCS C,06/08/2026\n');
    const full = await post(`/u/${t}/m/dang-ky-diem`, again.cookie, [
      ['_csrf', again.csrf],
      ['actor_name', 'Lê Văn C'],
      ['site.0._row', '1'],
      ['site.0.name', ''],
      ['site.0.date', ''],
      ['sites_file', { filename: 'diem.csv', data: csv, type: 'text/csv' }],
      ['action', 'submit'],
    ]);
    expect(full.statusCode).toBe(303);
    const subs = await submissions('xa-c', 'dang-ky-diem');
    expect(subs).toHaveLength(2);
    expect(subs[1]?.payload.sites).toEqual([
      { name: 'Thôn Một', date: '2026-08-05' },
      { name: 'Trường THCS C', date: '2026-08-06' },
    ]);
    expect((await state('xa-c')).milestones.find((m) => m.id === 'dang-ky-diem')?.flags).toEqual([]);
  });
});

it('takes events held inside the window, refuses one outside it, and asks for more until enough', async () => {
  const t = await token('xa-b', { nowMs: Date.now() + 5 });
  const v = await visit(`/u/${t}`);
  expect(v.body).toMatch(/từ ngày \d\d\/\d\d\/\d{4} đến hết ngày \d\d\/\d\d\/\d{4}/);
  const today = isoDate(new Date());
  const outside = await post(`/u/${t}/m/ngay-hoi`, v.cookie, [
    ['_csrf', v.csrf],
    ['actor_name', 'Phạm Thị B'],
    ['event.0._row', '1'],
    ['event.0.date', isoDate(new Date(Date.now() - 5 * 86_400_000))],
    ['event.0.place', 'Nhà văn hóa thôn Hai'],
    ['event.0.attendance', '1.200'],
    ['action', 'submit'],
  ]);
  expect(outside.statusCode).toBe(422);
  expect(outside.body).toMatch(/id="f-ngay-hoi-event_0_date-err">ngày [\d-]+ nằm ngoài thời gian thực hiện/);
  expect(await submissions('xa-b', 'ngay-hoi')).toEqual([]);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(outside.body)?.[1] ?? '';
  const ok = await post(`/u/${t}/m/ngay-hoi`, v.cookie, [
    ['_csrf', csrf],
    ['actor_name', 'Phạm Thị B'],
    ['event.0._row', '1'],
    ['event.0.date', today],
    ['event.0.place', 'Nhà văn hóa thôn Hai'],
    ['event.0.attendance', '1.200'],
    ['action', 'submit'],
  ]);
  expect(ok.statusCode).toBe(303);
  const receipt = await app.inject({ method: 'GET', url: String(ok.headers.location) });
  expect(receipt.body).toContain('ít buổi hơn yêu cầu: 1/2');
  expect((await submissions('xa-b', 'ngay-hoi'))[0]?.payload.events).toEqual([
    { date: today, place: 'Nhà văn hóa thôn Hai', attendance: 1200 },
  ]);
  expect((await app.inject({ method: 'GET', url: `/u/${t}` })).body).toContain(
    'Báo cáo thêm buổi đã tổ chức',
  );
});

describe('a superior', () => {
  it('sees its subtree read-only: laggards from one visibility query, no form for them', async () => {
    const t = await token('huyen-1');
    const page = await until({
      what: 'the overdue subordinates to show on the district page',
      probe: async () => (await app.inject({ method: 'GET', url: `/u/${t}` })).body,
      done: (body) => /Đơn vị quá hạn<\/h3>\s*<ul>/.test(body) && body.includes('UBND xã B</a>'),
      timeoutMs: 30_000,
    });
    expect(page).toContain('Các đơn vị cấp dưới');
    expect(page).toContain(`href="/u/${t}/s/xa-a"`);
    expect(page).toContain(`href="/u/${t}/s/xa-b"`);
    // Another branch is not listed.
    expect(page).not.toContain('UBND xã C');
    // Its own plan form only (subordinates' milestones get none).
    expect(page).toContain(`action="/u/${t}/m/ke-hoach#m-ke-hoach"`);
    expect(page).not.toContain(`action="/u/${t}/m/bao-cao`);
  });
});

describe('the server', () => {
  it('serves its stylesheet, a health check and Vietnamese error pages', async () => {
    const css = await app.inject({ method: 'GET', url: '/assets/portal.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
    const missing = await app.inject({ method: 'GET', url: '/khong-co' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Không tìm thấy');
  });

  it('rate-limits the unit routes', async () => {
    const limited = await buildPortal(ctx, { rateLimits: { unit: { max: 3, timeWindow: 60_000 } } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push((await limited.inject({ method: 'GET', url: '/u/garbage' })).statusCode);
      expect(codes).toEqual([403, 403, 403, 429]);
    } finally {
      await limited.close();
    }
  });
});
