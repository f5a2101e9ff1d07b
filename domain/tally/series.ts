// The series-id codec, in one place: encode (`seriesId`), decode (`seriesKeyFromId`), the topic segment
// (`topicOfSeries`). Plain functions in a zod-free module: workflow code uses them, and building zod schemas in every
// workflow run is what dominated the workflow threads' CPU.
import type { Claim } from '../../schemas/claim.ts';
import type { SeriesKey } from '../../schemas/tally.ts';

// '-' stands for null, so a literal '-' is escaped; encodeURIComponent escapes ':' — the id stays injective.
const idPart = (part: string | null): string => (part === null ? '-' : part === '-' ? '%2D' : encodeURIComponent(part));
const partOfId = (part: string): string | null => (part === '-' ? null : decodeURIComponent(part));

/**
 * Deterministic, readable id of a series, e.g. `settlements-captured:ukraine:russia:-:kursk-oblast`.
 * Used as the Kafka key of the claims and tallies topics and in the tally workflow id. Never throws.
 */
export function seriesId(key: SeriesKey): string {
  return [key.topic, key.actor, key.counterpart, key.item, key.place].map(idPart).join(':');
}

/** The series a claim belongs to. Used by the pipeline to route claims to their series. */
export function seriesKeyOf(claim: Claim): SeriesKey {
  return {
    topic: claim.topic,
    actor: claim.actor,
    counterpart: claim.counterpart,
    item: claim.item,
    place: claim.place,
  };
}

/**
 * The series key a series id was made from (the inverse of `seriesId`), or undefined when the text is not a
 * series id. Events that carry no claim (a copy, an empty re-extraction) name their series only by this id.
 */
export function seriesKeyFromId(id: string): SeriesKey | undefined {
  const parts = id.split(':');
  if (parts.length !== 5) return undefined;
  try {
    const [topic, actor, counterpart, item, place] = parts.map(partOfId) as [
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
    ];
    if (topic === null || topic === '') return undefined;
    const key: SeriesKey = { topic, actor, counterpart, item, place };
    return seriesId(key) === id ? key : undefined;
  } catch {
    return undefined; // malformed %-escape
  }
}

/** The claim topic of a series id (its first segment), without decoding the rest. */
export function topicOfSeries(id: string): string {
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(0, i);
}
