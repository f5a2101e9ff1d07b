import type { EventProducer } from '../../services/platform/kafka.ts';
import type { PublishedTally } from '../../schemas/tally.ts';
import type { TallyPublished } from '../../schemas/topics.ts';
import { envelope, stableId } from '../../services/bus/envelopes.ts';

/** Activities of the series tally workflow; the worker injects the producer and the tallies topic. */
export function createSeriesTallyActivities(deps: { producer: EventProducer; talliesTopic: string; now?: () => Date }) {
  return {
    /** Publishes a tally version to the compacted tallies topic; the same version always gets the same message id. */
    async publishTallySnapshot(snapshot: PublishedTally): Promise<void> {
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
