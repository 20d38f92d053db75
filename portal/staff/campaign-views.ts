// The parts of a campaign's page: completeness per milestone, the subtrees of one page of subordinates, the
// submissions per day against the deadlines, and the administrators' campaign-wide actions.
import { byDayOf } from '../../client/read/aggregates';
import { startOfDay } from '../../core/calendar/schedule';
import type { Unit } from '../../core/definition/types';
import type { SubtreeAggregate, Tally } from '../../core/report/aggregate';
import { type DayMark, dayChart, doneText, tallyBar } from '../charts';
import { type Html, html } from '../html';
import { campaignUrl, csrfField, type StaffCampaign, unitUrl } from './common';
import { duePhrase, localText, type StaffStrings } from './i18n';

/** Subordinates shown per page of a campaign or unit. */
export const CHILDREN_PER_PAGE = 50;

export function milestoneRows(c: StaffCampaign, tallies: Record<string, Tally>, t: StaffStrings): Html {
  const lang = c.lang;
  return html`<div class="wide"><table class="completeness"><thead><tr><th>${t.milestone}</th><th>${t.due}</th><th>${t.done}</th><th class="n">${t.expected}</th><th class="n">${t.onTime}</th><th class="n">${t.late}</th><th class="n">${t.waived}</th><th class="n">${t.missing}</th></tr></thead><tbody>${c.definition.milestones.map(
    (m) => {
      const tally = tallies[m.id];
      if (!tally) return '';
      const planned = c.planned.get(m.id);
      return html`<tr><td>${m.title}<br><span class="muted">${m.id}</span></td><td>${
        planned ? duePhrase({ ...planned, zone: c.zone, lang }) : ''
      }</td><td>${tallyBar(tally, { lang, label: m.title })}<span class="muted">${doneText(tally)}</span></td><td class="n">${tally.expected}</td><td class="n">${tally.onTime}</td><td class="n">${tally.late}</td><td class="n">${tally.waived}</td><td class="n">${tally.missing}</td></tr>`;
    },
  )}</tbody></table></div>`;
}

export function childrenTable(input: {
  c: StaffCampaign;
  parent: Unit;
  kids: Unit[];
  aggregates: Map<string, SubtreeAggregate>;
  pageNo: number;
  t: StaffStrings;
}): Html {
  const { c, t, kids } = input;
  const campaignId = c.view.campaignId;
  if (kids.length === 0) return html`<p class="muted">${t.noChildren}</p>`;
  const pages = Math.max(1, Math.ceil(kids.length / CHILDREN_PER_PAGE));
  const pageNo = Math.min(input.pageNo, pages);
  const from = (pageNo - 1) * CHILDREN_PER_PAGE;
  const shown = kids.slice(from, from + CHILDREN_PER_PAGE);
  const levels = new Map(c.definition.levels.map((l) => [l.id, l.name]));
  const milestones = c.definition.milestones;
  const nav =
    pages > 1
      ? html`<p class="pager">${t.page(from + 1, from + shown.length, kids.length)} ${
          pageNo > 1
            ? html`<a href="${campaignUrl(campaignId, { unit: input.parent.id, page: pageNo - 1 })}">${t.prev}</a>`
            : ''
        } ${
          pageNo < pages
            ? html`<a href="${campaignUrl(campaignId, { unit: input.parent.id, page: pageNo + 1 })}">${t.next}</a>`
            : ''
        }</p>`
      : '';
  return html`${nav}<div class="wide"><table class="subtrees"><thead><tr><th>${t.unit}</th><th>${t.level}</th><th>${t.units}</th>${milestones.map(
    (m) => html`<th title="${m.title}">${m.id}</th>`,
  )}</tr></thead><tbody>${shown.map((u) => {
    const agg = input.aggregates.get(u.id);
    const hasKids = (c.children.get(u.id)?.length ?? 0) > 0;
    return html`<tr><td>${
      hasKids
        ? html`<a href="${campaignUrl(campaignId, { unit: u.id })}" title="${t.drill}">${u.name}</a>`
        : html`${u.name}`
    } <a class="muted" href="${unitUrl(campaignId, u.id)}">(${t.unitPage})</a></td><td>${levels.get(u.level) ?? u.level}</td><td>${agg?.units ?? ''}</td>${milestones.map(
      (m) => {
        if (!agg) return html`<td class="muted">${t.notReporting}</td>`;
        const tally = agg.tallies[m.id];
        if (!tally || tally.expected === 0) return html`<td class="muted">—</td>`;
        return html`<td>${tallyBar(tally, { lang: c.lang, label: `${u.name} · ${m.title}`, small: true })}<span class="muted">${doneText(tally)}</span></td>`;
      },
    )}</tr>`;
  })}</tbody></table></div>${nav}`;
}

const EXTENDED_ALL = /^(.+?) → trước ngày (\d{4}-\d{2}-\d{2})/;

function chartMarks(c: StaffCampaign, milestoneId: string, t: StaffStrings): DayMark[] {
  const marks: DayMark[] = [];
  const planned = c.planned.get(milestoneId);
  const day = (iso: string) => localText(iso, c.zone).slice(0, 5);
  if (planned?.opensAt)
    marks.push({ at: planned.opensAt, kind: 'opens', label: t.markOpens(day(planned.opensAt)) });
  if (planned) marks.push({ at: planned.dueAt, kind: 'due', label: t.markDue(day(planned.dueAt)) });
  for (const e of c.view.state.events) {
    if (e.kind !== 'extended-all' || !e.detail) continue;
    const m = EXTENDED_ALL.exec(e.detail);
    if (!m?.[2] || m[1] !== milestoneId) continue;
    try {
      const at = startOfDay(m[2], c.zone).toISO() as string;
      marks.push({ at, kind: 'extended', label: t.markExtended(day(at)) });
    } catch {
      // A date the engine accepted but that does not parse here: no line.
    }
  }
  return marks;
}

export function charts(
  c: StaffCampaign,
  agg: SubtreeAggregate | undefined,
  t: StaffStrings,
  now: Date,
): Html {
  // Absent until something is submitted; absent with submissions only from an engine that does not count them.
  const byDay = byDayOf(agg) ?? {};
  const submitted = Object.values(agg?.tallies ?? {}).some((x) => x.submitted > 0);
  if (!byDayOf(agg) && submitted) return html`<p class="muted">${t.noByDay}</p>`;
  const today = localText(now.toISOString(), c.zone);
  const todayIso = `${today.slice(6, 10)}-${today.slice(3, 5)}-${today.slice(0, 2)}`;
  return html`${c.definition.milestones.map((m) => {
    if (!agg?.tallies[m.id]) return '';
    return html`<h3>${m.title}</h3>${dayChart({
      counts: byDay[m.id] ?? {},
      marks: chartMarks(c, m.id, t),
      zone: c.zone,
      lang: c.lang,
      title: t.perDayOf(m.title),
      today: todayIso,
    })}`;
  })}`;
}

export function campaignActions(c: StaffCampaign, csrf: string, t: StaffStrings): Html {
  const campaignId = c.view.campaignId;
  if (c.view.closed) return html`<h2>${t.actions}</h2><p class="muted">${t.closedNoActions}</p>`;
  return html`<h2>${t.actions}</h2>
${c.definition.milestones.map(
  (m) => html`<details class="card"><summary>${t.extendAll}: ${m.title}</summary>
<form method="post" action="${campaignUrl(campaignId)}/m/${encodeURIComponent(m.id)}/extend-all">${csrfField(csrf)}
<label for="due-${m.id}">${t.newDue}</label><input type="text" id="due-${m.id}" name="newDue" required placeholder="dd/mm/yyyy" maxlength="10">
<p class="muted">${t.newDueHint}</p>
<label for="reason-all-${m.id}">${t.reason} <span class="req">*</span></label><input type="text" id="reason-all-${m.id}" name="reason" required maxlength="1000">
<p><button type="submit">${t.extendAll}</button></p></form></details>`,
)}
<details class="card"><summary>${t.closeCampaign}</summary>
<form method="post" action="${campaignUrl(campaignId)}/close">${csrfField(csrf)}
<p class="muted">${t.closeHint}</p>
<label for="reason-close">${t.reason} <span class="req">*</span></label><input type="text" id="reason-close" name="reason" required maxlength="1000">
<p><button type="submit">${t.closeCampaign}</button></p></form></details>`;
}
