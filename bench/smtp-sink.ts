// A counting SMTP sink in its own process, so the benchmark's worker does not pay for receiving mail.
// Tells its parent the port it listens on, then answers each 'count' message with the number received.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.server.address() as AddressInfo).port });
});
process.on('message', (msg) => {
  if (msg === 'count') process.send?.({ count: received });
  if (msg === 'close') server.close(() => process.exit(0));
});
