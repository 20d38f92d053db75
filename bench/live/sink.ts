// The live benchmark's SMTP sink, in its own process: accepts every message, reads only as far as its
// Message-ID header (in the first chunks of the message) and records, per Message-ID, how many times it came and
// when it first came. Tells its parent its port; answers `{ stats: pattern }` with the figures of the ids that
// match the pattern (a regular expression), `{ ids: pattern }` with each such id's count and first arrival, and
// `close` by exiting. For fault injection (bench/chaos.ts), `{ mode }` switches it: 'refuse' stops listening
// and drops every open connection (connections are refused), '421' answers every connection and command with
// 421, 'normal' listens again on the same port and accepts again.
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SinkStats } from './types';

interface Seen {
  count: number;
  /** Epoch ms of the first and the latest arrival. */
  first: number;
  last: number;
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
  if (s) {
    s.count += 1;
    s.last = Date.now();
  } else seen.set(id, { count: 1, first: Date.now(), last: Date.now() });
}

type Mode = 'normal' | 'refuse' | '421';
let mode: Mode = 'normal';
let port = 0;
const sockets = new Set<Socket>();

/** A 421 error, as smtp-server answers a callback's error with its responseCode. */
function unavailable(callback: (err?: Error | null) => void): boolean {
  if (mode !== '421') return false;
  const err = Object.assign(new Error('Service not available (bench fault)'), { responseCode: 421 });
  callback(err);
  return true;
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onConnect(_session, callback) {
    if (!unavailable(callback)) callback();
  },
  onMailFrom(_address, _session, callback) {
    if (!unavailable(callback)) callback();
  },
  onRcptTo(_address, _session, callback) {
    if (!unavailable(callback)) callback();
  },
  onData(stream, _session, callback) {
    if (mode === '421') {
      stream.on('data', () => undefined);
      stream.on('end', () => unavailable(callback));
      return;
    }
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

/** Every Message-ID matching `pattern`: [id, count, first arrival, latest arrival]. */
function ids(pattern: string): [string, number, number, number][] {
  const re = new RegExp(pattern);
  return [...seen].filter(([id]) => re.test(id)).map(([id, s]) => [id, s.count, s.first, s.last]);
}

/** Switches the fault mode (see the header). */
function setMode(next: Mode): void {
  if (next === mode) return;
  const wasRefusing = mode === 'refuse';
  mode = next;
  if (next === 'refuse') {
    server.server.close();
    for (const s of sockets) s.destroy();
  } else if (wasRefusing) {
    server.server.listen(port, '127.0.0.1');
  }
}

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
  // A client gone mid-conversation (a worker killed, a connection reset) is no reason for the sink to stop.
  server.on('error', () => undefined);
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1', () => {
    port = (server.server.address() as AddressInfo).port;
    process.send?.({ port });
  });
  process.on('message', (msg: { stats?: string; ids?: string; mode?: Mode; seq?: number } | string) => {
    if (msg === 'close') server.close(() => process.exit(0));
    else if (typeof msg === 'object' && msg.stats !== undefined) {
      process.send?.({ seq: msg.seq, result: stats(msg.stats) });
    } else if (typeof msg === 'object' && msg.ids !== undefined) {
      process.send?.({ seq: msg.seq, ids: ids(msg.ids) });
    } else if (typeof msg === 'object' && msg.mode !== undefined) {
      setMode(msg.mode);
      process.send?.({ seq: msg.seq, mode });
    }
  });
  // The parent gone (killed), nothing is left to answer: stop.
  process.on('disconnect', () => process.exit(0));
}
