// A gRPC call between two retries when its connection closes (a command that ends on an error while a sibling
// call waits to retry): with Temporal's default interceptors the retry throws "Channel has been shut down" from
// a timer and the process dies after its answer; with dondoc's (client/closed-channel.ts) the call ends as
// CANCELLED and the process goes on. Each case runs in its own process against a port that refuses connections.
import { spawn } from 'node:child_process';
import path from 'node:path';

const RUN = path.join(__dirname, 'closed-channel-run.ts');

function run(mode: 'guarded' | 'plain'): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', RUN, mode], {
      cwd: path.join(__dirname, '..', '..'),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

it('ends a retry on a closed connection as CANCELLED, where the default interceptors crash the process', async () => {
  const [guarded, plain] = await Promise.all([run('guarded'), run('plain')]);
  expect(guarded.err).toBe('');
  expect(guarded.code).toBe(0);
  // gRPC status 1: CANCELLED.
  expect(JSON.parse(guarded.out)).toEqual({ ended: 'rejected 1' });

  expect(plain.code).toBe(1);
  expect(plain.err).toContain('Channel has been shut down');
  expect(plain.out).toBe('');
}, 60_000);
