import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Article } from '../../../schemas/article.ts';
import type { Taxonomy } from '../../../schemas/taxonomy.ts';
import type { TallySnapshot, TallySummary } from '../../../schemas/tally.ts';
import type { BackfillStatus } from '../../../schemas/backfill.ts';
import { createBackfills, type Backfills } from '../../../services/surfaces/backfill/backfills.ts';
import { createPipelineContext, dispatcherService, type PipelineContext } from '../../../services/app/pipeline.ts';
import { topicNames, type ArticleReceived } from '../../../schemas/topics.ts';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import { envelope } from '../../../services/platform/bus/envelopes.ts';
import { articleWorkflowId } from '../../../workflows/process-article/messages.ts';
import { connectClient } from '../../../services/platform/temporal.ts';
import { createWorkerService } from '../../../workflows/worker.ts';
import type { BatchTask } from '../../../workflows/backfill/messages.ts';
import { seriesWorkflowId } from '../../../workflows/series-tally/messages.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';
import { terminateRunning } from '../../support/temporal.ts';

/** A backfill's batch starts seen by one worker. */
export type BatchLog = Array<{ index: number; attempt: number; backfillId: string }>;

export interface BackfillEnv {
  ctx: PipelineContext;
  client: Client;
  scope: string;
  taskQueue: string;
  backfills: Backfills;
  /** Starts a worker on the env's task queue (several may run; stop them with stopWorker). */
  startWorker(options?: { taxonomy?: Taxonomy }): Promise<{ batches: BatchLog; stop: () => Promise<void> }>;
  /** Runs the live path too: a dispatcher on the raw topic, starting processArticle on the env's queue. */
  startDispatcher(): Promise<void>;
  /** Publishes articles to the raw topic as ingest would, and waits until their processArticle runs completed. */
  ingest(articles: readonly Article[]): Promise<void>;
  waitFinished(id: string, timeoutMs?: number): Promise<BackfillStatus>;
  summaries(seriesIds: readonly string[]): Promise<Map<string, TallySnapshot>>;
  stop(): Promise<void>;
}

/** A pipeline context on a unique prefix, task queue and data dir, with workers started on demand. */
export async function backfillEnv(): Promise<BackfillEnv> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cw-backfill-'));
  const scope = uniqueName('bf');
  // The live path waits on per-article workflows.
  const { config, log } = testContext({
    KAFKA_TOPIC_PREFIX: scope,
    CLAIMWATCH_DATA_DIR: dataDir,
    DISPATCH_BATCH_MAX: '1',
  });
  const ctx = await createPipelineContext(config, log);
  const taskQueue = `${scope}-q`;
  const { client, close } = await connectClient(config.temporal);
  const workers: Array<() => Promise<void>> = [];
  const backfills = createBackfills({ client, scope, taskQueue });
  return {
    ctx,
    client,
    scope,
    taskQueue,
    backfills,
    async startWorker(options = {}) {
      const batches: BatchLog = [];
      const taxonomy = options.taxonomy ?? ctx.taxonomy;
      const worker = createWorkerService({
        config,
        log,
        bus: ctx.bus,
        clients: ctx.clients,
        topics: ctx.topics,
        dedupIndex: ctx.dedupIndex(),
        taxonomy: () => taxonomy,
        taskQueue,
        onBackfillBatch: (task: BatchTask, attempt: number) =>
          batches.push({ index: task.index, attempt, backfillId: task.backfillId }),
      });
      await worker.start();
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        await worker.stop();
      };
      workers.push(stop);
      return { batches, stop };
    },
    async startDispatcher() {
      const dispatcher = dispatcherService(ctx, { taskQueue });
      await dispatcher.start();
      workers.push(() => dispatcher.stop());
    },
    async ingest(articles) {
      const producer = await ctx.bus.createProducer();
      try {
        await producer.send(
          topicNames(scope).rawArticles,
          articles.map((article) => {
            const canonicalId = canonicalArticleId(article);
            const env: ArticleReceived = envelope('ArticleReceived', {
              article,
              canonicalId,
              channel: 'sample',
              receivedAt: new Date().toISOString(),
            });
            return { key: canonicalId, value: JSON.stringify(env) };
          }),
        );
      } finally {
        await producer.disconnect();
      }
      for (const id of new Set(articles.map((a) => articleWorkflowId(scope, canonicalArticleId(a))))) {
        await waitFor(
          async () => ((await client.workflow.getHandle(id).describe()).status.name === 'COMPLETED' ? true : undefined),
          {
            timeoutMs: 120_000,
            intervalMs: 200,
            what: `workflow ${id}`,
          },
        );
      }
    },
    async waitFinished(id, timeoutMs = 170_000) {
      return waitFor(
        async () => {
          const s = await backfills.status(id);
          return ['completed', 'cancelled', 'failed'].includes(s.state) ? s : undefined;
        },
        { timeoutMs, intervalMs: 250, what: `backfill ${id} to finish` },
      );
    },
    async summaries(seriesIds) {
      const out = new Map<string, TallySnapshot>();
      // After a worker restart a series may wait for a task the stopped worker took (its task timeout) before it
      // answers queries again: retry until a worker serves it.
      for (const id of seriesIds) {
        const handle = client.workflow.getHandle(seriesWorkflowId(scope, id));
        out.set(
          id,
          await waitFor(() => handle.query<TallySnapshot>('tallySnapshot').catch(() => undefined), {
            timeoutMs: 90_000,
            intervalMs: 500,
            what: `series ${id} to answer`,
          }),
        );
      }
      return out;
    },
    async stop() {
      await terminateRunning(client, taskQueue);
      for (const stop of workers) await stop();
      await close();
      await ctx.close();
    },
  };
}

/** Writes articles as a JSON-lines archive in a temp dir; returns its path. */
export async function writeArchive(articles: readonly Article[], name = 'archive.jsonl'): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'cw-archive-')), name);
  await writeFile(file, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  return file;
}

/**
 * A summary with every extractor version string replaced by `V` and the fold's counters dropped: what the
 * figures say, independent of which version stamped them (a backfill re-stamps claims it re-extracts).
 */
export function figuresOf(summary: TallySummary): unknown {
  const { version: _version, extractorVersions: _versions, ...rest } = summary;
  return JSON.parse(
    JSON.stringify(rest, (key, value: unknown) =>
      key === 'extractor' ? { ...(value as object), version: 'V' } : value,
    ),
  );
}

/** A window covering every date the tests use. */
export const WIDE = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };
