// Publishing a status memo from workflow code: one `upsertMemo` when what `make` returns changed since the last
// one, none otherwise (each is a history event). Shared by the unit and the campaign workflows.
import { upsertMemo } from '@temporalio/workflow';

export function memoPublisher(key: string, make: () => unknown): () => void {
  let last: string | undefined;
  return () => {
    const memo = make();
    const json = JSON.stringify(memo);
    if (json === last) return;
    last = json;
    upsertMemo({ [key]: memo });
  };
}
