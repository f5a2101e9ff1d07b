import type { Service } from './service.ts';
import type { PipelineContext } from './pipeline.ts';
import type { ReadModel } from '../read-model/read-model.ts';
import { createApiService } from '../api/server.ts';
import { createArticlePublisher } from '../ingest/publisher.ts';
import { registerArticleRoutes } from '../ingest/http-routes.ts';
import { topicNames } from '../../schemas/topics.ts';
import { asyncApiDocumentFor, registerAsyncApiRoute } from '../api/asyncapi-route.ts';
import { createReadiness, registerOpsRoutes } from '../ops/routes.ts';

/**
 * The HTTP service: the read API plus the ingest route (POST /api/articles), one server.
 * Used by `claimwatch api` and `npm start`.
 */
export async function httpService(ctx: PipelineContext, readModel: ReadModel): Promise<Service & { url(): string | undefined }> {
  const producer = await ctx.bus.createProducer();
  const publisher = createArticlePublisher({ producer, topics: topicNames(ctx.config.kafka.topicPrefix), log: ctx.log.child({ component: 'ingest-http' }) });
  const api = createApiService({
    readModel,
    log: ctx.log,
    config: ctx.config,
    extraRoutes: [
      (app) => registerArticleRoutes(app, { publisher, log: ctx.log }),
      (app) =>
        registerOpsRoutes(app, {
          metrics: ctx.metrics,
          readiness: createReadiness({ bus: ctx.bus, temporalAddress: ctx.config.temporal.address, readModel }),
        }),
      (app) =>
        registerAsyncApiRoute(app, {
          document: asyncApiDocumentFor({ prefix: ctx.config.kafka.topicPrefix, brokers: ctx.config.kafka.brokers, claimTopics: ctx.claimTopics }),
        }),
    ],
  });
  return {
    name: 'api',
    url: () => api.url(),
    start: () => api.start(),
    async stop() {
      await api.stop();
      await producer.disconnect();
    },
  };
}
