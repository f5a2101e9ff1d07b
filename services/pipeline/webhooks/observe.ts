import type { Observation } from '../../../schemas/webhook.ts';
import { seriesId, seriesKeyOf } from '../../../domain/tally/series.ts';
import { ClaimsTopicMessageSchema, TallyPublishedSchema } from '../../../schemas/topics.ts';
import type { IncomingMessage } from '../../platform/kafka.ts';
import { decodeMessage } from '../../platform/edge.ts';

/** An observation with the id and time of the message it came from (the alert id and `occurredAt` derive from them). */
export interface ObservedMessage {
  observation: Observation;
  triggerId: string;
  occurredAt: string;
  /** When the message was produced (Kafka timestamp, ms): subscriptions see messages produced from their creation on. */
  producedAt: number;
}

/**
 * What the alert router reads from one message of the tallies or a claims topic. Only original claim
 * reports are claim observations: syndicated copies (`copyOf`) count once (claims.md §5) and
 * re-extractions (ArticleClaimsReplaced) restate known reports; both are `ignored`. Called by the router.
 */
export function observe(
  m: IncomingMessage,
  talliesTopic: string,
): { ok: true; observed: ObservedMessage } | { ok: true; ignored: true } | { ok: false; problems: string[] } {
  const producedAt = Number(m.timestamp);
  if (m.topic === talliesTopic) {
    const parsed = decodeMessage(TallyPublishedSchema, m);
    if (!parsed.ok) return parsed;
    const { id, occurredAt, data } = parsed.data;
    const { summary } = data;
    const observation: Observation = {
      type: 'tally',
      seriesId: data.seriesId,
      topic: summary.key.topic,
      version: data.version,
      latest: summary.latest,
      disputed: summary.disputed,
      disputes: summary.disputes,
      independentSources: summary.independentSources,
    };
    return { ok: true, observed: { observation, triggerId: id, occurredAt, producedAt } };
  }
  const parsed = decodeMessage(ClaimsTopicMessageSchema, m);
  if (!parsed.ok) return parsed;
  const { event, id, occurredAt } = parsed.data;
  if (event.type !== 'ClaimReported' || event.data.copyOf !== null) return { ok: true, ignored: true };
  const { claim, source, url } = event.data;
  const observation: Observation = {
    type: 'claim',
    seriesId: m.key ?? seriesId(seriesKeyOf(claim)),
    topic: claim.topic,
    claim,
    source,
    url,
  };
  return { ok: true, observed: { observation, triggerId: id, occurredAt, producedAt } };
}
