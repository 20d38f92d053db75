// The engine's kinds of notice, in the two groups administrators and auditors ask about: reminders before a
// deadline, and escalations after it (to the unit itself or to its superiors, or in a superior's digest).
export type NoticeCategory = 'reminder' | 'escalation' | 'notice';

const REMINDERS = new Set(['reminder', 'last-day']);
const ESCALATIONS = new Set(['overdue', 'escalation', 'digest']);

export function noticeCategory(kind: string): NoticeCategory {
  if (REMINDERS.has(kind)) return 'reminder';
  if (ESCALATIONS.has(kind)) return 'escalation';
  return 'notice';
}
