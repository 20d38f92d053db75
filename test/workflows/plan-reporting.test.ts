// Where a unit reports and what its search attributes say, without a server.
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import { overdueIds, parentWorkflowId, superiorWorkflowId } from '../../workflows/plan/reporting';
import { ctx } from './plan-fixtures';

describe('reporting', () => {
  it('sends a superior unit its own workflow, the issuer the campaign workflow', () => {
    expect(superiorWorkflowId(ctx, 'p1')).toBe(unitWorkflowId('c1', 'p1'));
    expect(superiorWorkflowId(ctx, 'iss')).toBe(campaignWorkflowId('c1'));
  });

  it('reports aggregates to the parent unit, or to the campaign under the issuer or at the top', () => {
    expect(parentWorkflowId(ctx)).toBe(unitWorkflowId('c1', 'p1'));
    expect(parentWorkflowId({ ...ctx, unit: { ...ctx.unit, parent: 'iss' } })).toBe(campaignWorkflowId('c1'));
    expect(parentWorkflowId({ ...ctx, unit: { ...ctx.unit, parent: null } })).toBe(campaignWorkflowId('c1'));
  });

  it('publishes the overdue milestones in order', () => {
    expect(
      overdueIds([
        { id: 'a', status: 'overdue' },
        { id: 'b', status: 'open' },
        { id: 'c', status: 'overdue' },
      ]),
    ).toEqual(['a', 'c']);
  });
});
