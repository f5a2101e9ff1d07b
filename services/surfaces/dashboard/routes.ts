import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ReadModel } from '../../stores/read-model/read-model.ts';
import type { DashboardAssets } from './bundle.ts';
import { overviewOf } from './overview.ts';

/**
 * The dashboard's Content-Security-Policy: only this origin's scripts, styles and connections; no inline
 * script or style element, no eval, no frames, no plugins. uPlot styles through the CSSOM, which CSP allows.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const OVERVIEW_MAX_AGE_MS = 5000;

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', DASHBOARD_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin');
}

export interface DashboardRouteDeps {
  /** The built bundle (buildDashboardAssets); awaited per request so the server can listen while it builds. */
  assets: Promise<DashboardAssets>;
  readModel: Pick<ReadModel, 'listTopics' | 'listTallies'>;
}

/**
 * `/` → `/dashboard/`; the page shell and its hashed assets (public: they hold no data, and the login form must
 * load before a session exists); `GET /api/dashboard/overview` (behind the API's auth like every data route).
 * Mount through the API's `extraRoutes`.
 */
export function registerDashboardRoutes(app: FastifyInstance, deps: DashboardRouteDeps): void {
  const open = { config: { public: true } };
  app.get('/', open, async (_req, reply) => reply.redirect('/dashboard/', 302));
  app.get('/dashboard', open, async (_req, reply) => reply.redirect('/dashboard/', 301));
  // Browsers ask for /favicon.ico on pages that name no icon (the JSON API's, a raw asset).
  app.get('/favicon.ico', open, async (_req, reply) => reply.redirect('/dashboard/assets/favicon.svg', 301));

  const send = async (name: string, ifNoneMatch: string | undefined, reply: FastifyReply): Promise<FastifyReply> => {
    const file = (await deps.assets).get(name);
    if (!file) return reply.code(404).send({ error: `no dashboard file ${name}` });
    securityHeaders(reply)
      .header('etag', file.etag)
      .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (ifNoneMatch === file.etag) return reply.code(304).send();
    return reply.header('content-type', file.contentType).send(file.body);
  };
  app.get('/dashboard/', open, async (req, reply) => send('index.html', req.headers['if-none-match'], reply));
  app.get<{ Params: { name: string } }>('/dashboard/assets/:name', open, async (req, reply) =>
    send(`assets/${req.params.name}`, req.headers['if-none-match'], reply),
  );

  // Condensing every tally parses every summary (10,000 claims: ~0.3 s); the topic counts are one cheap query
  // that moves with every applied claim, so the serialised overview is reused until they change. A change that
  // leaves counts and times alike (a re-extraction with as many claims) shows within OVERVIEW_MAX_AGE_MS.
  let cached: { key: string; at: number; body: string } | undefined;
  app.get('/api/dashboard/overview', async (_req, reply) => {
    const topics = deps.readModel.listTopics();
    const key = JSON.stringify(topics);
    const now = Date.now();
    if (!cached || cached.key !== key || now - cached.at > OVERVIEW_MAX_AGE_MS) {
      cached = { key, at: now, body: JSON.stringify(overviewOf(topics, deps.readModel.listTallies())) };
    }
    return reply
      .header('cache-control', 'no-store')
      .header('content-type', 'application/json; charset=utf-8')
      .send(cached.body);
  });
}
