// The units' pages, server-rendered: every value through the `html` template (escaped), no script, forms that
// work without JavaScript and on a phone. Dates in the campaign's zone, deadlines in the plan's own words
// ("trước ngày 20/08/2024", "từ ngày 01/08/2024 đến hết ngày 19/08/2024") as the emails write them.

import { at, deadline, deadlinePhrase, windowPhrase } from '../../activities/mail/context';
import { localTime } from '../../client/format';
import type { MilestoneState, Submission, UnitState } from '../../contract/messages';
import type { DocumentRef } from '../../contract/submission';
import { formatVnDate, parseLocalDate } from '../../core/calendar/phrases';
import type { Field, FieldValue, Milestone, Unit } from '../../core/definition/types';
import { flagsFor } from '../../workflows/submission-check';
import { type Html, html, raw } from '../html';
import { eventFields, type Strings, strings } from '../i18n';
import { type Lang, page } from '../layout';
import type { UnitAccess } from './access';
import {
  documentOptional,
  documentRequired,
  FIELD,
  type FieldErrors,
  type FormState,
  isTicked,
  outlineOf,
  ROW_MARKER,
  type RowKind,
  rowKindOf,
  rowName,
  valueName,
} from './forms';
import type { SubtreeRow, SubtreeView } from './subtree';

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

const DOCUMENT_ACCEPT =
  '.pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text';
const LIST_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function unitBase(token: string): string {
  return `/u/${token}`;
}

export function downloadHref(token: string, unitId: string, milestoneId: string, seq: number): string {
  const e = encodeURIComponent;
  return `${unitBase(token)}/d/${e(unitId)}/${e(milestoneId)}/${seq}`;
}

/** Whether the unit can still send something for this milestone, and what the form is for. */
export function submitMode(m: Milestone, ms: MilestoneState, state: UnitState): SubmitMode | undefined {
  if (state.closed || ms.status === 'waived' || ms.status === 'closed') return undefined;
  if (m.kind === 'event-window') return ms.submissions.length > 0 ? 'more' : 'new';
  if (ms.status === 'open' || ms.status === 'overdue') return 'new';
  if (m.kind === 'site-registration' && ms.flags.some((f) => f.startsWith('below-min-sites'))) return 'again';
  return undefined;
}

function idFor(m: Milestone, name: string): string {
  return `f-${m.id}-${name}`.replace(/[^\w-]/g, '_');
}

// --- Deadlines and values --------------------------------------------------------------------------------------

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

// --- Submissions -----------------------------------------------------------------------------------------------

function renderContent(
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

// --- A milestone -----------------------------------------------------------------------------------------------

function renderMilestone(
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

// --- Forms -----------------------------------------------------------------------------------------------------

function errorsOf(m: Milestone, errors: FieldErrors, name: string): Html {
  const list = errors[name] ?? [];
  if (list.length === 0) return html``;
  return html`${list.map((e) => html`<p class="error" id="${idFor(m, name)}-err">${e}</p>`)}`;
}

function invalidAttrs(m: Milestone, errors: FieldErrors, name: string): Html {
  return (errors[name] ?? []).length > 0
    ? html` class="invalid" aria-invalid="true" aria-describedby="${idFor(m, name)}-err"`
    : html``;
}

const req = (t: Strings) => html` <span class="req" title="${t.required}">*</span>`;

function fieldInput(
  m: Milestone,
  f: Field,
  name: string,
  text: string,
  errors: FieldErrors,
  lang: Lang,
  label?: string,
): Html {
  const id = idFor(m, name);
  const bad = invalidAttrs(m, errors, name);
  const aria = label ? html` aria-label="${label}"` : html``;
  switch (f.type) {
    case 'boolean':
      return html`<label class="check"><input type="checkbox" id="${id}" name="${name}" value="on"${isTicked(text) ? raw(' checked') : ''}${bad}${aria}> ${strings(lang).checkYes}</label>`;
    case 'date':
      return html`<input type="date" id="${id}" name="${name}" value="${parseLocalDate(text) ?? text}"${bad}${aria}>`;
    case 'integer':
      return html`<input type="text" inputmode="numeric" id="${id}" name="${name}" value="${text}"${bad}${aria}>`;
    case 'number':
      return html`<input type="text" inputmode="decimal" id="${id}" name="${name}" value="${text}"${bad}${aria}>`;
    case 'text':
      return html`<input type="text" id="${id}" name="${name}" value="${text}"${bad}${aria}>`;
  }
}

function hintFor(f: Field, t: Strings): string {
  const parts: string[] = [];
  if (f.type === 'integer') parts.push(t.integerHint);
  if (f.type === 'number') parts.push(t.numberHint);
  if (f.min !== undefined || f.max !== undefined) parts.push(t.range(f.min, f.max));
  return parts.join('; ');
}

function documentSection(pc: PageContext, m: Milestone, view: FormView): Html {
  const t = strings(pc.access.lang);
  const { state, errors } = view;
  const required = documentRequired(m);
  const fileId = idFor(m, FIELD.documentFile);
  return html`<fieldset><legend>${t.document}</legend>
<label for="${fileId}">${required ? t.docFile(pc.maxUploadMb) : t.reportDocFile(pc.maxUploadMb)}${required ? req(t) : ''}</label>
<input type="file" id="${fileId}" name="${FIELD.documentFile}" accept="${DOCUMENT_ACCEPT}"${invalidAttrs(m, errors, FIELD.documentFile)}>
${
  view.kept
    ? html`<input type="hidden" name="${FIELD.documentFileRef}" value="${view.kept.token}"><p class="notice">${t.keptFile(view.kept.ref.name)}</p>`
    : ''
}
${view.reselect && !view.kept ? html`<p class="flag">${t.reselectFile(view.reselect)}</p>` : ''}
${errorsOf(m, errors, FIELD.documentFile)}
<label for="${idFor(m, FIELD.documentTitle)}">${required ? t.docTitle : t.reportDocTitle}${required ? req(t) : ''}</label>
<input type="text" id="${idFor(m, FIELD.documentTitle)}" name="${FIELD.documentTitle}" value="${state.documentTitle}"${invalidAttrs(m, errors, FIELD.documentTitle)}>
${errorsOf(m, errors, FIELD.documentTitle)}
<label for="${idFor(m, FIELD.documentReference)}">${t.docReference}</label>
<input type="text" id="${idFor(m, FIELD.documentReference)}" name="${FIELD.documentReference}" value="${state.documentReference}"${invalidAttrs(m, errors, FIELD.documentReference)}>
${errorsOf(m, errors, FIELD.documentReference)}
<label for="${idFor(m, FIELD.documentSummary)}">${t.docSummary}</label>
<textarea id="${idFor(m, FIELD.documentSummary)}" name="${FIELD.documentSummary}" rows="3"${invalidAttrs(m, errors, FIELD.documentSummary)}>${state.documentSummary}</textarea>
${errorsOf(m, errors, FIELD.documentSummary)}
</fieldset>`;
}

function valuesSection(pc: PageContext, m: Milestone, view: FormView): Html {
  const { lang } = pc.access;
  const t = strings(lang);
  const outline = outlineOf(m);
  if (outline.length === 0) return html``;
  return html`<fieldset><legend>${t.values}</legend>
${outline.map((f) => {
  const name = valueName(f.id);
  const hint = hintFor(f, t);
  const input = fieldInput(m, f, name, view.state.values[f.id] ?? '', view.errors, lang);
  return f.type === 'boolean'
    ? html`<p><strong>${f.label}</strong>${f.required ? req(t) : ''}</p>${input}${errorsOf(m, view.errors, name)}`
    : html`<label for="${idFor(m, name)}">${f.label}${f.required ? req(t) : ''}</label>
${input}${hint ? html`<p class="hint">${hint}</p>` : ''}${errorsOf(m, view.errors, name)}`;
})}
</fieldset>`;
}

function rowsSection(pc: PageContext, m: Milestone, ms: MilestoneState, kind: RowKind, view: FormView): Html {
  const { lang } = pc.access;
  const t = strings(lang);
  const zone = pc.access.campaign.campaign.timeZone;
  const fields: Field[] = m.kind === 'site-registration' ? m.siteFields : eventFields(lang);
  const tableErrors = kind === 'site' ? 'sites' : 'events';
  let window: { min: string; max: string } | undefined;
  if (kind === 'event' && ms.schedule.opensAt) {
    const d = deadline(ms.schedule.dueAt, zone);
    window = { min: at(ms.schedule.opensAt, zone).toISODate() ?? '', max: d.lastDay.toISODate() ?? '' };
  }
  const rows =
    view.state.rows.length > 0 ? view.state.rows : [Object.fromEntries(fields.map((f) => [f.id, '']))];
  return html`<fieldset><legend>${kind === 'site' ? t.sites : t.events}</legend>
${kind === 'event' && ms.schedule.opensAt ? html`<p class="hint">${t.eventsWindow(dueWords(ms, zone, lang).phrase)}</p>` : ''}
${errorsOf(m, view.errors, tableErrors)}
<table class="wide"><thead><tr><th>#</th>${fields.map((f) => html`<th>${f.label}${f.required ? req(t) : ''}</th>`)}<th></th></tr></thead>
<tbody>
${rows.map((row, i) => {
  const rowErrors = view.errors[`${kind}.${i}`] ?? [];
  return html`<tr>
<td>${i + 1}<input type="hidden" name="${rowName(kind, i, ROW_MARKER)}" value="1">${rowErrors.map((e) => html`<p class="error">${e}</p>`)}</td>
${fields.map((f) => {
  const name = rowName(kind, i, f.id);
  let input = fieldInput(m, f, name, row[f.id] ?? '', view.errors, lang, `${f.label} (${t.row} ${i + 1})`);
  if (window && f.id === 'date') {
    input = html`<input type="date" id="${idFor(m, name)}" name="${name}" value="${parseLocalDate(row[f.id] ?? '') ?? row[f.id] ?? ''}" min="${window.min}" max="${window.max}"${invalidAttrs(m, view.errors, name)} aria-label="${f.label} (${t.row} ${i + 1})">`;
  }
  return html`<td>${input}${errorsOf(m, view.errors, name)}</td>`;
})}
<td><button type="submit" name="${FIELD.action}" value="remove-row:${i}" class="secondary">${t.removeRow}</button></td>
</tr>`;
})}
</tbody></table>
<button type="submit" name="${FIELD.action}" value="add-row" class="secondary">${t.addRow}</button>
${
  kind === 'site'
    ? html`<label for="${idFor(m, FIELD.sitesFile)}">${t.sitesFile}</label>
<input type="file" id="${idFor(m, FIELD.sitesFile)}" name="${FIELD.sitesFile}" accept="${LIST_ACCEPT}"${invalidAttrs(m, view.errors, FIELD.sitesFile)}>
<p class="hint">${t.sitesFileHint(fields.map((f) => `${f.id} (${f.label})`).join(', '))}</p>
${errorsOf(m, view.errors, FIELD.sitesFile)}`
    : ''
}
</fieldset>`;
}

export function renderForm(
  pc: PageContext,
  m: Milestone,
  ms: MilestoneState,
  mode: SubmitMode,
  view: FormView,
): Html {
  const { access } = pc;
  const t = strings(access.lang);
  const { state, errors } = view;
  const kind = rowKindOf(m);
  const hasErrors = Object.values(errors).some((l) => l.length > 0);
  const title = mode === 'more' ? t.formTitleMore : mode === 'again' ? t.formTitleAgain : t.formTitle;
  const action = `${unitBase(access.token)}/m/${encodeURIComponent(m.id)}#m-${m.id}`;
  return html`<h3>${title}</h3>
<form method="post" action="${action}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="${FIELD.csrf}" value="${pc.csrf}">
<button type="submit" name="${FIELD.action}" value="submit" class="sr-only" tabindex="-1" aria-hidden="true">${t.send}</button>
${
  hasErrors
    ? html`<div class="errors" role="alert"><p><strong>${t.errorsTitle}</strong></p>${(errors[FIELD.form] ?? []).map((e) => html`<p class="error">${e}</p>`)}</div>`
    : ''
}
${(view.notices ?? []).map((n) => html`<p class="notice">${n}</p>`)}
${documentRequired(m) ? documentSection(pc, m, view) : ''}
${valuesSection(pc, m, view)}
${kind ? rowsSection(pc, m, ms, kind, view) : ''}
${documentOptional(m) ? documentSection(pc, m, view) : ''}
<fieldset><legend>${t.who}</legend>
<label for="${idFor(m, FIELD.actorName)}">${t.actorName}${req(t)}</label>
<input type="text" id="${idFor(m, FIELD.actorName)}" name="${FIELD.actorName}" value="${state.actorName}" autocomplete="name"${invalidAttrs(m, errors, FIELD.actorName)}>
${errorsOf(m, errors, FIELD.actorName)}
<label for="${idFor(m, FIELD.actorPosition)}">${t.actorPosition}</label>
<input type="text" id="${idFor(m, FIELD.actorPosition)}" name="${FIELD.actorPosition}" value="${state.actorPosition}" autocomplete="organization-title"${invalidAttrs(m, errors, FIELD.actorPosition)}>
${errorsOf(m, errors, FIELD.actorPosition)}
<label for="${idFor(m, FIELD.note)}">${t.noteLabel}</label>
<textarea id="${idFor(m, FIELD.note)}" name="${FIELD.note}" rows="2">${state.note}</textarea>
</fieldset>
<div class="actions"><button type="submit" name="${FIELD.action}" value="submit">${t.send}</button></div>
</form>`;
}

// --- Pages -----------------------------------------------------------------------------------------------------

function header(pc: PageContext): Html {
  const { campaign, unit, lang } = pc.access;
  const t = strings(lang);
  const c = campaign.campaign;
  const parent = unit.parent ? campaign.units.find((u) => u.id === unit.parent) : undefined;
  return html`<div class="card">
<dl class="facts">
<dt>${t.campaign}</dt><dd>${c.title}</dd>
${c.document.number ? html`<dt>${t.document}</dt><dd>${c.document.number} ${t.issuedOn(formatVnDate(c.document.issued))}</dd>` : ''}
${c.implements ? html`<dt>${t.implementsText}</dt><dd>${c.implements}</dd>` : ''}
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

// --- Subtree ---------------------------------------------------------------------------------------------------

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
