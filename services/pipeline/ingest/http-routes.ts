import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../platform/logger.ts';
import { isRetriable } from '../../platform/errors.ts';
import type { ArticlePublisher } from './publisher.ts';
import { articleProblems } from './article-checks.ts';
import { parsePushedArticles } from './http-body.ts';

/** Default body limit of `POST /api/articles`: 10 MB. */
export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

// Errors raised before the handler (body too large, bad JSON, wrong content type) answer in the
// same `{error, problems}` shape as validation failures, without changing the app's own handler.
function routeErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'article push failed');
    return reply.code(status).send({ error: 'internal error', problems: [] });
  }
  return reply.code(status).send({ error: error.message, problems: [] });
}

/**
 * Registers `POST /api/articles` on the HTTP service (called by services/surfaces/api). Accepts one
 * article, an array, or `{articles: [...]}`; answers 202 `{accepted, ids, canonicalIds}` once
 * Kafka has the articles, 400 `{error, problems: [{index, problems}]}` naming every problem of
 * every bad article, 413 above `bodyLimitBytes`, 503 when Kafka is unavailable.
 * A batch with any bad article is rejected whole and nothing is dead-lettered: the client gets
 * every error synchronously and can fix and resend, so a dead letter would only be a stale copy.
 */
export function registerArticleRoutes(
  app: FastifyInstance,
  deps: { publisher: ArticlePublisher; log: Logger; bodyLimitBytes?: number },
): void {
  const log = deps.log.child({ component: 'ingest-http' });
  app.post(
    '/api/articles',
    { bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES, errorHandler: routeErrorHandler },
    async (request, reply) => {
      const pushed = parsePushedArticles(request.body);
      if (!pushed.ok) return reply.code(400).send({ error: pushed.error, problems: pushed.problems });
      const refused = pushed.articles.flatMap((a, index) => {
        const problems = articleProblems(a);
        return problems.length > 0 ? [{ index, problems }] : [];
      });
      if (refused.length > 0) {
        const tooBig = refused.some((r) => r.problems.some((p) => p.includes('UTF-8 bytes')));
        return reply.code(tooBig ? 413 : 400).send({
          error: `${refused.length} of ${pushed.articles.length} articles refused; nothing was accepted`,
          problems: refused,
        });
      }
      try {
        const result = await deps.publisher.publish(pushed.articles, 'http');
        return reply
          .code(202)
          .send({ accepted: result.ids.length, ids: result.ids, canonicalIds: result.canonicalIds });
      } catch (err) {
        log.error({ err, count: pushed.articles.length }, 'could not publish pushed articles');
        const retriable = isRetriable(err);
        if (retriable) void reply.header('retry-after', '5');
        return reply
          .code(retriable ? 503 : 500)
          .send({ error: retriable ? 'broker unavailable, retry later' : 'could not publish', problems: [] });
      }
    },
  );
}
