import { z } from 'zod';
import { ClaimSchema } from './claim.ts';
import { TallySummarySchema } from './tally.ts';

// The change feed of the read model and the events of `GET /api/subscribe` (Server-Sent Events).
// Shared by the read model, the SSE route, the dashboard and tests, so all of them read one contract.

/** A standing claim with its outlet: the `data` of an SSE `claim` event (the read model's ClaimView). */
export const ClaimViewSchema = z.object({
  seriesId: z.string().min(1),
  source: z.string(),
  url: z.string(),
  /** `occurredAt` of the event that first brought the claim into the read model. */
  reportedAt: z.iso.datetime({ offset: true }),
  claim: ClaimSchema,
});

/** A series tally: the `data` of an SSE `tally` event (the read model's TallyListing). */
export const TallyListingSchema = z.object({
  summary: TallySummarySchema,
  updatedAt: z.string(),
});

const entryFields = {
  /** Position in the feed: an integer, strictly increasing; the SSE event id. */
  seq: z.number().int().positive(),
  topic: z.string().min(1),
  seriesId: z.string().min(1),
  occurredAt: z.string(),
};

/**
 * One change feed entry: a claim that newly stands, or a series whose tally changed. Appended by the read model
 * in the transaction that applied the change, so a reader never sees the data without its entry or vice versa.
 */
export const FeedEntrySchema = z.discriminatedUnion('kind', [
  z.object({ ...entryFields, kind: z.literal('claim'), data: ClaimViewSchema }),
  z.object({ ...entryFields, kind: z.literal('tally'), data: TallyListingSchema }),
]);
export type FeedEntry = z.infer<typeof FeedEntrySchema>;
export type FeedEntryKind = FeedEntry['kind'];

/** Names of the SSE events of `GET /api/subscribe`. */
export const FEED_EVENTS = ['claim', 'tally', 'reset', 'error'] as const;

/**
 * `event: reset`: the requested resume point is not in the retained feed (older than the retained window, or
 * from another read model, e.g. one replaced by `claimwatch rebuild`). The stream goes on after `head` (also the
 * event's id); the client reloads the current state (GET /api/tallies, /api/claims) before applying what follows.
 */
export const FeedResetSchema = z.object({
  reason: z.string(),
  lastEventId: z.number().int().nonnegative(),
  head: z.number().int().nonnegative(),
});
export type FeedReset = z.infer<typeof FeedResetSchema>;

/** `event: error`: sent just before the server closes the stream, e.g. `slow consumer: buffer full`. */
export const FeedErrorSchema = z.object({ reason: z.string() });
export type FeedError = z.infer<typeof FeedErrorSchema>;
