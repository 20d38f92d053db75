// The SMTP transport notices go through: pooled, TLS and auth from the worker's configuration, and timeouts
// shorter than the sendNotice activity's (2 minutes), so a hung server fails the attempt (which is retried)
// instead of leaving a send running after Temporal has given up on it and started the next attempt.
import nodemailer, { type Transporter } from 'nodemailer';
import type { WorkerConfig } from './config';

export type SmtpConfig = Pick<
  WorkerConfig,
  | 'DONDOC_SMTP_HOST'
  | 'DONDOC_SMTP_PORT'
  | 'DONDOC_SMTP_SECURE'
  | 'DONDOC_SMTP_REQUIRE_TLS'
  | 'DONDOC_SMTP_USER'
  | 'DONDOC_SMTP_PASS'
  | 'DONDOC_SMTP_POOL_SIZE'
>;

export function createSmtpTransport(c: SmtpConfig): Transporter {
  return nodemailer.createTransport({
    pool: true,
    maxConnections: c.DONDOC_SMTP_POOL_SIZE,
    host: c.DONDOC_SMTP_HOST,
    port: c.DONDOC_SMTP_PORT,
    // Implicit TLS (port 465), or STARTTLS: taken when offered, required when DONDOC_SMTP_REQUIRE_TLS is set.
    secure: c.DONDOC_SMTP_SECURE,
    requireTLS: c.DONDOC_SMTP_REQUIRE_TLS,
    ...(c.DONDOC_SMTP_USER ? { auth: { user: c.DONDOC_SMTP_USER, pass: c.DONDOC_SMTP_PASS } } : {}),
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    // nodemailer's own logging is off (its default): it could print the AUTH exchange.
    logger: false,
  });
}
