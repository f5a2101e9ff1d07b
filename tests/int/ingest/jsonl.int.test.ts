import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import { ArticleReceivedSchema, DeadLetterSchema, topicNames } from '../../../schemas/topics.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { ingestJsonLines } from '../../../services/pipeline/ingest/jsonl-ingest.ts';
import { createArticlePublisher } from '../../../services/pipeline/ingest/publisher.ts';
import { createKafkaBus, type EventProducer } from '../../../services/platform/kafka.ts';
import { testContext, uniqueName } from '../../support/harness.ts';
import { messageCount, readTopic } from './topic-reader.ts';

describe('ingest JSON lines into the real broker', () => {
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: uniqueName('t') });
  const topics = topicNames(config.kafka.topicPrefix);
  const bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'ingest-jsonl-test', log });
  let producer: EventProducer;
  beforeAll(async () => {
    await ensurePipelineTopics(bus, config.kafka.topicPrefix, []);
    producer = await bus.createProducer();
  });
  afterAll(async () => {
    await bus
      .deleteTopics(Object.values(topics).filter((t): t is string => typeof t === 'string'))
      .catch(() => undefined);
    await bus.close();
  });

  it('puts good lines on the raw topic keyed by canonical id and bad lines on the dead-letter topic with line and problems', async () => {
    const file = fileURLToPath(new URL('../../fixtures/ingest/mixed.jsonl', import.meta.url));
    const publisher = createArticlePublisher({ producer, topics, log });
    const counts = await ingestJsonLines({ paths: [file], publisher, log, batchSize: 2 });
    expect(counts).toEqual({ published: 3, deadLettered: 3 });

    const raw = await readTopic(bus, topics.rawArticles, 3);
    const envelopes = raw.map((m) => ({ key: m.key, env: ArticleReceivedSchema.parse(JSON.parse(m.value ?? '')) }));
    expect(envelopes.map((e) => e.env.data.article.id).sort()).toEqual(['fx-1', 'fx-2', 'fx-3']);
    for (const { key, env } of envelopes) {
      expect(key).toBe(canonicalArticleId(env.data.article));
      expect(env.data).toMatchObject({ canonicalId: key, channel: 'file' });
    }
    // The tracking parameter does not change the key.
    const fx3 = envelopes.find((e) => e.env.data.article.id === 'fx-3');
    expect(fx3?.key).toBe(
      canonicalArticleId({ id: 'other', source: 'other', url: 'https://kyiv-wire.example/2024/08/15/kursk-74' }),
    );

    const dead = (await readTopic(bus, topics.deadLetters, 3)).map(
      (m) => DeadLetterSchema.parse(JSON.parse(m.value ?? '')).data,
    );
    expect(dead.map((d) => d.location)).toEqual([`${file}:3`, `${file}:4`, `${file}:7`]);
    expect(dead[0]?.problems).toHaveLength(3);
    expect(dead[0]?.reason).toBe(dead[0]?.problems.join('; '));
    expect(dead[1]?.problems[0]).toMatch(/not valid JSON/);
    expect(dead[1]?.payload).toBe('this is not json');
    expect(dead.every((d) => d.source === 'ingest:file')).toBe(true);
    expect(await messageCount(bus, topics.rawArticles)).toBe(3);
  });
});
