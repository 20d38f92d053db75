/** Units started or closed per activity: keeps a node with thousands of subordinates to a few dozen events. */
export const BATCH = 500;

export function batches<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Continue as new well before Temporal's 10,240-event warning (a node with thousands of subordinates). */
export const HISTORY_LIMIT = 8_000;
