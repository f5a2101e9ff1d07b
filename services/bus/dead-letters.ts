import type { EventProducer } from '../platform/kafka.ts';
import type { DeadLetter } from '../../schemas/topics.ts';
import { envelope } from './envelopes.ts';

export interface DeadLetterInput {
  reason: string;
  problems: string[];
  /** Which part of claimwatch refused it: 'ingest:file', 'ingest:http', 'ingest:feed', 'dispatcher' … */
  source: string;
  /** Where the input came from: `file.jsonl:12`, a feed URL, `topic/partition/offset`. */
  location: string | null;
  payload: string;
}

/** Sends bad input to the dead-letter topic with the reason and the original payload; nothing is lost. */
export async function publishDeadLetters(producer: EventProducer, topic: string, letters: DeadLetterInput[]): Promise<void> {
  await producer.send(
    topic,
    letters.map((l) => {
      const env: DeadLetter = envelope('DeadLetter', { ...l, payload: l.payload.slice(0, 4_000_000) });
      return { key: l.source, value: JSON.stringify(env), headers: { type: 'DeadLetter' } };
    }),
  );
}
