// A unit's subtree on its page (tallies, overdue subordinates, the unit-by-unit matrix) and a subordinate's
// read-only page.

import { deadline, deadlinePhrase } from '../../activities/mail/context';
import type { UnitState } from '../../contract/messages';
import type { Milestone, Unit } from '../../core/definition/types';
import { type Html, html } from '../html';
import { type Strings, strings } from '../i18n';
import { page } from '../layout';
import { type PageContext, unitBase } from './render-common';
import { renderMilestone } from './render-milestone';
import type { SubtreeRow, SubtreeView } from './subtree';

/** A subordinate's milestones and what it sent, read-only, with its documents. */
export function renderSubordinatePage(pc: PageContext, unit: Unit, state: UnitState): string {
  const { access } = pc;
  const t = strings(access.lang);
  const body = html`<p>${t.subordinateLead(unit.name)}</p>
${state.milestones.map((ms) => renderMilestone(pc, unit.id, ms, undefined))}
<p><a href="${unitBase(access.token)}">${t.backToUnit}</a></p>`;
  return page({
    lang: access.lang,
    title: unit.name,
    body,
    crumbs: [
      [access.unit.name, unitBase(access.token)],
      [unit.name, ''],
    ],
  });
}

/** At most this many rows in the unit-by-unit table (the overdue list is always whole). */
export const MATRIX_ROWS = 300;

function cell(row: SubtreeRow, m: Milestone, view: SubtreeView, now: Date, t: Strings): Html {
  if (!row.applies.has(m.id)) return html`<td class="muted">${t.cellNotApplicable}</td>`;
  if (row.overdue.includes(m.id)) return html`<td><span class="status overdue">${t.cellOverdue}</span></td>`;
  const tally = row.aggregate?.tallies[m.id];
  if (tally && row.aggregate?.units === 1 && tally.expected === 1) {
    const status = tally.waived ? 'waived' : tally.late ? 'late' : tally.onTime ? 'submitted' : undefined;
    if (status) return html`<td><span class="status ${status}">${t.status[status]}</span></td>`;
  } else if (tally && tally.expected > 0) {
    return html`<td>${t.receivedOf(tally.submitted + tally.waived, tally.expected)}</td>`;
  }
  const due = view.dueAt[m.id];
  if (due && now.getTime() >= Date.parse(due))
    return html`<td><span class="status">${t.cellNotOverdue}</span></td>`;
  return html`<td class="muted">${t.cellNotDue}</td>`;
}

export function renderSubtree(pc: PageContext, view: SubtreeView): Html {
  const { access, now } = pc;
  const { lang } = access;
  const t = strings(lang);
  const zone = access.campaign.campaign.timeZone;
  const base = unitBase(access.token);
  const link = (u: Unit) => html`<a href="${base}/s/${encodeURIComponent(u.id)}">${u.name}</a>`;
  const laggards = view.rows.filter((r) => r.overdue.length > 0);
  const shown = view.rows.slice(0, MATRIX_ROWS);
  return html`<h2>${t.subtree}</h2>
<p class="muted">${t.subtreeLead(view.rows.length)}</p>
<div class="card">
<h3>${t.tallies}</h3>
<table class="wide"><thead><tr><th></th><th class="num">${t.expected}</th><th class="num">${t.onTimeCount}</th><th class="num">${t.lateCount}</th><th class="num">${t.waivedCount}</th><th class="num">${t.missingCount}</th></tr></thead>
<tbody>${view.milestones.map((m) => {
    const x = view.tallies[m.id];
    return html`<tr><th>${m.title}</th><td class="num">${x?.expected ?? 0}</td><td class="num">${x?.onTime ?? 0}</td><td class="num">${x?.late ?? 0}</td><td class="num">${x?.waived ?? 0}</td><td class="num">${x?.missing ?? 0}</td></tr>`;
  })}</tbody></table>
</div>
<div class="card">
<h3>${t.laggards}</h3>
${
  laggards.length === 0
    ? html`<p>${t.noLaggards}</p>`
    : html`<ul>${laggards.map(
        (r) =>
          html`<li>${link(r.unit)}: ${r.overdue.map((id) => {
            const m = view.milestones.find((x) => x.id === id);
            const due = view.dueAt[id];
            return html`<span>${m?.title ?? id}${due ? html` <span class="muted">(${deadlinePhrase(deadline(due, zone), lang)})</span>` : ''}</span>`;
          })}</li>`,
      )}</ul>`
}
</div>
<div class="card">
<h3>${t.matrix}</h3>
<p class="muted">${t.matrixNote}</p>
${view.rows.length > shown.length ? html`<p class="muted">${t.matrixTruncated(shown.length, view.rows.length)}</p>` : ''}
<table class="wide"><thead><tr><th>${t.unit}</th>${view.milestones.map((m) => html`<th>${m.title}</th>`)}</tr></thead>
<tbody>${shown.map(
    (r) =>
      html`<tr><td class="depth-${Math.min(r.depth, 5)}">${link(r.unit)}</td>${view.milestones.map((m) => cell(r, m, view, now, t))}</tr>`,
  )}</tbody></table>
</div>`;
}
