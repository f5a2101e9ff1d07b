import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { asInput, firstWave } from '../../fixtures/read-model/events.ts';

// The same rule as the CLI (schemas/known.ts): an unknown topic is refused with the known ones, not answered empty.
describe('read API and unknown names', () => {
  let app: FastifyInstance;
  let rm: ReadModel;
  beforeAll(async () => {
    rm = openSqliteReadModel({ path: ':memory:' });
    rm.applyClaimsEvents(firstWave().map(asInput));
    app = await buildApiApp({
      readModel: rm,
      claimTopics: ['territory-area', 'settlements-captured'],
      log: createRootLogger('silent'),
      config: { http: { host: '127.0.0.1', port: 0, token: undefined } },
    });
  });
  afterAll(async () => {
    await app.close();
    rm.close();
  });

  it('refuses an unknown topic on /api/tallies and /api/claims with 400 and the known topics', async () => {
    for (const url of ['/api/tallies?topic=terrain', '/api/claims?topic=terrain']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: 'unknown topic "terrain"; known topics: settlements-captured, territory-area',
        problems: ['topic: unknown topic "terrain"; known topics: settlements-captured, territory-area'],
      });
    }
  });

  it('answers a known topic, even one without claims yet', async () => {
    expect((await app.inject('/api/tallies?topic=settlements-captured')).statusCode).toBe(200);
    expect((await app.inject('/api/claims?topic=territory-area')).statusCode).toBe(200);
  });

  it('refuses an unknown place on /api/tallies with 400, suggesting the slug meant', async () => {
    const res = await app.inject('/api/tallies?place=donetsk-obl');
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: string; problems: string[] }>();
    expect(body.error).toMatch(
      /^unknown place "donetsk-obl" \(did you mean "donetsk-oblast"\?\); known places include .* \(\d+ in all: `claimwatch tallies`\)$/,
    );
    expect(body.problems).toEqual([`place: ${body.error}`]);
    expect((await app.inject('/api/tallies?place=donetsk-oblast')).statusCode).toBe(200);
  });

  it('answers 404 naming an unknown series', async () => {
    const res = await app.inject('/api/series/no:such');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toContain('no:such');
  });
});
