import { describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { createProcessArticleActivities } from '../../../workflows/process-article/activities.ts';
import { createSqliteDeliveryLedger } from '../../../workflows/process-article/delivery-ledger.ts';
import { planAnalysed } from '../../../domain/tally/plan.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { defaultTaxonomy } from '../../../domain/extract/index.ts';
import { topicNames } from '../../../schemas/topics.ts';
import type { EventProducer } from '../../../services/platform/kafka.ts';
import type { Article } from '../../../schemas/article.ts';

const article: Article = {
  id: 'once-1',
  url: 'https://wire.test/once-1',
  source: 'Test Wire',
  published_at: '2024-08-13T10:00:00Z',
  title: 'Kursk',
  text: 'Ukrainian forces have taken control of 74 settlements in the Kursk region, the army chief said on Monday.',
};
const raw = (offset: number) => ({
  canonicalId: 'a-once',
  raw: { topic: 'raw', partition: 1, offset: String(offset) },
});
const producer: EventProducer = { async send() {}, async disconnect() {} };

function activities() {
  return createProcessArticleActivities({
    dedupIndex: createSqliteDedupIndex({ path: ':memory:' }),
    deliveries: createSqliteDeliveryLedger({ path: ':memory:' }),
    producer,
    topics: topicNames('unit'),
    taxonomy: defaultTaxonomy,
    client: {} as Client,
    taskQueue: 'q',
    scope: 'unit',
  });
}

describe('an article is said once', () => {
  it('given an article delivered from offset 5, when the same content arrives from offset 9, then nothing is planned for it', async () => {
    const acts = activities();
    const [first] = await acts.analyseArticles([article], [raw(5)]);
    expect(planAnalysed(article, first!)).toHaveLength(1);
    const [again] = await acts.analyseArticles([article], [raw(9)]);
    expect(again).toMatchObject({ redelivery: true, claims: [], decision: { reason: 'same-url' } });
    expect(planAnalysed(article, again!)).toEqual([]);
  });

  it('given a delivery analysed once, when the activity is retried for the same message, then it is planned again (a retry is not a re-delivery)', async () => {
    const acts = activities();
    const [first] = await acts.analyseArticles([article], [raw(5)]);
    const [retried] = await acts.analyseArticles([article], [raw(5)]);
    expect(retried?.redelivery).toBeUndefined();
    expect(planAnalysed(article, retried!)).toEqual(planAnalysed(article, first!));
  });

  it('given an edited article (same canonical id, new content), then it is analysed again; a copy inside one batch still counts once', async () => {
    const acts = activities();
    const edited = { ...article, text: `${article.text} Officials repeated the figure.` };
    const out = await acts.analyseArticles([article, article, edited], [raw(5), raw(6), raw(7)]);
    expect(out.map((a) => a.redelivery ?? false)).toEqual([false, true, false]);
  });
});
