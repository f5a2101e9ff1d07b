import { describe, expect, it } from 'vitest';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import type { Article } from '../../../schemas/article.ts';
import { ArticleReceivedSchema, DeadLetterSchema, topicNames } from '../../../schemas/topics.ts';
import { createArticlePublisher } from '../../../services/pipeline/ingest/publisher.ts';
import { articleProblems } from '../../../services/pipeline/ingest/article-checks.ts';
import { quietLog, recordingProducer } from './fakes.ts';

const topics = topicNames('unit');
const article = (id: string, text = 'Some text.'): Article => ({
  id,
  url: `https://news.example/${id}?utm_source=x`,
  source: 'News',
  published_at: '2024-08-12T00:00:00Z',
  title: id,
  text,
});
const now = () => new Date('2024-09-01T12:00:00Z');

describe('createArticlePublisher', () => {
  it('sends valid ArticleReceived envelopes keyed by the canonical id', async () => {
    const producer = recordingProducer();
    const publisher = createArticlePublisher({ producer, topics, log: quietLog, now });
    const result = await publisher.publish([article('a'), article('b')], 'file');
    expect(result.ids).toEqual(['a', 'b']);
    expect(result.canonicalIds).toEqual([canonicalArticleId(article('a')), canonicalArticleId(article('b'))]);
    const [send] = producer.sent;
    expect(send?.topic).toBe(topics.rawArticles);
    const env = ArticleReceivedSchema.parse(JSON.parse(send?.messages[0]?.value ?? ''));
    expect(send?.messages[0]?.key).toBe(result.canonicalIds[0]);
    expect(env).toMatchObject({
      id: result.messageIds[0],
      type: 'ArticleReceived',
      occurredAt: '2024-09-01T12:00:00.000Z',
      data: { channel: 'file', canonicalId: result.canonicalIds[0], article: article('a') },
    });
  });

  it('gives a retried publish the same message ids, and changed content a new one', async () => {
    const producer = recordingProducer();
    const publisher = createArticlePublisher({ producer, topics, log: quietLog });
    const first = await publisher.publish([article('a')], 'http');
    const again = await publisher.publish([article('a')], 'http');
    const edited = await publisher.publish([article('a', 'Edited text.')], 'http');
    const otherChannel = await publisher.publish([article('a')], 'file');
    expect(again.messageIds).toEqual(first.messageIds);
    expect(edited.messageIds).not.toEqual(first.messageIds);
    expect(otherChannel.messageIds).not.toEqual(first.messageIds);
    expect(edited.canonicalIds).toEqual(first.canonicalIds);
  });

  it('splits large batches into several sends and refuses oversized articles before sending anything', async () => {
    const producer = recordingProducer();
    const publisher = createArticlePublisher({ producer, topics, log: quietLog });
    await publisher.publish(
      Array.from({ length: 5 }, (_, i) => article(`big${i}`, 'x'.repeat(400_000))),
      'file',
    );
    expect(producer.sent.length).toBeGreaterThan(1);
    expect(producer.sent.flatMap((s) => s.messages)).toHaveLength(5);
    // 600 k characters of Cyrillic are 1.2 MB of UTF-8: the limit is in bytes, not characters.
    const huge = article('huge', 'ж'.repeat(600_000));
    expect(articleProblems(huge)).toEqual(['text: 1200000 UTF-8 bytes, at most 1000000 (600000 characters)']);
    expect(articleProblems(article('ascii', 'x'.repeat(1_000_000)))).toEqual([]);
    producer.sent.length = 0;
    await expect(publisher.publish([article('ok'), huge], 'file')).rejects.toThrow(/huge: text: 1200000 UTF-8 bytes/);
    expect(producer.sent).toHaveLength(0);
  });

  it('dead-letters to the dead-letter topic with reason, problems, location and payload', async () => {
    const producer = recordingProducer();
    const publisher = createArticlePublisher({ producer, topics, log: quietLog });
    await publisher.deadLetter([
      {
        reason: 'text: Required',
        problems: ['text: Required'],
        source: 'ingest:file',
        location: 'x.jsonl:3',
        payload: '{}',
      },
    ]);
    await publisher.deadLetter([]);
    expect(producer.sent).toHaveLength(1);
    expect(producer.sent[0]?.topic).toBe(topics.deadLetters);
    expect(DeadLetterSchema.parse(JSON.parse(producer.sent[0]?.messages[0]?.value ?? '')).data).toEqual({
      reason: 'text: Required',
      problems: ['text: Required'],
      source: 'ingest:file',
      location: 'x.jsonl:3',
      payload: '{}',
    });
  });
});
