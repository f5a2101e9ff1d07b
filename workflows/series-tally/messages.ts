import { defineQuery, defineSignal } from '@temporalio/workflow';
import type {
  BoundedTally,
  SeriesKey,
  TallyEvent,
  TallyHeadlineView,
  TallySnapshot,
  TallyState,
} from '../../schemas/tally.ts';
import type { PublishedReports } from '../../domain/tally/publish.ts';

/** Tally events for one series, delivered at least once (a delivery id makes retries recognisable). */
export interface TallyDelivery {
  deliveryId: string;
  events: TallyEvent[];
}

/** Input of the series tally entity workflow; `bounded` (or, from runs before it, `state`) and `pending` carry over continue-as-new (plain JSON). */
export interface SeriesTallyInput {
  seriesId: string;
  key: SeriesKey;
  /** The whole fold's state: what runs before the bounded state (patch `bounded-series-state`) carried over. */
  state?: TallyState;
  /** The bounded state (domain/tally/bounded.ts): the reports that can still change the headline, the rest aggregated. */
  bounded?: BoundedTally;
  pending?: TallyDelivery[];
  /** Version last published to the tallies topic, so a new run does not republish it. */
  publishedVersion?: number;
  /** Fingerprints of the kept reports as last published (by claim id), so the next message carries only what changed. */
  publishedReports?: PublishedReports;
  /** Continue as new after this many deliveries even if Temporal does not suggest it yet (tests use small values). */
  continueAsNewEvery?: number;
  /** Workflow time (ms) at which the latest version is published again (the tally fence; see the workflow). */
  fenceAt?: number;
  /** How long after a slow publish the fence republishes (default TALLY_FENCE_AFTER_MS; tests use small values). */
  fenceAfterMs?: number;
}

export const tallyEventsSignal = defineSignal<[TallyDelivery]>('tallyEvents');
/**
 * The headline's figures with the reports the workflow keeps (every report until some are archived: see
 * domain/tally/bounded.ts). Every report of a series, with its evidence: the read model (API `/api/series/:id`).
 */
export const tallySnapshotQuery = defineQuery<TallySnapshot>('tallySnapshot');
/** The headline in full and the most recent reports (evidence text, and every report: the read model and its API). */
export const tallyHeadlineQuery = defineQuery<TallyHeadlineView>('tallyHeadline');
/** The bounded state itself (kept reports and aggregates), for diagnosis. */
export const tallyStateQuery = defineQuery<BoundedTally>('tallyState');

/**
 * Workflow id of a series' entity workflow: one per series per pipeline. `scope` is the topic
 * prefix, so pipelines sharing a Temporal namespace (tests, staging) never share entities.
 */
export function seriesWorkflowId(scope: string, seriesId: string): string {
  return `${scope}/tally:${seriesId}`;
}
