import fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerArticleRoutes } from '../../../services/pipeline/ingest/http-routes.ts';
import { UnavailableError } from '../../../services/platform/errors.ts';
import type { ArticlePublisher } from '../../../services/pipeline/ingest/publisher.ts';
import { quietLog, recordingPublisher } from './fakes.ts';

const good = (id: string) => ({
  id,
  url: `https://news.example/${id}`,
  source: 'News',
  published_at: '2024-08-12T10:00:00Z',
  title: id,
  text: 'Text.',
});
const apps: Array<ReturnType<typeof fastify>> = [];
function app(publisher: ArticlePublisher = recordingPublisher(), bodyLimitBytes?: number) {
  const a = fastify();
  registerArticleRoutes(a, { publisher, log: quietLog, bodyLimitBytes });
  apps.push(a);
  return a;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

describe('POST /api/articles', () => {
  it.each([
    ['one article', good('a'), ['a']],
    ['an array', [good('a'), good('b')], ['a', 'b']],
    ['{articles: [...]}', { articles: [good('a'), good('b')] }, ['a', 'b']],
  ])('accepts %s with 202 and the article ids', async (_name, payload, ids) => {
    const publisher = recordingPublisher();
    const res = await app(publisher).inject({ method: 'POST', url: '/api/articles', payload });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: ids.length, ids, canonicalIds: ids.map((i) => `c-${i}`) });
    expect(publisher.published[0]).toMatchObject({ channel: 'http' });
  });

  it('rejects a batch with any bad article whole, naming every problem of every bad article, and dead-letters nothing', async () => {
    const publisher = recordingPublisher();
    const payload = [good('a'), { id: 'b', source: '', published_at: 'soon' }, good('c'), 'not an object'];
    const res = await app(publisher).inject({ method: 'POST', url: '/api/articles', payload });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: string; problems: Array<{ index: number; problems: string[] }> }>();
    expect(body.error).toMatch(/2 of 4 articles invalid/);
    expect(body.problems.map((p) => p.index)).toEqual([1, 3]);
    expect(body.problems[0]?.problems).toEqual([
      expect.stringMatching(/^source:/),
      expect.stringMatching(/^published_at:/),
      expect.stringMatching(/^text:/),
    ]);
    expect(publisher.published).toHaveLength(0);
    expect(publisher.letters).toHaveLength(0);
  });

  it.each([
    ['an empty array', []],
    ['a number', 42],
    ['{articles: "x"}', { articles: 'x' }],
  ])('answers 400 for %s', async (_name, payload) => {
    const res = await app().inject({
      method: 'POST',
      url: '/api/articles',
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: expect.any(String), problems: [] });
  });

  it('answers 400 in the same shape for malformed JSON', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/api/articles',
      payload: '{"id": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: expect.any(String), problems: [] });
  });

  it('answers 413 above the body limit', async () => {
    const publisher = recordingPublisher();
    const res = await app(publisher, 1000).inject({
      method: 'POST',
      url: '/api/articles',
      payload: { ...good('a'), text: 'x'.repeat(2000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: expect.stringMatching(/too large/i), problems: [] });
    expect(publisher.published).toHaveLength(0);
  });

  it('answers 503 with retry-after when Kafka is unavailable', async () => {
    const failing: ArticlePublisher = {
      publish: () => Promise.reject(new UnavailableError('broker down')),
      deadLetter: async () => undefined,
    };
    const res = await app(failing).inject({ method: 'POST', url: '/api/articles', payload: good('a') });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
  });
});
