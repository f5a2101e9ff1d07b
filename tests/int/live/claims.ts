import type { Claim } from '../../../schemas/claim.ts';
import type { Envelope } from '../../../schemas/envelope.ts';
import { seriesId, seriesKeyOf } from '../../../domain/tally/series.ts';
import { envelope, stableId } from '../../../services/platform/bus/envelopes.ts';

// Claims-topic messages for the subscription tests, made up by the team: invented outlets reporting figures in
// a handful of series per topic, so feeds have several series, claims and tally changes to stream.

export interface Published {
  /** The claim topic (taxonomy id). */
  topic: string;
  key: string;
  claimId: string;
  envelope: Envelope;
}

const PLACES = ['kursk-oblast', 'belgorod-oblast', 'donetsk-oblast', 'kharkiv-oblast'];
const UNIT: Record<string, string> = {
  'territory-area': 'km2',
  'settlements-captured': 'count',
  'military-aid': 'USD',
};
const NOUN: Record<string, string> = {
  'territory-area': 'square kilometres',
  'settlements-captured': 'villages',
  'military-aid': 'dollars in aid',
};

/**
 * The i-th report of `topic` by outlet `wave`: a ClaimReported envelope keyed by its series id (topic and place;
 * four places take turns unless `place` is given). `quoteChars` pads the evidence so entries can be made large.
 */
export function reportedClaim(
  topic: string,
  wave: string,
  i: number,
  options: { quoteChars?: number; place?: string } = {},
): Published {
  const place = options.place ?? PLACES[i % PLACES.length] ?? 'kursk-oblast';
  const value = 40 + i * 3;
  const sentence = `Officials quoted by the ${wave} desk put the figure at ${value} ${NOUN[topic] ?? 'units'} near ${place} (report ${i}).`;
  const quote =
    sentence + ' Context.'.repeat(Math.max(0, Math.ceil(((options.quoteChars ?? 0) - sentence.length) / 9)));
  const articleId = `${wave}-${topic}-${i}`;
  const claim: Claim = {
    id: `claim-${articleId}`,
    articleId,
    topic,
    actor: 'ukraine',
    counterpart: 'russia',
    item: null,
    place,
    quantity: { value, unit: UNIT[topic] ?? 'count', qualifier: 'exact', low: value, high: value },
    kind: 'total',
    period: null,
    asOf: `2024-08-${String(10 + (i % 18)).padStart(2, '0')}`,
    attribution: [],
    hedge: null,
    evidence: { quote, start: 0, end: quote.length },
    extractor: { name: 'rules', version: '1.0.0' },
  };
  const data = { claim, source: `${wave} desk`, url: `https://${wave}.example/${articleId}`, copyOf: null };
  return {
    topic,
    key: seriesId(seriesKeyOf(claim)),
    claimId: claim.id,
    envelope: envelope('ClaimReported', data, {
      id: stableId('ClaimReported', claim.id),
      now: new Date(Date.UTC(2024, 7, 20, 9, 0, i)),
    }),
  };
}
