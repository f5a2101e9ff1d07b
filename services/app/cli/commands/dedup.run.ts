import type { Decision, Fingerprint } from '../../../../domain/dedup/types.ts';
import type { DedupIndex } from '../../../stores/dedup-index/dedup-index.ts';

/** Articles per index transaction: one WAL commit per batch instead of per article. */
const BATCH = 256;

/**
 * Offline dedup of a whole input, whatever order it came in: the articles go through the index in publication
 * order (equal times: a delivery whose URL carries tracking parameters after one without, then input order, i.e.
 * the earlier received first), so the first of every group, the one its copies and re-deliveries point at, is its
 * earliest publication, as in the tally fold. `tracked[i]`: article i's URL has tracking parameters. Decisions
 * come back in input order. Called by `claimwatch dedup` and the eval; rejects as the index does.
 */
export async function dedupInPublicationOrder(
  index: DedupIndex,
  fps: readonly Fingerprint[],
  tracked: readonly boolean[] = [],
): Promise<Decision[]> {
  const order = fps.map((_, i) => i);
  const key = (i: number): number => (fps[i] as Fingerprint).publishedAt;
  order.sort((i, j) => key(i) - key(j) || Number(tracked[i] === true) - Number(tracked[j] === true) || i - j);
  const decisions: Decision[] = new Array<Decision>(fps.length);
  for (let start = 0; start < order.length; start += BATCH) {
    const slice = order.slice(start, start + BATCH);
    const out = await index.checkAndInsertMany(slice.map((i) => fps[i] as Fingerprint));
    slice.forEach((i, k) => {
      decisions[i] = out[k] as Decision;
    });
  }
  return decisions;
}
