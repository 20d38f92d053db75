// dondoc's own metrics, through the Temporal Runtime's meter so they reach the same Prometheus endpoint as the
// SDK's (worker/telemetry.ts): notices sent and refused by kind, and how long the SMTP server took. Outside an
// activity (a test calling a factory directly) they are not recorded.
import { Context } from '@temporalio/activity';
import type { MetricMeter } from '@temporalio/common';

function context(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

function meter(): MetricMeter | undefined {
  return context()?.metricMeter;
}

/**
 * A notice the SMTP server accepted (for at least one recipient), and how long sending it took; logged with its
 * Message-ID (the SDK adds the workflow id, hence the campaign and the unit: worker/telemetry.ts).
 */
export function noticeSent(kind: string, seconds: number, messageId: string): void {
  const c = context();
  c?.log.info('notice sent', { kind, messageId, smtpSeconds: Math.round(seconds * 1000) / 1000 });
  const m = c?.metricMeter;
  if (!m) return;
  m.createCounter('dondoc_notices_sent', 'notices', 'Notices the SMTP server accepted').add(1, { kind });
  m.createHistogram(
    'dondoc_smtp_send_seconds',
    'float',
    's',
    'Time to hand one notice to the SMTP server',
  ).record(seconds, { kind });
}

/** A notice that will not be sent: `reason` 'smtp' (a permanent refusal of every recipient) or 'compose'. */
export function noticeRefused(kind: string, reason: 'smtp' | 'smtp-deferred' | 'compose'): void {
  meter()
    ?.createCounter(
      'dondoc_notices_refused',
      'notices',
      'Notices refused for good (by the SMTP server or unwritable)',
    )
    .add(1, { kind, reason });
}
