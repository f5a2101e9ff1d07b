import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { dataConverter, installTemporalRuntime } from '../services/platform/temporal.ts';
import type { SharedClients } from '../services/platform/clients.ts';
import type { Config } from '../services/platform/config.ts';
import type { Logger } from '../services/platform/logger.ts';
import type { KafkaBus } from '../services/platform/kafka.ts';
import type { Service } from '../services/platform/service.ts';
import type { DedupIndex } from '../services/stores/dedup-index/dedup-index.ts';
import type { Taxonomy } from '../schemas/taxonomy.ts';
import type { PipelineMetrics } from '../services/platform/metrics.ts';
import type { TopicNames } from '../schemas/topics.ts';
import { workflowBundle } from './bundle.ts';
import { createSmokeActivities } from './smoke/activities.ts';
import { createProcessArticleActivities } from './process-article/activities.ts';
import { createSqliteDeliveryLedger } from './process-article/delivery-ledger.ts';
import { createSeriesTallyActivities } from './series-tally/activities.ts';
import { createBackfillActivities, type BackfillDeps } from './backfill/activities.ts';

export interface WorkerDeps {
  config: Config;
  log: Logger;
  bus: KafkaBus;
  /** The process's Temporal client, worker connection and Kafka producer, owned by its composition root. */
  clients: SharedClients;
  topics: TopicNames;
  dedupIndex: DedupIndex;
  taxonomy: () => Taxonomy;
  /** Overrides config.temporal.taskQueue (tests run on their own queue). */
  taskQueue?: string;
  metrics?: PipelineMetrics;
  /** Told when a backfill batch starts executing (tests count executions). */
  onBackfillBatch?: BackfillDeps['onBatchStart'];
}

/**
 * The Temporal worker process as a Service: composes every workflow (one bundle) with the
 * activities built from injected dependencies. `claimwatch worker` and `npm start` run it.
 */
export function createWorkerService(deps: WorkerDeps): Service {
  const taskQueue = deps.taskQueue ?? deps.config.temporal.taskQueue;
  const { topics } = deps;
  const { producer, temporal: client } = deps.clients;
  let running: Promise<void> | undefined;
  let worker: Worker | undefined;
  let release: Array<() => Promise<void>> = [];

  return {
    name: 'worker',
    async start() {
      installTemporalRuntime(deps.log, { metricsAddress: deps.config.temporal.metricsAddress });
      const connection = await deps.clients.workerConnection(taskQueue);
      mkdirSync(deps.config.dataDir, { recursive: true });
      const deliveries = createSqliteDeliveryLedger({ path: path.join(deps.config.dataDir, 'deliveries.sqlite') });
      release = [() => deliveries.close()];
      worker = await Worker.create({
        connection,
        namespace: deps.config.temporal.namespace,
        taskQueue,
        identity: `claimwatch-worker@${os.hostname()}:${process.pid}`,
        workflowBundle: await workflowBundle(deps.log),
        dataConverter,
        activities: {
          ...createSmokeActivities({ workerIdentity: `${os.hostname()}:${process.pid}` }),
          ...createProcessArticleActivities({
            dedupIndex: deps.dedupIndex,
            producer,
            topics,
            taxonomy: deps.taxonomy,
            client,
            taskQueue,
            scope: deps.config.kafka.topicPrefix,
            metrics: deps.metrics,
            maxClaimsPerArticle: deps.config.maxClaimsPerArticle,
            deliveries,
          }),
          ...createSeriesTallyActivities({ producer, talliesTopic: topics.tallies }),
          ...createBackfillActivities({
            dedupIndex: deps.dedupIndex,
            producer,
            bus: deps.bus,
            topics,
            taxonomy: deps.taxonomy,
            client,
            taskQueue,
            scope: deps.config.kafka.topicPrefix,
            log: deps.log,
            onBatchStart: deps.onBackfillBatch,
          }),
        },
        // Activities here are CPU-bound JavaScript on this process's one thread: a few at a time
        // keeps workflow tasks (in worker threads) and Kafka heartbeats responsive.
        maxConcurrentActivityTaskExecutions: 4,
        maxConcurrentWorkflowTaskExecutions: 32,
        maxConcurrentLocalActivityExecutions: 8,
        maxCachedWorkflows: 2000,
      });
      running = worker.run();
      running.catch((err: unknown) => deps.log.error({ err }, 'worker stopped with an error'));
    },
    async stop() {
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running?.catch(() => undefined);
      for (const r of release.splice(0)) await r().catch(() => undefined);
    },
  };
}
