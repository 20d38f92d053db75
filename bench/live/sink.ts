// The live benchmark's SMTP sink, in its own process: accepts every message, reads only as far as its
// Message-ID header (in the first chunks of the message) and records, per Message-ID, how many times it came and
// when it first came. Tells its parent its port; answers `{ stats: pattern }` with the figures of the ids that
// match the pattern (a regular expression), and `close` by exiting.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SinkStats } from './types';

interface Seen {
  count: number;
  /** Epoch ms of the first arrival. */
  first: number;
}

const seen = new Map<string, Seen>();
let received = 0;
let withoutId = 0;
/** Headers longer than this are not searched further (the id is near the top of what nodemailer writes). */
const MAX_HEADER = 64 * 1024;
const MESSAGE_ID = /^message-id:\s*(<[^>]*>)/im;

function record(id: string | undefined): void {
  received += 1;
  if (!id) {
    withoutId += 1;
    return;
  }
  const s = seen.get(id);
  if (s) s.count += 1;
  else seen.set(id, { count: 1, first: Date.now() });
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    let head = '';
    let id: string | undefined;
    let searching = true;
    stream.on('data', (chunk: Buffer) => {
      if (!searching) return;
      head += chunk.toString('latin1');
      const m = MESSAGE_ID.exec(head);
      if (m?.[1]) id = m[1].replace(/\s+/g, '');
      if (id || head.includes('\r\n\r\n') || head.length > MAX_HEADER) {
        searching = false;
        head = '';
      }
    });
    stream.on('end', () => {
      record(id);
      callback();
    });
  },
});

function stats(pattern: string): SinkStats {
  const re = new RegExp(pattern);
  const firsts: number[] = [];
  let total = 0;
  for (const [id, s] of seen) {
    if (!re.test(id)) continue;
    firsts.push(s.first);
    total += s.count;
  }
  firsts.sort((a, b) => a - b);
  const at = (q: number) => firsts[Math.max(0, Math.ceil(q * firsts.length) - 1)] ?? null;
  return {
    distinct: firsts.length,
    total,
    duplicates: total - firsts.length,
    firstAt: firsts[0] ?? null,
    halfAt: at(0.5),
    p90At: at(0.9),
    lastAt: firsts[firsts.length - 1] ?? null,
    received,
    withoutId,
  };
}

if (require.main === module) {
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.server.address() as AddressInfo).port });
  });
  process.on('message', (msg: { stats?: string; seq?: number } | string) => {
    if (msg === 'close') server.close(() => process.exit(0));
    else if (typeof msg === 'object' && msg.stats !== undefined) {
      process.send?.({ seq: msg.seq, result: stats(msg.stats) });
    }
  });
  // The parent gone (killed), nothing is left to answer: stop.
  process.on('disconnect', () => process.exit(0));
}
