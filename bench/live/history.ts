// (e) History events: about a hundred unit workflows (the issuer, districts and communes spread over the tree)
// and the campaign workflow, by their latest run's history length (describe), and a few bare workflows.
import { pooled } from '../../client/kit';
import { campaignWorkflowId, unitWorkflowId } from '../../contract/ids';
import type { LiveCampaign } from './campaign-file';
import type { Ctx } from './context';
import type { HistoryFigures } from './types';

/** About `size` unit ids, evenly spread over the definition's order (issuer, districts, communes). */
function sample(unitIds: string[], size: number): string[] {
  if (unitIds.length <= size) return unitIds;
  const step = unitIds.length / size;
  return Array.from({ length: size }, (_, i) => unitIds[Math.floor(i * step)] as string);
}

async function lengths(ctx: Ctx, ids: string[], raw = false): Promise<Map<string, number>> {
  const client = raw ? ctx.rawClient : ctx.client;
  const out = new Map<string, number>();
  await pooled(ids, 10, async (id) => {
    const d = await client.workflow
      .getHandle(id)
      .describe()
      .catch(() => undefined);
    if (d) out.set(id, d.historyLength);
  });
  return out;
}

export async function historyFigures(ctx: Ctx, c: LiveCampaign, unitIds: string[]): Promise<HistoryFigures> {
  const ids = sample(unitIds, 100).map((u) => unitWorkflowId(c.id, u));
  const units = await lengths(ctx, ids);
  const campaign = (await lengths(ctx, [campaignWorkflowId(c.id)])).get(campaignWorkflowId(c.id)) ?? 0;
  const bare = await lengths(
    ctx,
    sample(
      Array.from({ length: ctx.n }, (_, i) => `bare-start-${i}`),
      10,
    ),
    true,
  );
  const values = [...units.values()];
  const biggest = [...units.entries()].sort((a, b) => b[1] - a[1])[0];
  const mean = (xs: number[]) =>
    xs.length ? Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)) : 0;
  return {
    sampled: values.length,
    mean: mean(values),
    max: biggest?.[1] ?? 0,
    maxWorkflowId: biggest?.[0] ?? '',
    campaign,
    bareMean: bare.size > 0 ? mean([...bare.values()]) : null,
  };
}
