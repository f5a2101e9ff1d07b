import { createHash } from 'node:crypto';
import type { Article } from '../../schemas/article.ts';
import type { DedupReason } from '../../domain/dedup/types.ts';

/**
 * Most UTF-8 bytes of an article's text. Articles travel inside workflow inputs and Temporal refuses payloads over
 * 2 MB: ingest refuses longer texts with this figure in the message (1 M ASCII characters, ~333 k CJK characters).
 */
export const MAX_ARTICLE_TEXT_BYTES = 1_000_000;

/** Most bytes of one processArticle input as JSON; the dispatcher dead-letters a raw message above it instead of starting it. */
export const MAX_WORKFLOW_INPUT_BYTES = 1_500_000;

/** Longest canonical id used as is in a workflow id; longer ones (not made by ingest) are hashed (Temporal caps ids at 1,000). */
export const MAX_READABLE_CANONICAL_ID = 200;

/** Where a raw article sits in Kafka: `topic/partition/offset`, the location of its dead letters. */
export interface RawLocation {
  topic: string;
  partition: number;
  offset: string;
}

/** Input of processArticle: one article from the raw topic, with its canonical id and trace ids. */
export interface ProcessArticleInput {
  article: Article;
  canonicalId: string;
  /** Envelope id of the raw message (causation) and the flow's correlation id. */
  messageId: string;
  correlationId: string;
  /** When ingest received the article (ISO); carried to the claims messages for latency metrics. */
  receivedAt?: string;
  /** Its raw-topic position (set by the dispatcher): where a dead letter about it points. */
  raw?: RawLocation;
}

/** An article processArticle dead-letters (refused) or counts only in part (claims over the cap): the dead-letter record's content. */
export interface ArticleDeadLetter {
  kind: 'refused' | 'claim-cap';
  reason: string;
  articleId: string;
  canonicalId: string;
  source: string;
  url: string;
  raw?: RawLocation;
}

/** What processArticle did; the dispatcher and tests read it. */
export interface ProcessArticleResult {
  articleId: string;
  duplicateOf: string | null;
  reason: DedupReason;
  similarity: number;
  claims: number;
  series: string[];
  extractorVersion: string;
  /** Why the article was dead-lettered instead of counted (absent when it went through). */
  deadLettered?: string;
  /** Claims the extractor found when more than the per-article cap (only `claims` of them were kept). */
  claimsFound?: number;
}

/** Workflow id of an article's processing: from its canonical id (a re-delivery is a no-op), scoped like seriesWorkflowId. */
export function articleWorkflowId(scope: string, canonicalId: string): string {
  return `${scope}/article:${boundedCanonicalId(canonicalId)}`;
}

/** A canonical id as it appears in workflow ids: as is up to MAX_READABLE_CANONICAL_ID characters, else its first 40 and a SHA-256. */
export function boundedCanonicalId(canonicalId: string): string {
  if (canonicalId.length <= MAX_READABLE_CANONICAL_ID) return canonicalId;
  return `${canonicalId.slice(0, 40)}…#${createHash('sha256').update(canonicalId).digest('hex').slice(0, 32)}`;
}

/** Input of processArticleBatch: consecutive articles of one raw-topic partition, in offset order. */
export interface ProcessArticleBatchInput {
  /** Where the batch came from (`<partition>:<firstOffset>-<lastOffset>`); names the workflow and its tally deliveries. */
  batchId: string;
  items: ProcessArticleInput[];
}

/** Workflow id of a micro-batch: from its raw-topic coordinates, so the same re-delivered batch is a no-op. */
export function articleBatchWorkflowId(scope: string, batchId: string): string {
  return `${scope}/articles:${batchId}`;
}
