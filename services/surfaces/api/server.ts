import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';
import { InvalidInputError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { talliesInPlace } from '../places/filter.ts';
import { registerPlaceRoutes } from '../places/routes.ts';
import type { ReadModel } from '../../stores/read-model/read-model.ts';
import type { Service } from '../../platform/service.ts';
import { bearerMatches, CSRF_HEADER, isLoopbackHost, sessionMatches } from './auth.ts';
import { createAuthThrottle } from './auth-throttle.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { ClaimsQuerySchema, parseQuery, TalliesQuerySchema } from './queries.ts';
import { refuseUnknown } from '../../../schemas/known.ts';
import { refuseUnknownPlace } from '../../../domain/places/known.ts';

export interface ApiDeps {
  readModel: ReadModel;
  log: Logger;
  config: Pick<Config, 'http'>;
  /** The taxonomy's claim topics: a query naming another is refused with the list (schemas/known.ts). */
  claimTopics?: readonly string[];
  /** Routes other parts register on the same server (e.g. `registerArticleRoutes` for POST /api/articles); behind the same auth. */
  extraRoutes?: Array<(app: FastifyInstance) => void>;
}

/** A 400 body for an unknown topic, or undefined when the topic is known (or no list was given). */
function unknownTopic(topic: string | undefined, known: readonly string[] | undefined) {
  const refusal = topic === undefined || known === undefined ? undefined : refuseUnknown('topic', [topic], known);
  return refusal === undefined ? undefined : { error: refusal, problems: [`topic: ${refusal}`] };
}

function registerReadRoutes(app: FastifyInstance, readModel: ReadModel, claimTopics?: readonly string[]): void {
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
    const unknown = unknownTopic(query.value.topic, claimTopics);
    if (unknown) return reply.code(400).send(unknown);
    const place = query.value.place === undefined ? undefined : refuseUnknownPlace(query.value.place);
    if (place) return reply.code(400).send({ error: place, problems: [`place: ${place}`] });
    const tallies = readModel.listTallies(query.value.topic === undefined ? {} : { topic: query.value.topic });
    return { tallies: query.value.place === undefined ? tallies : talliesInPlace(tallies, query.value.place) };
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
    const unknown = unknownTopic(topic, claimTopics);
    if (unknown) return reply.code(400).send(unknown);
    return readModel.listClaims({ limit, ...(topic && { topic }), ...(since && { since }), ...(cursor && { cursor }) });
  });
  app.get('/api/dead-letters', async () => readModel.deadLetterStats());
  registerPlaceRoutes(app);
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who may pass: public routes; a bearer token; or the dashboard's session cookie — for writes only with the CSRF
 * header, because a browser attaches cookies on its own and a header it does not.
 */
function authorised(req: FastifyRequest, token: string): boolean {
  if (req.routeOptions.config.public === true || bearerMatches(req.headers.authorization, token)) return true;
  if (!sessionMatches(req.headers.cookie, token)) return false;
  return !WRITE_METHODS.has(req.method) || req.headers[CSRF_HEADER] === '1';
}

/**
 * The read-side HTTP API as a fastify app, not yet listening (tests call `app.inject`). When `config.http.token`
 * is set, every route but the public ones (probes, the dashboard shell, POST /api/session) needs
 * `Authorization: Bearer <token>` or the session cookie (see `authorised`). Writes (POST/PUT/PATCH/DELETE) are
 * rate-limited per client IP (`config.http.writeRateLimit`, default 120/minute): 429 with Retry-After. An IP with more
 * than `config.http.authFailuresPerMinute` (20) failed authentications gets 429 on every route for the rest of the minute.
 * Called by `createApiService` and tests.
 */
export async function buildApiApp(deps: ApiDeps): Promise<FastifyInstance> {
  const log = deps.log.child({ component: 'api' });
  // Typed with the base logger so routes written against the default FastifyInstance (extraRoutes) fit.
  const app: FastifyInstance = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 8 * 1024 * 1024,
  });
  const token = deps.config.http.token;

  if (token !== undefined) {
    // Every 401 (a wrong bearer token or cookie, a wrong token at POST /api/session) counts against the client IP; an
    // IP that failed too often this minute is refused on every route, before its next guess is even compared.
    const throttle = createAuthThrottle({ max: deps.config.http.authFailuresPerMinute ?? 20 });
    app.addHook('onRequest', async (req, reply) => {
      const wait = throttle.blockedFor(req.ip);
      if (wait > 0)
        return reply
          .code(429)
          .header('retry-after', String(Math.ceil(wait / 1000)))
          .send({ error: 'too many failed authentications, retry later' });
      // Probes and scrapes (/healthz, /readyz, /metrics) are marked public on their route.
      if (authorised(req, token)) return;
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'missing or wrong bearer token' });
    });
    app.addHook('onResponse', async (req, reply) => {
      if (reply.statusCode === 401) throttle.fail(req.ip);
    });
  }
  // Registered before any route: the plugin adds its hook to routes declared after it. Reads are never limited.
  const limit = deps.config.http.writeRateLimit ?? { max: 120, windowMs: 60_000 };
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    allowList: (req) => !WRITE_METHODS.has(req.method),
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug(
      { method: req.method, url: req.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof InvalidInputError)
      return reply.code(400).send({ error: 'invalid input', problems: err.problems });
    const status =
      typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : 500;
    if (status >= 500) req.log.error({ err, url: req.routeOptions.url }, 'request failed');
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : (err as Error).message });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` }),
  );

  registerReadRoutes(app, deps.readModel, deps.claimTopics);
  registerSessionRoutes(app, { token });
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
      const { host, token, allowOpen } = deps.config.http;
      if (token === undefined && !isLoopbackHost(host) && allowOpen !== true) {
        throw new Error(
          `refusing to serve the API without API_TOKEN on non-loopback host ${host}: set API_TOKEN, or HTTP_ALLOW_OPEN=true if something in front of it authenticates`,
        );
      }
      app = await buildApiApp(deps);
      url = await app.listen({ host, port: deps.config.http.port });
      if (token === undefined) {
        log.warn(
          { url, host },
          `API and dashboard run OPEN without a token on ${isLoopbackHost(host) ? 'loopback (this machine only)' : `${host} (HTTP_ALLOW_OPEN)`}: set API_TOKEN to require one`,
        );
      }
      log.info({ url, dashboard: `${url}/dashboard/` }, 'API listening');
    },
    async stop() {
      const a = app;
      app = undefined;
      if (!a) return;
      // close() stops accepting, answers 503 to new requests and waits for in-flight ones; long-lived streams
      // (SSE) would hold it forever, so after a grace period the remaining connections are cut.
      const grace = setTimeout(() => a.server.closeAllConnections(), 5000);
      try {
        await a.close();
      } finally {
        clearTimeout(grace);
      }
    },
    url: () => url,
  };
}
