// Child process of closed-channel.test.ts: a call that is between two retries when its connection closes.
// `guarded`: with dondoc's interceptors; `plain`: with Temporal's defaults. Prints how the call ended as JSON;
// an uncaught exception ends the process with code 1 and the message on stderr, as it would end `dondoc`.
import { Client, Connection } from '@temporalio/client';
import { clientInterceptors } from '../../client/closed-channel';
import { freePort } from '../support/ports';

async function main(): Promise<void> {
  const guarded = process.argv[2] === 'guarded';
  const connection = await Connection.lazy({
    // A port nobody listens on: every attempt is refused (UNAVAILABLE), which the client retries.
    address: `127.0.0.1:${await freePort()}`,
    ...(guarded ? { interceptors: clientInterceptors() } : {}),
  });
  const client = new Client({ connection });
  let ended = 'pending';
  const call = client.workflow
    .getHandle('dondoc-closed-channel')
    .describe()
    .then(
      () => 'resolved',
      (err: Error & { cause?: { code?: number } }) => `rejected ${err.cause?.code ?? '?'}`,
    )
    .then((how) => {
      ended = how;
    });
  // The first attempts are refused at once; the call now waits for its next retry.
  await new Promise((r) => setTimeout(r, 300));
  await connection.close();
  // The retry interceptor backs off up to 5 s between attempts.
  await Promise.race([call, new Promise((r) => setTimeout(r, 8_000))]);
  await new Promise((r) => setTimeout(r, 6_000));
  process.stdout.write(`${JSON.stringify({ ended })}\n`);
}

void main();
