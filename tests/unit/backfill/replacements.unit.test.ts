import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims, EXTRACTOR_VERSION } from '../../../domain/extract/index.ts';
import { compareVersions } from '../../../domain/tally/index.ts';
import { seriesId, seriesKeyOf } from '../../../domain/tally/series.ts';
import type { Article } from '../../../schemas/article.ts';
import { backfillExtractorVersion, planBatchEvents } from '../../../workflows/backfill/replacements.ts';

// An article in the team's words, with claims in two topics.
const article: Article = {
  id: 'unit-bf-1',
  url: 'https://unit.example/bf/1',
  source: 'Unit Wire',
  published_at: '2024-05-02T08:00:00Z',
  title: 'Overnight attack',
  text:
    "Ukraine's air force said on Thursday that Russia launched 48 drones overnight at targets in the Kharkiv region. " +
    'Regional officials in Kharkiv said at least 12 civilians were killed in the strike.',
};
const claims = extractClaims(article, defaultTaxonomy());
const current = [...new Set(claims.map((c) => seriesId(seriesKeyOf(c))))].sort();
const V = backfillExtractorVersion({ version: '2024-9' });
const gone = 'prisoners:ukraine:russia:-:-';

describe('the events of a backfill batch', () => {
  it('records the former original of a group this original took over as its copy, with its outlet and URL, in every series it feeds', () => {
    const superseded = {
      supersedes: 'unit-bf-late',
      supersedesRef: { source: 'Late Wire', url: 'https://late.example/bf' },
    };
    const plan = planBatchEvents(
      [{ article, duplicateOf: null, reason: null, claims, previous: undefined, superseded }],
      V,
    );
    expect(plan.series.map((s) => s.seriesId)).toEqual(current);
    for (const s of plan.series) {
      expect(s.events.map((e) => e.type)).toEqual(['ArticleClaimsReplaced', 'ArticleCopyRecorded']);
      expect(s.events[1]!.data).toEqual({
        articleId: 'unit-bf-late',
        source: 'Late Wire',
        url: 'https://late.example/bf',
        canonicalArticleId: article.id,
      });
    }
    // Without a takeover nothing is recorded as a copy.
    const plain = planBatchEvents([{ article, duplicateOf: null, reason: null, claims, previous: undefined }], V);
    expect(plain.series.flatMap((s) => s.events).every((e) => e.type === 'ArticleClaimsReplaced')).toBe(true);
  });

  it('replaces an original in every series it feeds now and empties the ones it fed before, at the backfill version', () => {
    expect(current.length).toBeGreaterThanOrEqual(2);
    const plan = planBatchEvents(
      [
        {
          article,
          duplicateOf: null,
          reason: null,
          claims,
          previous: { extractorVersion: EXTRACTOR_VERSION, seriesIds: [current[0]!, gone] },
        },
      ],
      V,
    );
    expect(plan.series.map((s) => s.seriesId)).toEqual([...current, gone].sort());
    for (const s of plan.series) {
      expect(s.events).toHaveLength(1);
      const event = s.events[0]!;
      expect(event.type).toBe('ArticleClaimsReplaced');
      if (event.type !== 'ArticleClaimsReplaced') continue;
      expect(event.data).toMatchObject({ articleId: article.id, source: 'Unit Wire', extractorVersion: V });
      if (s.seriesId === gone) expect(event.data.claims).toEqual([]);
      else {
        expect(event.data.claims.length).toBeGreaterThan(0);
        expect(
          event.data.claims.every((c) => c.extractor.version === V && seriesId(seriesKeyOf(c)) === s.seriesId),
        ).toBe(true);
      }
    }
    expect(plan.records).toEqual([{ articleId: article.id, extractorVersion: V, seriesIds: current }]);
    expect(plan).toMatchObject({ originals: 1, copies: 0, skipped: 0 });
  });

  it('with a topic, touches only that topic and keeps the other recorded series', () => {
    const topic = claims[0]!.topic;
    const plan = planBatchEvents(
      [
        {
          article,
          duplicateOf: null,
          reason: null,
          claims,
          previous: { extractorVersion: EXTRACTOR_VERSION, seriesIds: [...current, gone] },
        },
      ],
      V,
      topic,
    );
    expect(plan.series.every((s) => s.key.topic === topic)).toBe(true);
    expect(plan.series.length).toBeGreaterThan(0);
    expect(plan.records[0]!.seriesIds).toEqual([...current, gone].sort());
  });

  it('records a copy in the series its text speaks to, and skips re-deliveries and newer replacements', () => {
    const copy = { ...article, id: 'unit-bf-copy' };
    const plan = planBatchEvents(
      [
        { article: copy, duplicateOf: article.id, reason: 'near-duplicate', claims, previous: undefined },
        {
          article: { ...article, id: 'unit-bf-again' },
          duplicateOf: article.id,
          reason: 'same-url',
          claims,
          previous: undefined,
        },
        {
          article,
          duplicateOf: null,
          reason: null,
          claims,
          previous: { extractorVersion: `${EXTRACTOR_VERSION}+2025-1`, seriesIds: current },
        },
      ],
      V,
    );
    expect(plan).toMatchObject({ originals: 0, copies: 1, skipped: 2, records: [] });
    expect(plan.series.map((s) => s.seriesId)).toEqual(current);
    expect(plan.series.flatMap((s) => s.events.map((e) => e.type))).toEqual(current.map(() => 'ArticleCopyRecorded'));
  });

  it('orders versions so a taxonomy edit supersedes the live claims and an older edit, and a code bump supersedes both', () => {
    const live = EXTRACTOR_VERSION;
    const v1 = backfillExtractorVersion({ version: '2024-1' });
    const v2 = backfillExtractorVersion({ version: '2024-2' });
    expect(compareVersions(live, v1)).toBeLessThan(0);
    expect(compareVersions(v1, v2)).toBeLessThan(0);
    const [major, minor, patch] = EXTRACTOR_VERSION.split('.').map(Number) as [number, number, number];
    expect(compareVersions(v2, `${major}.${minor}.${patch + 1}`)).toBeLessThan(0);
  });
});
