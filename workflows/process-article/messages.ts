import type { Article } from '../../schemas/article.ts';
import type { SeriesKey, TallyEvent } from '../../schemas/tally.ts';
import type { DedupReason } from '../../domain/dedup/types.ts';

/** Input of processArticle: one article from the raw topic, with its canonical id and trace ids. */
export interface ProcessArticleInput {
  article: Article;
  canonicalId: string;
  /** Envelope id of the raw message (causation) and the flow's correlation id. */
  messageId: string;
  correlationId: string;
  /** When ingest received the article (ISO); carried to the claims messages for latency metrics. */
  receivedAt?: string;
}

/** Tally events for one series, ready to publish and deliver. */
export interface SeriesEvents {
  seriesId: string;
  key: SeriesKey;
  events: TallyEvent[];
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
}

/** Workflow id of an article's processing: from its canonical id (a re-delivery is a no-op), scoped like seriesWorkflowId. */
export function articleWorkflowId(scope: string, canonicalId: string): string {
  return `${scope}/article:${canonicalId}`;
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
