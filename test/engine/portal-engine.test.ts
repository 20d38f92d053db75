// What the engine does for the portal, on the time-skipping server with a real SMTP server: a unit's links
// revoked by an update (who, when, why), the new link mailed by its own small workflow (never in history),
// documents referenced in submissions, and a site list short of the minimum sent again.
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { linkRevoked, verifyUnitLink } from '../../access/tokens';
import { createActivities } from '../../activities';
import { buildAudit } from '../../client/audit';
import { describeEntry } from '../../client/read/audit';
import { linkNoticeWorkflowId } from '../../contract/ids';
import { aggregateQuery, revokeLinkUpdate, stateQuery, submitUpdate } from '../../contract/messages';
import { dataConverter } from '../../core/payload-codec';
import { createSmtpTransport } from '../../worker/transport';
import type { LinkNoticeInput } from '../../workflows/link';
import { DOCUMENT_TYPES } from '../../workflows/submission-check';
import { binhSonIn } from '../support/campaigns';
import { Engine, milestone, rejection } from '../support/engine';
import { bundleOnce } from '../support/temporal';

const engine = new Engine('portal-engine');
const PORTAL_QUEUE = 'portal-engine-links';
const secret = new TextEncoder().encode('portal-engine-test-secret-of-32-chars!!');
let year: number;
let portalWorker: Worker;
let portalRun: Promise<void>;
let closeTransport: () => void;

beforeAll(async () => {
  await engine.start((y) => {
    year = y + 1;
    return binhSonIn(year);
  });
  // A second worker, with a portal, on a queue of its own for the link workflows.
  const transport = createSmtpTransport({
    DONDOC_SMTP_HOST: '127.0.0.1',
    DONDOC_SMTP_PORT: engine.smtp.port,
    DONDOC_SMTP_SECURE: false,
    DONDOC_SMTP_REQUIRE_TLS: false,
    DONDOC_SMTP_POOL_SIZE: 1,
  });
  closeTransport = () => transport.close();
  portalWorker = await Worker.create({
    connection: engine.env.nativeConnection,
    taskQueue: PORTAL_QUEUE,
    workflowBundle: await bundleOnce(path.join(__dirname, '..', '..', 'workflows')),
    dataConverter,
    activities: createActivities({
      transport,
      from: 'PV05 <pv05@binhson.example.org>',
      portal: { publicUrl: 'http://localhost:8080', secret },
    }),
  });
  portalRun = portalWorker.run();
});

afterAll(async () => {
  portalWorker?.shutdown();
  await portalRun;
  closeTransport?.();
  await engine.stop();
});

const site = (name: string, day: string) => ({ name, date: `${year}-${day}`, place: `Nhà văn hóa ${name}` });
const PDF_REF = {
  sha256: 'a'.repeat(64),
  name: 'Kế hoạch 12-KH.pdf',
  type: DOCUMENT_TYPES.pdf,
  size: 20_480,
};

describe("a unit's portal link", () => {
  it('is revoked by an update that says who and why, and the count goes up', async () => {
    const unit = await engine.unit('binh-an');
    expect(
      await rejection(unit.executeUpdate(revokeLinkUpdate, { args: [{ actor: 'PV05', reason: ' ' }] })),
    ).toMatch(/^reason: /);
    expect(
      await rejection(
        unit.executeUpdate(revokeLinkUpdate, { args: [{ actor: '', reason: 'Lộ đường dẫn' }] }),
      ),
    ).toMatch(/^actor: /);
    expect((await unit.query(stateQuery)).link).toBeUndefined();

    const first = await unit.executeUpdate(revokeLinkUpdate, {
      args: [{ actor: 'Trần Văn B (PV05)', reason: 'Thư bị chuyển nhầm' }],
    });
    expect(first.count).toBe(1);
    const second = await unit.executeUpdate(revokeLinkUpdate, {
      args: [{ actor: 'Trần Văn B (PV05)', reason: 'Đổi cán bộ phụ trách' }],
    });
    expect(second.count).toBe(2);
    expect(Date.parse(second.revokedAt)).toBeGreaterThanOrEqual(Date.parse(first.revokedAt));
    const link = (await unit.query(stateQuery)).link;
    expect(link).toEqual({
      revokedAt: second.revokedAt,
      events: [
        {
          kind: 'link-revoked',
          at: first.revokedAt,
          actor: 'Trần Văn B (PV05)',
          reason: 'Thư bị chuyển nhầm',
        },
        {
          kind: 'link-revoked',
          at: second.revokedAt,
          actor: 'Trần Văn B (PV05)',
          reason: 'Đổi cán bộ phụ trách',
        },
      ],
    });
  });

  it('is mailed anew by linkNoticeWorkflow: a link issued after the revocation, and nowhere in history', async () => {
    const unit = await engine.unit('binh-chanh');
    const revoked = await unit.executeUpdate(revokeLinkUpdate, {
      args: [{ actor: 'Trần Văn B (PV05)', reason: 'Thư bị chuyển nhầm' }],
    });
    const c = engine.campaign;
    const u = c.units.find((x) => x.id === 'binh-chanh');
    if (!u) throw new Error('no binh-chanh');
    const input: LinkNoticeInput = {
      campaignId: c.campaign.id,
      unitId: u.id,
      campaign: c.campaign,
      unit: { id: u.id, name: u.name, emails: u.emails },
      issuerName: c.units.find((x) => x.id === c.campaign.issuer)?.name ?? c.campaign.issuer,
      count: revoked.count,
      revokedAt: revoked.revokedAt,
      actor: 'Trần Văn B (PV05)',
      reason: 'Thư bị chuyển nhầm',
    };
    const workflowId = linkNoticeWorkflowId(c.campaign.id, u.id, revoked.count);
    expect(workflowId).toBe(`${c.campaign.id}/binh-chanh/link/1`);
    const result = await engine.env.client.workflow.execute('linkNoticeWorkflow', {
      taskQueue: PORTAL_QUEUE,
      workflowId,
      args: [input],
    });
    expect(result).toMatchObject({ messageId: `<${c.campaign.id}.binh-chanh.link.1@dondoc>`, to: u.emails });
    expect(result.failure).toBeUndefined();

    const [mail] = await engine.smtp.waitFor((all) => all.some((m) => m.messageId === result.messageId));
    const sent = engine.smtp.received.find((m) => m.messageId === result.messageId);
    if (!sent || !mail) throw new Error('no link mail');
    expect(sent.subject).toBe(`[Đường dẫn mới] ${u.name}: đường dẫn riêng để gửi trực tuyến`);
    expect(sent.text).toContain('Lý do thu hồi: Thư bị chuyển nhầm (người thực hiện: Trần Văn B (PV05))');
    const token = /http:\/\/localhost:8080\/u\/([\w.-]+)/.exec(sent.text)?.[1];
    if (!token) throw new Error(`no link in ${sent.text}`);
    // Checked a moment after the revocation, not at the test server's clock: once the link workflow ends that
    // clock may skip to the campaign's next timer, months on, past the link's 90 days.
    const claims = await verifyUnitLink({ secret, token, nowMs: Date.parse(revoked.revokedAt) + 1000 });
    expect(claims).toMatchObject({ campaignId: c.campaign.id, unitId: 'binh-chanh' });
    if (!claims) throw new Error('unreachable');
    expect(linkRevoked(claims, (await unit.query(stateQuery)).link)).toBe(false);

    // The credential is in the email only: neither the link workflow's history nor the unit's holds it.
    // (Histories as their protobuf bytes, where every payload's JSON is as it was recorded.)
    const bytes = async (h: ReturnType<typeof unit.fetchHistory>) =>
      Buffer.from(temporal.api.history.v1.History.encode(await h).finish()).toString('utf8');
    const histories = [
      await bytes(engine.env.client.workflow.getHandle(workflowId).fetchHistory()),
      await bytes(unit.fetchHistory()),
    ].join('\n');
    expect(histories).toContain('Thư bị chuyển nhầm');
    expect(histories).toContain(result.messageId);
    expect(histories).not.toContain(token.split('.')[2] as string);
    expect(histories).not.toContain('localhost:8080/u/');
  });

  it('a worker without a portal records why the link could not be mailed', async () => {
    const c = engine.campaign;
    const u = c.units.find((x) => x.id === 'chau-o');
    if (!u) throw new Error('no chau-o');
    const result = await engine.env.client.workflow.execute('linkNoticeWorkflow', {
      taskQueue: engine.taskQueue,
      workflowId: linkNoticeWorkflowId(c.campaign.id, u.id, 1),
      args: [
        {
          campaignId: c.campaign.id,
          unitId: u.id,
          campaign: c.campaign,
          unit: { id: u.id, name: u.name, emails: u.emails },
          count: 1,
          revokedAt: new Date(await engine.env.currentTimeMs()).toISOString(),
          actor: 'PV05',
          reason: 'thử',
        } satisfies LinkNoticeInput,
      ],
    });
    expect(result.failure).toMatch(/no portal \(DONDOC_PORTAL_URL\)/);
  });
});

describe('submissions for the portal', () => {
  it('a plan may reference its stored document; a malformed reference is refused field by field', async () => {
    const unit = await engine.unit('binh-dong');
    const bad = await rejection(
      unit.executeUpdate(submitUpdate, {
        args: [
          {
            milestoneId: 'ke-hoach',
            actor: 'Công an xã Bình Đông',
            payload: {
              document: {
                title: 'Kế hoạch',
                file: { sha256: 'XYZ', name: '', type: 'text/html', size: 0, path: '/etc' } as never,
              },
            },
          },
        ],
      }),
    );
    for (const p of ['sha256', 'name', 'type', 'size', 'path'])
      expect(bad).toContain(`payload.document.file.${p}: `);
    expect(milestone(await unit.query(stateQuery), 'ke-hoach').submissions).toEqual([]);

    const receipt = await unit.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'ke-hoach',
          actor: 'Công an xã Bình Đông',
          payload: { document: { title: 'Kế hoạch số 12/KH-UBND', file: PDF_REF } },
        },
      ],
    });
    expect(receipt).toMatchObject({ seq: 1, status: 'submitted' });
    expect(
      milestone(await unit.query(stateQuery), 'ke-hoach').submissions[0]?.payload.document?.file,
    ).toEqual(PDF_REF);
  });

  it('a result report may carry its report document beside the figures', async () => {
    const unit = await engine.unit('binh-dong');
    const values = {
      sites: 2,
      attendance: 300,
      collectivesAwarded: 1,
      individualsAwarded: 3,
      firstEvent: `${year}-08-01`,
      lastEvent: `${year}-08-05`,
    };
    const receipt = await unit.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'bao-cao-ket-qua',
          actor: 'Công an xã Bình Đông',
          payload: {
            values,
            document: {
              title: 'Báo cáo kết quả',
              file: { ...PDF_REF, name: 'bao-cao.docx', type: DOCUMENT_TYPES.docx },
            },
          },
        },
      ],
    });
    expect(receipt.milestoneId).toBe('bao-cao-ket-qua');
  });

  it('a site list below the minimum can be sent again; the new list replaces it and the flag goes', async () => {
    const unit = await engine.unit('binh-khuong');
    const short = await unit.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'dang-ky-diem',
          actor: 'Công an xã Bình Khương',
          payload: { sites: [site('Thôn 1', '07-20')] },
        },
      ],
    });
    expect(short).toMatchObject({ seq: 1, flags: ['below-min-sites: 1 of 2'] });
    const again = await unit.executeUpdate(submitUpdate, {
      args: [
        {
          milestoneId: 'dang-ky-diem',
          actor: 'Công an xã Bình Khương',
          payload: { sites: [site('Thôn 1', '07-20'), site('Thôn 2', '07-22')] },
        },
      ],
    });
    expect(again).toMatchObject({ seq: 2, flags: [], status: 'submitted' });
    const ms = milestone(await unit.query(stateQuery), 'dang-ky-diem');
    expect(ms.flags).toEqual([]);
    expect(ms.submissions.map((s) => s.payload.sites?.length)).toEqual([1, 2]);
    // Complete now: a third list is refused.
    expect(
      await rejection(
        unit.executeUpdate(submitUpdate, {
          args: [
            {
              milestoneId: 'dang-ky-diem',
              actor: 'Công an xã Bình Khương',
              payload: { sites: [site('Thôn 3', '07-23'), site('Thôn 4', '07-24')] },
            },
          ],
        }),
      ),
    ).toMatch(/đã được gửi rồi/);
  });
});

describe('the audit timeline, read from history', () => {
  it('shows each revocation (who, when, why), the new link mailed, and the documents submissions sent', async () => {
    const c = engine.campaign.campaign;
    const an = await buildAudit(engine.env.client, c.id, { unitId: 'binh-an', definition: engine.campaign });
    const revoked = an.entries.filter((e) => e.kind === 'link-revoked');
    const state = (await (await engine.unit('binh-an')).query(stateQuery)).link;
    expect(revoked.map((e) => [e.actor, e.reason, e.at])).toEqual(
      (state?.events ?? []).map((e) => [e.actor, e.reason, e.at]),
    );
    expect(describeEntry(revoked[0] as never, c.timeZone)).toContain(
      'bởi Trần Văn B (PV05): Thư bị chuyển nhầm',
    );

    const chanh = await buildAudit(engine.env.client, c.id, {
      unitId: 'binh-chanh',
      definition: engine.campaign,
    });
    const mailed = chanh.entries.find((e) => e.notice === 'link');
    expect(mailed).toMatchObject({
      unitId: 'binh-chanh',
      messageId: `<${c.id}.binh-chanh.link.1@dondoc>`,
      to: ['binhchanh.binhson@example.org'],
    });
    expect(mailed?.failure).toBeUndefined();

    const dong = await buildAudit(engine.env.client, c.id, {
      unitId: 'binh-dong',
      definition: engine.campaign,
    });
    const plan = dong.entries.find((e) => e.kind === 'submitted' && e.milestoneId === 'ke-hoach');
    expect(plan?.document).toEqual(PDF_REF);
    expect(describeEntry(plan as never, c.timeZone)).toContain(
      `tệp Kế hoạch 12-KH.pdf (sha256 ${'a'.repeat(64)})`,
    );
    const khuong = await buildAudit(engine.env.client, c.id, {
      unitId: 'binh-khuong',
      definition: engine.campaign,
    });
    expect(khuong.entries.filter((e) => e.kind === 'submitted').every((e) => e.document === undefined)).toBe(
      true,
    );
  });
});

describe('the whole campaign’s audit', () => {
  it('reads every unit’s history, the issuer’s included, reporting its progress as it goes', async () => {
    const c = engine.campaign.campaign;
    const progress: [number, number][] = [];
    const all = await buildAudit(engine.env.client, c.id, {
      definition: engine.campaign,
      concurrency: 3,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const n = engine.campaign.units.length;
    expect(progress).toEqual(Array.from({ length: n }, (_, i) => [i + 1, n]));
    const started = new Set(all.entries.filter((e) => e.kind === 'unit-started').map((e) => e.unitId));
    expect(started).toEqual(new Set(engine.campaign.units.map((u) => u.id)));
    expect(all.entries.some((e) => e.kind === 'campaign-started')).toBe(true);
  });
});

describe('submissions per day', () => {
  it('reach the issuer: each first submission on its local date, as many as submitted', async () => {
    const unit = await engine.unit('binh-dong');
    const mine = milestone(await unit.query(stateQuery), 'ke-hoach').submissions[0];
    if (!mine) throw new Error('binh-dong has not submitted');
    const localDay = new Date(Date.parse(mine.at) + 7 * 3600_000).toISOString().slice(0, 10);
    for (let i = 0; i < 100; i++) {
      const total = await engine.campaignHandle().query(aggregateQuery);
      const days = total.byDay?.['dang-ky-diem'] ?? {};
      const submitted = total.tallies['dang-ky-diem']?.submitted ?? 0;
      if (submitted >= 1 && total.byDay?.['ke-hoach']?.[localDay] === 1) {
        expect(Object.values(days).reduce((a, b) => a + b, 0)).toBe(submitted);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the issuer never saw the submissions per day');
  });
});
