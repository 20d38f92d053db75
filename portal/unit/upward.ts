// The issuer's report upward on its own page: the form starts from the campaign's aggregate of what it reports
// on (core/report/upward.ts), read with one query of the issuer's own workflow, and only when it owes one.
import { queryWorkflow } from '../../client/queries';
import { unitWorkflowId } from '../../contract/ids';
import { aggregateQuery } from '../../contract/messages';
import type { Milestone } from '../../core/definition/types';
import type { SubtreeAggregate } from '../../core/report/aggregate';
import { isUpward, upwardValues } from '../../core/report/upward';
import type { PortalContext } from '../context';
import type { Lang } from '../layout';
import type { UnitAccess } from './access';
import { emptyState, type FormState, fieldText } from './forms';
import type { FormView } from './render-common';

/** The form's state with the upward report's figures filled in (any other form unchanged). */
export function prefilledState(
  m: Milestone,
  aggregate: SubtreeAggregate | undefined,
  lang: Lang,
  state: FormState,
): FormState {
  if (!isUpward(m) || !aggregate) return state;
  const values = upwardValues(m, aggregate);
  const texts = Object.fromEntries(
    m.outline.filter((f) => values[f.id] !== undefined).map((f) => [f.id, fieldText(f, values[f.id], lang)]),
  );
  return { ...state, values: { ...state.values, ...texts } };
}

/** The empty forms of a unit's page: the issuer's report upward prefilled from its subtree's aggregate. */
export async function emptyForms(
  ctx: PortalContext,
  access: UnitAccess,
): Promise<(m: Milestone) => FormView> {
  const { campaign, unit, lang } = access;
  const owes = campaign.milestones.some(
    (m) => isUpward(m) && access.state.milestones.some((s) => s.id === m.id),
  );
  const aggregate = owes
    ? await queryWorkflow({
        client: ctx.client,
        workflowId: unitWorkflowId(campaign.campaign.id, unit.id),
        query: aggregateQuery,
      })
    : undefined;
  return (m) => ({ state: prefilledState(m, aggregate, lang, emptyState(m)), errors: {} });
}
