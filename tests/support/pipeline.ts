import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { ArticleSchema, type Article } from '../../schemas/article.ts';
import { topicNames, type ArticleReceived } from '../../schemas/topics.ts';
import { canonicalArticleId } from '../../domain/ingest/canonical-id.ts';
import { envelope } from '../../services/platform/bus/envelopes.ts';
import { connectClient } from '../../services/platform/temporal.ts';
import {
  createPipelineContext,
  dispatcherService,
  workerService,
  type PipelineContext,
} from '../../services/app/pipeline.ts';
import { superviseServices } from '../../services/platform/service.ts';
import { articleWorkflowId } from '../../workflows/process-article/messages.ts';
import { repoRoot } from '../../services/platform/config.ts';
import { testContext, uniqueName, waitFor } from './harness.ts';
import { terminateRunning } from './temporal.ts';

/** The team's sample corpus (samples/corpus.jsonl), validated. */
export async function sampleCorpus(): Promise<Article[]> {
  const text = await readFile(path.join(repoRoot, 'samples', 'corpus.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ArticleSchema.parse(JSON.parse(l)));
}

export interface RunningPipeline {
  ctx: PipelineContext;
  client: Client;
  taskQueue: string;
  /** Workflow id scope: the topic prefix. */
  scope: string;
  publish(articles: Article[]): Promise<void>;
  /** Waits until every given article's processArticle workflow has completed. */
  settle(articles: Article[]): Promise<void>;
  /** Waits until the dispatchers' consumer group has committed everything on the raw topic. */
  waitDispatched(): Promise<void>;
  /** Starts one more dispatcher in the same consumer group. */
  addDispatcher(): Promise<void>;
  /** Stops the dispatchers `addDispatcher` started (the workers go on). */
  stopAddedDispatchers(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts worker(s) and dispatcher(s) in this process on a unique topic prefix, task queue and data dir. */
export async function startPipeline(
  options: {
    workers?: number;
    dispatchers?: number;
    prefix?: string;
    dataDir?: string;
    taskQueue?: string;
    dispatchBatchMax?: number;
    dispatchBatchMin?: number;
    env?: Record<string, string>;
  } = {},
): Promise<RunningPipeline> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'cw-pipeline-')));
  const prefix = options.prefix ?? uniqueName('t');
  const { config, log } = testContext({
    KAFKA_TOPIC_PREFIX: prefix,
    CLAIMWATCH_DATA_DIR: dataDir,
    // Tests name their dispatch mode: one processArticle workflow per article unless they ask for batches.
    DISPATCH_BATCH_MAX: String(options.dispatchBatchMax ?? 1),
    ...(options.dispatchBatchMin !== undefined && { DISPATCH_BATCH_MIN: String(options.dispatchBatchMin) }),
    ...options.env,
  });
  const ctx = await createPipelineContext(config, log);
  const taskQueue = options.taskQueue ?? `${prefix}-q`;
  const services = [
    ...Array.from({ length: options.workers ?? 1 }, () => workerService(ctx, taskQueue)),
    ...Array.from({ length: options.dispatchers ?? 1 }, () => dispatcherService(ctx, { taskQueue })),
  ];
  const supervisor = await superviseServices(services, log, { signals: false });
  const extra: Array<{ stop: () => Promise<void> }> = [];
  const { client, close } = await connectClient(config.temporal);
  const producer = await ctx.bus.createProducer();
  const topics = topicNames(prefix);
  return {
    ctx,
    client,
    taskQueue,
    scope: prefix,
    async publish(articles) {
      await producer.send(
        topics.rawArticles,
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
    },
    async settle(articles) {
      // With micro-batching on, an article is settled when its own workflow or a batch holding it has completed.
      const inBatches = new Set<string>();
      const readBatches = async () => {
        for await (const wf of client.workflow.list({
          query: `TaskQueue = '${taskQueue}' AND WorkflowType = 'processArticleBatch' AND ExecutionStatus = 'Completed'`,
        })) {
          const results = (await client.workflow.getHandle(wf.workflowId).result()) as Array<{ articleId: string }>;
          for (const r of results) inBatches.add(r.articleId);
        }
      };
      const byWorkflow = new Map(articles.map((a) => [articleWorkflowId(prefix, canonicalArticleId(a)), a.id]));
      for (const [id, articleId] of byWorkflow) {
        await waitFor(
          async () => {
            if (inBatches.has(articleId)) return true;
            const d = await client.workflow
              .getHandle(id)
              .describe()
              .catch(() => undefined);
            if (d?.status.name === 'COMPLETED') return true;
            if (options.dispatchBatchMax !== undefined && options.dispatchBatchMax > 1) await readBatches();
            return inBatches.has(articleId) ? true : undefined;
          },
          { timeoutMs: 120_000, intervalMs: 200, what: `workflow ${id}` },
        );
      }
    },
    async waitDispatched() {
      const sum = (xs: Array<{ offset?: string; high?: string }>) =>
        xs.reduce((n, x) => n + Math.max(0, Number(x.offset ?? x.high)), 0);
      await waitFor(
        async () => {
          const high = sum(await ctx.bus.topicOffsets(topics.rawArticles));
          const committed = sum(await ctx.bus.groupOffsets(`${prefix}.dispatcher`, topics.rawArticles));
          return committed === high ? true : undefined;
        },
        { timeoutMs: 60_000, what: 'dispatcher to commit the raw topic' },
      );
    },
    async addDispatcher() {
      extra.push(await superviseServices([dispatcherService(ctx, { taskQueue })], log, { signals: false }));
    },
    async stopAddedDispatchers() {
      for (const e of extra.splice(0)) await e.stop();
    },
    async stop() {
      for (const e of extra) await e.stop();
      await producer.disconnect();
      await supervisor.stop();
      // Entity workflows run forever; end this test's so the dev server does not keep them.
      await terminateRunning(client, taskQueue);
      await close();
      await ctx.close();
    },
  };
}
