// A real SMTP server inside the test, collecting what arrives, parsed as MIME.
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
  /** Answer RCPT TO with this error for matching addresses (e.g. a 550 for a dead mailbox). */
  rejectRecipient: (match: (address: string) => { code: number; message: string } | undefined) => void;
  close: () => Promise<void>;
  waitFor: (predicate: (all: ReceivedMail[]) => boolean, timeoutMs?: number) => Promise<ReceivedMail[]>;
}

/** `delayMs` holds each message that long before accepting it: a slow server, to catch a worker mid-burst. */
export async function startSmtpServer(port = 0, delayMs = 0): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let rejecter: (address: string) => { code: number; message: string } | undefined = () => undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
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
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    received,
    rejectRecipient: (match) => {
      rejecter = match;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for mail; received ${received.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
  };
}
