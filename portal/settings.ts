// The portal's settings, from the environment, checked with zod: a bad value stops the start with a message
// in Vietnamese naming the variable and the rule. None of these is a secret (the signing secret is read by
// access/secret.ts and never printed).
import { z } from 'zod';
import type { PortalSettings } from './context';

export interface PortalServerSettings {
  settings: PortalSettings;
  port: number;
  host: string;
  /** DONDOC_PORTAL_TRUST_PROXY: behind a load balancer, client addresses from X-Forwarded-For. */
  trustProxy: boolean;
}

export class PortalSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`cấu hình cổng thông tin (portal) không hợp lệ:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PortalSettingsError';
  }
}

const TRUE = ['1', 'true', 'yes', 'on', 'có'];
const FALSE = ['0', 'false', 'no', 'off', 'không'];

const port = z.coerce.number().int().min(1).max(65535);
const host = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\w.:[\]-]+$/);
const url = z
  .string()
  .transform((s) => s.replace(/\/+$/, ''))
  .pipe(z.url({ protocol: /^https?$/ }))
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.search === '' && u.hash === '' && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  });
const megabytes = z.coerce.number().positive().max(1024);
const days = z.coerce.number().int().min(1).max(3660);
const bool = z
  .string()
  .transform((s) => s.toLowerCase())
  .refine((s) => TRUE.includes(s) || FALSE.includes(s))
  .transform((s) => TRUE.includes(s));

export function loadPortalSettings(
  env: NodeJS.ProcessEnv = process.env,
  overrides: { port?: string | number; host?: string } = {},
): PortalServerSettings {
  const problems: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>, rule: string, fallback: T, given?: string): T => {
    const raw = (given ?? env[name])?.trim();
    if (raw === undefined || raw === '') return fallback;
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    problems.push(`${name}: ${rule}, nhận được '${raw}'`);
    return fallback;
  };
  const portValue = read(
    overrides.port !== undefined ? '--port' : 'DONDOC_PORTAL_PORT',
    port,
    'phải là số cổng từ 1 đến 65535',
    8080,
    overrides.port !== undefined ? String(overrides.port) : undefined,
  );
  const hostValue = read(
    overrides.host !== undefined ? '--host' : 'DONDOC_PORTAL_HOST',
    host,
    'phải là tên máy hoặc địa chỉ IP để lắng nghe (ví dụ 127.0.0.1 hoặc 0.0.0.0)',
    '127.0.0.1',
    overrides.host,
  );
  const publicUrl = read(
    'DONDOC_PORTAL_URL',
    url,
    'phải là địa chỉ http:// hoặc https:// của cổng thông tin, không có ?… hay #… (ví dụ https://dondoc.example.gov.vn)',
    `http://localhost:${portValue}`,
  );
  const maxMb = read('DONDOC_PORTAL_MAX_UPLOAD_MB', megabytes, 'phải là số MB lớn hơn 0, tối đa 1024', 20);
  const ttlDays = read('DONDOC_PORTAL_LINK_TTL_DAYS', days, 'phải là số ngày nguyên từ 1 đến 3660', 90);
  const secure = read(
    'DONDOC_PORTAL_SECURE_COOKIES',
    bool,
    'phải là 1/0 (hoặc true/false)',
    publicUrl.startsWith('https://'),
  );
  const trustProxy = read('DONDOC_PORTAL_TRUST_PROXY', bool, 'phải là 1/0 (hoặc true/false)', false);
  if (problems.length > 0) throw new PortalSettingsError(problems);
  return {
    settings: {
      publicUrl,
      maxUploadBytes: Math.round(maxMb * 1024 * 1024),
      linkTtlSeconds: ttlDays * 24 * 3600,
      secureCookies: secure,
    },
    port: portValue,
    host: hostValue,
    trustProxy,
  };
}

/** What the portal prints at start (nothing secret). */
export function describePortalSettings(s: PortalServerSettings): string {
  const mb = Math.round((s.settings.maxUploadBytes / 1048576) * 10) / 10;
  return (
    `lắng nghe ${s.host}:${s.port}; địa chỉ công khai ${s.settings.publicUrl}; tệp tối đa ${mb} MB; ` +
    `đường dẫn đơn vị có hạn ${Math.round(s.settings.linkTtlSeconds / 86400)} ngày; ` +
    `cookie ${s.settings.secureCookies ? 'Secure (HTTPS)' : 'không Secure (HTTP)'}` +
    (s.trustProxy ? '; tin X-Forwarded-For' : '')
  );
}
