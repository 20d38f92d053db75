// The faults, planned from the seed relative to the burst instant T and injected in real time:
//   the SMTP sink refuses every connection from T + 5 s for --outage-seconds, then answers 421 for --421-seconds,
//   then recovers; the Temporal dev server is stopped (SIGTERM) once, at a random instant in the middle of that,
//   and restarted 5 s after it exited on the same SQLite file and ports; the dondoc worker is killed (SIGKILL)
//   --kills times at random instants, one in each equal slot of the fault window, and restarted 3-5 s later.
import { sleep, sleepUntil } from '../live/stats';
import { between, type Rng } from './rng';
import type { ChaosWorld } from './world';

export interface FaultPlan {
  refuseAt: number;
  s421At: number;
  recoverAt: number;
  serverStopAt: number;
  kills: { at: number; pauseMs: number }[];
  /** The end of the fault window: every fault is over after it. */
  endsAt: number;
}

export function planFaults(input: {
  burstAt: number;
  outageSeconds: number;
  s421: number;
  kills: number;
  rng: Rng;
}): FaultPlan {
  const { burstAt: t, rng } = input;
  const refuseAt = t + 5_000;
  const s421At = refuseAt + input.outageSeconds * 1000;
  const recoverAt = s421At + input.s421 * 1000;
  const endsAt = Math.max(recoverAt + 30_000, t + 90_000);
  // Mid-burst: somewhere in the middle half of the mail outage and the 421 window.
  const serverStopAt = between(rng, t + 0.25 * (recoverAt - t), t + 0.6 * (recoverAt - t));
  const slot = (endsAt - (t + 2_000)) / Math.max(1, input.kills);
  const kills = Array.from({ length: input.kills }, (_, i) => {
    const from = t + 2_000 + i * slot;
    return {
      at: between(rng, from, from + Math.max(1_000, slot - 12_000)),
      pauseMs: between(rng, 3_000, 5_000),
    };
  });
  return { refuseAt, s421At, recoverAt, serverStopAt, kills, endsAt };
}

async function smtpFaults(world: ChaosWorld, p: FaultPlan, o: { outage: number; s421: number }) {
  await sleepUntil(p.refuseAt);
  await world.setSmtp('refuse', `SMTP sink refuses every connection (for ${o.outage} s)`);
  await sleepUntil(p.s421At);
  await world.setSmtp('421', `SMTP sink answers 421 to every connection and command (for ${o.s421} s)`);
  await sleepUntil(p.recoverAt);
  await world.setSmtp('normal', 'SMTP sink recovered (accepts again)');
}

async function serverFault(world: ChaosWorld, p: FaultPlan, onDown: () => void) {
  await sleepUntil(p.serverStopAt);
  const bounced = world.bounceServer(5_000);
  onDown();
  await bounced;
}

async function workerFaults(world: ChaosWorld, p: FaultPlan, onDown: () => void) {
  for (const [i, k] of p.kills.entries()) {
    await sleepUntil(k.at);
    const pid = await world.killWorker();
    world.note(`worker killed with SIGKILL (${i + 1}/${p.kills.length}, pid ${pid})`);
    onDown();
    await sleep(k.pauseMs);
    // A worker started while the server is down would only fail to connect: it waits for the server.
    await world.serverUp;
    world.startWorker();
    world.note(
      `worker restarted (pid ${world.worker.pid}) ${(k.pauseMs / 1000).toFixed(1)} s after the kill`,
    );
    const polls = await world.workerPolls();
    world.note(
      polls === null
        ? 'the restarted worker did not poll within 180 s'
        : `worker polls again (${polls.toFixed(1)} s after its restart)`,
    );
  }
}

/** Injects every planned fault; `onDown` is called as the worker or the server goes down (submissions then). */
export async function injectFaults(input: {
  world: ChaosWorld;
  plan: FaultPlan;
  outage: number;
  s421: number;
  onDown: () => void;
}): Promise<void> {
  const { world, plan } = input;
  await Promise.all([
    smtpFaults(world, plan, { outage: input.outage, s421: input.s421 }),
    serverFault(world, plan, input.onDown),
    workerFaults(world, plan, input.onDown),
  ]);
  await sleepUntil(plan.endsAt);
}
