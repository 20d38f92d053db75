// The dry run's words, in the campaign's language (Vietnamese unless it says `en`).
import { DateTime } from 'luxon';
import type { DayNote, Move } from '../../core/calendar/moves';
import type { Recipient } from '../../core/definition/types';
import { printable } from '../../core/text/printable';
import { RECIPIENT_TEXT } from '../format';
import type { DryRunKind, DryRunNotice } from './types';

export type Lang = 'vi' | 'en';

const KIND: Record<Lang, Record<DryRunKind, string>> = {
  vi: {
    opened: 'thông báo mở',
    reminder: 'nhắc hạn',
    'last-day': 'nhắc hạn',
    overdue: 'quá hạn',
    escalation: 'đôn đốc cấp trên',
    digest: 'tổng hợp hằng ngày',
  },
  en: {
    opened: 'opening notice',
    reminder: 'reminder',
    'last-day': 'reminder',
    overdue: 'overdue',
    escalation: 'escalation',
    digest: 'daily digest',
  },
};

const RECIPIENT_EN: Record<Recipient, string> = { unit: 'unit', parent: 'superior', issuer: 'issuer' };

const WEEKDAY: Record<Lang, string[]> = {
  vi: ['', 'thứ hai', 'thứ ba', 'thứ tư', 'thứ năm', 'thứ sáu', 'thứ bảy', 'chủ nhật'],
  en: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

export interface Words {
  lang: Lang;
  header: (id: string, title: string, zone: string) => string;
  assumption: (start: string, byDefault: boolean) => string;
  columns: string[];
  count: (n: number) => string;
  digestOf: (n: number) => string;
}

export const WORDS: Record<Lang, Words> = {
  vi: {
    lang: 'vi',
    header: (id, title, zone) => `Chạy thử lịch gửi thư: ${id} — ${title} (múi giờ ${zone})`,
    assumption: (start, byDefault) =>
      `Giả định: khởi động lúc ${start}${byDefault ? ' (đầu ngày ban hành; đổi bằng --start)' : ''} ` +
      'và không đơn vị nào nộp, nên mọi thư nhắc, quá hạn và đôn đốc đều được gửi.',
    columns: ['Thời điểm', 'Thư', 'Về đơn vị', 'Mốc', 'Gửi đến', 'Ghi chú'],
    count: (n) => `${n} thư.`,
    digestOf: (n) => `${n} mục quá hạn`,
  },
  en: {
    lang: 'en',
    header: (id, title, zone) => `Schedule dry run: ${id} — ${title} (time zone ${zone})`,
    assumption: (start, byDefault) =>
      `Assuming the campaign starts at ${start}${byDefault ? ' (start of its issue day; change with --start)' : ''} ` +
      'and no unit submits anything, so every reminder, overdue notice and escalation goes out.',
    columns: ['When', 'Notice', 'About', 'Milestone', 'To', 'Note'],
    count: (n) => `${n} email${n === 1 ? '' : 's'}.`,
    digestOf: (n) => `${n} overdue item${n === 1 ? '' : 's'}`,
  },
};

export function local(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('dd/MM/yyyy HH:mm');
}

function dayDate(date: string): string {
  return DateTime.fromISO(date).toFormat('dd/MM/yyyy');
}

/** "thông báo mở", "nhắc hạn 3 (ngày cuối)", "đôn đốc cấp trên 3 (lặp lại 1)". */
export function kindText(n: DryRunNotice, lang: Lang): string {
  const vi = lang === 'vi';
  const base = n.kind === 'opened' ? KIND[lang].opened : `${KIND[lang][n.kind]} ${n.seq}`;
  if (n.role === 'coordinate') return `${base} (${vi ? 'đơn vị phối hợp' : 'for coordination'})`;
  if (n.kind === 'last-day') return `${base} (${vi ? 'ngày cuối' : 'last day'})`;
  if (n.repeat) return `${base} (${vi ? 'lặp lại' : 'repeat'} ${n.repeat})`;
  return base;
}

export function recipientsText(rs: Recipient[], lang: Lang): string {
  return rs.map((r) => (lang === 'vi' ? RECIPIENT_TEXT[r] : RECIPIENT_EN[r])).join(', ');
}

/** Why a day is not a working day (or is one although a weekend day), with its name. */
export function dayReason(d: DayNote, lang: Lang): string {
  const weekday = WEEKDAY[lang][DateTime.fromISO(d.date).weekday] ?? '';
  const name = printable((lang === 'en' ? (d.nameEn ?? d.name) : d.name) ?? '');
  const named = (label: string) => (name ? `${label}: ${name}` : label);
  switch (d.reason) {
    case 'weekend':
      return lang === 'vi' ? `nghỉ cuối tuần (${weekday})` : `weekend (${weekday})`;
    case 'holiday':
      return named(lang === 'vi' ? 'ngày lễ' : 'public holiday');
    case 'day-off':
      return named(lang === 'vi' ? 'ngày nghỉ theo thông báo' : 'announced day off');
    case 'make-up-working-day':
      return named(lang === 'vi' ? `ngày làm việc bù (${weekday})` : `make-up working day (${weekday})`);
    case 'working':
      return lang === 'vi' ? 'giờ gửi muộn hơn hạn chót' : 'send hour after the deadline';
  }
}

/** "dời từ 18/04/2024 (ngày lễ: Giỗ Tổ Hùng Vương)"; several days: each with its date (dd/mm). */
export function moveText(m: Move, lang: Lang): string {
  const days =
    m.skipped.length === 1 && m.skipped[0]?.date === m.from
      ? dayReason(m.skipped[0], lang)
      : m.skipped
          .map((d) => `${DateTime.fromISO(d.date).toFormat('dd/MM')} ${dayReason(d, lang)}`)
          .join('; ');
  return `${lang === 'vi' ? 'dời từ' : 'moved from'} ${dayDate(m.from)} (${days})`;
}

/** The notes on a notice's day: moved off its nominal day, kept on a make-up working day. */
export function notesText(n: DryRunNotice, lang: Lang): string {
  const parts: string[] = [];
  if (n.moved) parts.push(moveText(n.moved, lang));
  if (n.madeUp) {
    parts.push(`${lang === 'vi' ? 'vẫn gửi vào' : 'still sent on'} ${dayReason(n.madeUp, lang)}`);
  }
  return parts.join('; ');
}
