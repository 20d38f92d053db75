// A milestone on a unit's page: its deadline, status and flags, each submission with what it sent (document,
// values, sites, events) and, on the unit's own page, its form.

import { localTime } from '../../client/format';
import type { MilestoneState, Submission } from '../../contract/messages';
import { formatVnDate, parseLocalDate } from '../../core/calendar/phrases';
import type { Field, FieldValue, Milestone } from '../../core/definition/types';
import { type Html, html } from '../html';
import { type Strings, strings } from '../i18n';
import type { Lang } from '../layout';
import { outlineOf } from './forms';
import { downloadHref, dueWords, type PageContext, unitBase } from './render-common';

function valueText(field: Field | undefined, v: FieldValue | undefined, t: Strings, lang: Lang): string {
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? t.yes : t.no;
  if (typeof v === 'number') return lang === 'en' ? v.toLocaleString('en-US') : v.toLocaleString('vi-VN');
  if ((field?.type === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(v)) && parseLocalDate(v)) return formatVnDate(v);
  return v;
}

function sizeText(bytes: number, t: Strings): string {
  return t.fileSize((Math.max(1, Math.round(bytes / 102.4)) / 10).toString());
}

export function renderContent(
  m: Milestone | undefined,
  sub: Submission,
  t: Strings,
  lang: Lang,
  docHref: string | undefined,
): Html {
  const p = sub.payload;
  const parts: Html[] = [];
  if (p.document) {
    const f = p.document.file;
    parts.push(html`<dl class="facts">
<dt>${t.docTitle}</dt><dd>${p.document.title}</dd>
${p.document.reference ? html`<dt>${t.docReference}</dt><dd>${p.document.reference}</dd>` : ''}
${p.document.summary ? html`<dt>${t.docSummary}</dt><dd>${p.document.summary}</dd>` : ''}
${
  f
    ? html`<dt>${t.document}</dt><dd>${docHref ? html`<a href="${docHref}" download>${t.download}: ${f.name}</a>` : f.name} <span class="muted">(${sizeText(f.size, t)})</span></dd>`
    : ''
}
</dl>`);
  }
  const outline = m ? outlineOf(m) : [];
  if (p.values && Object.keys(p.values).length > 0) {
    const ids = [
      ...outline.map((f) => f.id),
      ...Object.keys(p.values).filter((k) => !outline.some((f) => f.id === k)),
    ];
    parts.push(
      html`<table><tbody>${ids
        .filter((id) => p.values?.[id] !== undefined)
        .map((id) => {
          const f = outline.find((x) => x.id === id);
          return html`<tr><th>${f?.label ?? id}</th><td>${valueText(f, p.values?.[id], t, lang)}</td></tr>`;
        })}</tbody></table>`,
    );
  }
  if (p.sites) {
    const fields: Field[] = m?.kind === 'site-registration' ? m.siteFields : [];
    parts.push(html`<p>${t.sitesCount(p.sites.length)}</p>
<table class="wide"><thead><tr><th>#</th>${fields.map((f) => html`<th>${f.label}</th>`)}</tr></thead><tbody>
${p.sites.map(
  (s, i) =>
    html`<tr><td>${i + 1}</td>${fields.map((f) => html`<td>${valueText(f, s[f.id], t, lang)}</td>`)}</tr>`,
)}
</tbody></table>`);
  }
  if (p.events) {
    parts.push(html`<p>${t.eventsCount(p.events.length)}</p>
<table class="wide"><thead><tr><th>#</th><th>${t.eventDate}</th><th>${t.eventPlace}</th><th class="num">${t.eventAttendance}</th></tr></thead><tbody>
${p.events.map(
  (e, i) =>
    html`<tr><td>${i + 1}</td><td>${valueText(undefined, e.date, t, lang)}</td><td>${e.place}</td><td class="num">${valueText(undefined, e.attendance, t, lang)}</td></tr>`,
)}
</tbody></table>`);
  }
  return html`${parts}`;
}

function renderSubmission(
  pc: PageContext,
  unitId: string,
  m: Milestone | undefined,
  ms: MilestoneState,
  sub: Submission,
): Html {
  const { lang } = pc.access;
  const t = strings(lang);
  const zone = pc.access.campaign.campaign.timeZone;
  const href = sub.payload.document?.file ? downloadHref(pc.access.token, unitId, ms.id, sub.seq) : undefined;
  return html`<div class="submission">
<p><strong>${t.seq(sub.seq)}</strong> · ${t.recordedAt} ${localTime(sub.at, zone, true)} ·
<span class="status ${sub.onTime ? 'submitted' : 'late'}">${sub.onTime ? t.onTime : t.late}</span> ·
${t.by}: ${sub.actor}${
    unitId === pc.access.unit.id
      ? html` · <a href="${unitBase(pc.access.token)}/r/${encodeURIComponent(ms.id)}/${sub.seq}">${t.receiptLink}</a>`
      : ''
  }</p>
${sub.note ? html`<p>${t.note}: ${sub.note}</p>` : ''}
${renderContent(m, sub, t, lang, href)}
</div>`;
}

export function renderMilestone(
  pc: PageContext,
  unitId: string,
  ms: MilestoneState,
  /** The form; 'closed' on the unit's own page when nothing more can be sent; undefined: read-only. */
  form: Html | 'closed' | undefined,
): Html {
  const { access } = pc;
  const { lang } = access;
  const t = strings(lang);
  const zone = access.campaign.campaign.timeZone;
  const m = access.campaign.milestones.find((x) => x.id === ms.id);
  const due = dueWords(ms, zone, lang);
  const flags = ms.flags;
  return html`<section class="card" id="m-${ms.id}">
<h2>${ms.title}</h2>
<p class="muted">${t.kind[ms.kind]}${m?.description ? html` · ${m.description}` : ''}</p>
<p><strong>${ms.schedule.opensAt ? t.window : t.due}:</strong> ${due.phrase}
<span class="muted">(${ms.schedule.opensAt ? due.exact : t.exactDue(due.exact)})</span></p>
<p><strong>${t.status_}:</strong> <span class="status ${ms.status}">${t.status[ms.status]}</span></p>
${m?.kind === 'site-registration' && m.minSites ? html`<p class="muted">${t.minSites(m.minSites)}</p>` : ''}
${m?.kind === 'event-window' && m.minEvents > 0 ? html`<p class="muted">${t.minEvents(m.minEvents)}</p>` : ''}
${flags.length > 0 ? html`<p class="flag"><strong>${t.flags}:</strong> ${flags.map((f) => t.flag(f)).join('; ')}</p>` : ''}
<h3>${t.submissions}</h3>
${
  ms.submissions.length === 0
    ? html`<p class="muted">${t.noSubmission}</p>`
    : [...ms.submissions].reverse().map((s) => renderSubmission(pc, unitId, m, ms, s))
}
${form === 'closed' ? html`<p class="muted">${t.closedForm}</p>` : (form ?? '')}
</section>`;
}
