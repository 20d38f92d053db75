// The parts of a unit's staff page: its milestones table, each milestone's submissions (with their documents)
// and emails sent, the administrators' forms for a milestone, and the unit's audit timeline.
import type { AuditEntry } from '../../client/audit';
import { flagText } from '../../client/format';
import { describeEntry, describeEntryEn } from '../../client/read/audit';
import { summariseMilestone } from '../../client/read/status';
import type { MilestoneState, Submission, UnitState } from '../../contract/messages';
import type { SubmissionPayload } from '../../contract/submission';
import type { Milestone } from '../../core/definition/types';
import { type Html, html } from '../html';
import type { Lang } from '../layout';
import { campaignUrl, csrfField, documentUrl, type StaffCampaign, unitUrl } from './common';
import { duePhrase, localText, type StaffStrings } from './i18n';

function flagFor(flag: string, lang: Lang): string {
  if (lang === 'vi') return flagText(flag);
  return flag
    .replace(/^below-min-sites: (\d+) of (\d+)/, 'fewer sites than required: $1/$2')
    .replace(/^below-min-events: (\d+) of (\d+)/, 'fewer events than required: $1/$2')
    .replace(/^undeliverable: /, 'mail not delivered: ');
}

function cell(v: unknown, t: StaffStrings): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'boolean') return v ? t.yes : t.no;
  return String(v);
}

function payloadView(input: {
  c: StaffCampaign;
  unitId: string;
  milestoneId: string;
  milestone: Milestone | undefined;
  sub: Submission;
  t: StaffStrings;
}): Html {
  const { c, sub, t, milestone } = input;
  const p: SubmissionPayload = sub.payload ?? {};
  const parts: Html[] = [];
  if (p.document) {
    const f = p.document.file;
    parts.push(
      html`<p><strong>${t.docTitle}:</strong> ${p.document.title}${p.document.reference ? html` (${p.document.reference})` : ''}${
        p.document.summary ? html`<br><span class="muted">${p.document.summary}</span>` : ''
      }${
        f
          ? html`<br><a href="${documentUrl(c.view.campaignId, input.unitId, input.milestoneId, sub.seq)}" download>${f.name}</a> <span class="muted">(${f.type}, ${Math.ceil(f.size / 1024)} KB, sha256 ${f.sha256.slice(0, 12)}…)</span>`
          : ''
      }</p>`,
    );
  }
  if (p.values && Object.keys(p.values).length > 0) {
    const outline =
      milestone && (milestone.kind === 'result-report' || milestone.kind === 'periodic-report')
        ? milestone.outline
        : [];
    const labels = new Map(outline.map((f) => [f.id, f.label]));
    const ids = [...outline.map((f) => f.id), ...Object.keys(p.values).filter((k) => !labels.has(k))];
    parts.push(
      html`<table class="values"><tbody>${ids
        .filter((id) => p.values?.[id] !== undefined)
        .map(
          (id) => html`<tr><th>${labels.get(id) ?? id}</th><td>${cell(p.values?.[id], t)}</td></tr>`,
        )}</tbody></table>`,
    );
  }
  if (p.sites) {
    const fields = milestone?.kind === 'site-registration' ? milestone.siteFields : [];
    const cols =
      fields.length > 0
        ? fields.map((f) => [f.id, f.label] as const)
        : Object.keys(p.sites[0] ?? {}).map((k) => [k, k] as const);
    parts.push(
      html`<p>${t.sitesN(p.sites.length)}</p><div class="wide"><table class="sites"><thead><tr>${cols.map(([, l]) => html`<th>${l}</th>`)}</tr></thead><tbody>${p.sites.map(
        (row) => html`<tr>${cols.map(([id]) => html`<td>${cell(row[id], t)}</td>`)}</tr>`,
      )}</tbody></table></div>`,
    );
  }
  if (p.events) {
    parts.push(
      html`<p>${t.eventsN(p.events.length)}</p><div class="wide"><table class="events"><tbody>${p.events.map(
        (e) => html`<tr><td>${e.date}</td><td>${e.place}</td><td>${e.attendance}</td></tr>`,
      )}</tbody></table></div>`,
    );
  }
  if (sub.note) parts.push(html`<p><strong>${t.note}:</strong> ${sub.note}</p>`);
  return html`${parts}`;
}

export function submissionsView(c: StaffCampaign, unitId: string, ms: MilestoneState, t: StaffStrings): Html {
  if (ms.submissions.length === 0) return html`<p class="muted">${t.noSubmissions}</p>`;
  const m = c.definition.milestones.find((x) => x.id === ms.id);
  return html`<div class="wide"><table class="submissions"><thead><tr><th>${t.seq}</th><th>${t.at}</th><th>${t.actor}</th><th>${t.timing}</th><th>${t.content}</th></tr></thead><tbody>${ms.submissions.map(
    (s) =>
      html`<tr><td>${s.seq}</td><td>${localText(s.at, c.zone, true)}</td><td>${s.actor}</td><td><span class="status ${s.onTime ? 'submitted' : 'late'}">${s.onTime ? t.onTime : t.late}</span></td><td>${payloadView({ c, unitId, milestoneId: ms.id, milestone: m, sub: s, t })}</td></tr>`,
  )}</tbody></table></div>`;
}

export function noticesView(c: StaffCampaign, ms: MilestoneState, t: StaffStrings): Html {
  if (ms.sent.length === 0) return html`<p class="muted">${t.noNotices}</p>`;
  return html`<div class="wide"><table class="notices"><thead><tr><th>${t.sentAt}</th><th>${t.noticeKind}</th><th>${t.to}</th><th>${t.messageId}</th><th>${t.refused}</th></tr></thead><tbody>${ms.sent.map(
    (n) =>
      html`<tr><td>${localText(n.sentAt, c.zone, true)}</td><td>${t.notice[n.kind] ?? n.kind}${n.seq > 1 ? html` #${n.seq}` : ''}</td><td>${n.recipients.map((r) => t.recipient[r] ?? r).join(', ')}${
        n.to.length > 0 ? html`<br><span class="muted">${n.to.join(', ')}</span>` : ''
      }${n.digest && n.digest.length > 0 ? html`<br><span class="muted">${t.digestOf(n.digest.join(', '))}</span>` : ''}${n.by ? html`<br><span class="muted">${t.batchedBy}</span>` : ''}</td><td><code>${n.messageId}</code></td><td>${n.failure ? html`<span class="flag">${n.failure}</span>` : ''}</td></tr>`,
  )}</tbody></table></div>`;
}

export function reasonField(id: string, t: StaffStrings): Html {
  return html`<label for="${id}">${t.reason} <span class="req">*</span></label><input type="text" id="${id}" name="reason" required maxlength="1000">`;
}

export function milestoneForms(input: {
  c: StaffCampaign;
  unitId: string;
  ms: MilestoneState;
  csrf: string;
  t: StaffStrings;
}): Html {
  const { ms, t, csrf } = input;
  const base = `${unitUrl(input.c.view.campaignId, input.unitId)}/m/${encodeURIComponent(ms.id)}`;
  const key = ms.id.replace(/[^\w-]/g, '_');
  const forms: Html[] = [];
  const simple = (action: 'approve' | 'return' | 'waive', label: string) =>
    html`<form method="post" action="${base}/${action}" class="card">${csrfField(csrf)}${reasonField(`${action}-${key}`, t)}<p><button type="submit"${action === 'approve' ? '' : html` class="secondary"`}>${label}</button></p></form>`;
  if (ms.status === 'awaiting-approval') {
    forms.push(simple('approve', t.approve), simple('return', t.return));
  }
  if (ms.status !== 'waived' && ms.status !== 'closed' && ms.status !== 'coordinating') {
    forms.push(html`<form method="post" action="${base}/extend" class="card">${csrfField(csrf)}
<label for="due-${key}">${t.newDue}</label><input type="text" id="due-${key}" name="newDue" required placeholder="dd/mm/yyyy" maxlength="10">
<p class="muted">${t.newDueHint}</p>${reasonField(`extend-${key}`, t)}<p><button type="submit">${t.extend}</button></p></form>`);
    forms.push(simple('waive', t.waive));
  }
  if (forms.length === 0) return html``;
  return html`<details><summary>${t.actions}</summary>${forms}</details>`;
}

export function milestonesTable(c: StaffCampaign, state: UnitState, now: number, t: StaffStrings): Html {
  return html`<div class="wide"><table class="milestones"><thead><tr><th>${t.milestone}</th><th>${t.due}</th><th>${t.statusCol}</th><th>${t.submittedAt}</th><th>${t.flags}</th><th>${t.lastChange}</th></tr></thead><tbody>${state.milestones.map(
    (ms) => {
      const s = summariseMilestone(ms, now);
      return html`<tr><td><a href="#m-${ms.id}">${ms.title}</a><br><span class="muted">${ms.id} · ${t.kind[ms.kind]}</span></td><td>${duePhrase(
        {
          dueAt: s.dueAt,
          ...(s.opensAt ? { opensAt: s.opensAt } : {}),
          zone: c.zone,
          lang: c.lang,
        },
      )}<br><span class="muted">${localText(s.dueAt, c.zone)}</span></td><td><span class="status ${s.status}">${t.status[s.status]}</span>${
        s.overdueMs !== undefined ? html`<br><span class="muted">${t.duration(s.overdueMs)}</span>` : ''
      }</td><td>${s.submittedAt ? html`${localText(s.submittedAt, c.zone)}<br><span class="muted">${t.by} ${s.submittedBy ?? ''}</span>` : ''}</td><td>${s.flags.map(
        (f) => html`<span class="flag">${flagFor(f, c.lang)}</span><br>`,
      )}<span class="muted">${t.reminders(s.remindersSent)}</span></td><td>${
        s.lastChange
          ? html`${t.change[s.lastChange.kind] ?? s.lastChange.kind} · ${localText(s.lastChange.at, c.zone)} · ${s.lastChange.actor}${
              s.lastChange.reason ? html`<br><span class="muted">${s.lastChange.reason}</span>` : ''
            }`
          : ''
      }</td></tr>`;
    },
  )}</tbody></table></div>`;
}

export function auditView(c: StaffCampaign, unitId: string, entries: AuditEntry[], t: StaffStrings): Html {
  const describe = c.lang === 'en' ? describeEntryEn : describeEntry;
  const q = `?unit=${encodeURIComponent(unitId)}`;
  const base = campaignUrl(c.view.campaignId);
  return html`<p class="muted">${t.auditHint} <a href="${base}/audit.csv${q}">CSV</a> · <a href="${base}/audit.json${q}">JSON</a></p>${
    entries.length === 0
      ? html`<p class="muted">${t.auditNone}</p>`
      : html`<div class="wide"><table class="audit"><thead><tr><th>${t.when}</th><th>${t.event}</th></tr></thead><tbody>${entries.map(
          (e) => html`<tr><td>${localText(e.at, c.zone, true)}</td><td>${describe(e, c.zone)}</td></tr>`,
        )}</tbody></table></div>`
  }`;
}
