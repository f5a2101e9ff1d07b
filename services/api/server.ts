import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../platform/config.ts';
import { InvalidInputError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { ReadModel } from '../read-model/read-model.ts';
import type { Service } from '../runtime/service.ts';
import { bearerMatches } from './auth.ts';
import { ClaimsQuerySchema, parseQuery, TalliesQuerySchema } from './queries.ts';

export interface ApiDeps {
  readModel: ReadModel;
  log: Logger;
  config: Pick<Config, 'http'>;
  /** Routes other parts register on the same server (e.g. `registerArticleRoutes` for POST /api/articles); behind the same auth. */
  extraRoutes?: Array<(app: FastifyInstance) => void>;
}

function registerReadRoutes(app: FastifyInstance, readModel: ReadModel): void {
  app.get('/healthz', { config: { public: true } }, async (_req, reply) => {
    try {
      readModel.ping();
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/topics', async () => ({ topics: readModel.listTopics() }));
  app.get('/api/tallies', async (req, reply) => {
    const query = parseQuery(TalliesQuerySchema, req.query);
    if (!query.ok) return reply.code(400).send({ error: 'invalid query', problems: query.problems });
    return { tallies: readModel.listTallies(query.value.topic === undefined ? {} : { topic: query.value.topic }) };
  });
  app.get<{ Params: { id: string } }>('/api/series/:id', async (req, reply) => {
    const series = readModel.getSeries(req.params.id);
    if (!series) return reply.code(404).send({ error: `unknown series ${req.params.id}` });
    return series;
  });
  app.get('/api/claims', async (req, reply) => {
    const query = parseQuery(ClaimsQuerySchema, req.query);
    if (!query.ok) return reply.code(400).send({ error: 'invalid query', problems: query.problems });
    const { topic, since, limit, cursor } = query.value;
    return readModel.listClaims({ limit, ...(topic && { topic }), ...(since && { since }), ...(cursor && { cursor }) });
  });
  app.get('/api/dead-letters', async () => readModel.deadLetterStats());
}

/**
 * The read-side HTTP API as a fastify app, not yet listening (tests call `app.inject`). When `config.http.token`
 * is set, every route but the public probes (/healthz, /readyz, /metrics) needs `Authorization: Bearer <token>`. Called by `createApiService` and tests.
 */
export async function buildApiApp(deps: ApiDeps): Promise<FastifyInstance> {
  const log = deps.log.child({ component: 'api' });
  // Typed with the base logger so routes written against the default FastifyInstance (extraRoutes) fit.
  const app: FastifyInstance = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 8 * 1024 * 1024 });
  const token = deps.config.http.token;

  if (token !== undefined) {
    app.addHook('onRequest', async (req, reply) => {
      // Probes and scrapes (/healthz, /readyz, /metrics) are marked public on their route.
      if (req.routeOptions.config.public === true || bearerMatches(req.headers.authorization, token)) return;
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'missing or wrong bearer token' });
    });
  }
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, url: req.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof InvalidInputError) return reply.code(400).send({ error: 'invalid input', problems: err.problems });
    const status = typeof (err as { statusCode?: unknown }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status >= 500) req.log.error({ err, url: req.routeOptions.url }, 'request failed');
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : (err as Error).message });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` }));

  registerReadRoutes(app, deps.readModel);
  for (const register of deps.extraRoutes ?? []) register(app);
  await app.ready();
  return app;
}

/** The API as a Service listening on config.http.host:port; `url()` is where it listens once started. */
export function createApiService(deps: ApiDeps): Service & { url(): string | undefined } {
  let app: FastifyInstance | undefined;
  let url: string | undefined;
  const log = deps.log.child({ component: 'api' });
  return {
    name: 'api',
    async start() {
      app = await buildApiApp(deps);
      url = await app.listen({ host: deps.config.http.host, port: deps.config.http.port });
      if (deps.config.http.token === undefined) log.warn({ url }, 'API runs open: set API_TOKEN to require a bearer token');
      log.info({ url }, 'API listening');
    },
    async stop() {
      const a = app;
      app = undefined;
      await a?.close();
    },
    url: () => url,
  };
}
