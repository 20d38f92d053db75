// A mail server that answers every recipient of a notice with a 4xx (452 mailbox full, 450 mailbox busy, a
// greylist's 451) is asking to try later; retried forever, one dead mailbox would hold back everything after
// that notice in its milestone's lane, escalations to the unit's superiors included. So a notice whose every
// recipient has been deferred for DEFAULT_DEFER_GIVE_UP_MS (and at least twice: a greylist's first refusal
// always gets another try) is given up, and recorded as undeliverable like a 5xx. A refusal of the whole
// server (421, a refused connection, a timeout) is an outage, not the address's: it retries until delivered.
// Kept in this worker's memory per Message-ID: a worker that restarts counts the time again (longer, not
// shorter).

/** About the time a greylist takes to let a sender through, with margin (Postgrey waits 5 minutes). */
export const DEFAULT_DEFER_GIVE_UP_MS = 10 * 60_000;
const MAX_TRACKED = 10_000;

function smtpCode(err: unknown): number | undefined {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : undefined;
}

/** Every recipient refused with a 4xx other than 421: the addresses' state, not the server's. */
export function everyRecipientDeferred(err: unknown): boolean {
  if ((err as { code?: unknown }).code !== 'EENVELOPE') return false;
  const each = (err as { rejectedErrors?: unknown }).rejectedErrors;
  const codes = Array.isArray(each) && each.length > 0 ? each.map(smtpCode) : [smtpCode(err)];
  return codes.every((c) => c !== undefined && c >= 400 && c < 500 && c !== 421);
}

export class Deferrals {
  private readonly first = new Map<string, { at: number; times: number }>();

  constructor(
    private readonly giveUpMs = DEFAULT_DEFER_GIVE_UP_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a deferral of this notice; true when it has been deferred long enough to give up. */
  deferred(messageId: string): boolean {
    const seen = this.first.get(messageId);
    if (!seen) {
      if (this.first.size >= MAX_TRACKED) this.first.clear();
      this.first.set(messageId, { at: this.now(), times: 1 });
      return false;
    }
    seen.times += 1;
    const done = seen.times >= 2 && this.now() - seen.at >= this.giveUpMs;
    if (done) this.first.delete(messageId);
    return done;
  }

  /** The notice went through (or failed for another reason): forget it. */
  settled(messageId: string): void {
    this.first.delete(messageId);
  }
}
