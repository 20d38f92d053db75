// A milestone's submission form: the document, the values of its outline, the rows of sites or events (typed,
// or a list file), who sends it; every field with its errors, shown again as typed after a refused attempt.

import { randomUUID } from 'node:crypto';
import { at, deadline } from '../../activities/mail/context';
import type { MilestoneState } from '../../contract/messages';
import { parseLocalDate } from '../../core/calendar/phrases';
import type { Field, Milestone } from '../../core/definition/types';
import { type Html, html, raw } from '../html';
import { eventFields, type Strings, strings } from '../i18n';
import type { Lang } from '../layout';
import {
  documentOptional,
  documentRequired,
  FIELD,
  type FieldErrors,
  isTicked,
  outlineOf,
  ROW_MARKER,
  type RowKind,
  rowKindOf,
  rowName,
  valueName,
} from './forms';
import { dueWords, type FormView, type PageContext, type SubmitMode, unitBase } from './render-common';

const DOCUMENT_ACCEPT =
  '.pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text';
const LIST_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function idFor(m: Milestone, name: string): string {
  return `f-${m.id}-${name}`.replace(/[^\w-]/g, '_');
}

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
  const report = outlineOf(m).length > 0;
  const fileLabel = required ? t.docFile : report ? t.reportDocFile : t.attachDocFile;
  const titleLabel = required ? t.docTitle : report ? t.reportDocTitle : t.attachDocTitle;
  return html`<fieldset><legend>${t.document}</legend>
<label for="${fileId}">${fileLabel(pc.maxUploadMb)}${required ? req(t) : ''}</label>
<input type="file" id="${fileId}" name="${FIELD.documentFile}" accept="${DOCUMENT_ACCEPT}"${invalidAttrs(m, errors, FIELD.documentFile)}>
${
  view.kept
    ? html`<input type="hidden" name="${FIELD.documentFileRef}" value="${view.kept.token}"><p class="notice">${t.keptFile(view.kept.ref.name)}</p>`
    : ''
}
${view.reselect && !view.kept ? html`<p class="flag">${t.reselectFile(view.reselect)}</p>` : ''}
${errorsOf(m, errors, FIELD.documentFile)}
<label for="${idFor(m, FIELD.documentTitle)}">${titleLabel}${required ? req(t) : ''}</label>
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
<input type="hidden" name="${FIELD.submission}" value="${randomUUID()}">
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
