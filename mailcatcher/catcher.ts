// A local mail catcher for the embedded default: an SMTP server that keeps every message (as .eml files in a
// folder, so a restart keeps them) and a small web page and JSON API to read them. Never delivers anything.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DateTime } from 'luxon';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: string;
  receivedAt: string;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  headers: Record<string, string>;
  text: string;
  html?: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

export interface MailCatcher {
  smtpPort: number;
  httpPort: number;
  messages: () => CaughtMail[];
  close: () => Promise<void>;
}

export interface MailCatcherOptions {
  smtpPort?: number;
  httpPort?: number;
  host?: string;
  /** Where messages are kept as .eml files; in memory only when absent. */
  dir?: string;
  /** The zone the web page shows times in (default Asia/Ho_Chi_Minh); the JSON API keeps ISO instants. */
  timeZone?: string;
}

interface Stored {
  mail: CaughtMail;
  raw: Buffer;
  parsed: ParsedMail;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function toCaught(id: string, raw: Buffer, envelopeTo: string[], receivedAt: string): Promise<Stored> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const [k, v] of parsed.headers) {
    if (k.startsWith('x-') || k === 'references') headers[k] = String(v);
  }
  const addr = (a: ParsedMail['to']) =>
    a === undefined ? '' : Array.isArray(a) ? a.map((x) => x.text).join(', ') : a.text;
  return {
    raw,
    parsed,
    mail: {
      id,
      receivedAt,
      envelopeTo,
      from: addr(parsed.from),
      to: addr(parsed.to),
      subject: parsed.subject ?? '',
      messageId: parsed.messageId ?? '',
      ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
      headers,
      text: parsed.text ?? '',
      ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
      attachments: parsed.attachments.map((a) => ({
        // nodemailer's inline calendar part (the invite a mail client shows as buttons) has no file name.
        filename:
          a.filename ?? (a.contentType === 'text/calendar' ? 'lời mời lịch (trong thư)' : 'tệp không tên'),
        contentType: a.contentType,
        size: a.size,
      })),
    },
  };
}

function listPage(mails: CaughtMail[], zone: string): string {
  const rows = mails
    .slice()
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(DateTime.fromISO(m.receivedAt, { zone }).toFormat('dd/MM/yyyy HH:mm:ss'))}</td><td>${escapeHtml(m.to)}</td>` +
        `<td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td>` +
        `<td>${m.attachments.map((a) => escapeHtml(a.filename)).join(', ')}</td></tr>`,
    )
    .join('\n');
  return page(
    `Hộp thư dondoc (${mails.length})`,
    `<p>Mọi thư dondoc gửi đi ở chế độ mặc định được giữ lại ở đây, không gửi ra ngoài. Trang tự làm mới mỗi 5 giây.</p>
<table><thead><tr><th>Nhận lúc (${escapeHtml(zone)})</th><th>Gửi đến</th><th>Tiêu đề</th><th>Đính kèm</th></tr></thead>
<tbody>${rows}</tbody></table>`,
    '<meta http-equiv="refresh" content="5">',
  );
}

function messagePage(s: Stored): string {
  const m = s.mail;
  const meta = [
    ['Từ', m.from],
    ['Đến', m.to],
    ['Tiêu đề', m.subject],
    ['Message-ID', m.messageId],
    ...(m.inReplyTo ? [['In-Reply-To', m.inReplyTo]] : []),
    ...Object.entries(m.headers),
  ]
    .map(([k, v]) => `<tr><th>${escapeHtml(k ?? '')}</th><td>${escapeHtml(v ?? '')}</td></tr>`)
    .join('');
  const html = m.html ? `<h2>HTML</h2><iframe sandbox="" srcdoc="${escapeHtml(m.html)}"></iframe>` : '';
  const files = m.attachments
    .map(
      (a, i) =>
        `<li><a href="/api/messages/${m.id}/attachments/${i}">${escapeHtml(a.filename)}</a> (${escapeHtml(a.contentType)})</li>`,
    )
    .join('');
  return page(
    m.subject,
    `<p><a href="/">← Hộp thư</a> · <a href="/api/messages/${m.id}/raw">.eml</a></p>
<table>${meta}</table>${html}<h2>Văn bản</h2><pre>${escapeHtml(m.text)}</pre>${files ? `<h2>Đính kèm</h2><ul>${files}</ul>` : ''}`,
  );
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">${head}<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.35em .6em;text-align:left;vertical-align:top}
iframe{width:100%;height:28em;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f6f6f6;padding:1em;font-family:inherit}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** The messages kept in `dir` by an earlier run, in the order received, and the last id given. */
async function loadKept(dir: string): Promise<{ stored: Stored[]; seq: number }> {
  const stored: Stored[] = [];
  let seq = 0;
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.eml'))
    .sort()) {
    const id = f.slice(0, -4);
    seq = Math.max(seq, Number(id) || 0);
    const raw = readFileSync(path.join(dir, f));
    stored.push(await toCaught(id, raw, [], new Date(0).toISOString()));
  }
  return { stored, seq };
}

/** The SMTP side: every message accepted is parsed, kept (and written to `dir`), never delivered. */
function smtpServer(stored: Stored[], nextId: () => string, dir: string | undefined): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const id = nextId();
        const receivedAt = new Date().toISOString();
        toCaught(
          id,
          raw,
          session.envelope.rcptTo.map((r) => r.address),
          receivedAt,
        )
          .then((s) => {
            if (dir) writeFileSync(path.join(dir, `${id}.eml`), raw);
            stored.push(s);
            callback();
          })
          .catch(callback);
      });
    },
  });
}

/** The web side: the list page, a message's page, and the JSON API (list, one, raw, attachments, DELETE all). */
function httpServer(stored: Stored[], zone: string): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const find = (id: string | undefined) => stored.find((s) => s.mail.id === id);
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'DELETE' && url.pathname === '/api/messages') {
      stored.length = 0;
      return send(204, 'text/plain', '');
    }
    if (url.pathname === '/')
      return send(
        200,
        'text/html; charset=utf-8',
        listPage(
          stored.map((s) => s.mail),
          zone,
        ),
      );
    if (url.pathname === '/api/messages') {
      return send(200, 'application/json; charset=utf-8', JSON.stringify(stored.map((s) => s.mail)));
    }
    if (parts[0] === 'messages' && find(parts[1])) {
      return send(200, 'text/html; charset=utf-8', messagePage(find(parts[1]) as Stored));
    }
    if (parts[0] === 'api' && parts[1] === 'messages') {
      const s = find(parts[2]);
      if (s && parts.length === 3)
        return send(200, 'application/json; charset=utf-8', JSON.stringify(s.mail));
      if (s && parts[3] === 'raw') return send(200, 'message/rfc822', s.raw);
      const a = s && parts[3] === 'attachments' ? s.parsed.attachments[Number(parts[4])] : undefined;
      if (a) return send(200, a.contentType, a.content);
    }
    return send(404, 'text/plain; charset=utf-8', 'không có trang này\n');
  });
}

export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const kept = opts.dir ? await loadKept(opts.dir) : { stored: [], seq: 0 };
  const stored: Stored[] = kept.stored;
  let seq = kept.seq;
  const nextId = () => String(++seq).padStart(6, '0');
  const smtp = smtpServer(stored, nextId, opts.dir);
  const http = httpServer(stored, opts.timeZone ?? 'Asia/Ho_Chi_Minh');

  const listen = (
    server: { listen: (port: number, host: string, cb: () => void) => unknown },
    port: number,
  ) =>
    new Promise<void>((resolve, reject) => {
      (server as unknown as NodeJS.EventEmitter).once('error', reject);
      server.listen(port, host, () => resolve());
    });
  await listen(smtp, opts.smtpPort ?? 0);
  await listen(http, opts.httpPort ?? 0);
  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    httpPort: (http.address() as AddressInfo).port,
    messages: () => stored.map((s) => s.mail),
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => smtp.close(() => resolve()));
      }),
  };
}
