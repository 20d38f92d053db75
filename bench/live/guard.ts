// The live benchmark's last line of defence: an error nothing catches stops everything it started (no server
// or worker is left behind), except one known late error of dondoc's command line, which is counted instead:
// a gRPC retry timer of an in-process command that has already finished fires after the command closed its
// connection ("Channel has been shut down"), which would crash a real `dondoc` process after its output. dondoc's
// connections now end such a retry quietly (client/closed-channel.ts): one still counted here is a regression.
import { recentFailures } from './cli';

export interface Guard {
  /** The late channel errors seen, each with the latest failed command before it (if any). */
  lateChannelErrors: string[];
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

export function installGuard(onFatal: (err: unknown) => void): Guard {
  const guard: Guard = { lateChannelErrors: [] };
  const handle = (err: unknown) => {
    if (/Channel has been shut down/.test(describe(err))) {
      const last = recentFailures[recentFailures.length - 1];
      const before =
        last && Date.now() - last.at < 60_000
          ? `after a failed \`dondoc ${last.command}\` ${((Date.now() - last.at) / 1000).toFixed(1)} s before (${last.why})`
          : 'no in-process command had failed in the minute before';
      guard.lateChannelErrors.push(before);
      return;
    }
    console.error(`uncaught: ${describe(err)}`);
    onFatal(err);
  };
  process.on('uncaughtException', handle);
  process.on('unhandledRejection', handle);
  return guard;
}
