import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import type { Article } from '../../../schemas/article.ts';
import type { Decision } from '../../../domain/dedup/types.ts';
import { defaultTaxonomy, extractClaims, EXTRACTOR_VERSION } from '../../../domain/extract/index.ts';
import { mergePlans, planAnalysed, type SeriesEvents } from '../../../domain/tally/plan.ts';
import type { Analysis, PublishOutcome, PublishPart } from '../../../workflows/process-article/activities.ts';
import type {
  ArticleDeadLetter,
  ProcessArticleInput,
  ProcessArticleResult,
} from '../../../workflows/process-article/messages.ts';
import type { processArticle, processArticleBatch } from '../../../workflows/process-article/workflow.ts';
import { hermeticServer, withMockedWorker } from '../../support/hermetic.ts';
import { uniqueName } from '../../support/harness.ts';

// processArticle and processArticleBatch on a private dev server with every activity mocked: what the workflow
// publishes, delivers and dead-letters for what the analysis says. The articles are the team's own sentences.

const original: Article = {
  id: 'hw-1',
  url: 'https://wire.example/kursk-hold',
  source: 'Hill Wire',
  published_at: '2024-08-14T08:00:00Z',
  title: 'Kursk',
  text: 'Ukrainian troops have taken control of 82 settlements in the Kursk region, the commander said on Wednesday.',
};
const copy: Article = {
  ...original,
  id: 'hw-2',
  url: 'https://daily.example/kursk-hold',
  source: 'Plain Daily',
  published_at: '2024-08-14T09:30:00Z',
};

const originalDecision: Decision = { duplicateOf: null, reason: null, similarity: 0 };
const copyDecision: Decision = { duplicateOf: original.id, reason: 'near-duplicate', similarity: 0.97 };

function input(article: Article, offset: number): ProcessArticleInput {
  return {
    article,
    canonicalId: `c-${article.id}`,
    messageId: `m-${article.id}`,
    correlationId: `corr-${article.id}`,
    receivedAt: '2024-08-14T10:00:00.000Z',
    raw: { topic: 't.articles.raw.v1', partition: 0, offset: String(offset) },
  };
}

/** Mock activities: analysis from a table (claims by the real extractor), every other call recorded. */
function mocks(options: { decisions: Record<string, Decision>; analyseFails?: string; publishRefuses?: number[] }) {
  const calls = {
    published: [] as PublishPart[][],
    delivered: [] as Array<{ plan: SeriesEvents[]; deliveryId: string }>,
    deadLetters: [] as ArticleDeadLetter[],
  };
  const analysisOf = (article: Article): Analysis => {
    if (article.id === options.analyseFails)
      throw ApplicationFailure.create({
        message: `extractor crashed on ${article.id}`,
        type: 'InvalidInputError',
        nonRetryable: true,
      });
    const claims = extractClaims(article, defaultTaxonomy());
    return { decision: options.decisions[article.id] ?? originalDecision, claims, extractorVersion: EXTRACTOR_VERSION };
  };
  const activities = {
    async analyseArticle(article: Article) {
      return analysisOf(article);
    },
    async analyseArticles(articles: Article[]) {
      return articles.map(analysisOf);
    },
    async publishTallyEventBatch(parts: PublishPart[]): Promise<PublishOutcome> {
      calls.published.push(parts);
      const refused = (options.publishRefuses ?? []).map((index) => ({ index, reason: 'MESSAGE_TOO_LARGE' }));
      return { messages: parts.reduce((n, p) => n + p.plan.reduce((m, s) => m + s.events.length, 0), 0), refused };
    },
    async publishTallyEvents(part: PublishPart): Promise<PublishOutcome> {
      return activities.publishTallyEventBatch([part]);
    },
    async deliverToTallies(delivery: { plan: SeriesEvents[]; deliveryId: string }) {
      calls.delivered.push(delivery);
    },
    async recordDeadLetters(letters: ArticleDeadLetter[]) {
      calls.deadLetters.push(...letters);
    },
  };
  return { activities, calls };
}

describe('processArticle with mocked activities (no Kafka, private Temporal)', () => {
  const server = hermeticServer();

  const runOne = (activities: object, item: ProcessArticleInput) =>
    withMockedWorker(server(), activities, (taskQueue) =>
      server().client.workflow.execute<typeof processArticle>('processArticle', {
        workflowId: uniqueName('article'),
        taskQueue,
        args: [item],
      }),
    );

  it('an original: publishes its claims per series, delivers the same plan under its canonical id, dead-letters nothing', async () => {
    const { activities, calls } = mocks({ decisions: {} });
    const item = input(original, 7);
    const result: ProcessArticleResult = await runOne(activities, item);

    const claims = extractClaims(original, defaultTaxonomy());
    expect(claims.length).toBeGreaterThan(0);
    const plan = planAnalysed(original, { decision: originalDecision, claims }, true, item.receivedAt);
    expect(calls.published).toEqual([
      [{ plan, trace: { correlationId: 'corr-hw-1', causationId: 'm-hw-1' }, receivedAt: item.receivedAt }],
    ]);
    expect(plan.flatMap((s) => s.events.map((e) => e.type))).toEqual(claims.map(() => 'ClaimReported'));
    expect(calls.delivered).toEqual([{ plan: mergePlans([plan]), deliveryId: 'c-hw-1' }]);
    expect(calls.deadLetters).toEqual([]);
    expect(result).toMatchObject({
      articleId: 'hw-1',
      duplicateOf: null,
      claims: claims.length,
      series: plan.map((s) => s.seriesId),
      extractorVersion: EXTRACTOR_VERSION,
    });
    expect(result.deadLettered).toBeUndefined();
  });

  it('a syndicated copy: records a copy of its original in each series its text speaks to, counts no claims', async () => {
    const { activities, calls } = mocks({ decisions: { [copy.id]: copyDecision } });
    const result = await runOne(activities, input(copy, 8));
    const events = calls.delivered.flatMap((d) => d.plan.flatMap((s) => s.events));
    expect(events.length).toBeGreaterThan(0);
    expect(
      events.every(
        (e) =>
          e.type === 'ArticleCopyRecorded' && e.data.canonicalArticleId === original.id && e.data.articleId === copy.id,
      ),
    ).toBe(true);
    expect(result).toMatchObject({ duplicateOf: original.id, claims: 0 });
  });

  it('an article the extractor refuses for good: nothing published or delivered, one dead letter pointing at its raw message', async () => {
    const { activities, calls } = mocks({ decisions: {}, analyseFails: original.id });
    const result = await runOne(activities, input(original, 9));
    expect(calls.delivered).toEqual([]);
    expect(calls.published.flat().flatMap((p) => p.plan)).toEqual([]);
    expect(calls.deadLetters).toEqual([
      expect.objectContaining({
        kind: 'refused',
        articleId: original.id,
        canonicalId: 'c-hw-1',
        raw: { topic: 't.articles.raw.v1', partition: 0, offset: '9' },
      }),
    ]);
    expect(calls.deadLetters[0]?.reason).toMatch(/^analysis refused: .*extractor crashed on hw-1/);
    expect(result).toMatchObject({ claims: 0, series: [] });
    expect(result.deadLettered).toMatch(/extractor crashed/);
  });

  it('a batch where Kafka refuses one article: the other is delivered alone, the refused one is dead-lettered', async () => {
    const other: Article = {
      ...original,
      id: 'hw-3',
      url: 'https://wire.example/air',
      text: 'Air defence units shot down 31 drones over the Odesa region overnight, the air force said.',
    };
    const { activities, calls } = mocks({ decisions: {}, publishRefuses: [0] });
    const results = await withMockedWorker(server(), activities, (taskQueue) =>
      server().client.workflow.execute<typeof processArticleBatch>('processArticleBatch', {
        workflowId: uniqueName('batch'),
        taskQueue,
        args: [{ batchId: '0:10-11', items: [input(original, 10), input(other, 11)] }],
      }),
    );
    const delivered = calls.delivered.flatMap((d) => d.plan.flatMap((s) => s.events));
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((e) => e.type === 'ClaimReported' && e.data.claim.articleId === 'hw-3')).toBe(true);
    expect(calls.delivered.map((d) => d.deliveryId)).toEqual(['batch:0:10-11']);
    expect(calls.deadLetters).toEqual([
      expect.objectContaining({
        kind: 'refused',
        articleId: 'hw-1',
        reason: 'Kafka refused its events: MESSAGE_TOO_LARGE',
      }),
    ]);
    expect(results.map((r) => r.claims > 0)).toEqual([false, true]);
  });
});
