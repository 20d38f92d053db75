// One unit as staff see it: its milestones and their status, each submission and its documents, the emails
// sent (when, to whom, Message-ID, refusals), its link's revocations, its audit timeline from history, and,
// for administrators, the forms of the actions that apply. Two reads: the unit's state and its own history.
// Its parts are in unit-views.ts; a document's download is download.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildAudit } from '../../client/audit';
import { readUnitState } from '../../client/read/aggregates';
import type { UnitState } from '../../contract/messages';
import type { Unit } from '../../core/definition/types';
import type { PortalContext } from '../context';
import { type Html, html } from '../html';
import { page } from '../layout';
import {
  campaignUrl,
  csrfField,
  flashBox,
  loadCampaign,
  notFound,
  type StaffCampaign,
  sendHtml,
  staffOf,
  takeFlash,
  unitUrl,
} from './common';
import { localText, type StaffStrings, staffStrings } from './i18n';
import {
  auditView,
  milestoneForms,
  milestonesTable,
  noticesView,
  reasonField,
  submissionsView,
} from './unit-views';

/** Who the unit is: its level, its parent, its addresses, a link to its subordinates. */
function unitSummary(c: StaffCampaign, campaignId: string, unit: Unit, t: StaffStrings): Html {
  const parent = unit.parent ? c.units.get(unit.parent) : undefined;
  const kids = c.children.get(unit.id)?.length ?? 0;
  const levels = new Map(c.definition.levels.map((l) => [l.id, l.name]));
  return html`<section class="card">
<p><strong>${unit.name}</strong> <span class="muted">${unit.id} · ${levels.get(unit.level) ?? unit.level}</span></p>
${
  parent
    ? html`<p>${t.parent}: ${
        parent.id === c.definition.campaign.issuer
          ? html`<a href="${campaignUrl(campaignId)}">${parent.name}</a>`
          : html`<a href="${unitUrl(campaignId, parent.id)}">${parent.name}</a>`
      }</p>`
    : ''
}
<p>${t.emails}: ${unit.emails.join(', ')}</p>
${kids > 0 ? html`<p><a href="${campaignUrl(campaignId, { unit: unit.id })}">${t.subordinates(kids)}</a></p>` : ''}
</section>`;
}

/** What the unit's workflow holds: milestones, submissions, emails, digests and its link's revocations. */
function unitStateView(input: {
  c: StaffCampaign;
  campaignId: string;
  unitId: string;
  state: UnitState;
  admin: boolean;
  csrf: string;
  now: number;
  t: StaffStrings;
}): Html {
  const { c, campaignId, state, admin, csrf, t } = input;
  const link = state.link;
  return html`<h2>${t.milestones}</h2>
${milestonesTable(c, state, input.now, t)}
${state.milestones.map(
  (
    ms,
  ) => html`<section class="card" id="m-${ms.id}"><h3>${ms.title} <span class="status ${ms.status}">${t.status[ms.status]}</span></h3>
<h4>${t.submissions}</h4>${submissionsView(c, input.unitId, ms, t)}
<h4>${t.notices}</h4>${noticesView(c, ms, t)}
${admin ? milestoneForms({ c, unitId: input.unitId, ms, csrf, t }) : ''}</section>`,
)}
${
  state.digest && state.digest.sent.length > 0
    ? html`<h2>${t.digests}</h2><div class="wide"><table><thead><tr><th>${t.sentAt}</th><th>${t.to}</th><th>${t.messageId}</th><th>${t.refused}</th></tr></thead><tbody>${state.digest.sent.map(
        (d) =>
          html`<tr><td>${localText(d.sentAt, c.zone, true)}</td><td>${d.to.join(', ')}</td><td><code>${d.messageId}</code></td><td>${d.failure ?? ''}</td></tr>`,
      )}</tbody></table></div>`
    : ''
}
<h2>${t.link}</h2>
<p>${link?.revokedAt ? t.linkRevokedAt(localText(link.revokedAt, c.zone, true)) : t.linkNeverRevoked}</p>
${
  link && link.events.length > 0
    ? html`<ul>${link.events.map(
        (e) =>
          html`<li>${localText(e.at, c.zone, true)} · ${e.actor}${e.reason ? html`: ${e.reason}` : ''}</li>`,
      )}</ul>`
    : ''
}
${
  admin
    ? html`<form method="post" action="${unitUrl(campaignId, input.unitId)}/revoke-link" class="card">${csrfField(csrf)}<p class="muted">${t.revokeHint}</p>${reasonField('revoke', t)}<p><button type="submit">${t.revokeLink}</button></p></form>`
    : ''
}`;
}

export function unitPage(ctx: PortalContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const user = staffOf(request);
    const { campaign: campaignId, unit: unitId } = request.params as { campaign: string; unit: string };
    const c = await loadCampaign(ctx, campaignId);
    if (!c) return notFound(reply, 'vi', user);
    const unit = c.units.get(unitId);
    if (!unit) return notFound(reply, c.lang, user);
    // The issuer has no unit workflow: its page is the campaign's.
    if (unit.id === c.definition.campaign.issuer) return reply.redirect(campaignUrl(campaignId), 303);
    const t = staffStrings(c.lang);
    const [read, trail] = await Promise.all([
      readUnitState({ client: ctx.client, campaignId, unitId }),
      buildAudit(ctx.client, campaignId, { unitId, definition: c.definition, campaignEntries: false }),
    ]);
    const csrf = reply.generateCsrf();
    const now = ctx.now().getTime();
    const admin = user.role === 'admin' && !c.view.closed && read !== undefined && !read.state.closed;
    const state = read?.state;
    const body = html`${flashBox(takeFlash(request))}
${unitSummary(c, campaignId, unit, t)}
${
  !state
    ? html`<p class="notice">${t.notStarted}</p>`
    : unitStateView({ c, campaignId, unitId: unit.id, state, admin, csrf, now, t })
}
<h2>${t.audit}</h2>
${auditView(c, unit.id, trail.entries, t)}`;
    return sendHtml(
      reply,
      page({
        lang: c.lang,
        title: unit.name,
        body,
        user,
        csrf,
        crumbs: [
          [t.home, '/staff'],
          [campaignId, campaignUrl(campaignId)],
          [unit.name, ''],
        ],
      }),
    );
  };
}
