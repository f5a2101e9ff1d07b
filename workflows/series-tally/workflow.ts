import { allHandlersFinished, condition, continueAsNew, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { evolve, initialTally, publishedTallyOf, snapshotOf } from '../../domain/tally/index.ts';
import type { SeriesTallyActivities } from './activities.ts';
import { tallyEventsSignal, tallySnapshotQuery, tallyStateQuery, type SeriesTallyInput, type TallyDelivery } from './messages.ts';

// Local activity: publishing a snapshot is one Kafka produce; no extra task round trip is worth it.
const { publishTallySnapshot } = proxyLocalActivities<SeriesTallyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', maximumInterval: '10s' },
});

/**
 * Entity workflow, one per series: folds tally events with the pure `evolve` shared with the
 * projector, publishes each new version (headline + changed reports), answers queries with the whole
 * snapshot, and continues as new when Temporal suggests it. Deliveries arriving while a snapshot is published are folded in the next batch.
 */
export async function seriesTally(input: SeriesTallyInput): Promise<never> {
  let state = input.state ?? initialTally(input.seriesId, input.key);
  const pending: TallyDelivery[] = [...(input.pending ?? [])];
  let publishedVersion = input.publishedVersion ?? -1;
  let publishedReports = input.publishedReports ?? {};
  let deliveriesThisRun = 0;

  setHandler(tallyEventsSignal, (delivery) => {
    pending.push(delivery);
  });
  setHandler(tallySnapshotQuery, () => snapshotOf(state));
  setHandler(tallyStateQuery, () => state);

  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.continueAsNewEvery !== undefined && deliveriesThisRun >= input.continueAsNewEvery);

  for (;;) {
    await condition(() => pending.length > 0 || shouldContinueAsNew());
    while (pending.length > 0 && !shouldContinueAsNew()) {
      const delivery = pending.shift() as TallyDelivery;
      // evolve ignores facts it has seen (claim ids are in state.seen): redeliveries are no-ops.
      for (const event of delivery.events) state = evolve(state, event);
      deliveriesThisRun += 1;
    }
    if (state.version !== publishedVersion) {
      // The headline in full, but only the reports that changed: the message does not grow with the series.
      const { tally, published } = publishedTallyOf(state, publishedReports);
      await publishTallySnapshot(tally);
      publishedVersion = state.version;
      publishedReports = published;
    }
    if (shouldContinueAsNew()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof seriesTally>({
        seriesId: input.seriesId,
        key: input.key,
        state,
        pending: pending.splice(0),
        publishedVersion,
        publishedReports,
        continueAsNewEvery: input.continueAsNewEvery,
      });
    }
  }
}
