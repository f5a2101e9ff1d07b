import fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleReceivedSchema, topicNames } from '../../../schemas/topics.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { registerArticleRoutes } from '../../../services/pipeline/ingest/http-routes.ts';
import { createArticlePublisher } from '../../../services/pipeline/ingest/publisher.ts';
import { createKafkaBus } from '../../../services/platform/kafka.ts';
import { testContext, uniqueName } from '../../support/harness.ts';
import { messageCount, readTopic } from './topic-reader.ts';

const article = (id: string, text = 'Ukraine said it held 74 settlements.') => ({
  id,
  url: `https://news.example/${id}`,
  source: 'News',
  published_at: '2024-08-15T09:00:00Z',
  title: id,
  text,
});

describe('POST /api/articles with a real producer', () => {
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: uniqueName('t') });
  const topics = topicNames(config.kafka.topicPrefix);
  const bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'ingest-http-test', log });
  const app = fastify();
  beforeAll(async () => {
    await ensurePipelineTopics(bus, config.kafka.topicPrefix, []);
    const publisher = createArticlePublisher({ producer: await bus.createProducer(), topics, log });
    registerArticleRoutes(app, { publisher, log, bodyLimitBytes: 64 * 1024 });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await bus.deleteTopics([topics.rawArticles, topics.tallies, topics.deadLetters]).catch(() => undefined);
    await bus.close();
  });

  it('202: a batch lands on the raw topic with the ids it answered', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/articles',
      payload: { articles: [article('h1'), article('h2')] },
    });
    expect(res.statusCode).toBe(202);
    const body = res.json<{ accepted: number; ids: string[]; canonicalIds: string[] }>();
    expect(body).toMatchObject({ accepted: 2, ids: ['h1', 'h2'] });
    const raw = await readTopic(bus, topics.rawArticles, 2);
    const got = raw.map((m) => [m.key, ArticleReceivedSchema.parse(JSON.parse(m.value ?? '')).data.article.id]).sort();
    expect(got).toEqual(
      [
        [body.canonicalIds[0], 'h1'],
        [body.canonicalIds[1], 'h2'],
      ].sort(),
    );
  });

  it('400 and 413 publish nothing and dead-letter nothing', async () => {
    const before = await messageCount(bus, topics.rawArticles);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/articles',
      payload: [article('h3'), { ...article('h4'), published_at: 'today' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ problems: [{ index: 1, problems: [expect.stringMatching(/^published_at:/)] }] });
    const big = await app.inject({
      method: 'POST',
      url: '/api/articles',
      payload: article('h5', 'x'.repeat(100 * 1024)),
    });
    expect(big.statusCode).toBe(413);
    expect(await messageCount(bus, topics.rawArticles)).toBe(before);
    expect(await messageCount(bus, topics.deadLetters)).toBe(0);
  });
});
