// The dry run as an iCalendar file (ical-generator): one event per email, at its instant, so an administrator
// can load the whole schedule into a calendar. Times are UTC instants (no VTIMEZONE needed); each event lasts
// 15 minutes so calendars show it; its UID is the email's Message-ID, so re-importing updates, never doubles.
import ical from 'ical-generator';
import { kindText, type Lang, local, notesText, recipientsText } from './text';
import type { DryRun, DryRunNotice } from './types';

const EVENT_MS = 15 * 60_000;

function summary(n: DryRunNotice, lang: Lang): string {
  const what = n.milestone ? n.milestone.title : (n.listed ?? []).map((l) => l.unit.name).join(', ');
  return `[${kindText(n, lang)}] ${n.unit.name} — ${what}`;
}

function description(n: DryRunNotice, lang: Lang, zone: string): string {
  const vi = lang === 'vi';
  const lines = [
    `${vi ? 'Gửi đến' : 'To'}: ${n.to.map((t) => `${t.name} <${t.emails.join(', ')}>`).join('; ')}`,
  ];
  if (n.recipients.some((r) => r !== 'unit')) {
    lines.push(`${vi ? 'Theo chính sách' : 'Policy'}: ${recipientsText(n.recipients, lang)}`);
  }
  if (n.milestone) lines.push(`${vi ? 'Mốc' : 'Milestone'}: ${n.milestone.id} — ${n.milestone.title}`);
  if (n.dueAt) lines.push(`${vi ? 'Hạn' : 'Due'}: ${local(n.dueAt, zone)}`);
  for (const l of n.listed ?? []) lines.push(`- ${l.unit.name} (${l.unit.id}): ${l.milestone.title}`);
  const notes = notesText(n, lang);
  if (notes) lines.push(notes);
  return lines.join('\n');
}

export function renderIcs(run: DryRun, now: Date = new Date()): string {
  const lang: Lang = run.campaign.language === 'en' ? 'en' : 'vi';
  const cal = ical({
    name: `${run.campaign.title} — ${lang === 'vi' ? 'lịch gửi thư (chạy thử)' : 'email schedule (dry run)'}`,
    prodId: { company: 'dondoc', product: 'schedule-dry-run', language: lang === 'vi' ? 'VI' : 'EN' },
  });
  for (const n of run.notices) {
    const start = new Date(n.at);
    cal.createEvent({
      id: n.messageId.replace(/^<|>$/g, ''),
      start,
      end: new Date(start.getTime() + EVENT_MS),
      stamp: now,
      summary: summary(n, lang),
      description: description(n, lang, run.campaign.timeZone),
    });
  }
  return cal.toString();
}
