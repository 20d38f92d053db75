// The local mail catcher: keeps what arrives, shows it on a web page and a JSON API, and keeps it across a restart.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { type CaughtMail, startMailCatcher } from '../../mailcatcher/catcher';

const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-mail-'));

it('catches mail, lists it on its page and API, and keeps it across a restart', async () => {
  const catcher = await startMailCatcher({ dir });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: catcher.smtpPort,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: 'pv05@example.org',
    to: 'xa-a@example.org',
    subject: '[Nhắc hạn] Xã <A>: Kế hoạch, hạn trước ngày 10/05/2027',
    text: 'Còn 3 ngày đến hạn.',
    html: '<p>Còn <b>3</b> ngày đến hạn.</p><script>alert(1)</script>',
    messageId: '<c.xa-a.ke-hoach.reminder.1.1@dondoc>',
    headers: { 'X-Dondoc-Unit': 'xa-a' },
    icalEvent: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
  });
  transport.close();
  const base = `http://127.0.0.1:${catcher.httpPort}`;
  const list = (await (await fetch(`${base}/api/messages`)).json()) as CaughtMail[];
  expect(list).toHaveLength(1);
  const [m] = list;
  expect(m).toMatchObject({
    subject: '[Nhắc hạn] Xã <A>: Kế hoạch, hạn trước ngày 10/05/2027',
    messageId: '<c.xa-a.ke-hoach.reminder.1.1@dondoc>',
    envelopeTo: ['xa-a@example.org'],
    headers: { 'x-dondoc-unit': 'xa-a' },
    text: 'Còn 3 ngày đến hạn.',
  });
  expect(m?.attachments.map((a) => a.contentType)).toContain('text/calendar');

  const page = await (await fetch(`${base}/`)).text();
  expect(page).toContain('Xã &#60;A&#62;: Kế hoạch');
  // Times on the page are Vietnamese local time; the API keeps the instant.
  const local = new Date(Date.parse(m?.receivedAt ?? '') + 7 * 3_600_000).toISOString();
  const shown = `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 19)}`;
  expect(page).toContain(`<td>${shown}</td>`);
  expect(page).toContain('Nhận lúc (Asia/Ho_Chi_Minh)');
  expect(m?.attachments.map((a) => a.filename)).toContain('lời mời lịch (trong thư)');
  const one = await (await fetch(`${base}/messages/${m?.id}`)).text();
  // The HTML part is shown in a sandboxed frame, escaped: its script cannot run in the catcher's page.
  expect(one).toContain('<iframe sandbox="" srcdoc="');
  expect(one).not.toContain('<script>');
  expect((await fetch(`${base}/nothing`)).status).toBe(404);
  await catcher.close();

  const again = await startMailCatcher({ dir });
  expect(again.messages().map((x) => x.messageId)).toEqual(['<c.xa-a.ke-hoach.reminder.1.1@dondoc>']);
  await again.close();
});
