// GET /staff/c/:campaign/overdue: a campaign's overdue units (all milestones, or one), a page at a time. The
// list comes from one visibility query; only the units of the page shown are asked how long they are overdue
// and who was escalated.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listOverdue, type OverdueUnit, overdueUnits } from '../../client/read/overdue';
import type { PortalContext } from '../context';
import { type Html, html } from '../html';
import { page } from '../layout';
import {
  campaignUrl,
  flashBox,
  loadCampaign,
  notFound,
  pageNumber,
  type StaffCampaign,
  sendHtml,
  staffOf,
  takeFlash,
  unitUrl,
} from './common';
import { localText, type StaffStrings, staffStrings } from './i18n';

/** Overdue units shown (and asked for details) per page. */
export const OVERDUE_PER_PAGE = 50;

function escalationText(u: OverdueUnit['milestones'][number], c: StaffCampaign, t: StaffStrings): Html {
  if (u.escalations.length === 0) return html`${t.notEscalated}`;
  return html`<ul class="plain">${u.escalations.map((e) => {
    const who = e.recipients.map((r) => t.recipient[r] ?? r).join(', ');
    const where = e.digest ? t.digestOf(e.digest.join(', ')) : e.to.join(', ');
    return html`<li>${localText(e.sentAt, c.zone)}: ${who} (${where})${e.failure ? html` <span class="flag">[${t.undeliverable}]</span>` : ''}</li>`;
  })}</ul>`;
}

function milestoneFilter(
  c: StaffCampaign,
  campaignId: string,
  only: string | undefined,
  t: StaffStrings,
): Html {
  return html`<form method="get" action="${campaignUrl(campaignId)}/overdue" class="inline-filter">
<label for="milestone">${t.milestone}</label>
<select id="milestone" name="milestone"><option value="">${t.allMilestones}</option>${c.definition.milestones.map(
    (m) => html`<option value="${m.id}"${m.id === only ? html` selected` : ''}>${m.title}</option>`,
  )}</select> <button type="submit" class="secondary">${t.filter}</button></form>`;
}

function overdueTable(c: StaffCampaign, campaignId: string, units: OverdueUnit[], t: StaffStrings): Html {
  const titles = new Map(c.definition.milestones.map((m) => [m.id, m.title]));
  return html`<div class="wide"><table class="overdue"><thead><tr><th>${t.unit}</th><th>${t.milestone}</th><th>${t.due}</th><th>${t.overdueFor}</th><th>${t.escalations}</th></tr></thead><tbody>${units.map(
    (u) =>
      html`${u.milestones.map(
        (m, i) =>
          html`<tr>${
            i === 0
              ? html`<td rowspan="${u.milestones.length}"><a href="${unitUrl(campaignId, u.unitId)}">${u.name}</a><br><span class="muted">${u.unitId}</span></td>`
              : ''
          }<td>${titles.get(m.id) ?? m.title}<br><span class="muted">${m.id}</span></td><td>${localText(m.dueAt, c.zone)}</td><td>${t.duration(m.overdueMs)}<br><span class="muted">${t.reminders(m.remindersSent)}</span></td><td>${escalationText(m, c, t)}</td></tr>`,
      )}`,
  )}</tbody></table></div>`;
}

export function overduePage(ctx: PortalContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const user = staffOf(request);
    const { campaign: campaignId } = request.params as { campaign: string };
    const q = request.query as Record<string, unknown>;
    const c = await loadCampaign(ctx, campaignId);
    if (!c) return notFound(reply, 'vi', user);
    const t = staffStrings(c.lang);
    const only = typeof q.milestone === 'string' && q.milestone !== '' ? q.milestone : undefined;
    if (only && !c.definition.milestones.some((m) => m.id === only)) return notFound(reply, c.lang, user);
    const ids = only ? [only] : c.definition.milestones.map((m) => m.id);
    const { units: listed } = await listOverdue({
      client: ctx.client,
      campaignId,
      definition: c.definition,
      milestoneIds: ids,
    });
    const pages = Math.max(1, Math.ceil(listed.length / OVERDUE_PER_PAGE));
    const pageNo = Math.min(pageNumber(q.page), pages);
    const from = (pageNo - 1) * OVERDUE_PER_PAGE;
    const slice = listed.slice(from, from + OVERDUE_PER_PAGE);
    const now = ctx.now();
    // Only the units of this page are asked how long they are overdue and who was escalated.
    const units = await overdueUnits({
      client: ctx.client,
      campaignId,
      definition: c.definition,
      listed: slice,
      milestoneIds: ids,
      now: now.getTime(),
    });
    const link = (p: number) =>
      `${campaignUrl(campaignId)}/overdue?${only ? `milestone=${encodeURIComponent(only)}&` : ''}page=${p}`;
    const nav =
      pages > 1
        ? html`<p class="pager">${t.page(from + 1, from + slice.length, listed.length)} ${
            pageNo > 1 ? html`<a href="${link(pageNo - 1)}">${t.prev}</a>` : ''
          } ${pageNo < pages ? html`<a href="${link(pageNo + 1)}">${t.next}</a>` : ''}</p>`
        : '';
    const body = html`${flashBox(takeFlash(request))}
${milestoneFilter(c, campaignId, only, t)}
<p>${t.overdueLead(listed.length, localText(now.toISOString(), c.zone))}</p>
${
  listed.length === 0
    ? html`<p class="notice">${t.overdueNone}</p>`
    : html`${nav}${overdueTable(c, campaignId, units, t)}${units.length < slice.length ? html`<p class="muted">${t.noLongerOverdue}</p>` : ''}${nav}`
}`;
    return sendHtml(
      reply,
      page({
        lang: c.lang,
        title: `${t.overdueTitle}: ${c.definition.campaign.title}`,
        body,
        user,
        csrf: reply.generateCsrf(),
        crumbs: [
          [t.home, '/staff'],
          [campaignId, campaignUrl(campaignId)],
          [t.overdueTitle, ''],
        ],
      }),
    );
  };
}
