// Closing a campaign: once the worker has written the archive, the archive activity mails the final report to
// the issuer, the recipients for information only (`copyTo`) in Cc, the report attached as CSV; once, even
// when the activity runs again (and writes the archive again).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { type Activities, type ArchiveResult, createActivities } from '../../activities';
import { sentNotePath } from '../../activities/final-report';
import { campaignArchiver } from '../../client/audit';
import { type CampaignState, closeCampaignUpdate } from '../../contract/messages';
import { createSmtpTransport } from '../../worker/transport';
import { plan, tinyCampaign } from '../support/campaigns';
import { Engine, kindOf } from '../support/engine';

const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-final-report-'));
let worker: Activities | undefined;
// The worker's real activities, kept to run the archive activity again once the campaign has closed (a retry
// provoked on the time-skipping server overlaps its attempts: the server skips past their heartbeat timeout).
const engine = new Engine('final-report', {
  archiveDir: dir,
  wrapActivities: (real) => {
    worker = real;
    return real;
  },
});

beforeAll(async () => {
  await engine.start((y) => {
    const year = y + 1;
    const c = tinyCampaign(
      [
        plan(
          'ke-hoach',
          { kind: 'before', date: `${year}-05-10` },
          {
            copyTo: [{ name: 'Sở Tư pháp', emails: ['stp@example.org', 'v05@example.org'] }],
          },
        ),
      ],
      {
        id: 'final-report',
        document: { number: '12/KH-BCĐ', issued: `${year}-01-02` },
        // root@example.org is the issuer's own: in To, not again in Cc.
        copyTo: [{ name: 'Cục V05', emails: ['v05@example.org', 'root@example.org'] }],
      },
    );
    // A name a spreadsheet would take for a formula.
    c.units = c.units.map((u) => (u.id === 'xa-a' ? { ...u, name: '=1+1 Xã A' } : u));
    return c;
  });
});
afterAll(async () => {
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
});

function csvRows(content: string): string[][] {
  return content
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
}

it('mails the final report once to the issuer, copyTo in Cc, the report attached as CSV', async () => {
  await engine.unit('xa-a');
  const root = engine.campaignHandle();
  await root.executeUpdate(closeCampaignUpdate, { args: [{ actor: 'PV05' }] });
  const state = (await root.result()) as CampaignState;
  expect(state.archive).toBeDefined();

  const finals = engine.smtp.received.filter((m) => kindOf(m) === 'final-report');
  expect(finals).toHaveLength(1);
  const mail = finals[0] as (typeof finals)[number];
  expect(mail.envelopeTo.sort()).toEqual(['root@example.org', 'stp@example.org', 'v05@example.org']);
  expect(mail.parsed.headers.get('cc')).toMatchObject({
    value: [{ address: 'v05@example.org' }, { address: 'stp@example.org' }],
  });
  expect(mail.subject).toBe('[Báo cáo cuối cùng] Chiến dịch thử (12/KH-BCĐ) đã kết thúc');
  expect(mail.text).toContain(
    'Kế hoạch ke-hoach: phải nộp 1, đã nộp 0 (đúng hạn 0, muộn 0), được miễn 0, còn thiếu 1',
  );

  const csv = mail.parsed.attachments.find((a) => a.filename === 'final-report.csv');
  expect(csv?.contentType).toBe('text/csv');
  const [header, ...rows] = csvRows(String(csv?.content ?? ''));
  expect(header?.slice(0, 4)).toEqual(['level', 'levelName', 'unitId', 'unitName']);
  const col = (name: string) => header?.indexOf(name) ?? -1;
  const xa = rows.find((r) => r[col('unitId')] === 'xa-a');
  expect(xa?.[col('unitName')]).toBe("'=1+1 Xã A");
  expect(xa?.[col('ke-hoach.missing')]).toBe('1');
  const issuer = rows.find((r) => r[col('unitId')] === 'root');
  expect(issuer?.[col('ke-hoach.expected')]).toBe('1');

  // The activity run again, by the same worker or by another sharing the archive folder: the archive is
  // written again, the report is not mailed again.
  const file = state.archive as string;
  expect(existsSync(sentNotePath(file))).toBe(true);
  const transport = createSmtpTransport({
    DONDOC_SMTP_HOST: '127.0.0.1',
    DONDOC_SMTP_PORT: engine.smtp.port,
    DONDOC_SMTP_SECURE: false,
    DONDOC_SMTP_REQUIRE_TLS: false,
    DONDOC_SMTP_POOL_SIZE: 1,
  });
  const other = createActivities({
    transport,
    from: 'PV05 <pv05@bacgiang.example.org>',
    client: engine.env.client,
    archive: campaignArchiver(dir),
  });
  const again: ArchiveResult[] = [];
  try {
    for (const a of [worker as Activities, other]) {
      const archivedBefore = statSync(file).mtimeMs;
      again.push(await new MockActivityEnvironment().run(a.archiveCampaign, { campaignId: 'final-report' }));
      expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(archivedBefore);
    }
  } finally {
    transport.close();
  }
  for (const r of again) expect(r.finalReport).toMatchObject({ already: true, to: ['root@example.org'] });
  expect(engine.smtp.received.filter((m) => kindOf(m) === 'final-report')).toHaveLength(1);
});
