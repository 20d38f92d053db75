// What composition guarantees beyond each template: escaping, digests listing exactly their rows,
// threading, identifiers, and the same message for the same input.
import nodemailer from 'nodemailer';
import { composeNotice, NoticeError } from '../../activities/mail/compose';
import { scheduledKind } from '../../activities/mail/kind';
import { templateSetFor } from '../../activities/mail/templates';
import { icsUid, noticeMessageId, threadRootId } from '../../contract/ids';
import type { NoticeInput, ReturnedNotice } from '../../contract/notices';
import { Inbox, inviteOf, visible } from './inbox';
import { DIGEST_ROWS, digest, FROM, notice } from './notices';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await Inbox.start();
});
afterAll(async () => {
  await inbox.close();
});

describe('user-supplied text', () => {
  const name = '<Xã "A" & B>';
  const returned: ReturnedNotice = {
    ...(notice('returned', 'vi') as ReturnedNotice),
    unit: { id: 'xa-a-b', name, emails: ['a-b@example.org'] },
    to: ['a-b@example.org'],
    reason: 'Thiếu <b>số liệu</b> & "biên bản"',
  };

  it('is escaped in HTML and left as written in the subject, the text and the invite', async () => {
    const mail = await inbox.send(returned);
    const html = String(mail.parsed.html);
    expect(html).toContain('<strong>&lt;Xã &quot;A&quot; &amp; B&gt;</strong>');
    expect(html).toContain('Thiếu &lt;b&gt;số liệu&lt;/b&gt; &amp; &quot;biên bản&quot;');
    expect(html).not.toContain('<Xã');
    expect(html).not.toContain('<b>số liệu');
    expect(mail.subject).toBe(`[Trả lại] ${name}: Báo cáo kết quả cần chỉnh sửa, hạn trước ngày 20/08/2026`);
    expect(mail.text).toContain(`Kính gửi: ${name}`);
    expect(mail.text).toContain('Lý do: Thiếu <b>số liệu</b> & "biên bản"');
    expect(inviteOf(mail)?.summary).toBe(`Hạn chót: Báo cáo kết quả (${name})`);
  });
});

describe('a digest', () => {
  it('lists exactly the rows given, in order, with days overdue', async () => {
    const mail = await inbox.send(digest('vi'));
    const rows = mail.text.split('\n').filter((l) => l.startsWith('- '));
    expect(rows).toEqual([
      '- Xã An Bình: Báo cáo kết quả, hạn trước ngày 20/08/2026, quá hạn 4 ngày (ubnd@an-binh.example.org)',
      '- Xã Bình Châu: Kế hoạch tổ chức, hạn trước ngày 20/05/2026, quá hạn 96 ngày',
      '- Xã Tịnh Kỳ: Báo cáo kết quả, hạn trước ngày 20/08/2026, quá hạn 4 ngày',
    ]);
    const body = String(mail.parsed.html).split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
    const cells = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      [...(m[1] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]),
    );
    expect(cells).toEqual([
      ['Xã An Bình', 'Báo cáo kết quả', 'trước ngày 20/08/2026', '4'],
      ['Xã Bình Châu', 'Kế hoạch tổ chức', 'trước ngày 20/05/2026', '96'],
      ['Xã Tịnh Kỳ', 'Báo cáo kết quả', 'trước ngày 20/08/2026', '4'],
    ]);
    expect(inviteOf(mail)).toBeUndefined();
  });

  it('of one row lists that row alone', async () => {
    const one = {
      ...digest('en', [DIGEST_ROWS[1] as (typeof DIGEST_ROWS)[number]]),
      messageId: '<one@dondoc>',
    };
    const mail = await inbox.send(one);
    expect(mail.subject).toBe(
      '[Overdue digest] Huyện Bình Sơn: 1 item(s) overdue from subordinate units, 24/08/2026',
    );
    expect(mail.text.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- Xã Bình Châu: Kế hoạch tổ chức, due before 20/05/2026, 96 day(s) overdue',
    ]);
    expect(visible(String(mail.parsed.html))).not.toContain('Xã An Bình');
  });
});

describe('threading', () => {
  it('puts every notice of one milestone under one root, and another milestone under another', () => {
    const set = templateSetFor();
    const refs = (n: NoticeInput) => composeNotice(n, set, { from: FROM }).references;
    const root = threadRootId('ndh-2026', 'xa-an-binh', 'bao-cao');
    for (const kind of ['opened', 'reminder', 'overdue', 'receipt', 'extended'] as const) {
      expect(refs(notice(kind, 'vi'))).toEqual([root]);
    }
    expect(root).not.toBe(threadRootId('ndh-2026', 'xa-an-binh', 'ke-hoach'));
    expect(refs(digest('vi'))).toEqual(['<ndh-2026.huyen-binh-son.digest.thread@dondoc>']);
  });

  it('keeps identifiers ASCII when ids are not', () => {
    const id = noticeMessageId('chiến-dịch', 'xã-an', 'báo cáo', 'reminder', 2, '2026-08-19T17:00:00Z');
    expect(id).toBe(
      '<chi=E1=BA=BFn-d=E1=BB=8Bch.x=C3=A3-an.b=C3=A1o=20c=C3=A1o.reminder.2.1787158800000@dondoc>',
    );
    expect(icsUid('chiến-dịch', 'xã-an', 'x')).toMatch(/^[\x21-\x7e]+$/);
  });
});

describe('the same input', () => {
  it('composes the same message, byte for byte', async () => {
    const raw = async (n: NoticeInput) => {
      const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      const info = await t.sendMail(composeNotice(n, templateSetFor(), { from: FROM }));
      return (info.message as Buffer).toString('utf8');
    };
    for (const kind of ['reminder', 'digest', 'receipt'] as const) {
      const [a, b] = [await raw(notice(kind, 'vi')), await raw(notice(kind, 'vi'))];
      expect(a).toBe(b);
      expect(a).toContain(`Message-ID: ${notice(kind, 'vi').messageId}`);
    }
  });

  it('arrives twice as the same message when a send is retried', async () => {
    const n = { ...notice('reminder', 'en'), messageId: '<retried@dondoc>' };
    await inbox.send(n);
    await inbox.send(n);
    const both = inbox.smtp.received.filter((m) => m.messageId === '<retried@dondoc>');
    expect(both).toHaveLength(2);
    const [a, b] = both;
    expect([a?.subject, a?.text, a?.parsed.html]).toEqual([b?.subject, b?.text, b?.parsed.html]);
    expect(inviteOf(a as (typeof both)[number])).toEqual(inviteOf(b as (typeof both)[number]));
  });
});

describe('the template of a scheduled notice', () => {
  const zone = 'Asia/Ho_Chi_Minh';
  const due = '2026-08-20T00:00:00+07:00';
  it.each([
    ['reminder', ['unit'], '2026-08-13T01:00:00Z', 'reminder'],
    ['reminder', ['unit'], '2026-08-19T01:00:00Z', 'last-day'],
    ['reminder', ['unit'], '2026-08-18T17:00:00Z', 'last-day'],
    ['reminder', ['unit'], '2026-08-19T16:59:59Z', 'last-day'],
    ['reminder', ['unit'], '2026-08-18T16:59:59Z', 'reminder'],
    ['escalation', ['unit'], '2026-08-21T01:00:00Z', 'overdue'],
    ['escalation', ['unit', 'parent'], '2026-08-24T01:00:00Z', 'escalation'],
    ['escalation', ['issuer'], '2026-08-24T01:00:00Z', 'escalation'],
  ] as const)('%s to %j at %s is %s', (kind, recipients, asOf, expected) => {
    expect(scheduledKind({ kind, recipients: [...recipients], dueAt: due, asOf, zone })).toBe(expected);
  });

  it('is a reminder before an event window opens, whatever the day', () => {
    const s = {
      kind: 'reminder',
      recipients: ['unit'],
      dueAt: due,
      asOf: '2026-08-19T01:00:00Z',
      zone,
    } as const;
    expect(scheduledKind({ ...s, recipients: ['unit'], phase: 'before-open' })).toBe('reminder');
  });
});

describe('a notice that cannot be composed', () => {
  it.each([
    ['no recipient', { to: [] }, 'has no recipient'],
    ['a malformed Message-ID', { messageId: 'x' }, "'x' is not a Message-ID"],
    ['a malformed instant', { dueAt: 'soon' }, "'soon' is not an ISO-8601 instant"],
  ])('fails with a NoticeError for %s', (_, change, message) => {
    const n = { ...notice('reminder', 'vi'), ...change } as NoticeInput;
    expect(() => composeNotice(n, templateSetFor(), { from: FROM })).toThrow(NoticeError);
    expect(() => composeNotice(n, templateSetFor(), { from: FROM })).toThrow(message);
  });
});
