// What a parent unit holds of its subordinates' delegated reminders (workflows/reminder-batches.ts), and its
// compact form over continue-as-new (contract CarriedReminders). Pure.
import type { CarriedReminders, DelegatedReminders } from '../../contract/delegated-reminders';

/** A subordinate's list for one milestone, and the instant of the last reminder of it the parent sent. */
export interface HeldReminders {
  unitId: string;
  list: DelegatedReminders;
  sentThrough?: string;
}

/** Each distinct list once, the held entries pointing at them. */
export function packHeld(held: Iterable<HeldReminders>): CarriedReminders {
  const lists: CarriedReminders['lists'] = [];
  const index = new Map<string, number>();
  const out: CarriedReminders['held'] = [];
  for (const h of held) {
    const { from, ...shared } = h.list;
    const key = JSON.stringify(shared);
    let i = index.get(key);
    if (i === undefined) {
      i = lists.length;
      lists.push(shared);
      index.set(key, i);
    }
    out.push({ unitId: h.unitId, list: i, from, ...(h.sentThrough ? { sentThrough: h.sentThrough } : {}) });
  }
  return { lists, held: out };
}

/** The held entries of a carried form (an entry pointing at no list is dropped). */
export function unpackHeld(carried: CarriedReminders | undefined): HeldReminders[] {
  if (!carried) return [];
  return carried.held.flatMap((h) => {
    const shared = carried.lists[h.list];
    if (!shared) return [];
    return [
      {
        unitId: h.unitId,
        list: { ...shared, from: h.from },
        ...(h.sentThrough ? { sentThrough: h.sentThrough } : {}),
      },
    ];
  });
}
