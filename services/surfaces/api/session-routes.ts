import type { FastifyInstance } from 'fastify';
import { sessionCookie, sessionMatches, sessionValue, tokenMatches } from './auth.ts';

/**
 * The dashboard's login: `POST /api/session {token}` sets the HttpOnly, SameSite=Strict session cookie that
 * EventSource and page loads carry (they cannot send an Authorization header); `GET /api/session` says whether a
 * token is required and whether this browser has a session; `DELETE /api/session` logs out. All three are public
 * (the login form needs them before it has a session); the POST is rate-limited with every other write.
 * Called by `buildApiApp`.
 */
export function registerSessionRoutes(app: FastifyInstance, deps: { token: string | undefined }): void {
  const { token } = deps;
  app.get('/api/session', { config: { public: true } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return {
      required: token !== undefined,
      authenticated: token === undefined || sessionMatches(req.headers.cookie, token),
    };
  });
  app.post<{ Body: { token?: unknown } }>('/api/session', { config: { public: true } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (token === undefined) return reply.code(200).send({ required: false, authenticated: true });
    const given = typeof req.body?.token === 'string' ? req.body.token : '';
    if (!tokenMatches(given, token)) {
      return reply.code(401).send({ error: 'wrong token' });
    }
    return reply
      .header('set-cookie', sessionCookie(sessionValue(token), { secure: req.protocol === 'https' }))
      .send({ required: true, authenticated: true });
  });
  app.delete('/api/session', { config: { public: true } }, async (req, reply) => {
    return reply
      .header('cache-control', 'no-store')
      .header('set-cookie', sessionCookie('', { secure: req.protocol === 'https' }))
      .send({ required: token !== undefined, authenticated: token === undefined });
  });
}
