// What every page of one unit link shares: the page context, a form as it is shown again, the unit's link
// paths, whether a milestone still takes a submission, and a deadline in the plan's own words.

import { at, deadline, deadlinePhrase, windowPhrase } from '../../activities/mail/context';
import { localTime } from '../../client/format';
import type { MilestoneState, UnitState } from '../../contract/messages';
import type { DocumentRef } from '../../contract/submission';
import type { Milestone } from '../../core/definition/types';
import type { Lang } from '../layout';
import type { UnitAccess } from './access';
import type { FieldErrors, FormState } from './forms';

/** What every page of one unit link shares. */
export interface PageContext {
  access: UnitAccess;
  csrf: string;
  maxUploadMb: number;
  now: Date;
}

/** One milestone's form as it is shown again: what was typed, the errors by field, files. */
export interface FormView {
  state: FormState;
  errors: FieldErrors;
  /** The signed reference of a file already stored (kept in a hidden field), and what it is. */
  kept?: { token: string; ref: DocumentRef };
  /** A file chosen but not kept (refused, or not stored): name it, to be chosen again. */
  reselect?: string;
  /** Information lines (a list read from a file). */
  notices?: string[];
}

export type SubmitMode = 'new' | 'more' | 'again';

export function unitBase(token: string): string {
  return `/u/${token}`;
}

export function downloadHref(token: string, unitId: string, milestoneId: string, seq: number): string {
  const e = encodeURIComponent;
  return `${unitBase(token)}/d/${e(unitId)}/${e(milestoneId)}/${seq}`;
}

/** Whether the unit can still send something for this milestone, and what the form is for. */
export function submitMode(m: Milestone, ms: MilestoneState, state: UnitState): SubmitMode | undefined {
  if (state.closed || ms.status === 'waived' || ms.status === 'closed' || ms.status === 'coordinating')
    return undefined;
  if (m.kind === 'event-window') return ms.submissions.length > 0 ? 'more' : 'new';
  if (ms.status === 'open' || ms.status === 'overdue') return 'new';
  if (m.kind === 'site-registration' && ms.flags.some((f) => f.startsWith('below-min-sites'))) return 'again';
  return undefined;
}

/** "trước ngày 20/08/2024" (or the window's phrase), and the exact instant(s) in local time. */
export function dueWords(ms: MilestoneState, zone: string, lang: Lang): { phrase: string; exact: string } {
  const d = deadline(ms.schedule.dueAt, zone);
  if (ms.schedule.opensAt) {
    const opens = at(ms.schedule.opensAt, zone);
    return {
      phrase: windowPhrase(opens, d, lang),
      exact: `${localTime(ms.schedule.opensAt, zone)} → ${localTime(ms.schedule.dueAt, zone)}`,
    };
  }
  return { phrase: deadlinePhrase(d, lang), exact: localTime(ms.schedule.dueAt, zone) };
}
