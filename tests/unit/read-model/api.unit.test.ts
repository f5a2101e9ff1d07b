import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { seriesId } from '../../../domain/tally/series.ts';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { bearerMatches } from '../../../services/surfaces/api/auth.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { AID, SETTLEMENTS, STANDING_CLAIMS, asInput, firstWave, secondWave } from '../../fixtures/read-model/events.ts';

const log = createRootLogger('silent');

describe('read API', () => {
  let app: FastifyInstance;
  let rm: ReadModel;
  async function start(token?: string, extraRoutes: Array<(app: FastifyInstance) => void> = []) {
    rm = openSqliteReadModel({ path: ':memory:' });
    rm.applyClaimsEvents([...firstWave(), ...secondWave()].map(asInput));
    app = await buildApiApp({
      readModel: rm,
      log,
      config: { http: { host: '127.0.0.1', port: 0, token } },
      extraRoutes,
    });
    return app;
  }
  afterEach(async () => {
    await app.close();
    rm.close();
  });

  it('serves topics, tallies (optionally by topic) and a series with every report', async () => {
    await start();
    expect((await app.inject('/api/topics')).json().topics).toHaveLength(3);
    expect((await app.inject('/api/tallies')).json().tallies).toHaveLength(3);
    const area = (await app.inject('/api/tallies?topic=territory-area')).json();
    expect(area.tallies.map((t: { summary: { key: { topic: string } } }) => t.summary.key.topic)).toEqual([
      'territory-area',
    ]);

    const res = await app.inject(`/api/series/${encodeURIComponent(seriesId(AID))}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().summary.reports[0].evidence.quote).toContain('air defence');
    const settlements = (await app.inject(`/api/series/${encodeURIComponent(seriesId(SETTLEMENTS))}`)).json();
    expect(settlements.summary.disputed).toBe(true);
  });

  it('answers 404 for an unknown series or route', async () => {
    await start();
    expect((await app.inject('/api/series/nope:-:-:-:-')).statusCode).toBe(404);
    expect((await app.inject('/api/nothing')).statusCode).toBe(404);
  });

  it('pages claims through the cursor', async () => {
    await start();
    const ids: string[] = [];
    let url = '/api/claims?limit=4';
    for (;;) {
      const page = (await app.inject(url)).json();
      ids.push(...page.claims.map((c: { claim: { id: string } }) => c.claim.id));
      if (!page.nextCursor) break;
      url = `/api/claims?limit=4&cursor=${page.nextCursor}`;
    }
    expect(ids.sort()).toEqual(STANDING_CLAIMS);
    const since = (await app.inject('/api/claims?topic=settlements-captured&since=2024-08-13')).json();
    expect(since.claims).toHaveLength(3);
  });

  it('refuses a bad query with 400 listing every problem', async () => {
    await start();
    const res = await app.inject('/api/claims?limit=0&since=yesterday&cursor=zz&topics=x');
    expect(res.statusCode).toBe(400);
    const problems: string[] = res.json().problems;
    expect(problems).toHaveLength(4);
    for (const field of ['limit', 'since', 'cursor'])
      expect(problems.some((p) => p.startsWith(`${field}:`))).toBe(true);
    expect(problems.some((p) => p.includes('topics'))).toBe(true);
    expect((await app.inject('/api/claims?limit=501')).statusCode).toBe(400);
    expect((await app.inject('/api/tallies?topic=')).statusCode).toBe(200);
  });

  it('requires the bearer token on every route but /healthz when one is set, extra routes included', async () => {
    await start('s3cret', [(a) => a.post('/api/articles', async (_req, reply) => reply.code(202).send({ ids: [] }))]);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/api/topics')).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/topics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/articles', payload: {} })).statusCode).toBe(401);
    const ok = { authorization: 'Bearer s3cret' };
    expect((await app.inject({ url: '/api/topics', headers: ok })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/articles', headers: ok, payload: {} })).statusCode).toBe(202);
  });

  it('runs open without a token', async () => {
    await start();
    expect((await app.inject('/api/dead-letters')).json()).toEqual({ total: 0, bySourceAndReason: [], recent: [] });
  });
});

describe('bearerMatches', () => {
  it('accepts only the exact token after "Bearer"', () => {
    expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('Bearer abcd', 'abc')).toBe(false);
    expect(bearerMatches('abc', 'abc')).toBe(false);
    expect(bearerMatches(undefined, 'abc')).toBe(false);
    expect(bearerMatches('Bearer ', '')).toBe(false);
  });
});
