// Cuts what a notice says about a milestone from its definition. Type imports only: safe in workflow code.
import type { Milestone } from '../core/definition/types';
import type { NoticeMilestone } from './notices';

export function noticeMilestone(m: Milestone): NoticeMilestone {
  const out: NoticeMilestone = { id: m.id, kind: m.kind, title: m.title };
  if (m.description) out.description = m.description;
  const fields =
    m.kind === 'result-report' || m.kind === 'periodic-report'
      ? m.outline
      : m.kind === 'site-registration'
        ? m.siteFields
        : [];
  if (fields.length > 0) out.fields = fields.map((f) => ({ id: f.id, label: f.label, required: f.required }));
  if (m.kind === 'site-registration' && m.minSites !== undefined) out.minSites = m.minSites;
  if (m.kind === 'event-window') out.minEvents = m.minEvents;
  if (m.kind === 'periodic-report') out.period = m.period;
  if ((m.kind === 'result-report' || m.kind === 'periodic-report') && m.reportsTo)
    out.reportsTo = m.reportsTo;
  return out;
}
