// The campaigns, one campaign (completeness per milestone and per subtree, submissions per day against the
// deadlines) and its overdue units. A campaign page reads the campaign's state (its total), at most one
// aggregate query for the unit asked for, and its children's aggregates for one page of them: never one
// query per unit of the campaign.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { byDayOf, childAggregates, subtreeAggregate } from '../../client/read/aggregates';
import { listOverdue, type OverdueUnit, overdueUnits } from '../../client/read/overdue';
import { startOfDay } from '../../core/calendar/schedule';
import type { Unit } from '../../core/definition/types';
import type { SubtreeAggregate, Tally } from '../../core/report/aggregate';
import { barLegend, type DayMark, dayChart, doneText, tallyBar } from '../charts';
import type { PortalContext } from '../context';
import { type Html, html } from '../html';
import { page } from '../layout';
import {
  campaignUrl,
  csrfField,
  definitionOf,
  flashBox,
  loadCampaign,
  notFound,
  pathTo,
  type StaffCampaign,
  sendHtml,
  staffOf,
  takeFlash,
  unitUrl,
} from './common';
import { duePhrase, localText, type StaffStrings, staffStrings } from './i18n';

/** Subordinates shown per page of a campaign or unit. */
export const CHILDREN_PER_PAGE = 50;
/** Overdue units shown (and asked for details) per page. */
export const OVERDUE_PER_PAGE = 50;
const MAX_CAMPAIGNS = 500;

function pageNumber(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

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

function milestoneRows(c: StaffCampaign, tallies: Record<string, Tally>, t: StaffStrings): Html {
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

function childrenTable(input: {
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

function charts(c: StaffCampaign, agg: SubtreeAggregate | undefined, t: StaffStrings, now: Date): Html {
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

function campaignActions(c: StaffCampaign, csrf: string, t: StaffStrings): Html {
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

// ---------------------------------------------------------------------------------------------------------
// GET /staff/c/:campaign/overdue

function escalationText(u: OverdueUnit['milestones'][number], c: StaffCampaign, t: StaffStrings): Html {
  if (u.escalations.length === 0) return html`${t.notEscalated}`;
  return html`<ul class="plain">${u.escalations.map((e) => {
    const who = e.recipients.map((r) => t.recipient[r] ?? r).join(', ');
    const where = e.digest ? t.digestOf(e.digest.join(', ')) : e.to.join(', ');
    return html`<li>${localText(e.sentAt, c.zone)}: ${who} (${where})${e.failure ? html` <span class="flag">[${t.undeliverable}]</span>` : ''}</li>`;
  })}</ul>`;
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
    const titles = new Map(c.definition.milestones.map((m) => [m.id, m.title]));
    const link = (p: number) =>
      `${campaignUrl(campaignId)}/overdue?${only ? `milestone=${encodeURIComponent(only)}&` : ''}page=${p}`;
    const nav =
      pages > 1
        ? html`<p class="pager">${t.page(from + 1, from + slice.length, listed.length)} ${
            pageNo > 1 ? html`<a href="${link(pageNo - 1)}">${t.prev}</a>` : ''
          } ${pageNo < pages ? html`<a href="${link(pageNo + 1)}">${t.next}</a>` : ''}</p>`
        : '';
    const body = html`${flashBox(takeFlash(request))}
<form method="get" action="${campaignUrl(campaignId)}/overdue" class="inline-filter">
<label for="milestone">${t.milestone}</label>
<select id="milestone" name="milestone"><option value="">${t.allMilestones}</option>${c.definition.milestones.map(
      (m) => html`<option value="${m.id}"${m.id === only ? html` selected` : ''}>${m.title}</option>`,
    )}</select> <button type="submit" class="secondary">${t.filter}</button></form>
<p>${t.overdueLead(listed.length, localText(now.toISOString(), c.zone))}</p>
${
  listed.length === 0
    ? html`<p class="notice">${t.overdueNone}</p>`
    : html`${nav}<div class="wide"><table class="overdue"><thead><tr><th>${t.unit}</th><th>${t.milestone}</th><th>${t.due}</th><th>${t.overdueFor}</th><th>${t.escalations}</th></tr></thead><tbody>${units.map(
        (u) =>
          html`${u.milestones.map(
            (m, i) =>
              html`<tr>${
                i === 0
                  ? html`<td rowspan="${u.milestones.length}"><a href="${unitUrl(campaignId, u.unitId)}">${u.name}</a><br><span class="muted">${u.unitId}</span></td>`
                  : ''
              }<td>${titles.get(m.id) ?? m.title}<br><span class="muted">${m.id}</span></td><td>${localText(m.dueAt, c.zone)}</td><td>${t.duration(m.overdueMs)}<br><span class="muted">${t.reminders(m.remindersSent)}</span></td><td>${escalationText(m, c, t)}</td></tr>`,
          )}`,
      )}</tbody></table></div>${units.length < slice.length ? html`<p class="muted">${t.noLongerOverdue}</p>` : ''}${nav}`
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
