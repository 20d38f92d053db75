// Vietnamese wording for people: instants in the campaign's zone, durations, statuses.

import { DateTime } from 'luxon';
import type { MilestoneStatus } from '../contract/submission';
import type { MilestoneKind, Recipient } from '../core/definition/types';
import { printable } from '../core/text/printable';

/** dd/MM/yyyy HH:mm (with seconds when `seconds`) in `zone`. */
export function localTime(iso: string, zone: string, seconds = false): string {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) return iso;
  return dt.toFormat(seconds ? 'dd/MM/yyyy HH:mm:ss' : 'dd/MM/yyyy HH:mm');
}

/** "2 ngày 3 giờ", "45 phút", "12 giây": the two largest units. */
export function duration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'ngày'],
    [3_600_000, 'giờ'],
    [60_000, 'phút'],
    [1_000, 'giây'],
  ];
  let rest = Math.max(0, Math.floor(ms));
  const parts: string[] = [];
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 && parts.length < 2) parts.push(`${n} ${name}`);
  }
  return parts.length > 0 ? parts.join(' ') : 'dưới 1 giây';
}

export const STATUS_TEXT: Record<MilestoneStatus, string> = {
  open: 'chưa đến hạn',
  overdue: 'quá hạn',
  submitted: 'đã nộp đúng hạn',
  late: 'đã nộp muộn',
  'awaiting-approval': 'chờ duyệt',
  waived: 'được miễn',
  closed: 'đã đóng',
  coordinating: 'phối hợp (không phải gửi)',
};

export const KIND_TEXT: Record<MilestoneKind, string> = {
  'draft-plan': 'dự thảo kế hoạch',
  plan: 'kế hoạch',
  'site-registration': 'đăng ký điểm',
  'event-window': 'tổ chức sự kiện',
  'result-report': 'báo cáo kết quả',
  'periodic-report': 'báo cáo định kỳ',
};

export const RECIPIENT_TEXT: Record<Recipient, string> = {
  unit: 'đơn vị',
  parent: 'cấp trên',
  issuer: 'cơ quan ban hành',
};

export function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${Math.round((part / whole) * 1000) / 10}%`;
}

/**
 * A plain text table: columns padded to their widest cell (by characters, diacritics included). Every cell is
 * made printable: names typed by users reach the terminal without control characters.
 */
export function table(input: string[][]): string {
  const rows = input.map((r) => r.map(printable));
  const widths: number[] = [];
  const width = (c: string) => [...c.normalize('NFC')].length;
  for (const r of rows) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(c));
    });
  }
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - width(c))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Flags the engine sets on a milestone, in words. */
export function flagText(flag: string): string {
  return flag
    .replace(/^below-min-sites: (\d+) of (\d+)/, 'ít điểm hơn yêu cầu: $1/$2')
    .replace(/^below-min-events: (\d+) of (\d+)/, 'ít sự kiện hơn yêu cầu: $1/$2')
    .replace(/^undeliverable: /, 'không gửi được thư: ');
}
