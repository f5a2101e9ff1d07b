import { createSeenIds } from '../../pipeline/ingest/feeds/seen-ids.ts';

/**
 * A filter that passes each envelope id the first time only, remembering the last `limit` ids: the claims topics may
 * hold an envelope more than once (a retried produce, a re-ingest before the delivery ledger existed, a replay), and a
 * subscriber should see it once. Used by `claimwatch subscribe`; the SSE feed is once already (the read model's id check).
 */
export function createOnceFilter(limit = 200_000): (envelopeId: string) => boolean {
  const seen = createSeenIds(limit);
  return (id) => {
    if (seen.has(id)) return false;
    seen.touch(id);
    return true;
  };
}
