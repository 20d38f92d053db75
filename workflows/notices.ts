// Sending one notice from workflow code: the activity retries temporary failures until delivered; a permanent
// one (a 5xx for every recipient, a notice that cannot be composed) comes back as `failure` for the caller to
// record, and the workflow carries on with its other obligations.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type * as activities from '../activities';
import type { NoticeInput, NoticeKind } from '../contract/notices';

// Mail waits for the SMTP server as long as it takes: a temporary outage delays a notice, never drops it.
const { sendNotice } = proxyActivities<activities.Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

export interface Delivered {
  /** The template used (a scheduled reminder may be a last-day one, an escalation to the unit `overdue`). */
  kind: NoticeKind;
  /** Why the server refused it, permanently, for all recipients or for those named. */
  failure?: string;
}

/**
 * `templatesVersion`: the version of the campaign's own templates (UnitPlan.templatesVersion), if any. `kind`: what
 * to record if the send fails for good (the template used is only known once the notice is composed).
 */
export async function deliver(
  n: NoticeInput,
  templatesVersion: string | undefined,
  kind: NoticeKind = n.kind,
): Promise<Delivered> {
  try {
    const r = await sendNotice(templatesVersion ? { ...n, templatesVersion } : n);
    const refused = r.rejected.map((x) => `${x.address}: ${x.message}`).join('; ');
    return { kind: r.kind, ...(refused ? { failure: refused } : {}) };
  } catch (err) {
    // Only a permanent failure gets here (temporary ones retry until delivered): record it, carry on.
    return {
      kind,
      failure: err instanceof ActivityFailure && err.cause ? err.cause.message : String(err),
    };
  }
}
