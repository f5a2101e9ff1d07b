import type { z } from 'zod';
import type { Claim } from '../../../schemas/claim.ts';
import type { FeedEntry } from '../../../schemas/feed.ts';
import type { TallySummary } from '../../../schemas/tally.ts';
import type { ClaimsTopicMessageSchema } from '../../../schemas/topics.ts';

/** A parsed claims-topic message: the envelope plus its tally event (see ClaimsTopicMessageSchema). */
export type ClaimsEnvelope = z.output<typeof ClaimsTopicMessageSchema>;

/** One tally event to fold, with the series it belongs to (the Kafka key of the claims topic). */
export interface ClaimsEventInput {
  seriesId: string;
  envelope: ClaimsEnvelope;
}

/** The last message of a topic partition that a transaction covered; stored with the data it produced. */
export interface StreamPosition {
  topic: string;
  partition: number;
  offset: string;
}

/** A refused input as the read model keeps it: from the dead-letter topic, or a message the projector could not parse. */
export interface DeadLetterRecord {
  /** Envelope id, or `bad:topic/partition/offset` for an unparseable message; recording one id twice is a no-op. */
  id: string;
  occurredAt: string;
  source: string;
  reason: string;
  problems: string[];
  location: string | null;
  /** The start of the original payload (the dead-letter topic holds the whole of it). */
  payloadPreview: string;
}

export interface ApplyResult {
  /** Events folded (new envelope ids), whether or not they changed a tally. */
  applied: number;
  /** Envelope ids seen before, skipped. */
  skipped: number;
  /** Series whose tally changed, sorted. */
  changedSeries: string[];
}

export interface TopicOverview {
  topic: string;
  series: number;
  claims: number;
  lastUpdate: string | null;
}

export interface TallyListing {
  summary: TallySummary;
  /** `occurredAt` of the newest event that changed the tally: from the log, so a rebuild gives the same value. */
  updatedAt: string;
}

/** A standing claim (superseded extractions are gone) with the outlet that published it. */
export interface ClaimView {
  seriesId: string;
  source: string;
  url: string;
  /** `occurredAt` of the event that first brought this claim into the read model. */
  reportedAt: string;
  claim: Claim;
}

export interface ClaimPage {
  claims: ClaimView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ListClaimsQuery {
  topic?: string;
  /** ISO date: claims whose asOf is on or after it. */
  since?: string;
  limit: number;
  cursor?: string;
}

export type { FeedEntry } from '../../../schemas/feed.ts';

export interface FeedQuery {
  /** Only entries of these claim topics; all topics when absent. */
  topics?: readonly string[];
  /** Only entries of these series ids; all series when absent. */
  series?: readonly string[];
  limit: number;
}

export interface DeadLetterStats {
  total: number;
  bySourceAndReason: Array<{ source: string; reason: string; count: number; lastAt: string }>;
  recent: DeadLetterRecord[];
}

/**
 * The queryable projection of the claims topics. SQLite (./sqlite-read-model.ts) is the embedded default;
 * several API processes on several hosts would share a server store instead: a Postgres implementation of this
 * interface (same tables, `applyClaimsEvents` in one transaction with SELECT … FOR UPDATE on the series rows)
 * selected by the composition root. Writers are projectors; readers are the HTTP API and the CLI.
 */
export interface ReadModel {
  /** Folds a batch of tally events in ONE transaction, skipping envelope ids already applied; records `positions` with it. */
  applyClaimsEvents(
    events: readonly ClaimsEventInput[],
    options?: { positions?: readonly StreamPosition[] },
  ): ApplyResult;
  /** Keeps refused inputs (counts forever, the most recent N in full); idempotent by id. */
  recordDeadLetters(letters: readonly DeadLetterRecord[], options?: { positions?: readonly StreamPosition[] }): number;
  listTopics(): TopicOverview[];
  /** Tallies sorted by series id. */
  listTallies(query?: { topic?: string }): TallyListing[];
  /** The tally with every report and its evidence; undefined when the series is unknown. */
  getSeries(seriesId: string): TallyListing | undefined;
  /** Newest claims first (asOf, then id, descending); throws InvalidInputError for a malformed cursor. */
  listClaims(query: ListClaimsQuery): ClaimPage;
  deadLetterStats(options?: { recent?: number }): DeadLetterStats;
  /**
   * Change feed entries with seq > `afterSeq` matching the query, oldest first, at most `limit`. Each applied batch
   * appends one `claim` entry per newly standing claim and one `tally` entry per changed series, in its transaction.
   */
  feedAfter(afterSeq: number, query: FeedQuery): FeedEntry[];
  /** The newest entry's seq; 0 when the feed is empty. */
  feedHead(): number;
  /**
   * Every entry with seq > floor is retained (older ones were pruned, or belong to another store): a reader resuming
   * from a seq below the floor, or above the last seq this store assigned, has lost entries and must reload (SSE `reset`).
   */
  feedFloor(): number;
  /** Next offset to read per topic partition, as far as this store has applied. */
  positions(): Array<{ topic: string; partition: number; nextOffset: string }>;
  /** Cheap liveness check for /healthz; throws when the store is unusable. */
  ping(): void;
  close(): void;
}
