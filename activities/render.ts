// Plain Vietnamese/English text of the notices the engine sends. Runs in activities (uses luxon).
import { DateTime } from 'luxon';
import type { CampaignHeader } from '../core/definition/types';

export interface NoticeInput {
  kind: 'reminder' | 'escalation';
  campaign: CampaignHeader;
  unit: { id: string; name: string; emails: string[] };
  milestone: { id: string; kind: string; title: string; description?: string };
  dueAt: string;
  opensAt?: string;
  phase?: 'before-open' | 'before-due';
  seq: number;
  recipients: ('unit' | 'parent' | 'issuer')[];
  to: string[];
  messageId: string;
  /** Workflow time when the notice fell due: "days left" is counted from it, not from the worker's clock. */
  asOf: string;
}

export interface RenderedNotice {
  subject: string;
  text: string;
}

/** "trước ngày 20/08/2024" for a deadline at 00:00 local, else "trước 17:00 ngày 20/08/2024". */
export function deadlinePhrase(dueAt: string, zone: string, language: 'vi' | 'en'): string {
  const d = DateTime.fromISO(dueAt, { zone });
  const midnight = d.hour === 0 && d.minute === 0;
  if (language === 'en') {
    return midnight
      ? `before ${d.toFormat('dd/MM/yyyy')}`
      : `before ${d.toFormat('HH:mm')} on ${d.toFormat('dd/MM/yyyy')}`;
  }
  return midnight
    ? `trước ngày ${d.toFormat('dd/MM/yyyy')}`
    : `trước ${d.toFormat('HH:mm')} ngày ${d.toFormat('dd/MM/yyyy')}`;
}

function lastDay(dueAt: string, zone: string): string {
  return DateTime.fromISO(dueAt, { zone }).minus({ days: 1 }).toFormat('dd/MM/yyyy');
}

function daysBetween(fromMs: number, toIso: string, zone: string): number {
  const from = DateTime.fromMillis(fromMs, { zone }).startOf('day');
  const to = DateTime.fromISO(toIso, { zone }).startOf('day');
  return Math.round(to.diff(from, 'days').days);
}

export function renderNotice(n: NoticeInput): RenderedNotice {
  const now = Date.parse(n.asOf);
  const zone = n.campaign.timeZone;
  const lang = n.campaign.language;
  const due = deadlinePhrase(n.dueAt, zone, lang);
  const doc = n.campaign.document.number ? ` (${n.campaign.document.number})` : '';
  const submit = `npx dondoc submit ${n.campaign.id} ${n.unit.id} ${n.milestone.id} <file> --by <name>`;
  const window =
    n.opensAt !== undefined
      ? lang === 'vi'
        ? `từ ngày ${DateTime.fromISO(n.opensAt, { zone }).toFormat('dd/MM/yyyy')} đến hết ngày ${lastDay(n.dueAt, zone)}`
        : `from ${DateTime.fromISO(n.opensAt, { zone }).toFormat('dd/MM/yyyy')} to the end of ${lastDay(n.dueAt, zone)}`
      : undefined;

  if (n.kind === 'reminder') {
    const anchor = n.phase === 'before-open' && n.opensAt ? n.opensAt : n.dueAt;
    const left = daysBetween(now, anchor, zone);
    if (lang === 'en') {
      const what = window ? `${n.milestone.title}, ${window}` : `${n.milestone.title}, due ${due}`;
      return {
        subject: `[Reminder] ${n.unit.name}: ${n.milestone.title}, ${window ?? `due ${due}`}`,
        text: [
          `To: ${n.unit.name}`,
          '',
          `Under ${n.campaign.title}${doc}, your unit owes: ${what}.`,
          n.phase === 'before-open' ? `It opens in ${left} day(s).` : `${left} day(s) left.`,
          ...(n.milestone.description ? ['', n.milestone.description] : []),
          '',
          `To submit: ${submit}`,
        ].join('\n'),
      };
    }
    const what = window ? `${n.milestone.title}, ${window}` : `${n.milestone.title}, hạn ${due}`;
    return {
      subject: `[Nhắc hạn] ${n.unit.name}: ${n.milestone.title}, ${window ?? `hạn ${due}`}`,
      text: [
        `Kính gửi: ${n.unit.name}`,
        '',
        `Thực hiện ${n.campaign.title}${doc}, đơn vị cần thực hiện: ${what}.`,
        n.phase === 'before-open' ? `Còn ${left} ngày đến ngày bắt đầu.` : `Còn ${left} ngày đến hạn.`,
        ...(n.milestone.description ? ['', n.milestone.description] : []),
        '',
        `Cách gửi: ${submit}`,
      ].join('\n'),
    };
  }

  const overdue = Math.max(
    0,
    daysBetween(Date.parse(n.dueAt), DateTime.fromMillis(now, { zone }).toISO() ?? n.dueAt, zone),
  );
  if (lang === 'en') {
    return {
      subject: `[Overdue] ${n.unit.name} has not sent ${n.milestone.title} (due ${due})`,
      text: [
        `${n.unit.name} has not yet sent "${n.milestone.title}", which was due ${due} under ${n.campaign.title}${doc}.`,
        `Overdue by ${overdue} day(s).`,
        '',
        `Please follow up with ${n.unit.name} (${n.unit.emails.join(', ')}).`,
      ].join('\n'),
    };
  }
  return {
    subject: `[Quá hạn] ${n.unit.name} chưa gửi ${n.milestone.title} (hạn ${due})`,
    text: [
      `${n.unit.name} chưa gửi "${n.milestone.title}", hạn ${due}, theo ${n.campaign.title}${doc}.`,
      `Đã quá hạn ${overdue} ngày.`,
      '',
      `Đề nghị đôn đốc ${n.unit.name} (${n.unit.emails.join(', ')}).`,
    ].join('\n'),
  };
}
