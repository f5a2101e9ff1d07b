import type { Service } from '../platform/service.ts';
import type { PipelineContext } from './pipeline.ts';
import type { ReadModel } from '../stores/read-model/read-model.ts';
import { createApiService } from '../surfaces/api/server.ts';
import { createArticlePublisher } from '../pipeline/ingest/publisher.ts';
import { registerArticleRoutes } from '../pipeline/ingest/http-routes.ts';
import { asyncApiDocumentFor, registerAsyncApiRoute } from '../surfaces/api/asyncapi-route.ts';
import { createReadiness, registerOpsRoutes } from '../surfaces/ops/routes.ts';
import { mountDashboard } from '../surfaces/dashboard/mount.ts';
import { registerSubscriptionRoutes } from '../pipeline/webhooks/http-routes.ts';
import { registerSubscribeRoute } from '../surfaces/live/sse-route.ts';
import { registerBackfillRoutes } from '../surfaces/backfill/http-routes.ts';
import { ZlibPayloadCodec } from '../platform/payload-codec.ts';
import { registerTemporalCodecRoutes } from '../surfaces/api/temporal-codec-routes.ts';
import { isLoopbackHost } from '../surfaces/api/auth.ts';

/**
 * The HTTP service: the read API plus the ingest route (POST /api/articles), one server.
 * Used by `claimwatch api` and `npm start`.
 */
export interface HttpServiceOptions {
  /** The projector of this process, when there is one: SSE streams are woken by its batches instead of waiting for the next poll. */
  projector?: { onApplied(listener: () => void): () => void };
}

/** The Temporal UI's origin as configured, and the same port on `localhost`, which browsers treat as another origin. */
function temporalUiOrigins(uiUrl: string): string[] {
  const url = new URL(uiUrl);
  const local = ['127.0.0.1', 'localhost'].includes(url.hostname)
    ? ['127.0.0.1', 'localhost'].map((h) => `${url.protocol}//${h}:${url.port}`)
    : [];
  return [...new Set([url.origin, ...local])];
}

export async function httpService(
  ctx: PipelineContext,
  readModel: ReadModel,
  options: HttpServiceOptions = {},
): Promise<Service & { url(): string | undefined }> {
  // The process's one producer and Temporal client (the composition root opens and closes them).
  const { producer, temporal: client } = ctx.clients;
  const publisher = createArticlePublisher({
    producer,
    topics: ctx.topics,
    log: ctx.log.child({ component: 'ingest-http' }),
  });
  const dashboard = mountDashboard(ctx, readModel);
  const api = createApiService({
    readModel,
    claimTopics: ctx.claimTopics,
    log: ctx.log,
    config: ctx.config,
    extraRoutes: [
      (app) => registerArticleRoutes(app, { publisher, log: ctx.log }),
      (app) => dashboard.register(app),
      (app) =>
        registerOpsRoutes(app, {
          metrics: ctx.metrics,
          readiness: createReadiness({ bus: ctx.bus, temporalAddress: ctx.config.temporal.address, readModel }),
        }),
      (app) =>
        registerSubscriptionRoutes(app, {
          bus: ctx.bus,
          producer,
          client,
          config: ctx.config,
          log: ctx.log,
          known: {
            topics: ctx.claimTopics,
            series: {
              has: (id) => readModel.getSeries(id) !== undefined,
              list: () => readModel.listTallies().map((t) => t.summary.seriesId),
            },
          },
        }),
      (app) => {
        const hub = registerSubscribeRoute(app, { readModel, claimTopics: ctx.claimTopics, log: ctx.log });
        const unsubscribe = options.projector?.onApplied(() => hub.wake());
        if (unsubscribe) app.addHook('onClose', async () => void unsubscribe());
      },
      (app) =>
        registerBackfillRoutes(app, {
          client,
          scope: ctx.config.kafka.topicPrefix,
          taskQueue: ctx.config.temporal.taskQueue,
          log: ctx.log,
          claimTopics: ctx.claimTopics,
        }),
      (app) =>
        registerTemporalCodecRoutes(app, {
          codec: new ZlibPayloadCodec(),
          uiOrigins: temporalUiOrigins(ctx.config.temporal.uiUrl),
          public: isLoopbackHost(ctx.config.http.host) || ctx.config.http.codecPublic === true,
        }),
      (app) =>
        registerAsyncApiRoute(app, {
          document: asyncApiDocumentFor({
            prefix: ctx.config.kafka.topicPrefix,
            brokers: ctx.config.kafka.brokers,
            claimTopics: ctx.claimTopics,
          }),
        }),
    ],
  });
  return {
    name: 'api',
    url: () => api.url(),
    start: () => api.start(),
    async stop() {
      await api.stop();
      await dashboard.close();
    },
  };
}
