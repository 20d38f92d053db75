// When a submission counts as made, for "on time": the client's own instant (SubmitInput.receivedAt) when it is
// believable, else the workflow's clock. Believable: at most RECEIVED_AT_SLACK_MS before the workflow's clock
// (a worker restarting, a server failing over, a busy queue) and not after it (a client clock a little ahead
// counts as now). A client cannot date a submission back further than the slack. Pure.

/** How far before the workflow's clock a client's instant is still taken. */
export const RECEIVED_AT_SLACK_MS = 15 * 60_000;

/** The instant on time is judged by, and whether it is the client's. */
export function judgedAt(recordedAt: string, receivedAt: unknown): { at: string; client: boolean } {
  const recorded = Date.parse(recordedAt);
  if (typeof receivedAt !== 'string') return { at: recordedAt, client: false };
  const received = Date.parse(receivedAt);
  if (!Number.isFinite(received) || received > recorded || received < recorded - RECEIVED_AT_SLACK_MS)
    return { at: recordedAt, client: false };
  return { at: new Date(received).toISOString(), client: true };
}
