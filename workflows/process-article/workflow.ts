import { proxyLocalActivities } from '@temporalio/workflow';
import type { ProcessArticleActivities } from './activities.ts';
import { planTallyEvents } from './plan.ts';
import type { ProcessArticleInput, ProcessArticleResult } from './messages.ts';

// Local activities: each step is short and idempotent, and running them inside the workflow task
// saves a task round trip per step, which is what bounds throughput on one Temporal shard.
const { dedupArticle, extractArticleClaims, publishTallyEvents, deliverToTallies } = proxyLocalActivities<ProcessArticleActivities>({
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '500ms', maximumInterval: '30s', nonRetryableErrorTypes: ['InvalidInputError'] },
});

/**
 * One article through the pipeline: dedup → extract → publish its tally events to the claims
 * topics (deterministic ids) → deliver them to the series tally workflows. Every step is
 * idempotent, so retries and replays never count an article twice.
 */
export async function processArticle(input: ProcessArticleInput): Promise<ProcessArticleResult> {
  const { article } = input;
  const decision = await dedupArticle(article);
  const extraction = await extractArticleClaims(article);
  const plan = planTallyEvents(article, extraction.claims, decision.duplicateOf);
  const trace = { correlationId: input.correlationId, causationId: input.messageId };
  await publishTallyEvents({ plan, trace });
  await deliverToTallies({ plan, deliveryId: input.canonicalId });
  return {
    articleId: article.id,
    duplicateOf: decision.duplicateOf,
    reason: decision.reason,
    similarity: decision.similarity,
    claims: decision.duplicateOf === null ? extraction.claims.length : 0,
    series: plan.map((p) => p.seriesId),
    extractorVersion: extraction.extractorVersion,
  };
}
