import { z } from 'zod';
import { ArticleSchema } from './article.ts';
import { DedupReasonSchema } from './dedup.ts';
import { envelopeSchema } from './envelope.ts';
import { PublishedTallySchema, TallyEventSchema } from './tally.ts';

/**
 * The Kafka topics of claimwatch, versioned by name and created explicitly (no auto-creation).
 * Claims go to one topic per claim topic, so a stock Kafka client subscribes to exactly one.
 */
export function topicNames(prefix: string) {
  return {
    /** Raw articles as ingested. Key: canonical article id. */
    rawArticles: `${prefix}.articles.raw.v1`,
    /** Tally events (claim reported, copy recorded, claims replaced) of one claim topic. Key: series id. */
    claims: (claimTopic: string) => `${prefix}.claims.${claimTopic}.v1`,
    /** Latest tally snapshot per series (compacted). Key: series id. */
    tallies: `${prefix}.tallies.v1`,
    /** Bad input with the reason, the source and the original payload. Key: the source. */
    deadLetters: `${prefix}.deadletter.v1`,
    /** Webhook subscriptions registered / removed (compacted). Key: subscription id. */
    subscriptions: `${prefix}.subscriptions.v1`,
    /** Dedup verdicts in the order the index gave them (one partition, kept forever). Key: article id. */
    dedupVerdicts: `${prefix}.dedup.v1`,
    /** Each process's counter totals, for cluster-wide pipeline health (compacted, one partition). Key: process id. */
    processCounters: `${prefix}.process-counters.v1`,
  };
}
export type TopicNames = ReturnType<typeof topicNames>;

/** How an article entered claimwatch. */
export const IngestChannelSchema = z.enum(['file', 'stdin', 'http', 'feed', 'backfill', 'sample']);

/** An article on the raw topic: the article plus its canonical id and how it arrived. */
export const ArticleReceivedSchema = envelopeSchema(
  z.literal('ArticleReceived'),
  z.object({
    article: ArticleSchema,
    canonicalId: z.string().min(1),
    channel: IngestChannelSchema,
    receivedAt: z.iso.datetime({ offset: true }),
  }),
);
export type ArticleReceived = z.infer<typeof ArticleReceivedSchema>;

/** A tally event on a claims topic; envelope.type repeats the event type for stock consumers. */
export const ClaimsTopicMessageSchema = envelopeSchema(
  z.enum(['ClaimReported', 'ArticleCopyRecorded', 'ArticleClaimsReplaced']),
  z.unknown(),
).transform((env, ctx) => {
  const event = TallyEventSchema.safeParse({ type: env.type, data: env.data });
  if (!event.success) {
    for (const issue of event.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
    return z.NEVER;
  }
  return { ...env, event: event.data };
});

/** A new version of a series tally on the tallies topic: its headline, and the reports that changed. */
export const TallyPublishedSchema = envelopeSchema(z.literal('TallyPublished'), PublishedTallySchema);
export type TallyPublished = z.infer<typeof TallyPublishedSchema>;

/** Bad input, kept with the reason and the original payload so nothing is lost. */
export const DeadLetterSchema = envelopeSchema(
  z.literal('DeadLetter'),
  z.object({
    reason: z.string(),
    problems: z.array(z.string()),
    source: z.string(),
    location: z.string().nullable(),
    payload: z.string(),
  }),
);
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

/** The dedup index's verdict on one article, as it was given: `claimwatch rebuild --dedup-index` rebuilds the index from these. */
export const DedupVerdictSchema = envelopeSchema(
  z.literal('DedupVerdict'),
  z.object({
    articleId: z.string().min(1),
    duplicateOf: z.string().nullable(),
    similarity: z.number().min(0).max(1),
    reason: DedupReasonSchema,
    /** A copy published earlier than the group's original becomes the original: the former original's id. */
    supersedes: z.string().optional(),
  }),
);
export type DedupVerdict = z.infer<typeof DedupVerdictSchema>;
