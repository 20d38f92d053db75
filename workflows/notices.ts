// Sending one notice from workflow code: the activity retries temporary failures until delivered; a permanent
// one (a 5xx for every recipient, a notice that cannot be composed) comes back as `failure` for the caller to
// record, and the workflow carries on with its other obligations. The unit's plan says how the notice goes out
// (MailRoute): a local activity, an activity on the mail task queue, or (plans from before routes existed) an
// activity on the workflow's own task queue. The route is in the plan, so replay takes the same path.
//
// A local activity holds its workflow task open while it runs, and an update's answer waits for that task: so
// the notices that go local are those that answer no update (a reminder, an escalation, a digest at its planned
// instant, the announcements when a unit starts) and the receipt of a submission, whose answer waits for one
// attempt to send it (unit/lane.ts says why). An update's other notices (a returned draft, an extension, a
// waiver) are activities, and their update is answered without waiting for the mail server.
import {
  ActivityFailure,
  type ActivityOptions,
  type LocalActivityOptions,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import type * as activities from '../activities';
import type { MailRoute } from '../contract/messages';
import type { NoticeInput, NoticeKind } from '../contract/notices';

// Mail waits for the SMTP server as long as it takes: a temporary outage delays a notice, never drops it.
const RETRY = {
  initialInterval: '10 seconds',
  backoffCoefficient: 2,
  maximumInterval: '30 minutes',
} as const;
const ACTIVITY: ActivityOptions = { startToCloseTimeout: '2 minutes', retry: RETRY };
// An attempt is bounded by the SMTP transport's own timeouts (20 s to connect or greet); a retry waits on a
// timer (localRetryThreshold), so the workflow task is never held across attempts.
const LOCAL: LocalActivityOptions = {
  startToCloseTimeout: '1 minute',
  localRetryThreshold: '1 second',
  retry: RETRY,
};

type Send = activities.Activities['sendNotice'];
const onOwnQueue: Send = proxyActivities<activities.Activities>(ACTIVITY).sendNotice;
const local: Send = proxyLocalActivities<activities.Activities>(LOCAL).sendNotice;
const byQueue = new Map<string, Send>();

function senderFor(route: MailRoute | undefined, planned: boolean): Send {
  if (!route) return onOwnQueue;
  if ('local' in route) return planned ? local : onOwnQueue;
  let send = byQueue.get(route.taskQueue);
  if (!send) {
    send = proxyActivities<activities.Activities>({ ...ACTIVITY, taskQueue: route.taskQueue }).sendNotice;
    byQueue.set(route.taskQueue, send);
  }
  return send;
}

export interface Delivered {
  /** The template used (a scheduled reminder may be a last-day one, an escalation to the unit `overdue`). */
  kind: NoticeKind;
  /** Why the server refused it, permanently, for all recipients or for those named. */
  failure?: string;
}

/** What a notice's sending needs from the unit's plan. */
export interface SendVia {
  /** The version of the campaign's own templates (UnitPlan.templatesVersion), if any. */
  templatesVersion?: string | undefined;
  mail?: MailRoute | undefined;
  /** Answers no update (a planned instant, the unit's start): may go by local activity. */
  planned?: boolean;
}

/** `kind`: what to record if the send fails for good (the template used is only known once it is composed). */
export async function deliver(n: NoticeInput, via: SendVia, kind: NoticeKind = n.kind): Promise<Delivered> {
  try {
    const { templatesVersion } = via;
    const r = await senderFor(
      via.mail,
      via.planned === true,
    )(templatesVersion ? { ...n, templatesVersion } : n);
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
