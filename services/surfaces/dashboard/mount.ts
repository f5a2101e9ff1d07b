import type { FastifyInstance } from 'fastify';
import type { ReadModel } from '../../stores/read-model/read-model.ts';
import type { Config } from '../../platform/config.ts';
import type { KafkaBus } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import type { PipelineMetrics } from '../../platform/metrics.ts';
import type { SharedClients } from '../../platform/clients.ts';
import { createPipelineHealth } from '../ops/health.ts';
import { registerPipelineHealthRoute } from '../ops/routes.ts';
import { createFailedWorkflowCounter } from '../ops/workflow-failures.ts';
import { followProcessCounters } from '../ops/process-counters.ts';
import { buildDashboardAssets } from './bundle.ts';
import { registerDashboardRoutes } from './routes.ts';

/** What the dashboard takes from the process's composition root. */
export interface DashboardDeps {
  config: Config;
  bus: KafkaBus;
  clients: Pick<SharedClients, 'temporal'>;
  claimTopics: string[];
  metrics: PipelineMetrics;
  log: Logger;
}

/**
 * Everything the dashboard adds to the HTTP service: the bundle (built into memory now, in the background, so
 * the server listens at once), its routes and `GET /api/pipeline/health`. The HTTP service registers `register`
 * among its extraRoutes and calls `close` when it stops (that stops following the process-counters topic); the
 * Temporal client it counts with is the process's own (the composition root closes it).
 */
export function mountDashboard(
  ctx: DashboardDeps,
  readModel: ReadModel,
): { register(app: FastifyInstance): void; close(): Promise<void> } {
  const log = ctx.log.child({ component: 'dashboard' });
  const started = performance.now();
  const assets = buildDashboardAssets();
  assets.then(
    (a) => log.debug({ files: a.size, ms: Math.round(performance.now() - started) }, 'dashboard built'),
    (err: unknown) => log.error({ err }, 'dashboard build failed: /dashboard/ answers 500'),
  );
  const failures = createFailedWorkflowCounter({ client: ctx.clients.temporal, prefix: ctx.config.kafka.topicPrefix });
  const board = followProcessCounters({ bus: ctx.bus, prefix: ctx.config.kafka.topicPrefix, log });
  const health = createPipelineHealth({
    cluster: () => board.read(),
    bus: ctx.bus,
    prefix: ctx.config.kafka.topicPrefix,
    claimTopics: ctx.claimTopics,
    metrics: ctx.metrics,
    readModel,
    temporal: { uiUrl: ctx.config.temporal.uiUrl, namespace: ctx.config.temporal.namespace },
    countFailedWorkflows: () => failures.count(),
    countStuckWorkflows: () => failures.countStuck(),
  });
  return {
    register(app) {
      registerDashboardRoutes(app, { assets, readModel });
      registerPipelineHealthRoute(app, { health });
    },
    close: async () => {
      await board.stop();
    },
  };
}
