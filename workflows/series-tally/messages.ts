import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { SeriesKey, TallyEvent, TallySnapshot, TallyState } from '../../schemas/tally.ts';
import type { PublishedReports } from '../../domain/tally/publish.ts';

/** Tally events for one series, delivered at least once (a delivery id makes retries recognisable). */
export interface TallyDelivery {
  deliveryId: string;
  events: TallyEvent[];
}

/** Input of the series tally entity workflow; `state` and `pending` carry over continue-as-new (plain JSON). */
export interface SeriesTallyInput {
  seriesId: string;
  key: SeriesKey;
  state?: TallyState;
  pending?: TallyDelivery[];
  /** Version last published to the tallies topic, so a new run does not republish it. */
  publishedVersion?: number;
  /** Fingerprints of the reports as last published (by claim id), so the next message carries only what changed. */
  publishedReports?: PublishedReports;
  /** Continue as new after this many deliveries even if Temporal does not suggest it yet (tests use small values). */
  continueAsNewEvery?: number;
  /** Workflow time (ms) at which the latest version is published again (the tally fence; see the workflow). */
  fenceAt?: number;
  /** How long after a slow publish the fence republishes (default TALLY_FENCE_AFTER_MS; tests use small values). */
  fenceAfterMs?: number;
}

export const tallyEventsSignal = defineSignal<[TallyDelivery]>('tallyEvents');
export const tallySnapshotQuery = defineQuery<TallySnapshot>('tallySnapshot');
export const tallyStateQuery = defineQuery<TallyState>('tallyState');

/**
 * Workflow id of a series' entity workflow: one per series per pipeline. `scope` is the topic
 * prefix, so pipelines sharing a Temporal namespace (tests, staging) never share entities.
 */
export function seriesWorkflowId(scope: string, seriesId: string): string {
  return `${scope}/tally:${seriesId}`;
}
