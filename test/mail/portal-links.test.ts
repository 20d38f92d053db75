// With a portal configured, the sending activity puts the unit's personal link in every notice addressed to
// the unit (and a superior's own link in an escalation to it), minted as it sends, over real SMTP; without
// one, no link and the command line stays.
import nodemailer from 'nodemailer';
import { linkRevoked, verifyUnitLink } from '../../access/tokens';
import { createActivities, type PortalLinks } from '../../activities';
import type { DeadlineNotice, NoticeInput } from '../../contract/notices';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { visible } from './inbox';
import { digest, FROM, link, notice } from './notices';

const PORTAL: PortalLinks = {
  publicUrl: 'https://cong.example.org/dondoc',
  secret: new TextEncoder().encode('portal-links-test-secret-32-chars-long!'),
};
const LINK = /https:\/\/cong\.example\.org\/dondoc\/u\/([\w-]+\.[\w-]+\.[\w-]+)/;

let smtp: TestSmtpServer;
let transport: ReturnType<typeof nodemailer.createTransport>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
  });
});
afterAll(async () => {
  transport.close();
  await smtp.close();
});

async function send(n: NoticeInput, portal?: PortalLinks): Promise<ReceivedMail> {
  const acts = createActivities({ transport, from: FROM, ...(portal ? { portal } : {}) });
  const before = smtp.received.length;
  await acts.sendNotice(n);
  const [mail] = await smtp.waitFor((all) => all.length > before).then((all) => all.slice(before));
  if (!mail) throw new Error('no mail');
  return mail;
}

/** The link in the text part, the same in the HTML part; its token's claims. */
async function linkIn(mail: ReceivedMail) {
  const m = LINK.exec(mail.text);
  if (!m) throw new Error(`no link in:\n${mail.text}`);
  const html = String(mail.parsed.html);
  expect(html).toContain(`href="${m[0]}"`);
  expect(visible(html)).toContain(m[0]);
  // Far ahead of the notice's instant, still inside its 90 days.
  const claims = await verifyUnitLink({
    secret: PORTAL.secret,
    token: m[1] as string,
    nowMs: Date.parse(n0),
  });
  return { url: m[0], claims };
}
const n0 = '2026-09-01T00:00:00Z';

describe('with a portal', () => {
  it.each([
    'reminder',
    'opened',
    'last-day',
    'overdue',
    'returned',
    'extended',
    'waived',
    'receipt',
  ] as const)(
    'a %s email carries the unit’s own link, which verifies to its campaign and unit',
    async (kind) => {
      const mail = await send(notice(kind, 'vi'), PORTAL);
      const { claims } = await linkIn(mail);
      expect(claims).toMatchObject({ campaignId: 'ndh-2026', unitId: 'xa-an-binh' });
      if (['reminder', 'opened', 'last-day', 'overdue', 'returned', 'extended'].includes(kind)) {
        expect(mail.text).toContain(
          'Gửi trực tuyến tại đường dẫn riêng của đơn vị: https://cong.example.org/',
        );
        expect(mail.text).not.toContain('npx dondoc submit');
      }
    },
  );

  it('says it in English for an English campaign', async () => {
    const mail = await send(notice('reminder', 'en'), PORTAL);
    expect(mail.text).toContain("Submit online at your unit's own link: https://cong.example.org/dondoc/u/");
    expect((await linkIn(mail)).claims?.unitId).toBe('xa-an-binh');
  });

  it('an escalation to one superior unit carries that superior’s link, never the late unit’s', async () => {
    const base = notice('escalation', 'vi') as DeadlineNotice;
    const mail = await send({ ...base, superiorId: 'huyen-binh-son' }, PORTAL);
    expect(mail.text).toContain('Xem tình hình các đơn vị trực thuộc tại đường dẫn riêng của Huyện Bình Sơn');
    expect((await linkIn(mail)).claims).toMatchObject({ campaignId: 'ndh-2026', unitId: 'huyen-binh-son' });
    // To the issuer (or several superiors), no link: its staff sign in.
    const plain = await send(base, PORTAL);
    expect(plain.text).not.toMatch(LINK);
  });

  it('a digest to a superior carries its own link; the issuer’s does not', async () => {
    const mail = await send(digest('vi'), PORTAL);
    expect((await linkIn(mail)).claims?.unitId).toBe('huyen-binh-son');
    const d = digest('vi');
    const issuers = await send(
      { ...d, unit: { ...d.unit, id: 'tinh' }, messageId: '<ndh-2026.tinh.digest.x.1@dondoc>' },
      PORTAL,
    );
    expect(issuers.text).not.toMatch(LINK);
  });

  it('a new link (kind link) is minted after the revocation it follows, so it is not revoked', async () => {
    const n = link('vi', 2);
    const mail = await send(n, PORTAL);
    expect(mail.subject).toBe('[Đường dẫn mới] Xã An Bình: đường dẫn riêng để gửi trực tuyến');
    const { claims } = await linkIn(mail);
    if (!claims) throw new Error('the new link does not verify');
    expect(claims.unitId).toBe('xa-an-binh');
    expect(claims.issuedAtMs).toBeGreaterThan(Date.parse(n.revokedAt as string));
    expect(linkRevoked(claims, { revokedAt: n.revokedAt as string, events: [] })).toBe(false);
    expect(mail.text).toMatch(/Đường dẫn có hiệu lực đến ngày \d\d\/\d\d\/\d{4}/);
    expect(mail.parsed.headers.get('x-dondoc-kind')).toBe('link');
  });
});

describe('without a portal', () => {
  it('a reminder and an opened email carry no link, and say how to submit from the command line', async () => {
    for (const kind of ['reminder', 'opened'] as const) {
      const mail = await send(notice(kind, 'vi'));
      expect(mail.text).not.toContain('/u/');
      expect(mail.text).not.toContain('đường dẫn riêng');
      expect(mail.text).toContain(
        'Cách gửi: npx dondoc submit ndh-2026 xa-an-binh bao-cao <file> --by <name>',
      );
    }
  });

  it('refuses to send a new link it does not have, for good', async () => {
    const acts = createActivities({ transport, from: FROM });
    const err = await acts.sendNotice(link('vi')).catch((e: unknown) => e);
    expect(err).toMatchObject({
      nonRetryable: true,
      message: expect.stringMatching(/no portal \(DONDOC_PORTAL_URL\)/),
    });
  });
});
