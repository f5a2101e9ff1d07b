import type { DispatchGroup } from './batching.ts';

/** What starting one dispatch group did: articles whose workflow started, was already there, or was refused. */
export interface StartTally {
  started: number;
  already: number;
  refused: number;
}

/**
 * Starts a group with `start`; when that fails for good (`isPermanent`: Temporal refuses the payload or the id), a
 * batch is split into one start per article and a single article is handed to `refuse` (the dispatcher dead-letters
 * it), so one poison article never blocks its partition or its batch neighbours. Any other error is thrown: the
 * caller retries the whole fetch, uncommitted, and workflow ids make the starts that did succeed no-ops.
 */
export async function startOrSplit<T>(
  group: DispatchGroup<T>,
  start: (group: DispatchGroup<T>) => Promise<'started' | 'already'>,
  isPermanent: (err: unknown) => boolean,
  refuse: (item: T, err: unknown) => void,
): Promise<StartTally> {
  try {
    const n = group.kind === 'article' ? 1 : group.items.length;
    return (await start(group)) === 'started'
      ? { started: n, already: 0, refused: 0 }
      : { started: 0, already: n, refused: 0 };
  } catch (err) {
    if (!isPermanent(err)) throw err;
    if (group.kind === 'article') {
      refuse(group.item, err);
      return { started: 0, already: 0, refused: 1 };
    }
    const total: StartTally = { started: 0, already: 0, refused: 0 };
    for (const item of group.items) {
      const r = await startOrSplit({ kind: 'article', item }, start, isPermanent, refuse);
      total.started += r.started;
      total.already += r.already;
      total.refused += r.refused;
    }
    return total;
  }
}
