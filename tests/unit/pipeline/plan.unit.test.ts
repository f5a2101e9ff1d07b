import { describe, expect, it } from 'vitest';
import { mergePlans, planAnalysed, planTallyEvents } from '../../../domain/tally/plan.ts';
import { tallyEventId } from '../../../domain/tally/event-id.ts';
import { chunkBySize } from '../../../services/platform/io/chunks.ts';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import type { Article } from '../../../schemas/article.ts';
import type { Decision } from '../../../domain/dedup/types.ts';

const article: Article = {
  id: 'own-1',
  url: 'https://example.test/a',
  source: 'Test Wire',
  published_at: '2024-08-13T10:00:00Z',
  title: 'Kursk',
  text:
    'Ukrainian forces have taken control of 74 settlements in the Kursk region, the army chief said on Monday. ' +
    'The troops also hold about 1,000 square kilometres of Russian territory, he said.',
};

describe('planning tally events for an article', () => {
  const claims = extractClaims(article, defaultTaxonomy());

  it('reports each claim of an original in its own series', () => {
    expect(claims.length).toBe(2);
    const plan = planTallyEvents(article, claims, null);
    expect(plan.map((p) => p.events.map((e) => e.type))).toEqual([['ClaimReported'], ['ClaimReported']]);
    expect(new Set(plan.map((p) => p.seriesId)).size).toBe(2);
  });

  it('records a copy once per series it speaks to, and reports none of its claims', () => {
    const plan = planTallyEvents(article, claims, 'canonical-1');
    expect(plan).toHaveLength(2);
    for (const p of plan)
      expect(p.events).toEqual([
        {
          type: 'ArticleCopyRecorded',
          data: {
            articleId: 'own-1',
            source: 'Test Wire',
            url: article.url,
            publishedAt: article.published_at,
            canonicalArticleId: 'canonical-1',
          },
        },
      ]);
  });

  it('events carry the publication time, so the fold can credit the earliest-published copy; histories before the patch do not', () => {
    for (const p of planTallyEvents(article, claims, null))
      for (const e of p.events) expect(e.data.publishedAt).toBe(article.published_at);
    for (const p of planTallyEvents(article, claims, null, false))
      for (const e of p.events) expect(e.data.publishedAt).toBeUndefined();
  });

  it('gives the same event the same message id in one series and different ids in two', () => {
    const [a, b] = planTallyEvents(article, claims, 'canonical-1');
    const event = a!.events[0]!;
    expect(tallyEventId(a!.seriesId, event)).toBe(tallyEventId(a!.seriesId, structuredClone(event)));
    expect(tallyEventId(a!.seriesId, event)).not.toBe(tallyEventId(b!.seriesId, b!.events[0]!));
  });
});

describe('merging the plans of a micro-batch', () => {
  const second: Article = {
    ...article,
    id: 'own-2',
    url: 'https://example.test/b',
    source: 'Other Wire',
    text: article.text.replace('74', '93'),
  };
  const plans = [
    planTallyEvents(article, extractClaims(article, defaultTaxonomy()), null),
    planTallyEvents(second, extractClaims(second, defaultTaxonomy()), null),
    planTallyEvents(
      { ...article, id: 'own-3', source: 'Copy Wire' },
      extractClaims(article, defaultTaxonomy()),
      'own-1',
    ),
  ];

  it('gives one entry per series with every event of every article, in article order', () => {
    const merged = mergePlans(plans);
    const series = new Set(plans.flat().map((p) => p.seriesId));
    expect(merged.map((m) => m.seriesId)).toEqual([...series].sort());
    for (const m of merged) {
      const expected = plans.flatMap((plan) => plan.filter((p) => p.seriesId === m.seriesId).flatMap((p) => p.events));
      expect(m.events).toEqual(expected);
    }
    expect(merged.reduce((n, m) => n + m.events.length, 0)).toBe(plans.flat().reduce((n, p) => n + p.events.length, 0));
  });

  it('does not change the plans it merges', () => {
    const before = JSON.stringify(plans);
    mergePlans(plans);
    expect(JSON.stringify(plans)).toBe(before);
  });
});

describe('planning an analysed article', () => {
  const claims = extractClaims(article, defaultTaxonomy());

  it('plans nothing for a re-delivery (same canonical URL, reason same-url): not even a copy', () => {
    expect(
      planAnalysed(article, { decision: { duplicateOf: 'own-0', similarity: 1, reason: 'same-url' }, claims }),
    ).toEqual([]);
  });

  it('reads an analysis recorded before issue 16 (reason same-url) the same way, so old histories replay', () => {
    const legacy = { duplicateOf: 'own-0', similarity: 1, reason: 'same-url' } as unknown as Decision;
    expect(planAnalysed(article, { decision: legacy, claims })).toEqual([]);
  });

  it('plans an original and a syndicated copy as planTallyEvents does', () => {
    expect(planAnalysed(article, { decision: { duplicateOf: null, similarity: 0.2, reason: null }, claims })).toEqual(
      planTallyEvents(article, claims, null),
    );
    const copy = { duplicateOf: 'own-0', similarity: 0.93, reason: 'near-duplicate' as const };
    expect(planAnalysed(article, { decision: copy, claims })).toEqual(planTallyEvents(article, claims, 'own-0'));
  });

  it('records the superseded former original as a copy with the outlet and URL the index kept for it', () => {
    const decision = {
      duplicateOf: null,
      similarity: 0.97,
      reason: null,
      supersedes: 'late-1',
      supersedesRef: { source: 'Late Wire', url: 'https://late.example/1' },
    };
    const plan = planAnalysed(article, { decision, claims });
    expect(plan.length).toBeGreaterThan(0);
    for (const p of plan) {
      expect(p.events.at(-1)).toEqual({
        type: 'ArticleCopyRecorded',
        data: {
          articleId: 'late-1',
          source: 'Late Wire',
          url: 'https://late.example/1',
          canonicalArticleId: article.id,
        },
      });
    }
  });
});

describe('splitting a series delivery by size', () => {
  it('keeps order, loses nothing, and keeps each part under the limit (an oversized item alone)', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ i, pad: 'x'.repeat(i === 20 ? 500 : 40) }));
    const json = (x: unknown) => JSON.stringify(x).length + 1;
    const parts = chunkBySize(items, json, 200);
    expect(parts.flat()).toEqual(items);
    for (const part of parts)
      if (part.length > 1) expect(JSON.stringify(part).length).toBeLessThanOrEqual(200 + part.length);
    expect(parts.find((p) => p.some((x) => x.i === 20))).toHaveLength(1);
    expect(chunkBySize(items, json, 1e9)).toEqual([items]);
    expect(chunkBySize([], json, 100)).toEqual([]);
  });
});
