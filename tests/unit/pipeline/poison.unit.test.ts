import { describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { createProcessArticleActivities, type PublishPart } from '../../../workflows/process-article/activities.ts';
import { articleDeadLetters, resultOf } from '../../../workflows/process-article/outcome.ts';
import { articleWorkflowId } from '../../../workflows/process-article/messages.ts';
import { planTallyEvents } from '../../../domain/tally/plan.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { DeadLetterSchema, topicNames } from '../../../schemas/topics.ts';
import type { EventProducer, OutgoingMessage } from '../../../services/platform/kafka.ts';
import { RefusedError } from '../../../services/platform/errors.ts';
import type { Article } from '../../../schemas/article.ts';

const topics = topicNames('unit');
const article = (id: string, text: string): Article => ({
  id,
  url: `https://wire.test/${id}`,
  source: 'Test Wire',
  published_at: '2024-08-30T00:00:00Z',
  title: id,
  text,
});
const sentence = (i: number) =>
  `On ${(i % 28) + 1} August 2024 Ukrainian forces captured ${i + 3} settlements in the Kursk region, the general staff said.`;
const dense = article('dense', Array.from({ length: 60 }, (_, i) => sentence(i)).join(' '));
const plain = article('plain', sentence(1));
const trace = { correlationId: 'c', causationId: 'm' };

function producer(refuse: (topic: string, messages: OutgoingMessage[]) => boolean = () => false) {
  const sent: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
  const p: EventProducer = {
    async send(topic, messages) {
      if (refuse(topic, messages)) throw new RefusedError(`refused ${messages.length}`);
      sent.push({ topic, messages });
    },
    async disconnect() {},
  };
  return { p, sent };
}

function activities(p: EventProducer, maxClaimsPerArticle?: number) {
  const dedupIndex = createSqliteDedupIndex({ path: ':memory:' });
  return createProcessArticleActivities({
    dedupIndex,
    producer: p,
    topics,
    taxonomy: defaultTaxonomy,
    client: {} as Client,
    taskQueue: 'q',
    scope: 'unit',
    maxClaimsPerArticle,
  });
}

const partOf = (a: Article): PublishPart => ({
  plan: planTallyEvents(a, extractClaims(a, defaultTaxonomy()), null),
  trace,
});

describe('per-article claim cap', () => {
  it('keeps the first claims up to the cap and says how many the extractor found; others are untouched', async () => {
    const acts = activities(producer().p, 10);
    const [capped, ok] = await acts.analyseArticles([dense, plain]);
    expect(capped?.claims).toHaveLength(10);
    expect(capped?.claimsFound).toBe(60);
    expect(capped?.claims).toEqual(extractClaims(dense, defaultTaxonomy()).slice(0, 10));
    expect(ok?.claimsFound).toBeUndefined();
    expect(ok?.claims).toHaveLength(1);
  });
});

describe('publishing a batch with a poison article', () => {
  it("leaves out an article with an event over the claims topic's max.message.bytes, sends the others", async () => {
    const { p, sent } = producer();
    const poison = partOf(plain);
    const event = poison.plan[0]!.events[0]!;
    if (event.type !== 'ClaimReported') throw new Error('expected a claim');
    event.data.claim.evidence.quote = 'x'.repeat(1_200_000);
    const outcome = await activities(p).publishTallyEventBatch([partOf(dense), poison, partOf(plain)]);
    expect(outcome.refused).toEqual([
      { index: 1, reason: expect.stringMatching(/ClaimReported event of \d+ bytes is over .* max.message.bytes/) },
    ]);
    expect(outcome.messages).toBe(61);
    expect(sent.flatMap((s) => s.messages)).toHaveLength(61);
  });

  it('sends the parts one by one when Kafka refuses the whole request, leaving out only the refused article', async () => {
    // The broker refuses any request holding the dense article's messages (60 of them).
    const { p, sent } = producer((_t, messages) => messages.length >= 60);
    const outcome = await activities(p).publishTallyEventBatch([partOf(plain), partOf(dense), partOf(plain)]);
    expect(outcome.refused).toEqual([{ index: 1, reason: 'refused 60' }]);
    expect(sent.map((s) => s.messages.length)).toEqual([1, 1]);
  });

  it('dead-letters with stable ids, the reason and the raw-topic location', async () => {
    const { p, sent } = producer();
    const letter = {
      kind: 'claim-cap' as const,
      reason: 'claim cap: 60 found, 10 kept',
      articleId: 'dense',
      canonicalId: 'a-1',
      source: 'Test Wire',
      url: dense.url,
      raw: { topic: 'raw', partition: 2, offset: '41' },
    };
    const acts = activities(p);
    await acts.recordDeadLetters([letter]);
    await acts.recordDeadLetters([letter]);
    const [first, again] = sent.map((s) => DeadLetterSchema.parse(JSON.parse(s.messages[0]!.value)));
    expect(first?.data).toMatchObject({ reason: letter.reason, source: 'process-article', location: 'raw/2/41' });
    expect(JSON.parse(first!.data.payload)).toMatchObject({
      articleId: 'dense',
      canonicalId: 'a-1',
      kind: 'claim-cap',
    });
    expect(again?.id).toBe(first?.id);
  });
});

describe('outcome of a batch', () => {
  const item = (a: Article, i: number) => ({
    article: a,
    canonicalId: `a-${i}`,
    messageId: `m${i}`,
    correlationId: 'c',
    raw: { topic: 'raw', partition: 0, offset: String(i) },
  });
  const decision = { duplicateOf: null, reason: null, similarity: 0 };

  it('dead-letters refused and capped articles by their raw position; a refused one counts nothing', () => {
    const items = [item(plain, 0), item(dense, 1), item(plain, 2)];
    const analyses = [
      { decision, claims: [], extractorVersion: 'v', refused: 'the extractor failed on it: boom' },
      { decision, claims: [], extractorVersion: 'v', claimsFound: 60 },
      { decision, claims: extractClaims(plain, defaultTaxonomy()), extractorVersion: 'v' },
    ];
    const letters = articleDeadLetters(items, analyses, new Map([[2, 'Kafka refused its events: too big']]));
    expect(letters.map((l) => [l.kind, l.raw?.offset, l.reason])).toEqual([
      ['refused', '0', 'the extractor failed on it: boom'],
      ['claim-cap', '1', 'claim cap: the extractor found 60 claims, 0 kept (the article is flagged)'],
      ['refused', '2', 'Kafka refused its events: too big'],
    ]);
    expect(resultOf(items[2]!, analyses[2]!, [], 'Kafka refused its events: too big')).toMatchObject({
      claims: 0,
      series: [],
      deadLettered: 'Kafka refused its events: too big',
    });
    expect(resultOf(items[1]!, analyses[1]!, [], undefined)).toMatchObject({ claimsFound: 60 });
  });
});

describe('workflow ids of canonical ids', () => {
  it('keeps ingest-made ids readable and hashes ids past 200 characters (Temporal caps ids at 1,000)', () => {
    expect(articleWorkflowId('p', 'a-0123456789abcdef01234567')).toBe('p/article:a-0123456789abcdef01234567');
    const long = articleWorkflowId('p', 'x'.repeat(2_000));
    const other = articleWorkflowId('p', `${'x'.repeat(1_999)}y`);
    expect(long.length).toBeLessThan(120);
    expect(long).not.toBe(other);
  });
});
