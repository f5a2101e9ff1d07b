import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import type { TopicNames } from '../../schemas/topics.ts';
import type { BackfillRequest } from '../../schemas/backfill.ts';
import { fingerprint } from '../../domain/dedup/fingerprint.ts';
import { extractClaims } from '../../domain/extract/index.ts';
import type { DedupIndex } from '../../services/stores/dedup-index/dedup-index.ts';
import type { EventProducer, KafkaBus } from '../../services/platform/kafka.ts';
import type { Logger } from '../../services/platform/logger.ts';
import { createProcessArticleActivities } from '../process-article/activities.ts';
import type { BatchResult, BatchTask } from './messages.ts';
import { inWindow, matchesSource, type SourceRange } from './plan.ts';
import { backfillExtractorVersion, planBatchEvents, type AnalysedArticle } from './replacements.ts';
import { planArchive, planKafka, readBatch } from './sources.ts';
import { toApplicationFailure } from '../../services/platform/edge.ts';

export interface BackfillDeps {
  dedupIndex: DedupIndex;
  producer: EventProducer;
  bus: KafkaBus;
  topics: TopicNames;
  taxonomy: () => Taxonomy;
  client: Client;
  taskQueue: string;
  /** Workflow id scope (the topic prefix). */
  scope: string;
  log: Logger;
  /** Series signalled at once while delivering a batch. */
  deliveryConcurrency?: number;
  /** Told when a batch starts executing (tests count executions). */
  onBatchStart?: (task: BatchTask, attempt: number) => void;
}

/** Progress inside a batch, sent as heartbeat details so a retried attempt resumes where the last one stopped. */
type BatchCheckpoint =
  { stage: 'planned' } | { stage: 'published'; delivered: number } | { stage: 'recorded'; result: BatchResult };

/** Activities of the backfill workflow, built by the worker with its dependencies. */
export function createBackfillActivities(deps: BackfillDeps) {
  // The same publish (deterministic envelope ids) and delivery (signal-with-start) as processArticle.
  const tallies = createProcessArticleActivities(deps);
  const log = deps.log.child({ component: 'backfill' });

  const checkpoint = (ctx: Context, details: BatchCheckpoint) => {
    ctx.heartbeat(details);
    if (ctx.cancellationSignal.aborted) throw new CancelledFailure('backfill batch cancelled');
  };

  return {
    /** Plans a request into ranges of records (offsets per partition, or lines per archive file) and pins the extractor version. */
    async planBackfill(input: {
      request: BackfillRequest;
      batchSize: number;
    }): Promise<{ ranges: SourceRange[]; extractorVersion: string }> {
      const { request, batchSize } = input;
      try {
        const ranges =
          request.input !== undefined
            ? await planArchive(request.input, batchSize)
            : await planKafka(deps.bus, deps.topics.rawArticles, request);
        return { ranges, extractorVersion: backfillExtractorVersion(deps.taxonomy()) };
      } catch (err) {
        return toApplicationFailure(err);
      }
    },

    /**
     * One batch: read its records, keep those in the window (and of the source), dedup them in one transaction
     * (an article already indexed gets its first answer back, never "a copy of itself"), extract, publish the
     * batch's tally events to the claims topics and deliver them with one signal-with-start per series, then
     * record which series each original now feeds. Heartbeats its progress; fails non-retryably when this
     * worker's taxonomy is not the one the backfill was planned with.
     */
    async runBackfillBatch(task: BatchTask): Promise<BatchResult> {
      const ctx = Context.current();
      deps.onBatchStart?.(task, ctx.info.attempt);
      const resume = ctx.info.heartbeatDetails as BatchCheckpoint | undefined;
      if (resume?.stage === 'recorded') return resume.result;
      const taxonomy = deps.taxonomy();
      const version = backfillExtractorVersion(taxonomy);
      if (version !== task.extractorVersion) {
        throw ApplicationFailure.nonRetryable(
          `this worker extracts at ${version}, the backfill was planned at ${task.extractorVersion}`,
          'ExtractorVersionChanged',
        );
      }

      let read;
      try {
        read = await readBatch(deps.bus, task.range);
      } catch (err) {
        return toApplicationFailure(err);
      }
      for (const b of read.bad)
        log.warn(
          { backfill: task.backfillId, location: b.location, problems: b.problems },
          'unreadable record skipped',
        );
      const articles = read.articles
        .filter((h) => inWindow(h.at, task.request) && matchesSource(h.article.source, task.request.source))
        .map((h) => h.article);
      const decisions = await deps.dedupIndex
        .checkAndInsertMany(articles.map((a) => fingerprint(a)))
        .catch(toApplicationFailure);
      const previous = await deps.dedupIndex.seriesOf(articles.map((a) => a.id)).catch(toApplicationFailure);
      const analysed: AnalysedArticle[] = [];
      for (const [i, article] of articles.entries()) {
        // Extraction is CPU-bound on this thread: yield now and then so heartbeats and other tasks keep flowing.
        if (i % 25 === 24) {
          await new Promise((resolve) => setImmediate(resolve));
          ctx.heartbeat(resume);
        }
        const decision = decisions[i];
        analysed.push({
          article,
          duplicateOf: decision?.duplicateOf ?? null,
          reason: decision?.reason ?? null,
          claims: extractClaims(article, taxonomy),
          previous: previous.get(article.id),
          ...(decision?.supersedes !== undefined && {
            superseded: {
              supersedes: decision.supersedes,
              ...(decision.supersedesRef && { supersedesRef: decision.supersedesRef }),
            },
          }),
        });
      }
      const plan = planBatchEvents(analysed, version, task.request.topic);

      const trace = { correlationId: `backfill:${task.backfillId}`, causationId: null };
      if (resume?.stage !== 'published') {
        checkpoint(ctx, { stage: 'planned' });
        await tallies.publishTallyEvents({ plan: plan.series, trace });
        checkpoint(ctx, { stage: 'published', delivered: 0 });
      }
      const step = deps.deliveryConcurrency ?? 8;
      for (let i = resume?.stage === 'published' ? resume.delivered : 0; i < plan.series.length; i += step) {
        await tallies.deliverToTallies({
          plan: plan.series.slice(i, i + step),
          deliveryId: `${deps.scope}/backfill:${task.backfillId}/${task.index}`,
        });
        checkpoint(ctx, { stage: 'published', delivered: Math.min(plan.series.length, i + step) });
      }
      await deps.dedupIndex.recordSeries(plan.records, 'replace').catch(toApplicationFailure);
      const result: BatchResult = {
        records: read.records,
        matched: articles.length,
        originals: plan.originals,
        copies: plan.copies,
        skipped: plan.skipped,
        errors: read.bad.length,
        events: plan.series.reduce((n, s) => n + s.events.length, 0),
      };
      ctx.heartbeat({ stage: 'recorded', result } satisfies BatchCheckpoint);
      return result;
    },
  };
}

export type BackfillActivities = ReturnType<typeof createBackfillActivities>;
