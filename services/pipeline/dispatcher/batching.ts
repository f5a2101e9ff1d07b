import { createHash } from 'node:crypto';

/** How the dispatcher groups the articles of one fetched batch into workflows. */
export interface DispatchBatching {
  /** Most articles in one processArticleBatch workflow; 1 keeps one processArticle workflow per article. */
  maxArticles: number;
  /** A fetch with fewer articles than this goes one workflow per article (low traffic: lowest latency, one workflow per article in the UI). */
  minArticles: number;
  /** Most bytes of article text in one batch workflow (Temporal payloads stay well under the 2 MB blob limit). */
  maxBytes: number;
  /** With batching on, a fetch waits for this many bytes of the raw topic (all partitions) … */
  fetchMinBytes?: number;
  /** … or this long, whichever comes first. */
  fetchMaxWaitMs?: number;
}

export const perArticle: DispatchBatching = {
  maxArticles: 1,
  minArticles: Number.POSITIVE_INFINITY,
  maxBytes: Number.POSITIVE_INFINITY,
};

/** One workflow to start: a single article, or a run of consecutive ones. */
export type DispatchGroup<T> = { kind: 'article'; item: T } | { kind: 'batch'; items: T[] };

/**
 * Pure: splits the articles of one fetch (each partition's in offset order, partition after partition) into workflows.
 * Below `minArticles`, or with `maxArticles` 1, every article is its own workflow; otherwise consecutive runs of
 * at most `maxArticles` articles and `maxBytes` bytes (an article larger than `maxBytes` alone goes on its own).
 */
export function groupForDispatch<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  batching: DispatchBatching,
): Array<DispatchGroup<T>> {
  if (batching.maxArticles <= 1 || items.length < batching.minArticles)
    return items.map((item) => ({ kind: 'article', item }));
  const groups: Array<DispatchGroup<T>> = [];
  let run: T[] = [];
  let bytes = 0;
  const flush = () => {
    if (run.length === 1) groups.push({ kind: 'article', item: run[0] as T });
    else if (run.length > 1) groups.push({ kind: 'batch', items: run });
    run = [];
    bytes = 0;
  };
  for (const item of items) {
    const size = sizeOf(item);
    if (run.length > 0 && (run.length >= batching.maxArticles || bytes + size > batching.maxBytes)) flush();
    run.push(item);
    bytes += size;
  }
  flush();
  return groups;
}

/** Where a dispatched article sits in the raw topic. */
export interface RawPosition {
  partition: number;
  offset: string;
}

/** Longest batch id kept readable; longer ones (many partitions) end in a hash of the whole. */
const MAX_READABLE_BATCH_ID = 160;

/**
 * Pure: the id of a batch workflow from the raw-topic positions of its articles, e.g. `0:100-115,2:285-296`
 * (partitions ascending, offsets as consecutive runs). The same articles always give the same id, so a dispatcher
 * that re-sends an identical batch after a crash is refused by Temporal; any other re-delivery is absorbed by the
 * dedup index. Ids past MAX_READABLE_BATCH_ID characters keep their first runs and end in a hash of the whole.
 */
export function batchIdOf(positions: readonly RawPosition[]): string {
  const byPartition = new Map<number, bigint[]>();
  for (const p of positions) {
    const list = byPartition.get(p.partition) ?? [];
    list.push(BigInt(p.offset));
    byPartition.set(p.partition, list);
  }
  const runs: string[] = [];
  for (const partition of [...byPartition.keys()].sort((a, b) => a - b)) {
    const offsets = (byPartition.get(partition) as bigint[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let start = offsets[0] as bigint;
    let prev = start;
    const close = () => runs.push(start === prev ? `${partition}:${start}` : `${partition}:${start}-${prev}`);
    for (const o of offsets.slice(1)) {
      if (o === prev + 1n || o === prev) {
        prev = o;
        continue;
      }
      close();
      start = o;
      prev = o;
    }
    close();
  }
  const id = runs.join(',');
  if (id.length <= MAX_READABLE_BATCH_ID) return id;
  return `${id.slice(0, MAX_READABLE_BATCH_ID - 20).replace(/,[^,]*$/, '')},…#${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
}
