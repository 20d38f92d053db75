// The documents a campaign implements (`campaign.implements`), as people read them: one string as written, or
// each reference of the list as "Kế hoạch số 198/KH-BCĐ ngày 05/4/2023 của … về …". Pure, no zod.
import { formatVnDate } from '../calendar/phrases';
import type { CampaignHeader, PlanReference } from './types';

/** One reference: its `text` when given, else its parts in the order a Vietnamese plan cites them. */
export function referenceText(r: PlanReference): string {
  if (r.text?.trim()) return r.text.trim();
  const parts = [
    r.type ?? (r.number ? 'Văn bản' : undefined),
    r.number ? `số ${r.number}` : undefined,
    r.date ? `ngày ${formatVnDate(r.date)}` : undefined,
    r.issuer ? `của ${r.issuer}` : undefined,
  ].filter((p): p is string => Boolean(p));
  const head = parts.join(' ');
  if (!r.title) return head;
  return head ? `${head} về ${r.title}` : r.title;
}

/** Each document the campaign implements, one line each (none when it names none). */
export function implementsList(h: Pick<CampaignHeader, 'implements'>): string[] {
  const v = h.implements;
  if (v === undefined) return [];
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  return v.map(referenceText).filter((t) => t !== '');
}

/** The same on one line, "; " between references (a mail placeholder, a summary line). */
export function implementsText(h: Pick<CampaignHeader, 'implements'>): string {
  return implementsList(h).join('; ');
}
