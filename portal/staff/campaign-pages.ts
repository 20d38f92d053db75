// The campaigns, one campaign (completeness per milestone and per subtree, submissions per day against the
// deadlines) and its overdue units. A campaign page reads the campaign's state (its total), at most one
// aggregate query for the unit asked for, and its children's aggregates for one page of them: never one
// query per unit of the campaign.
// Its parts are in campaign-views.ts; the overdue list is overdue-page.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { childAggregates, subtreeAggregate } from '../../client/read/aggregates';
import { barLegend } from '../charts';
import type { PortalContext } from '../context';
import { html } from '../html';
import { page } from '../layout';
import { CHILDREN_PER_PAGE, campaignActions, charts, childrenTable, milestoneRows } from './campaign-views';
import {
  campaignUrl,
  definitionOf,
  flashBox,
  loadCampaign,
  notFound,
  pageNumber,
  pathTo,
  type StaffCampaign,
  sendHtml,
  staffOf,
  takeFlash,
  unitUrl,
} from './common';
import { localText, type StaffStrings, staffStrings } from './i18n';

const MAX_CAMPAIGNS = 500;

function stateText(c: StaffCampaign, t: StaffStrings): string {
  const s = c.view.state;
  if (s.cancelled) return t.campaignState.cancelled;
  if (s.closed) return t.campaignState.closed;
  return c.view.running ? t.campaignState.running : t.campaignState.ended;
}

// ---------------------------------------------------------------------------------------------------------
// GET /staff

interface CampaignRow {
  id: string;
  status: string;
  startTime: Date;
  title?: string;
  zone?: string;
}

export function campaignsPage(ctx: PortalContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const user = staffOf(request);
    const t = staffStrings('vi');
    const rows = new Map<string, CampaignRow>();
    for await (const wf of ctx.client.workflow.list({ query: 'WorkflowType = "campaignWorkflow"' })) {
      // A campaign that continued as new has one closed run per continuation: keep its latest run.
      if (wf.status.name === 'CONTINUED_AS_NEW') continue;
      const seen = rows.get(wf.workflowId);
      if (!seen || seen.startTime < wf.startTime)
        rows.set(wf.workflowId, { id: wf.workflowId, status: wf.status.name, startTime: wf.startTime });
      if (rows.size >= MAX_CAMPAIGNS) break;
    }
    const list = [...rows.values()].sort(
      (a, b) =>
        Number(b.status === 'RUNNING') - Number(a.status === 'RUNNING') ||
        b.startTime.getTime() - a.startTime.getTime(),
    );
    await Promise.all(
      list.map(async (r) => {
        try {
          const d = await definitionOf(ctx, r.id);
          if (d) {
            r.title = d.campaign.title;
            r.zone = d.campaign.timeZone;
          }
        } catch {
          // Its title is left out; the campaign is still listed.
        }
      }),
    );
    const statusText = (s: string) =>
      s === 'RUNNING' ? t.campaignState.running : s === 'COMPLETED' ? t.campaignState.ended : s.toLowerCase();
    const body = html`${flashBox(takeFlash(request))}${
      list.length === 0
        ? html`<p>${t.noCampaigns}</p>`
        : html`<div class="wide"><table><thead><tr><th>${t.campaignId}</th><th>${t.title}</th><th>${t.state}</th><th>${t.startedAt}</th></tr></thead><tbody>${list.map(
            (r) =>
              html`<tr><td><a href="${campaignUrl(r.id)}">${r.id}</a></td><td>${r.title ?? ''}</td><td>${statusText(r.status)}</td><td>${localText(r.startTime.toISOString(), r.zone ?? 'Asia/Ho_Chi_Minh')}</td></tr>`,
          )}</tbody></table></div>`
    }`;
    return sendHtml(reply, page({ lang: 'vi', title: t.campaigns, body, user, csrf: reply.generateCsrf() }));
  };
}

// ---------------------------------------------------------------------------------------------------------
// GET /staff/c/:campaign

export function campaignPage(ctx: PortalContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const user = staffOf(request);
    const { campaign: campaignId } = request.params as { campaign: string };
    const q = request.query as Record<string, unknown>;
    const c = await loadCampaign(ctx, campaignId);
    if (!c) return notFound(reply, 'vi', user);
    const t = staffStrings(c.lang);
    const issuer = c.definition.campaign.issuer;
    const unitId = typeof q.unit === 'string' && q.unit !== '' ? q.unit : issuer;
    const unit = c.units.get(unitId);
    if (!unit) return notFound(reply, c.lang, user);
    const kids = c.children.get(unit.id) ?? [];
    const pageNo = pageNumber(q.page);
    const first =
      (Math.min(pageNo, Math.max(1, Math.ceil(kids.length / CHILDREN_PER_PAGE))) - 1) * CHILDREN_PER_PAGE;
    const [agg, children] = await Promise.all([
      subtreeAggregate({ client: ctx.client, view: c.view, unitId: unit.id }),
      childAggregates({
        client: ctx.client,
        view: c.view,
        parentId: unit.id,
        childIds: kids.slice(first, first + CHILDREN_PER_PAGE).map((k) => k.id),
      }),
    ]);
    const csrf = reply.generateCsrf();
    const now = ctx.now();
    const st = c.view.state;
    const trail = pathTo(c, unit.id);
    const doc = c.definition.campaign.document;
    const body = html`${flashBox(takeFlash(request))}
<section class="card">
<p><strong>${stateText(c, t)}</strong> · ${t.started} ${localText(st.startedAt, c.zone)}${
      st.closedAt ? html` · ${t.closedAt} ${localText(st.closedAt, c.zone)}` : ''
    }${doc.number ? html` · ${t.documentNo} ${doc.number}` : ''}</p>
<p class="muted">${t.asOf(localText(now.toISOString(), c.zone))} (${c.zone})</p>
<p><a class="button" href="${campaignUrl(campaignId)}/overdue">${t.overdueLink}</a>
<a href="${campaignUrl(campaignId)}/audit.csv${unit.id === issuer ? '' : `?unit=${encodeURIComponent(unit.id)}`}">${t.auditCsv}</a> ·
<a href="${campaignUrl(campaignId)}/audit.json${unit.id === issuer ? '' : `?unit=${encodeURIComponent(unit.id)}`}">${t.auditJson}</a></p>
</section>
${
  trail.length > 1
    ? html`<nav class="crumbs tree">${trail.map((u, i) =>
        i === trail.length - 1
          ? html`<strong>${u.name}</strong> <a href="${unitUrl(campaignId, u.id)}">(${t.unitPage})</a>`
          : html`<a href="${campaignUrl(campaignId, { unit: u.id })}">${u.name}</a> › `,
      )}</nav>`
    : ''
}
<h2>${unit.id === issuer ? t.completeness : t.completenessOf(unit.name, agg?.units ?? 0)}</h2>
${barLegend(c.lang)}
${agg ? milestoneRows(c, agg.tallies, t) : html`<p class="muted">${t.notReporting}</p>`}
<h2>${unit.id === issuer ? t.subtrees : t.subtreesOf(unit.name)}</h2>
${childrenTable({ c, parent: unit, kids, aggregates: children.aggregates, pageNo, t })}
<h2>${t.perDay}</h2>
${charts(c, agg, t, now)}
${user.role === 'admin' && unit.id === issuer ? campaignActions(c, csrf, t) : ''}`;
    return sendHtml(
      reply,
      page({
        lang: c.lang,
        title: c.definition.campaign.title,
        body,
        user,
        csrf,
        crumbs: [
          [t.home, '/staff'],
          [campaignId, campaignUrl(campaignId)],
        ],
      }),
    );
  };
}
