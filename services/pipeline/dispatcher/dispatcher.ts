import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { KafkaBus, GroupConsumer, IncomingMessage, EventProducer, BatchContext } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Service } from '../../platform/service.ts';
import { isPermanentTemporalError } from '../../platform/temporal.ts';
import { ArticleReceivedSchema, type TopicNames } from '../../../schemas/topics.ts';
import { parseJsonLine } from '../../platform/io/jsonl.ts';
import { publishDeadLetters, type DeadLetterInput } from '../../platform/bus/dead-letters.ts';
import {
  articleBatchWorkflowId,
  articleWorkflowId,
  MAX_WORKFLOW_INPUT_BYTES,
  type ProcessArticleInput,
} from '../../../workflows/process-article/messages.ts';
import type { processArticle, processArticleBatch } from '../../../workflows/process-article/workflow.ts';
import {
  batchIdOf,
  groupForDispatch,
  perArticle,
  type DispatchBatching,
  type DispatchGroup,
  type RawPosition,
} from './batching.ts';
import { createGatherer, type Gatherer } from './gather.ts';
import { startOrSplit } from './start-or-split.ts';
import { locationOf } from '../../platform/edge.ts';

/** Partition batches of one fetch handled at once (kafkajs workers); more partitions than this just take two rounds. */
const MAX_PARTITIONS_PER_FETCH = 64;
/** How long the first partition batch of a fetch waits for the others (they arrive within the same few ticks). */
const GATHER_LINGER_MS = 5;

export interface DispatcherOptions {
  bus: KafkaBus;
  /** The process's Temporal client and Kafka producer (dead letters), owned by its composition root. */
  client: Client;
  producer: EventProducer;
  topics: TopicNames;
  taskQueue: string;
  /** Scope of workflow ids and the consumer group. */
  topicPrefix: string;
  groupId?: string;
  log: Logger;
  /** Workflow starts in flight at once within a batch. */
  concurrency?: number;
  /** Micro-batching of busy fetches into processArticleBatch workflows; default one workflow per article. */
  batching?: DispatchBatching;
  /** Called after each dispatched fetch, once Temporal accepted its starts (metrics). */
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
 * With batching on, a busy fetch (every partition this dispatcher owns, gathered) goes in
 * processArticleBatch workflows instead: fewer workflows, and one signal per series per fetch.
 */
export function createDispatcher(options: DispatcherOptions): Service {
  const { topics, producer } = options;
  const log = options.log.child({ component: 'dispatcher' });
  const batching = options.batching ?? perArticle;
  let consumer: GroupConsumer | undefined;

  type Start = { position: RawPosition; input: ProcessArticleInput; location: string; payload: string; bytes: number };
  type Part = { messages: IncomingMessage[]; ctx: BatchContext };
  const live = (ctx: BatchContext) => ctx.isRunning() && !ctx.isStale();

  /**
   * Starts one group's workflow; the workflow id makes a re-delivered article (or identical batch) a no-op. Throws
   * what Temporal threw; the caller tells a permanent refusal (blob or id too long) from a transient one.
   */
  async function startWorkflow(client: Client, group: DispatchGroup<Start>): Promise<'started' | 'already'> {
    try {
      if (group.kind === 'article') {
        await client.workflow.start<typeof processArticle>('processArticle', {
          workflowId: articleWorkflowId(options.topicPrefix, group.item.input.canonicalId),
          taskQueue: options.taskQueue,
          args: [group.item.input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } else {
        const batchId = batchIdOf(group.items.map((i) => i.position));
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

  /** The dead letter of an article Temporal refuses for good: the reason, its raw-topic location and the raw message. */
  function refusedStart(start: Start, err: unknown): DeadLetterInput {
    const reason = `Temporal refused the workflow start: ${(err as Error)?.message ?? String(err)}`;
    return { reason, problems: [reason], source: 'dispatcher', location: start.location, payload: start.payload };
  }

  /**
   * One flush of the gatherer: the batches of every partition in one fetch. Bad messages go to the dead-letter
   * topic; the rest become workflows (a busy fetch: batches across partitions, in partition then offset order).
   * Resolves once Temporal accepted every start, so each partition's handler may then commit its offsets.
   */
  async function dispatch(client: Client, parts: Part[]): Promise<void> {
    const letters: DeadLetterInput[] = [];
    const starts: Start[] = [];
    for (const { messages, ctx } of parts) {
      if (!live(ctx)) continue; // revoked meanwhile: its new owner dispatches these
      for (const m of messages) {
        const parsed = parseJsonLine(m.value ?? '', 0, ArticleReceivedSchema);
        const location = locationOf(m);
        if (!parsed.ok) {
          letters.push({
            reason: 'invalid raw article message',
            problems: parsed.problems,
            source: 'dispatcher',
            location,
            payload: m.value ?? '',
          });
          continue;
        }
        const env = parsed.value;
        const input: ProcessArticleInput = {
          article: env.data.article,
          canonicalId: env.data.canonicalId,
          messageId: env.id,
          correlationId: env.metadata.correlationId,
          receivedAt: env.data.receivedAt,
          raw: { topic: m.topic, partition: m.partition, offset: m.offset },
        };
        // Temporal refuses payloads over 2 MB: an article that cannot travel in a workflow input is dead-lettered
        // here (ingest refuses such articles; this catches raw messages from other producers or older limits).
        const bytes = Buffer.byteLength(JSON.stringify(input));
        if (bytes > MAX_WORKFLOW_INPUT_BYTES) {
          const reason = `article too large for a workflow input: ${bytes} bytes of JSON, at most ${MAX_WORKFLOW_INPUT_BYTES}`;
          letters.push({ reason, problems: [reason], source: 'dispatcher', location, payload: m.value ?? '' });
          continue;
        }
        starts.push({
          position: { partition: m.partition, offset: m.offset },
          input,
          location,
          payload: m.value ?? '',
          bytes,
        });
      }
    }
    let started = 0;
    let already = 0;
    const groups = groupForDispatch(starts, (s) => s.bytes, batching);
    await forEachLimit(groups, options.concurrency ?? 32, async (group) => {
      if (!parts.some((p) => live(p.ctx))) return;
      const r = await startOrSplit(
        group,
        (g) => startWorkflow(client, g),
        isPermanentTemporalError,
        (item, err) => {
          log.warn({ err, location: item.location }, 'workflow start refused: article dead-lettered');
          letters.push(refusedStart(item, err));
        },
      );
      started += r.started;
      already += r.already;
    });
    // Dead letters go out before the handlers commit: a crash in between re-dispatches, never loses.
    if (letters.length > 0) await publishDeadLetters(producer, topics.deadLetters, letters);
    options.onBatch?.({ started, alreadyStarted: already, deadLettered: letters.length });
    log.debug({ partitions: parts.length, started, already, deadLettered: letters.length }, 'fetch dispatched');
  }

  /** A partition's batch: dispatched together with the other partitions of its fetch, then committed. */
  async function handleBatch(gatherer: Gatherer<Part>, messages: IncomingMessage[], ctx: BatchContext) {
    await gatherer.submit({ messages, ctx });
    if (!live(ctx)) return; // uncommitted: redelivered and absorbed by the workflow ids and the dedup index
    // Every start of the batch was accepted: now the whole batch is finished work.
    const last = messages[messages.length - 1];
    if (last) ctx.resolveOffset(last.offset);
    await ctx.heartbeat();
    await ctx.commit();
  }

  return {
    name: 'dispatcher',
    async start() {
      const client = options.client;
      await client.connection.ensureConnected(); // a dispatcher that cannot reach Temporal fails to start
      consumer = await options.bus.createConsumer({
        groupId: options.groupId ?? `${options.topicPrefix}.dispatcher`,
        topics: [topics.rawArticles],
        fromBeginning: true,
        // With batching on, let a fetch gather up to ~0.4 s of articles under load, so steady traffic forms
        // batches too (a fetch that returns at the first message gives runs of one or two per partition).
        ...(batching.maxArticles > 1 && { minBytes: batching.fetchMinBytes, maxWaitTimeInMs: batching.fetchMaxWaitMs }),
        // Every partition of a fetch is handed over at once, so the gatherer can make them one dispatch.
        partitionsConcurrently: MAX_PARTITIONS_PER_FETCH,
      });
      const gatherer = createGatherer<Part>({ lingerMs: GATHER_LINGER_MS, flush: (parts) => dispatch(client, parts) });
      await consumer.run((messages, ctx) => handleBatch(gatherer, messages, ctx));
    },
    async stop() {
      await consumer?.stop();
      await consumer?.disconnect();
    },
  };
}
