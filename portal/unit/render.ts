// The units' pages, server-rendered: every value through the `html` template (escaped), no script, forms that
// work without JavaScript and on a phone. Dates in the campaign's zone, deadlines in the plan's own words
// ("trước ngày 20/08/2024", "từ ngày 01/08/2024 đến hết ngày 19/08/2024") as the emails write them.
// Split by what they show: render-common.ts (what every page shares), render-milestone.ts (a milestone and
// its submissions), render-form.ts (the submission form), render-subtree.ts (the subtree and a subordinate).

import { localTime } from '../../client/format';
import type { MilestoneState, Submission } from '../../contract/messages';
import { formatVnDate } from '../../core/calendar/phrases';
import { implementsList } from '../../core/definition/references';
import type { Milestone } from '../../core/definition/types';
import { flagsFor } from '../../workflows/submission-check';
import { type Html, html } from '../html';
import { strings } from '../i18n';
import { page } from '../layout';
import {
  downloadHref,
  dueWords,
  type FormView,
  type PageContext,
  submitMode,
  unitBase,
} from './render-common';
import { renderForm } from './render-form';
import { renderContent, renderMilestone } from './render-milestone';
import { renderSubtree } from './render-subtree';
import type { SubtreeView } from './subtree';

function header(pc: PageContext): Html {
  const { campaign, unit, lang } = pc.access;
  const t = strings(lang);
  const c = campaign.campaign;
  const parent = unit.parent ? campaign.units.find((u) => u.id === unit.parent) : undefined;
  const refs = implementsList(c);
  return html`<div class="card">
<dl class="facts">
<dt>${t.campaign}</dt><dd>${c.title}</dd>
${c.document.number ? html`<dt>${t.document}</dt><dd>${c.document.number} ${t.issuedOn(formatVnDate(c.document.issued))}</dd>` : ''}
${refs.length > 0 ? html`<dt>${t.implementsText}</dt>${refs.map((r) => html`<dd>${r}</dd>`)}` : ''}
<dt>${t.unit}</dt><dd>${unit.name}</dd>
${parent ? html`<dt>${t.parent}</dt><dd>${parent.name}</dd>` : ''}
${c.contact ? html`<dt>${t.contact}</dt><dd>${c.contact}</dd>` : ''}
</dl>
<p class="muted">${t.timeZone(c.timeZone)}</p>
</div>`;
}

function formFor(
  pc: PageContext,
  ms: MilestoneState,
  views: Record<string, FormView>,
  empty: (m: Milestone) => FormView,
): Html | undefined {
  const m = pc.access.campaign.milestones.find((x) => x.id === ms.id);
  if (!m) return undefined;
  const mode = submitMode(m, ms, pc.access.state);
  if (!mode) return undefined;
  return renderForm(pc, m, ms, mode, views[m.id] ?? empty(m));
}

/** GET /u/:token: the unit's milestones with a form for each that can still be sent, and its subtree. */
export function renderUnitPage(
  pc: PageContext,
  opts: { subtree?: SubtreeView; empty: (m: Milestone) => FormView },
): string {
  const { access } = pc;
  const t = strings(access.lang);
  const { state } = access;
  const body = html`${header(pc)}
<h2>${t.milestones}</h2>
${
  state.milestones.length === 0
    ? html`<p>${t.noMilestones}</p>`
    : state.milestones.map((ms) =>
        renderMilestone(pc, access.unit.id, ms, formFor(pc, ms, {}, opts.empty) ?? 'closed'),
      )
}
${opts.subtree ? renderSubtree(pc, opts.subtree) : ''}`;
  return page({ lang: access.lang, title: access.unit.name, body });
}

/** The page after a POST that was not recorded (errors, or a row added/removed): that milestone alone. */
export function renderMilestonePage(pc: PageContext, ms: MilestoneState, view: FormView): string {
  const { access } = pc;
  const t = strings(access.lang);
  const m = access.campaign.milestones.find((x) => x.id === ms.id);
  const mode = m ? submitMode(m, ms, access.state) : undefined;
  const form = m && mode ? renderForm(pc, m, ms, mode, view) : 'closed';
  const body = html`${renderMilestone(pc, access.unit.id, ms, form)}
<p><a href="${unitBase(access.token)}">${t.backToUnit}</a></p>`;
  return page({
    lang: access.lang,
    title: ms.title,
    body,
    crumbs: [
      [access.unit.name, unitBase(access.token)],
      [ms.title, ''],
    ],
  });
}

/** The receipt of one submission: when it was recorded, on time or late, status, flags, what was sent. */
export function renderReceiptPage(pc: PageContext, ms: MilestoneState, sub: Submission): string {
  const { access } = pc;
  const { lang } = access;
  const t = strings(lang);
  const zone = access.campaign.campaign.timeZone;
  const m = access.campaign.milestones.find((x) => x.id === ms.id);
  const due = dueWords(ms, zone, lang);
  // The receipt's flags, as the engine computed them for this submission (events add up over submissions).
  const flags = m
    ? m.kind === 'event-window'
      ? flagsFor(m, {
          events: ms.submissions.filter((s) => s.seq <= sub.seq).flatMap((s) => s.payload.events ?? []),
        })
      : flagsFor(m, sub.payload)
    : [];
  const done = ms.status !== 'open' && ms.status !== 'overdue';
  const href = sub.payload.document?.file
    ? downloadHref(access.token, access.unit.id, ms.id, sub.seq)
    : undefined;
  const body = html`<div class="notice" role="status"><p><strong>${t.receiptLead(ms.title, sub.seq)}</strong></p></div>
<div class="card">
<dl class="facts">
<dt>${t.unit}</dt><dd>${access.unit.name}</dd>
<dt>${t.recordedAt}</dt><dd>${localTime(sub.at, zone, true)}</dd>
<dt>${ms.schedule.opensAt ? t.window : t.due}</dt><dd>${due.phrase} <span class="muted">(${ms.schedule.opensAt ? due.exact : t.exactDue(due.exact)})</span></dd>
<dt>${t.timing}</dt><dd><span class="status ${sub.onTime ? 'submitted' : 'late'}">${t.receiptTiming(sub.onTime)}</span></dd>
<dt>${t.status_}</dt><dd><span class="status ${ms.status}">${t.status[ms.status]}</span></dd>
<dt>${t.by}</dt><dd>${sub.actor}</dd>
${sub.note ? html`<dt>${t.note}</dt><dd>${sub.note}</dd>` : ''}
${flags.length > 0 ? html`<dt>${t.flags}</dt><dd class="flag">${flags.map((f) => t.flag(f)).join('; ')}</dd>` : ''}
</dl>
${done && ms.status !== 'awaiting-approval' ? html`<p class="muted">${t.noReminders}</p>` : ''}
</div>
<h2>${t.content}</h2>
<div class="card">${renderContent(m, sub, t, lang, href)}</div>
<p><a href="${unitBase(access.token)}#m-${ms.id}">${t.backToUnit}</a></p>`;
  return page({
    lang,
    title: t.receiptTitle,
    body,
    crumbs: [
      [access.unit.name, unitBase(access.token)],
      [t.receiptTitle, ''],
    ],
  });
}
