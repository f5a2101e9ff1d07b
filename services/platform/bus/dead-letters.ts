import type { EventProducer } from '../kafka.ts';
import type { DeadLetter } from '../../../schemas/topics.ts';
import { envelope } from './envelopes.ts';
import { LARGE_TOPIC_MAX_MESSAGE_BYTES } from './topics.ts';

export interface DeadLetterInput {
  reason: string;
  problems: string[];
  /** Which part of claimwatch refused it: 'ingest:file', 'ingest:http', 'ingest:feed', 'dispatcher' … */
  source: string;
  /** Where the input came from: `file.jsonl:12`, a feed URL, `topic/partition/offset`. */
  location: string | null;
  payload: string;
  /** Makes the dead letter idempotent: the same refusal re-published (a retried activity) has the same envelope id. */
  id?: string;
}

/** Most UTF-8 bytes of a dead letter's payload; longer ones are cut (the location names where the whole input is). */
export const MAX_DEAD_LETTER_PAYLOAD_BYTES = 2_000_000;

/** The payload cut to MAX_DEAD_LETTER_PAYLOAD_BYTES of UTF-8 (JSON escaping of the rest stays under the topic's 8 MiB). */
function cutPayload(payload: string): string {
  if (payload.length * 3 <= MAX_DEAD_LETTER_PAYLOAD_BYTES) return payload;
  const bytes = Buffer.from(payload, 'utf8');
  if (bytes.length <= MAX_DEAD_LETTER_PAYLOAD_BYTES) return payload;
  // Decoding a cut buffer may end in one U+FFFD for a split character: harmless in a dead letter.
  return bytes.subarray(0, MAX_DEAD_LETTER_PAYLOAD_BYTES).toString('utf8');
}

/** Sends bad input to the dead-letter topic with the reason and the original payload (cut past 2 MB); nothing is lost. */
export async function publishDeadLetters(
  producer: EventProducer,
  topic: string,
  letters: DeadLetterInput[],
): Promise<void> {
  await producer.send(
    topic,
    letters.map(({ id, ...l }) => {
      const env: DeadLetter = envelope(
        'DeadLetter',
        { ...l, payload: cutPayload(l.payload) },
        id === undefined ? {} : { id },
      );
      return { key: l.source, value: JSON.stringify(env), headers: { type: 'DeadLetter' } };
    }),
    { maxMessageBytes: LARGE_TOPIC_MAX_MESSAGE_BYTES },
  );
}
