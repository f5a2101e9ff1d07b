import type { FastifyInstance } from 'fastify';
import type { PipelineHealthSource } from './health.ts';
import type { PipelineMetrics } from '../../platform/metrics.ts';
import type { Readiness, ReadinessCheckName } from './readiness.ts';

export { createPipelineHealth, type PipelineHealth, type PipelineHealthSource } from './health.ts';
export {
  createReadiness,
  type Readiness,
  type ReadinessReport,
  type ReadinessOptions,
  type CheckResult,
} from './readiness.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route is scraped/probed without a bearer token (the API's auth hook must honour it, see server.ts). */
    public?: boolean;
  }
}

export interface OpsRouteDeps {
  metrics: Pick<PipelineMetrics, 'render' | 'contentType'>;
  readiness: Readiness;
}

/** The paths `registerOpsRoutes` adds; both are marked `config.public` for the API's auth hook. */
export const OPS_PATHS = ['/metrics', '/readyz'] as const;

/**
 * `GET /metrics` (Prometheus text exposition of this process's registry) and `GET /readyz` (200 when Kafka,
 * Temporal and the read model all answer; 503 naming the failing checks otherwise). Mount through the API's
 * `extraRoutes`: `extraRoutes: [(app) => registerOpsRoutes(app, { metrics, readiness })]`.
 */
export function registerOpsRoutes(app: FastifyInstance, deps: OpsRouteDeps): void {
  app.get('/metrics', { config: { public: true } }, async (_req, reply) => {
    const text = await deps.metrics.render();
    return reply.header('content-type', deps.metrics.contentType).header('cache-control', 'no-store').send(text);
  });
  app.get('/readyz', { config: { public: true } }, async (_req, reply) => {
    const report = await deps.readiness.check();
    reply.header('cache-control', 'no-store');
    if (report.ok) return report;
    const failing = (Object.keys(report.checks) as ReadinessCheckName[]).filter((name) => !report.checks[name].ok);
    return reply.code(503).send({ ...report, failing });
  });
}

/** `GET /api/pipeline/health` (JSON for the dashboard's health view; behind the API's auth, unlike the probes). */
export function registerPipelineHealthRoute(app: FastifyInstance, deps: { health: PipelineHealthSource }): void {
  app.get('/api/pipeline/health', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return deps.health.read();
  });
}
