import type { Claim } from '../../schemas/claim.ts';
import type { SeriesKey } from '../../schemas/tally.ts';

const idPart = (part: string | null): string => (part === null ? '-' : part === '-' ? '%2D' : encodeURIComponent(part));

/**
 * Deterministic, readable id of a series, e.g. `settlements-captured:ukraine:russia:-:kursk-oblast`.
 * Used as the Kafka key of the claims and tallies topics and in the tally workflow id. Never throws.
 */
export function seriesId(key: SeriesKey): string {
  return [key.topic, key.actor, key.counterpart, key.item, key.place].map(idPart).join(':');
}

/** The series a claim belongs to. Used by the pipeline to route claims and by `reportClaims` to check them. */
export function seriesKeyOf(claim: Claim): SeriesKey {
  return { topic: claim.topic, actor: claim.actor, counterpart: claim.counterpart, item: claim.item, place: claim.place };
}

