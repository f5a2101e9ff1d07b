import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApiApp, createApiService } from '../../../services/surfaces/api/server.ts';
import {
  isLoopbackHost,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  sessionMatches,
  sessionValue,
} from '../../../services/surfaces/api/auth.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import { loadConfig } from '../../../services/platform/config.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';

const log = createRootLogger('silent');
const TOKEN = 'correct horse battery staple';

describe('session cookie helpers', () => {
  it('derives a cookie value that is not the token and only matches that token', () => {
    const value = sessionValue(TOKEN);
    expect(value).not.toContain(TOKEN);
    expect(sessionMatches(`a=1; ${SESSION_COOKIE}=${value}; b=2`, TOKEN)).toBe(true);
    expect(sessionMatches(`${SESSION_COOKIE}=${value}`, 'another token')).toBe(false);
    expect(sessionMatches(`${SESSION_COOKIE}=${TOKEN}`, TOKEN)).toBe(false);
    expect(sessionMatches(undefined, TOKEN)).toBe(false);
    expect(readCookie('x=1;  y = two ', 'y')).toBe('two');
  });

  it('sets HttpOnly and SameSite=Strict, and clears with Max-Age=0', () => {
    expect(sessionCookie('v', { secure: false })).toBe(
      `${SESSION_COOKIE}=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=604800`,
    );
    expect(sessionCookie('', { secure: true })).toContain('Max-Age=0; Secure');
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.3.2.1', 'localhost', '::1', '[::1]'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0', '192.168.1.5', '::', 'example.org'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });
});

describe('API access: bearer, session cookie, CSRF and write rate limit', () => {
  let app: FastifyInstance | undefined;
  let rm: ReadModel;
  async function start(http: { token?: string; writeRateLimit?: { max: number; windowMs: number } }) {
    rm = openSqliteReadModel({ path: ':memory:' });
    app = await buildApiApp({
      readModel: rm,
      log,
      config: {
        http: {
          host: '127.0.0.1',
          port: 0,
          token: http.token,
          ...(http.writeRateLimit && { writeRateLimit: http.writeRateLimit }),
        },
      },
      // A write route standing in for POST /api/articles and the backfill controls.
      extraRoutes: [(a) => a.post('/api/echo', async () => ({ ok: true }))],
    });
    return app;
  }
  afterEach(async () => {
    await app?.close();
    rm.close();
  });

  it('answers 429 after 20 failed authentications from one IP, on every route and even with the right token', async () => {
    const a = await start({ token: TOKEN });
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++)
      statuses.push(
        (await a.inject({ url: '/api/topics', headers: { authorization: `Bearer wrong-${i}` } })).statusCode,
      );
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await a.inject({ method: 'POST', url: '/api/session', payload: { token: `guess-${i}` } })).statusCode,
      );
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const locked = await a.inject({ url: '/api/topics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await a.inject('/healthz')).statusCode).toBe(429);
  });

  it('logs a browser in with the token and accepts the cookie in place of the header', async () => {
    const a = await start({ token: TOKEN });
    expect((await a.inject('/api/topics')).statusCode).toBe(401);
    expect((await a.inject('/api/session')).json()).toEqual({ required: true, authenticated: false });
    expect((await a.inject({ method: 'POST', url: '/api/session', payload: { token: 'guess' } })).statusCode).toBe(401);

    const login = await a.inject({ method: 'POST', url: '/api/session', payload: { token: TOKEN } });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0] as string;

    expect((await a.inject({ url: '/api/topics', headers: { cookie } })).statusCode).toBe(200);
    expect((await a.inject({ url: '/api/session', headers: { cookie } })).json()).toEqual({
      required: true,
      authenticated: true,
    });
    expect((await a.inject({ url: '/api/topics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(
      200,
    );
    expect((await a.inject({ url: '/api/topics', headers: { cookie: `${SESSION_COOKIE}=forged` } })).statusCode).toBe(
      401,
    );

    const logout = await a.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect(String(logout.headers['set-cookie'])).toContain('Max-Age=0');
  });

  it('needs the CSRF header for a write authenticated by cookie, not for one with the bearer header', async () => {
    const a = await start({ token: TOKEN });
    const cookie = `${SESSION_COOKIE}=${sessionValue(TOKEN)}`;
    expect((await a.inject({ method: 'POST', url: '/api/echo', headers: { cookie }, payload: {} })).statusCode).toBe(
      401,
    );
    expect(
      (await a.inject({ method: 'POST', url: '/api/echo', headers: { cookie, 'x-claimwatch-csrf': '1' }, payload: {} }))
        .statusCode,
    ).toBe(200);
    expect(
      (await a.inject({ method: 'POST', url: '/api/echo', headers: { authorization: `Bearer ${TOKEN}` }, payload: {} }))
        .statusCode,
    ).toBe(200);
  });

  it('answers 429 with Retry-After past the write limit, and never limits reads', async () => {
    const a = await start({ writeRateLimit: { max: 3, windowMs: 60_000 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await a.inject({ method: 'POST', url: '/api/echo', payload: {} })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const limited = await a.inject({ method: 'POST', url: '/api/echo', payload: {} });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect((await a.inject('/api/topics')).statusCode).toBe(200);
  });

  it('reads the limit and the open flag from the environment', () => {
    const c = loadConfig({ HTTP_WRITE_RATE_LIMIT: '5/second', HTTP_ALLOW_OPEN: 'true' });
    expect(c.http.writeRateLimit).toEqual({ max: 5, windowMs: 1000 });
    expect(c.http.allowOpen).toBe(true);
    expect(loadConfig({}).http).toMatchObject({ writeRateLimit: { max: 120, windowMs: 60_000 }, allowOpen: false });
    expect(() => loadConfig({ HTTP_WRITE_RATE_LIMIT: 'lots' })).toThrow(/HTTP_WRITE_RATE_LIMIT/);
  });
});

describe('start-up without a token', () => {
  it('refuses a non-loopback host unless HTTP_ALLOW_OPEN is set', async () => {
    const rm = openSqliteReadModel({ path: ':memory:' });
    const closed = createApiService({
      readModel: rm,
      log,
      config: { http: { host: '0.0.0.0', port: 1, token: undefined } },
    });
    await expect(closed.start()).rejects.toThrow(
      /refusing to serve the API without API_TOKEN on non-loopback host 0\.0\.0\.0/,
    );
    const lines: string[] = [];
    const loud = createRootLogger('info', {
      write: (s: string) => (lines.push(s), true),
    } as unknown as NodeJS.WritableStream);
    const open = createApiService({
      readModel: rm,
      log: loud,
      config: { http: { host: '127.0.0.1', port: 0 as number, token: undefined } },
    });
    await open.start();
    await open.stop();
    expect(lines.join('')).toMatch(/run OPEN without a token on loopback/);
    rm.close();
  });
});

describe('failed-authentication throttle', () => {
  it('answers 429 to an IP after 20 wrong tokens in a minute, on every route, and lets it try again a minute later', async () => {
    const { createAuthThrottle } = await import('../../../services/surfaces/api/auth-throttle.ts');
    const t = createAuthThrottle({ max: 20 });
    const at = 1_000_000;
    for (let i = 0; i < 20; i++) {
      expect(t.blockedFor('10.0.0.1', at + i)).toBe(0);
      t.fail('10.0.0.1', at + i);
    }
    expect(t.blockedFor('10.0.0.1', at + 30)).toBe(60_000 - 30);
    expect(t.blockedFor('10.0.0.2', at + 30)).toBe(0);
    expect(t.blockedFor('10.0.0.1', at + 60_000)).toBe(0);
  });
});
