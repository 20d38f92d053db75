// The portal's unit routes under hostile requests, through the real server (buildPortal, app.inject) on a real
// dev server and worker running the campaign (test/cli/harness.ts); what was written is read back from the
// unit workflows themselves. Missing, garbage, forged, altered, expired, other-audience,
// other-campaign, unknown-unit and revoked links on every unit route; another branch's unit; `../` in path
// parameters; oversized bodies, wrong content types, JSON with `__proto__`, a missing CSRF token; and a form with
// CR LF and escape sequences in its fields, which is cleaned and sent once. Refusals are 403/404/413/415/400
// pages that show no unit's data and write nothing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { FolderDocumentStore } from '../../access/documents';
import { mintUnitLink } from '../../access/tokens';
import { UserStore } from '../../access/users';
import { CliError, EXIT } from '../../client/errors';
import { queryWorkflow } from '../../client/queries';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import { revokeLinkUpdate, stateQuery, type UnitState } from '../../contract/messages';
import type { Campaign, Milestone } from '../../core/definition/types';
import { forbiddenCharacter } from '../../core/text/typed';
import type { PortalContext } from '../../portal/context';
import { buildPortal } from '../../portal/server';
import { CliHarness, until } from '../cli/harness';
import { plan, tinyCampaign } from '../support/campaigns';

const CAMPAIGN = 'hostile-portal';
const secret = new TextEncoder().encode(randomBytes(24).toString('hex'));
const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-hostile-portal-'));
const DUE = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const REPORT = {
  ...plan('bao-cao', { kind: 'before', date: DUE }),
  kind: 'result-report',
  title: 'Báo cáo kết quả',
  outline: [
    { id: 'sites', label: 'Số điểm', type: 'integer', required: true, min: 0 },
    { id: 'remark', label: 'Ghi chú', type: 'text', required: false },
  ],
} as Milestone;

function campaign(): Campaign {
  const c = tinyCampaign([REPORT], { id: CAMPAIGN, title: 'Chiến dịch bí mật' });
  const unit = (id: string, name: string, parent: string, level = 'commune') => ({
    id,
    name,
    level,
    parent,
    emails: [`${id}@example.org`],
    tags: [],
  });
  c.levels = [...c.levels.slice(0, 1), { id: 'district', name: 'Huyện' }, ...c.levels.slice(1)];
  c.units = [
    { id: 'root', name: 'Ban Chỉ đạo tỉnh', level: 'province', emails: ['root@example.org'], tags: [] },
    unit('huyen-1', 'Huyện Một', 'root', 'district'),
    unit('xa-a', 'Xã Anh Đào', 'huyen-1'),
    unit('xa-b', 'Xã Bạch Mai', 'huyen-1'),
    unit('huyen-2', 'Huyện Hai', 'root', 'district'),
    unit('xa-c', 'Xã Cẩm Lệ', 'huyen-2'),
  ];
  return c;
}

/** Words of the campaign's pages that no refusal may show. */
const SECRETS = /Chiến dịch bí mật|Anh Đào|Bạch Mai|Cẩm Lệ|Huyện Một|Báo cáo kết quả/;

const h = new CliHarness('hostile-portal');
const UNITS = ['huyen-1', 'xa-a', 'xa-b', 'huyen-2', 'xa-c'];

async function unitState(unitId: string): Promise<UnitState> {
  return await queryWorkflow({
    client: h.env.client,
    workflowId: unitWorkflowId(CAMPAIGN, unitId),
    query: stateQuery,
  });
}

/** Every submission the unit workflows hold, as `unit: actor`: what the portal wrote. */
async function written(): Promise<string[]> {
  const all = await Promise.all(UNITS.map(async (u) => ({ u, s: await unitState(u) })));
  return all.flatMap(({ u, s }) => s.milestones.flatMap((m) => m.submissions.map((x) => `${u}: ${x.actor}`)));
}

let app: FastifyInstance;
const tokens: Record<string, string> = {};
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  await h.start();
  const definition = campaign();
  await h.env.client.workflow.start('campaignWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: campaignWorkflowId(CAMPAIGN),
    args: [{ campaign: definition }],
  });
  for (const u of UNITS) {
    await until({
      what: `unit ${u} to start`,
      probe: () => unitState(u).catch(() => undefined),
      done: (s) => s !== undefined && s.milestones.length > 0,
      timeoutMs: 60_000,
    });
  }
  // xa-b's links issued until now are revoked (BAD_TOKENS' "a revoked link" was issued two minutes ago).
  await h.env.client.workflow
    .getHandle(unitWorkflowId(CAMPAIGN, 'xa-b'))
    .executeUpdate(revokeLinkUpdate, { args: [{ actor: 'PV05', reason: 'thư chuyển nhầm' }] });
  const ctx: PortalContext = {
    client: h.env.client,
    documents: new FolderDocumentStore(path.join(dir, 'documents')),
    users: new UserStore(path.join(dir, 'users.json')),
    secret,
    settings: {
      publicUrl: 'http://localhost:8080',
      maxUploadBytes: 64 * 1024,
      linkTtlSeconds: 90 * 86400,
      secureCookies: false,
    },
    definition: async (id) => {
      if (id === CAMPAIGN) return definition;
      throw new CliError(EXIT.rejected, `không có chiến dịch '${id}'`);
    },
    now: () => new Date(),
  };
  app = await buildPortal(ctx, { rateLimits: { unit: { max: 10_000, timeWindow: 60_000 } } });
  for (const u of ['huyen-1', 'xa-a', 'xa-c'])
    tokens[u] = await mintUnitLink({ secret, campaignId: CAMPAIGN, unitId: u });
  session = await staffSession();
}, 240_000);

afterAll(async () => {
  await app?.close();
  await h.stop();
  // Nothing was stored: no document, no account file.
  expect(readdirSync(dir)).toEqual([]);
});

/** A session cookie and its CSRF token, as the sign-in page gives them to anyone. */
async function staffSession(): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: 'GET', url: '/staff/login' });
  const set = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('dondoc_session='));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!set || !csrf) throw new Error('no session or CSRF token on /staff/login');
  return { cookie: set.split(';')[0] ?? '', csrf };
}

const form = (fields: Record<string, string>) =>
  new URLSearchParams({ _csrf: session.csrf, ...fields }).toString();

async function postForm(url: string, fields: Record<string, string>) {
  return await app.inject({
    method: 'POST',
    url,
    payload: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
  });
}

/** Hostile links: each made on demand, so that an expired one is expired when used. */
const BAD_TOKENS: [string, () => Promise<string>][] = [
  ['garbage', async () => 'not-a-token'],
  [
    'a forged signature',
    async () => mintUnitLink({ secret: randomBytes(32), campaignId: CAMPAIGN, unitId: 'xa-a' }),
  ],
  [
    'an altered payload',
    async () => {
      const [h, , s] = (tokens['xa-a'] ?? '').split('.');
      const other = (tokens['xa-c'] ?? '').split('.')[1];
      return `${h}.${other}.${s}`;
    },
  ],
  [
    'an expired link',
    async () =>
      mintUnitLink({
        secret,
        campaignId: CAMPAIGN,
        unitId: 'xa-a',
        nowMs: Date.now() - 10_000,
        ttlSeconds: 1,
      }),
  ],
  [
    'another audience',
    async () =>
      new SignJWT({ c: CAMPAIGN, u: 'xa-a', t: Date.now() })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .setAudience('dondoc-staff')
        .sign(secret),
  ],
  [
    'alg none',
    async () => {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const exp = Math.floor(Date.now() / 1000) + 3600;
      return `${part({ alg: 'none' })}.${part({ c: CAMPAIGN, u: 'xa-a', t: Date.now(), aud: 'dondoc-unit', iat: 1, exp })}.x`;
    },
  ],
  ['another campaign', async () => mintUnitLink({ secret, campaignId: 'other-campaign', unitId: 'xa-a' })],
  ['a unit not in the campaign', async () => mintUnitLink({ secret, campaignId: CAMPAIGN, unitId: 'xa-z' })],
  [
    'a revoked link',
    async () => mintUnitLink({ secret, campaignId: CAMPAIGN, unitId: 'xa-b', nowMs: Date.now() - 120_000 }),
  ],
];

const ROUTES: [string, (t: string) => string][] = [
  ['GET the unit page', (t) => `/u/${t}`],
  ['GET a receipt', (t) => `/u/${t}/r/bao-cao/1`],
  ['GET a subordinate page', (t) => `/u/${t}/s/xa-a`],
  ['GET a document', (t) => `/u/${t}/d/xa-a/bao-cao/1`],
  ['POST a submission', (t) => `/u/${t}/m/bao-cao`],
];

async function expectRefused(
  res: { statusCode: number; body: string },
  codes: number[] = [401, 403, 404],
): Promise<void> {
  expect(codes).toContain(res.statusCode);
  expect(res.body).not.toMatch(SECRETS);
  expect(res.body).not.toMatch(/\n\s+at |Error:/);
  expect(await written()).toEqual([]);
}

describe.each(BAD_TOKENS)('a link with %s', (_what, make) => {
  it.each(ROUTES)('%s is refused with 403 and nothing written', async (_route, url) => {
    const u = url(await make());
    const res = u.includes('/m/')
      ? await postForm(u, { actor_name: 'Kẻ xấu', 'v.sites': '5' })
      : await app.inject({ method: 'GET', url: u });
    await expectRefused(res, [403]);
  });
});

describe('no link and other units', () => {
  it.each(['/u', '/u/', '/u//s/xa-a', '/u//r/bao-cao/1'])('%s without a token is refused', async (url) => {
    await expectRefused(await app.inject({ method: 'GET', url }));
  });

  it('a POST without a token is refused', async () => {
    await expectRefused(await postForm('/u//m/bao-cao', { actor_name: 'A', 'v.sites': '1' }));
  });

  it.each([
    ['another branch', 'xa-c', '/s/xa-a'],
    ['another branch, a document', 'xa-c', '/d/xa-a/bao-cao/1'],
    ['a sibling', 'xa-a', '/s/xa-b'],
    ['its superior', 'xa-a', '/s/huyen-1'],
    ['an unknown unit', 'xa-a', '/s/khong-co'],
    ['a __proto__ unit', 'xa-a', '/s/__proto__'],
  ])("a unit's link opening %s is refused", async (_what, holder, rest) => {
    await expectRefused(await app.inject({ method: 'GET', url: `/u/${tokens[holder]}${rest}` }), [403]);
  });

  it('a fresh link of the unit whose older links were revoked is accepted', async () => {
    const fresh = await mintUnitLink({ secret, campaignId: CAMPAIGN, unitId: 'xa-b' });
    const res = await app.inject({ method: 'GET', url: `/u/${fresh}/s/xa-b` });
    expect(res.statusCode).toBe(303);
    expect(await written()).toEqual([]);
  });

  it("a unit's own id as subordinate is accepted: a redirect to its own page", async () => {
    const res = await app.inject({ method: 'GET', url: `/u/${tokens['xa-a']}/s/xa-a` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/u/${tokens['xa-a']}`);
    expect(await written()).toEqual([]);
  });
});

describe('../ in path parameters', () => {
  it.each([
    ['a subordinate', (t: string) => `/u/${t}/s/..%2F..%2Fstaff`],
    ['a subordinate, raw', (t: string) => `/u/${t}/s/../../staff`],
    ['a document milestone', (t: string) => `/u/${t}/d/xa-a/..%2F..%2Fetc%2Fpasswd/1`],
    ['a document seq', (t: string) => `/u/${t}/d/xa-a/bao-cao/..%2F..%2F1`],
    ['a receipt', (t: string) => `/u/${t}/r/..%2Fbao-cao/1`],
    ['the token', () => '/u/..%2F..%2Fstaff'],
  ])('in %s is refused', async (_what, url) => {
    await expectRefused(await app.inject({ method: 'GET', url: url(tokens['huyen-1'] ?? '') }));
  });

  it('in a milestone of a POST is refused', async () => {
    await expectRefused(
      await postForm(`/u/${tokens['xa-a']}/m/..%2Fbao-cao`, { actor_name: 'A', 'v.sites': '1' }),
    );
  });
});

describe('bodies', () => {
  const url = () => `/u/${tokens['xa-a']}/m/bao-cao`;
  const headers = (type: string) => ({
    'content-type': type,
    cookie: session.cookie,
    'csrf-token': session.csrf,
  });

  it('a 2 MiB form is refused with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      payload: form({ actor_name: 'A', 'v.remark': 'x'.repeat(2 * 1024 * 1024) }),
      headers: headers('application/x-www-form-urlencoded'),
    });
    await expectRefused(res, [413]);
    expect(res.body).toMatch(/quá lớn|MB/);
  });

  it('a 2 MiB JSON body is refused with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      payload: JSON.stringify({ actor_name: 'A', 'v.remark': 'x'.repeat(2 * 1024 * 1024) }),
      headers: headers('application/json'),
    });
    await expectRefused(res, [413, 415]);
  });

  it('a text/plain body is read as an empty form: shown again with its errors (422), nothing written', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      payload: 'actor_name=A&v.sites=1',
      headers: headers('text/plain'),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/Số điểm là bắt buộc/);
    expect(await written()).toEqual([]);
  });

  // Was a defect: a malformed multipart body (no boundary, or one the body does not follow) was answered 500 on
  // every POST route, the staff sign-in included; it is the client's error.
  it.each([
    ['multipart/form-data', 'actor_name=A'],
    ['multipart/form-data; boundary=xyz', 'garbage'],
  ])('a malformed multipart body (%s) is refused with 400', async (type, body) => {
    const res = await app.inject({ method: 'POST', url: url(), payload: body, headers: headers(type) });
    await expectRefused(res, [400]);
  });

  it.each(['application/xml', 'text/csv', 'application/octet-stream'])(
    'a body of type %s is refused',
    async (type) => {
      const res = await app.inject({
        method: 'POST',
        url: url(),
        payload: 'actor_name=A&v.sites=1',
        headers: headers(type),
      });
      await expectRefused(res, [400, 415]);
    },
  );

  it('JSON with __proto__ is refused with 400 or 415, and pollutes nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      payload: '{"actor_name":"A","v.sites":"1","__proto__":{"polluted":true}}',
      headers: headers('application/json'),
    });
    await expectRefused(res, [400, 415]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a form without its CSRF token is refused with 403', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      payload: 'actor_name=A&v.sites=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
    });
    await expectRefused(res, [403]);
  });
});

describe('CR LF and escape sequences in form fields', () => {
  it('are accepted cleaned: one Update, one-line fields on one line, no control character', async () => {
    const res = await postForm(`/u/${tokens['xa-a']}/m/bao-cao`, {
      actor_name: 'Nguyễn Văn A\r\nBcc: x@evil.example',
      actor_position: 'Chủ tịch\x1b]52;c;ZXZpbA==\x07',
      note: 'dòng 1\r\ndòng 2\x1b[2J',
      'v.sites': '1.000',
      'v.remark': '=1+1\r\nxong',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/u/${tokens['xa-a']}/r/bao-cao/1`);
    expect(await written()).toHaveLength(1);
    const sent = (await unitState('xa-a')).milestones[0]?.submissions[0];
    if (!sent) throw new Error('no submission recorded');
    expect(forbiddenCharacter(String(sent.actor))).toBeUndefined();
    expect(sent.actor).toMatch(/^Nguyễn Văn A Bcc: x@evil\.example/);
    expect(sent.note).toBe('dòng 1\ndòng 2');
    expect(sent.payload).toEqual({ values: { sites: 1000, remark: '=1+1\nxong' } });
  });
});
