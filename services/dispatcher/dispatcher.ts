import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { KafkaBus, GroupConsumer, IncomingMessage, EventProducer } from '../platform/kafka.ts';
import type { Logger } from '../platform/logger.ts';
import type { Service } from '../runtime/service.ts';
import { connectClient } from '../platform/temporal.ts';
import { ArticleReceivedSchema, topicNames } from '../../schemas/topics.ts';
import { parseJsonLine } from '../io/jsonl.ts';
import { publishDeadLetters, type DeadLetterInput } from '../bus/dead-letters.ts';
import { articleBatchWorkflowId, articleWorkflowId, type ProcessArticleInput } from '../../workflows/process-article/messages.ts';
import type { processArticle, processArticleBatch } from '../../workflows/process-article/workflow.ts';
import { groupForDispatch, perArticle, type DispatchBatching, type DispatchGroup } from './batching.ts';

export interface DispatcherOptions {
  bus: KafkaBus;
  temporal: { address: string; namespace: string };
  taskQueue: string;
  topicPrefix: string;
  groupId?: string;
  log: Logger;
  /** Workflow starts in flight at once within a batch. */
  concurrency?: number;
  /** Micro-batching of busy fetches into processArticleBatch workflows; default one workflow per article. */
  batching?: DispatchBatching;
  /** Called after each committed batch (metrics, tests). */
  onBatch?: (stats: { started: number; alreadyStarted: number; deadLettered: number }) => void;
  /** Called when Temporal refuses a start for another reason than "already started" (metrics). */
  onStartFailure?: (err: unknown) => void;
}

/** Maps limited concurrency over items, preserving nothing but completion. */
async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/**
 * The dispatcher: a consumer group on the raw topic that starts one processArticle workflow per
 * article (workflow id from the canonical id, so a re-delivery is a no-op) and commits offsets
 * only after Temporal accepted every start of the batch. Bad messages go to the dead-letter topic.
 */
export function createDispatcher(options: DispatcherOptions): Service {
  const topics = topicNames(options.topicPrefix);
  const log = options.log.child({ component: 'dispatcher' });
  const batching = options.batching ?? perArticle;
  let consumer: GroupConsumer | undefined;
  let producer: EventProducer | undefined;
  let closeClient: (() => Promise<void>) | undefined;

  type Start = { offset: string; input: ProcessArticleInput };

  /** Starts one group's workflow; the workflow id makes a re-delivered article (or identical batch) a no-op. */
  async function startWorkflow(client: Client, partition: number, group: DispatchGroup<Start>): Promise<'started' | 'already'> {
    try {
      if (group.kind === 'article') {
        await client.workflow.start<typeof processArticle>('processArticle', {
          workflowId: articleWorkflowId(options.topicPrefix, group.item.input.canonicalId),
          taskQueue: options.taskQueue,
          args: [group.item.input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } else {
        const batchId = `${partition}:${group.items[0]?.offset}-${group.items.at(-1)?.offset}`;
        await client.workflow.start<typeof processArticleBatch>('processArticleBatch', {
          workflowId: articleBatchWorkflowId(options.topicPrefix, batchId),
          taskQueue: options.taskQueue,
          args: [{ batchId, items: group.items.map((i) => i.input) }],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      }
      return 'started';
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already';
      options.onStartFailure?.(err);
      throw err;
    }
  }

  async function handleBatch(client: Client, messages: IncomingMessage[], ctx: Parameters<Parameters<GroupConsumer['run']>[0]>[1]) {
    const letters: DeadLetterInput[] = [];
    const starts: Start[] = [];
    for (const m of messages) {
      const parsed = parseJsonLine(m.value ?? '', 0, ArticleReceivedSchema);
      const location = `${m.topic}/${m.partition}/${m.offset}`;
      if (!parsed.ok) {
        letters.push({ reason: 'invalid raw article message', problems: parsed.problems, source: 'dispatcher', location, payload: m.value ?? '' });
        continue;
      }
      const env = parsed.value;
      starts.push({
        offset: m.offset,
        input: {
          article: env.data.article,
          canonicalId: env.data.canonicalId,
          messageId: env.id,
          correlationId: env.metadata.correlationId,
          receivedAt: env.data.receivedAt,
        },
      });
    }
    if (letters.length > 0 && producer) await publishDeadLetters(producer, topics.deadLetters, letters);
    let started = 0;
    let already = 0;
    const partition = messages[0]?.partition ?? 0;
    const groups = groupForDispatch(starts, (s) => s.input.article.text.length + s.input.article.title.length, batching);
    await forEachLimit(groups, options.concurrency ?? 32, async (group) => {
      if (!ctx.isRunning() || ctx.isStale()) return;
      const articles = group.kind === 'article' ? 1 : group.items.length;
      if ((await startWorkflow(client, partition, group)) === 'started') started += articles;
      else already += articles;
    });
    if (!ctx.isRunning() || ctx.isStale()) return; // uncommitted: redelivered and absorbed by the workflow id
    // Every start of the batch was accepted: now the whole batch is finished work.
    const last = messages[messages.length - 1];
    if (last) ctx.resolveOffset(last.offset);
    await ctx.heartbeat();
    await ctx.commit();
    options.onBatch?.({ started, alreadyStarted: already, deadLettered: letters.length });
    log.debug({ started, already, deadLettered: letters.length }, 'batch dispatched');
  }

  return {
    name: 'dispatcher',
    async start() {
      const { client, close } = await connectClient(options.temporal);
      closeClient = close;
      producer = await options.bus.createProducer();
      consumer = await options.bus.createConsumer({
        groupId: options.groupId ?? `${options.topicPrefix}.dispatcher`,
        topics: [topics.rawArticles],
        fromBeginning: true,
        // With batching on, let a fetch gather up to ~0.4 s of articles under load, so steady traffic forms
        // batches too (a fetch that returns at the first message gives runs of one or two per partition).
        ...(batching.maxArticles > 1 && { minBytes: batching.fetchMinBytes, maxWaitTimeInMs: batching.fetchMaxWaitMs }),
      });
      await consumer.run((messages, ctx) => handleBatch(client, messages, ctx));
    },
    async stop() {
      await consumer?.stop();
      await consumer?.disconnect();
      await producer?.disconnect();
      await closeClient?.();
    },
  };
}
