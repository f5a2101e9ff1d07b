import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Article } from '../../schemas/article.ts';
import type { Claim } from '../../schemas/claim.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import type { MessageMetadata } from '../../schemas/envelope.ts';
import type { Decision } from '../../domain/dedup/types.ts';
import { fingerprint } from '../../domain/dedup/fingerprint.ts';
import { extractClaims, EXTRACTOR_VERSION } from '../../domain/extract/index.ts';
import type { DedupIndex } from '../../services/dedup-index/dedup-index.ts';
import type { EventProducer, OutgoingMessage } from '../../services/platform/kafka.ts';
import { envelope, stableId } from '../../services/bus/envelopes.ts';
import type { TopicNames } from '../../schemas/topics.ts';
import type { TallyEvent } from '../../schemas/tally.ts';
import { ClaimwatchError } from '../../services/platform/errors.ts';
import type { seriesTally } from '../series-tally/workflow.ts';
import { seriesWorkflowId, tallyEventsSignal, type TallyDelivery } from '../series-tally/messages.ts';
import type { SeriesEvents } from './messages.ts';
import type { PipelineMetrics } from '../../services/ops/metrics.ts';

export interface ProcessArticleDeps {
  dedupIndex: DedupIndex;
  producer: EventProducer;
  topics: TopicNames;
  taxonomy: () => Taxonomy;
  client: Client;
  taskQueue: string;
  /** Workflow id scope (the topic prefix). */
  scope: string;
  metrics?: PipelineMetrics;
}

/**
 * The idempotency key of a tally event in one series: the same fact always yields the same
 * message id. Copies and replacements go to every series an article feeds, so the series is part of it.
 */
export function tallyEventId(seriesId: string, event: TallyEvent): string {
  switch (event.type) {
    case 'ClaimReported':
      return stableId('claim', event.data.claim.id);
    case 'ArticleCopyRecorded':
      return stableId('copy', seriesId, event.data.articleId, event.data.canonicalArticleId);
    case 'ArticleClaimsReplaced':
      return stableId('replace', seriesId, event.data.articleId, event.data.extractorVersion, ...event.data.claims.map((c) => c.id));
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** Carries retry meaning across the activity boundary: our non-retriable errors stop retries. */
function retryMeaning(err: unknown): never {
  if (err instanceof ClaimwatchError && !err.retriable) throw ApplicationFailure.nonRetryable(err.message, err.name);
  throw err;
}

/** Activities of processArticle, built by the worker with its dependencies. */
export function createProcessArticleActivities(deps: ProcessArticleDeps) {
  return {
    /** Dedups the article against the shared index (atomic check-and-insert) and extracts its claims. */
    async analyseArticle(article: Article): Promise<{ decision: Decision; claims: Claim[]; extractorVersion: string }> {
      let decision: Decision;
      try {
        decision = await deps.dedupIndex.checkAndInsert(fingerprint(article));
      } catch (err) {
        return retryMeaning(err);
      }
      if (decision.duplicateOf !== null) deps.metrics?.duplicates.inc('copy');
      return { decision, claims: extractClaims(article, deps.taxonomy()), extractorVersion: EXTRACTOR_VERSION };
    },

    /** Publishes each series' events to its claim topic, keyed by series id, with deterministic ids. */
    async publishTallyEvents(input: { plan: SeriesEvents[]; trace: MessageMetadata; receivedAt?: string }): Promise<number> {
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const series of input.plan) {
        const topic = deps.topics.claims(series.key.topic);
        const list = byTopic.get(topic) ?? [];
        for (const event of series.events) {
          const env = envelope(event.type, event.data, { id: tallyEventId(series.seriesId, event), metadata: input.trace });
          // The header lets the projector measure ingest → tally latency without changing the envelope.
          const headers: Record<string, string> = { type: event.type, ...(input.receivedAt ? { 'received-at': input.receivedAt } : {}) };
          list.push({ key: series.seriesId, value: JSON.stringify(env), headers });
        }
        byTopic.set(topic, list);
      }
      try {
        for (const [topic, messages] of byTopic) await deps.producer.send(topic, messages);
      } catch (err) {
        return retryMeaning(err);
      }
      deps.metrics?.claimsPublished.inc(input.plan.reduce((n, s) => n + s.events.filter((e) => e.type === 'ClaimReported').length, 0));
      return [...byTopic.values()].reduce((n, m) => n + m.length, 0);
    },

    /** Signals each series' entity workflow, starting it if needed (signal-with-start). */
    async deliverToTallies(input: { plan: SeriesEvents[]; deliveryId: string }): Promise<void> {
      await Promise.all(
        input.plan.map((series) =>
          deps.client.workflow.signalWithStart<typeof seriesTally, [TallyDelivery]>('seriesTally', {
            workflowId: seriesWorkflowId(deps.scope, series.seriesId),
            taskQueue: deps.taskQueue,
            args: [{ seriesId: series.seriesId, key: series.key }],
            signal: tallyEventsSignal,
            signalArgs: [{ deliveryId: `${input.deliveryId}:${series.seriesId}`, events: series.events }],
          }),
        ),
      );
    },
  };
}

export type ProcessArticleActivities = ReturnType<typeof createProcessArticleActivities>;
