import type { EventProducer } from '../../services/platform/kafka.ts';
import type { PublishedTally } from '../../schemas/tally.ts';
import type { TallyPublished } from '../../schemas/topics.ts';
import { envelope, stableId } from '../../services/platform/bus/envelopes.ts';

/** Activities of the series tally workflow; the worker injects the producer and the tallies topic. */
export function createSeriesTallyActivities(deps: { producer: EventProducer; talliesTopic: string; now?: () => Date }) {
  return {
    /**
     * Publishes a tally version to the compacted tallies topic; the same version always gets the same message id.
     * `null` is what a replaying workflow passes (the message went out the first time): nothing is sent.
     */
    async publishTallySnapshot(snapshot: PublishedTally | null): Promise<void> {
      if (snapshot === null) return;
      const env: TallyPublished = envelope('TallyPublished', snapshot, {
        id: stableId('tally', snapshot.seriesId, String(snapshot.version)),
        now: deps.now?.(),
      });
      await deps.producer.send(deps.talliesTopic, [
        { key: snapshot.seriesId, value: JSON.stringify(env), headers: { type: 'TallyPublished' } },
      ]);
    },
  };
}

export type SeriesTallyActivities = ReturnType<typeof createSeriesTallyActivities>;
