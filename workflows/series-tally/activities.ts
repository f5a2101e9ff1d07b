import { Context } from '@temporalio/activity';
import type { EventProducer } from '../../services/platform/kafka.ts';
import type { PublishedTally } from '../../schemas/tally.ts';
import type { TallyPublished } from '../../schemas/topics.ts';
import { envelope, stableId } from '../../services/platform/bus/envelopes.ts';

/** When a publish was first scheduled and when it succeeded (ms since the epoch, the worker's clock). */
export interface PublishTiming {
  startedAt: number;
  endedAt: number;
}

/** Activities of the series tally workflow; the worker injects the producer and the tallies topic. */
export function createSeriesTallyActivities(deps: { producer: EventProducer; talliesTopic: string; now?: () => Date }) {
  return {
    /**
     * Publishes a tally version to the compacted tallies topic; the same version always gets the same message id.
     * `null` is what a replaying workflow passes (the message went out the first time): nothing is sent.
     */
    async publishTallySnapshot(snapshot: PublishedTally | null): Promise<PublishTiming | undefined> {
      if (snapshot === null) return undefined;
      const env: TallyPublished = envelope('TallyPublished', snapshot, {
        id: stableId('tally', snapshot.seriesId, String(snapshot.version)),
        now: deps.now?.(),
      });
      await deps.producer.send(deps.talliesTopic, [
        { key: snapshot.seriesId, value: JSON.stringify(env), headers: { type: 'TallyPublished' } },
      ]);
      // Wall-clock times of the publish, first attempt to success: recorded in the local activity's marker, so the
      // workflow's fence decision is the same on replay (workflow time around a local activity that spans tasks is not).
      const info = Context.current().info;
      return { startedAt: info.scheduledTimestampMs, endedAt: Date.now() };
    },
  };
}

export type SeriesTallyActivities = ReturnType<typeof createSeriesTallyActivities>;
