import { seriesId, seriesKeyOf, seriesKeyFromId } from '../../../domain/tally/series.ts';
import { ClaimsTopicMessageSchema, DeadLetterSchema } from '../../../schemas/topics.ts';
import type { IncomingMessage } from '../../platform/kafka.ts';
import { decodeMessage, locationOf } from '../../platform/edge.ts';
import type { ClaimsEventInput, DeadLetterRecord } from '../../stores/read-model/read-model.ts';

/** How much of a refused payload the read model keeps; the dead-letter topic keeps all of it. */
export const PAYLOAD_PREVIEW_CHARS = 2000;

export interface ParsedBatch {
  events: ClaimsEventInput[];
  /** Letters from the dead-letter topic, plus one per message the projector could not read. */
  deadLetters: DeadLetterRecord[];
  /** The unreadable messages, for the log and the counters. */
  bad: Array<{ location: string; problems: string[] }>;
}

/** A claims-topic message as a tally event of its series (the key), or the reasons it cannot be one. */
export function parseClaimsMessage(
  m: IncomingMessage,
): { ok: true; input: ClaimsEventInput } | { ok: false; problems: string[] } {
  const parsed = decodeMessage(ClaimsTopicMessageSchema, m);
  if (!parsed.ok) return parsed;
  const event = parsed.data.event;
  // The key is the series id; a claim names its own series, so a keyless ClaimReported is still usable.
  const id = m.key ?? (event.type === 'ClaimReported' ? seriesId(seriesKeyOf(event.data.claim)) : null);
  if (id === null || seriesKeyFromId(id) === undefined)
    return { ok: false, problems: [`key: ${JSON.stringify(m.key)} is not a series id`] };
  return { ok: true, input: { seriesId: id, envelope: parsed.data } };
}

/** A dead-letter-topic message as the read model keeps it, or the reasons it cannot be read. */
export function parseDeadLetterMessage(
  m: IncomingMessage,
): { ok: true; letter: DeadLetterRecord } | { ok: false; problems: string[] } {
  const parsed = decodeMessage(DeadLetterSchema, m);
  if (!parsed.ok) return parsed;
  const { id, occurredAt, data } = parsed.data;
  return {
    ok: true,
    letter: {
      id,
      occurredAt,
      source: data.source,
      reason: data.reason,
      problems: data.problems,
      location: data.location,
      payloadPreview: data.payload.slice(0, PAYLOAD_PREVIEW_CHARS),
    },
  };
}

/**
 * Splits one fetched batch into tally events and dead letters; an unreadable message never throws but becomes
 * a dead letter of source `projector` (id from its position, so a re-delivery records it once).
 */
export function parseBatch(messages: readonly IncomingMessage[], deadLetterTopic: string): ParsedBatch {
  const out: ParsedBatch = { events: [], deadLetters: [], bad: [] };
  for (const m of messages) {
    const parsed = m.topic === deadLetterTopic ? parseDeadLetterMessage(m) : parseClaimsMessage(m);
    if (parsed.ok) {
      if ('input' in parsed) out.events.push(parsed.input);
      else out.deadLetters.push(parsed.letter);
      continue;
    }
    const location = locationOf(m);
    out.bad.push({ location, problems: parsed.problems });
    out.deadLetters.push({
      id: `bad:${location}`,
      occurredAt: new Date(Number(m.timestamp)).toISOString(),
      source: 'projector',
      reason: `unreadable message on ${m.topic}`,
      problems: parsed.problems,
      location,
      payloadPreview: (m.value ?? '').slice(0, PAYLOAD_PREVIEW_CHARS),
    });
  }
  return out;
}
