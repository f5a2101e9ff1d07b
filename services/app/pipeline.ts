import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { createKafkaBus, type KafkaBus } from '../platform/kafka.ts';
import { ensurePipelineTopics } from '../platform/bus/topics.ts';
import { createConfiguredDedupIndex } from '../stores/dedup-index/open-dedup-index.ts';
import type { DedupIndex } from '../stores/dedup-index/dedup-index.ts';
import { createWorkerService } from '../../workflows/worker.ts';
import { createDispatcher } from '../pipeline/dispatcher/dispatcher.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { claimTopicIds, taxonomyFromFile } from './taxonomy.ts';
import type { Service } from '../platform/service.ts';
import { createPipelineMetrics, type PipelineMetrics } from '../platform/metrics.ts';
import { openProcessClients, type SharedClients } from '../platform/clients.ts';
import { topicNames, type TopicNames } from '../../schemas/topics.ts';
import { startCounterExport } from '../surfaces/ops/process-counters.ts';

/**
 * Shared dependencies of the pipeline processes, built once per process by the composition root: the one Temporal
 * client, worker connection and Kafka producer every service of the process uses, and the topic names.
 */
export interface PipelineContext {
  config: Config;
  log: Logger;
  bus: KafkaBus;
  clients: SharedClients;
  topics: TopicNames;
  taxonomy: Taxonomy;
  claimTopics: string[];
  dedupIndex: () => DedupIndex;
  /** This process's Prometheus metrics (served by the API's /metrics). */
  metrics: PipelineMetrics;
  close(): Promise<void>;
}

/** Builds the context and creates the pipeline's topics (explicitly, with their configs). */
export async function createPipelineContext(
  config: Config,
  log: Logger,
  options: { taxonomyFile?: string } = {},
): Promise<PipelineContext> {
  const taxonomy = taxonomyFromFile(options.taxonomyFile ?? config.taxonomyFile);
  const bus = createKafkaBus({
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    log: log.child({ component: 'kafka' }),
  });
  const claimTopics = claimTopicIds(taxonomy);
  await ensurePipelineTopics(bus, config.kafka.topicPrefix, claimTopics);
  let index: DedupIndex | undefined;
  const metrics = createPipelineMetrics({ bus, prefix: config.kafka.topicPrefix, claimTopics });
  const clients = openProcessClients({ bus, temporal: config.temporal });
  // Every process publishes its counters, so pipeline health (in the HTTP service) adds up all of them.
  const exporter = startCounterExport({
    bus,
    producer: clients.producer,
    prefix: config.kafka.topicPrefix,
    counters: () => metrics.counters(),
    log: log.child({ component: 'process-counters' }),
  });
  return {
    metrics,
    config,
    log,
    bus,
    clients,
    topics: topicNames(config.kafka.topicPrefix),
    taxonomy,
    claimTopics,
    // The dedup index: a SQLite file shared by every worker process on this host, or (DEDUP_STORE=postgres) the
    // Postgres server shared by every host.
    dedupIndex: () => {
      index ??= createConfiguredDedupIndex(config);
      return index;
    },
    async close() {
      await exporter.stop();
      await clients.close();
      await index?.close();
      await bus.close();
    },
  };
}

/** The Temporal worker service of this process. */
export function workerService(ctx: PipelineContext, taskQueue?: string): Service {
  return createWorkerService({
    config: ctx.config,
    log: ctx.log,
    bus: ctx.bus,
    clients: ctx.clients,
    topics: ctx.topics,
    dedupIndex: ctx.dedupIndex(),
    taxonomy: () => ctx.taxonomy,
    taskQueue,
    metrics: ctx.metrics,
  });
}

/** The dispatcher service of this process. */
export function dispatcherService(
  ctx: PipelineContext,
  options: { taskQueue?: string; groupId?: string } = {},
): Service {
  return createDispatcher({
    bus: ctx.bus,
    client: ctx.clients.temporal,
    producer: ctx.clients.producer,
    topics: ctx.topics,
    taskQueue: options.taskQueue ?? ctx.config.temporal.taskQueue,
    topicPrefix: ctx.config.kafka.topicPrefix,
    groupId: options.groupId,
    batching: ctx.config.dispatch,
    log: ctx.log,
    onBatch: (stats) => ctx.metrics.dispatcherBatch(stats),
    onStartFailure: () => ctx.metrics.workflowStartFailures.inc(),
  });
}
