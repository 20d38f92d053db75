// A real SMTP server inside the test, collecting what arrives, parsed as MIME. It can be taken down and brought
// back on the same port, to play a mail server that refuses connections for a while.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  parsed: ParsedMail;
  messageId: string;
  subject: string;
  text: string;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Every RCPT TO the server answered, accepted or not, in order. */
  rcptAttempts: string[];
  /** Answer RCPT TO with this error for matching addresses (e.g. a 550 for a dead mailbox). */
  rejectRecipient: (match: (address: string) => { code: number; message: string } | undefined) => void;
  /** Stops listening and drops open connections at once: connections are refused until `resume()`. */
  suspend: () => Promise<void>;
  /** Listens again on the same port. */
  resume: () => Promise<void>;
  readonly listening: boolean;
  close: () => Promise<void>;
  waitFor: (predicate: (all: ReceivedMail[]) => boolean, timeoutMs?: number) => Promise<ReceivedMail[]>;
}

/** `delayMs` holds each message that long before accepting it: a slow server, to catch a worker mid-burst. */
export async function startSmtpServer(port = 0, delayMs = 0): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const rcptAttempts: string[] = [];
  let rejecter: (address: string) => { code: number; message: string } | undefined = () => undefined;
  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // On suspend, open connections are told 421 and closed after this long instead of 30 s.
      closeTimeout: 100,
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        rcptAttempts.push(address.address);
        const r = rejecter(address.address);
        if (r) {
          const err = new Error(r.message) as Error & { responseCode: number };
          err.responseCode = r.code;
          callback(err);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then(async (parsed) => {
            if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
            received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              parsed,
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
            });
            callback();
          })
          .catch(callback);
      },
    });
  let server: SMTPServer | undefined = create();
  await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;
  const stop = async () => {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  return {
    port: bound,
    received,
    rcptAttempts,
    rejectRecipient: (match) => {
      rejecter = match;
    },
    suspend: stop,
    async resume() {
      if (server) return;
      const s = create();
      await new Promise<void>((resolve, reject) => {
        s.server.once('error', reject);
        s.listen(bound, '127.0.0.1', () => resolve());
      });
      server = s;
    },
    get listening() {
      return server !== undefined;
    },
    close: stop,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) {
          // Which mails came (kind and recipients), so a failure in CI says what was missing.
          const seen = received.map(
            (m) => `${m.parsed.headers.get('x-dondoc-kind') ?? '?'}→${m.envelopeTo.join(',')}`,
          );
          throw new Error(`timed out waiting for mail; received ${received.length}: ${seen.join(' ')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
  };
}
