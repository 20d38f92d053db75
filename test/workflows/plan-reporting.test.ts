// Where a unit reports and what its search attributes say, without a server.
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import { overdueIds, parentWorkflowId, superiorWorkflowId } from '../../workflows/plan/reporting';
import { ctx } from './plan-fixtures';

describe('reporting', () => {
  it('sends every superior, the issuer included, its own unit workflow', () => {
    expect(superiorWorkflowId(ctx, 'p1')).toBe(unitWorkflowId('c1', 'p1'));
    expect(superiorWorkflowId(ctx, 'iss')).toBe(unitWorkflowId('c1', 'iss'));
  });

  it('reports aggregates to the parent unit (the issuer too); the top of the tree to the campaign', () => {
    expect(parentWorkflowId(ctx)).toBe(unitWorkflowId('c1', 'p1'));
    expect(parentWorkflowId({ ...ctx, unit: { ...ctx.unit, parent: 'iss' } })).toBe(
      unitWorkflowId('c1', 'iss'),
    );
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
