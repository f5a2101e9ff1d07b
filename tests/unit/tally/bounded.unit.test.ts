import { describe, expect, it } from 'vitest';
import type { Claim, Quantity } from '../../../schemas/claim.ts';
import {
  BoundedTallySchema,
  type BoundedTally,
  type TallyEvent,
  type TallyHeadline,
  type TallySummary,
} from '../../../schemas/tally.ts';
import { evolve, initialTally, summarise } from '../../../domain/tally/index.ts';
import { boundedOf, compactTally, evolveBounded } from '../../../domain/tally/bounded.ts';
import { boundedSummaryOf, headlineViewOf } from '../../../domain/tally/bounded-headline.ts';
import { createArchiveIndex } from '../../../domain/tally/archive.ts';
import { seriesId } from '../../../domain/tally/series.ts';
import { KURSK_SETTLEMENTS, claim, reextracted, reported, shuffled } from './tally-spec.ts';

const ID = seriesId(KURSK_SETTLEMENTS);

/** mulberry32: a reproducible random stream per seed. */
function randomOf(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (n: number): string => new Date(Date.UTC(2024, 8, 1) + n * 86_400_000).toISOString().slice(0, 10);
const QUALIFIERS = ['exact', 'approx', 'more-than', 'at-least', 'up-to'] as const;
const CLAIMANTS = [
  'Ukrainian army chief',
  'Kursk regional authorities',
  'Russian defence ministry',
  'ISW',
  'a local official',
];
const OUTLETS = [
  'Kyiv Daily',
  'Global Wire',
  'Border Herald',
  'Regional Radio',
  'Morning Paper',
  'Evening Paper',
  'Policy Review',
  'Night Desk',
];

/**
 * A random series history as deliveries (an article's claims in a series arrive together, as process-article delivers
 * them): standing figures, nightly period counts told by several outlets, increments, another unit, claims with and
 * without attribution, syndicated copies (some published before their original: the credit swaps; some linked by a
 * copy record only), in shuffled order (copies before their originals, old figures after new ones), partly redelivered.
 */
function history(seed: number, articles = 120): TallyEvent[][] {
  const random = randomOf(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const span = 60 + Math.floor(random() * 200);
  const deliveries: TallyEvent[][] = [];
  for (let a = 0; a < articles; a++) {
    const articleId = `s${seed}-a${a}`;
    const d = Math.floor(random() * span);
    const source = pick(OUTLETS);
    const published = Date.UTC(2024, 8, 1) + d * 86_400_000 + Math.floor(random() * 20) * 3_600_000;
    const claims: Claim[] = [];
    for (let c = 0; c < 1 + Math.floor(random() * 2); c++) {
      const roll = random();
      const unit = random() < 0.06 ? 'km2' : 'count';
      const attribution = random() < 0.3 ? [] : [pick(CLAIMANTS)];
      let quantity: Quantity;
      let fields: Partial<Claim> = {};
      if (roll < 0.65) {
        const value = 40 + d + Math.floor(random() * 12) - 6;
        const qualifier = pick(QUALIFIERS);
        quantity = {
          value,
          unit,
          qualifier,
          low: qualifier === 'exact' || qualifier === 'more-than' || qualifier === 'at-least' ? value : null,
          high: qualifier === 'exact' || qualifier === 'up-to' ? value : null,
        };
      } else if (roll < 0.85) {
        // A nightly count: every outlet tells the same figure for a night, so the period sum stands.
        const value = 3 + ((d * 7) % 11);
        quantity = { value, unit, qualifier: 'exact', low: value, high: value };
        fields = { period: { start: day(d - 1), end: day(d) } };
      } else {
        const value = 1 + (d % 3);
        quantity = { value, unit, qualifier: 'exact', low: value, high: value };
        fields = { kind: 'increment' };
      }
      claims.push(claim({ id: `${articleId}#${c}`, articleId, quantity, asOf: day(d), attribution, ...fields }));
    }
    const at = new Date(published).toISOString();
    deliveries.push(
      claims.map((c) => ({
        type: 'ClaimReported',
        data: { claim: c, source, url: `https://example.test/${articleId}`, copyOf: null, publishedAt: at },
      })),
    );
    if (random() < 0.3) {
      // A syndicated copy, published up to 6 h before or after; an unattributed claim's copy is the same outlet's.
      const copyId = `${articleId}-copy`;
      const copySource = claims.every((c) => c.attribution.length > 0) ? pick(OUTLETS) : source;
      const copyAt = new Date(published + (Math.floor(random() * 13) - 6) * 3_600_000).toISOString();
      const url = `https://example.test/${copyId}`;
      if (random() < 0.5) {
        deliveries.push([
          {
            type: 'ArticleCopyRecorded',
            data: { articleId: copyId, canonicalArticleId: articleId, source: copySource, url, publishedAt: copyAt },
          },
        ]);
      } else {
        const copies = claims.map((c) => ({ ...c, id: `${copyId}#${c.id}`, articleId: copyId }));
        deliveries.push(
          copies.map((c) => ({
            type: 'ClaimReported',
            data: { claim: c, source: copySource, url, copyOf: articleId, publishedAt: copyAt },
          })),
        );
      }
    }
  }
  const again = deliveries.filter(() => random() < 0.2);
  return shuffled([...deliveries, ...again], seed);
}

const headlineOf = (s: TallySummary): TallyHeadline => {
  const { reports, increments, periodCounts, ...figures } = s;
  return {
    ...figures,
    reportCount: reports.length,
    incrementCount: increments.length,
    periodReportCount: periodCounts.length,
  };
};

/** Folds deliveries into a bounded state, compacting every `every` deliveries (as a run continuing as new) and at the end. */
function foldBounded(deliveries: readonly TallyEvent[][], every: number): BoundedTally {
  const index = createArchiveIndex();
  let tally = boundedOf(initialTally(ID, KURSK_SETTLEMENTS));
  deliveries.forEach((delivery, i) => {
    for (const e of delivery) tally = evolveBounded(tally, e, index);
    if ((i + 1) % every === 0) tally = compactTally(tally, undefined, index).tally;
  });
  return compactTally(tally, undefined, index).tally;
}

const pure = (deliveries: readonly TallyEvent[][]) =>
  summarise(deliveries.flat().reduce(evolve, initialTally(ID, KURSK_SETTLEMENTS)));

describe('the bounded series state', () => {
  it('gives the headline of the whole fold (latest, window, disputes, conservative, highest, period and increment views, counts) for random histories in any order', () => {
    let archivedSome = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const events = history(seed);
      const expected = headlineOf(pure(events));
      const every = 5 + (seed % 7) * 6;
      const tally = foldBounded(events, every);
      expect(boundedSummaryOf(tally).headline, `seed ${seed}, compacted every ${every}`).toStrictEqual(expected);
      // Plain JSON that the schema reads back unchanged: what continue-as-new carries.
      expect(BoundedTallySchema.parse(JSON.parse(JSON.stringify(tally)))).toStrictEqual(tally);
      if (tally.archive.facts > 0) archivedSome += 1;
    }
    // The property is about archived reports: most histories must have archived some.
    expect(archivedSome).toBeGreaterThan(30);
  }, 60_000); // 40 folds of random histories: 8 s on a loaded 2-core machine, near the unit tier's 20 s default

  it('keeps a bounded number of reports: those within the window of the latest of their unit and scope', () => {
    const events = history(7, 600);
    const tally = foldBounded(events, 50);
    const whole = pure(events);
    expect(whole.reports.length).toBeGreaterThan(700);
    expect(tally.kept.articles.length).toBeLessThan(whole.reports.length / 3);
    expect(tally.kept.articles.every((a) => a.claims.every((c) => c.evidence.quote === ''))).toBe(true);
  });

  it('treats a redelivery of an archived article as a no-op, and counts its newer extraction as facts', () => {
    const old = reported(
      claim({
        id: 'old',
        articleId: 'old-a',
        quantity: { value: 5, unit: 'count', qualifier: 'exact', low: 5, high: 5 },
        asOf: '2024-08-01',
      }),
      'Kyiv Daily',
    );
    const recent = reported(
      claim({
        id: 'new',
        articleId: 'new-a',
        quantity: { value: 90, unit: 'count', qualifier: 'exact', low: 90, high: 90 },
        asOf: '2024-10-01',
      }),
      'Kyiv Daily',
    );
    const { tally, archivedClaims } = compactTally(foldBounded([[old], [recent]], 100));
    expect(archivedClaims).toEqual([]); // already archived by foldBounded's last compaction
    expect(tally.kept.articles.map((a) => a.articleId)).toEqual(['new-a']);
    expect(evolveBounded(tally, old)).toBe(tally);
    const newer = evolveBounded(
      tally,
      reextracted(
        'old-a',
        '2.0.0',
        [
          claim({
            id: 'old2',
            articleId: 'old-a',
            quantity: { value: 6, unit: 'count', qualifier: 'exact', low: 6, high: 6 },
            asOf: '2024-08-01',
            extractor: { name: 'rules', version: '2.0.0' },
          }),
        ],
        'Kyiv Daily',
      ),
    );
    expect(boundedSummaryOf(newer).headline.version).toBe(boundedSummaryOf(tally).headline.version + 2);
    expect(boundedSummaryOf(newer).headline.reportCount).toBe(2);
  });

  it('answers its query with the headline and the most recent reports, newest first', () => {
    const events = history(3);
    const view = headlineViewOf(foldBounded(events, 20));
    expect(view.summary).toStrictEqual(headlineOf(pure(events)));
    const dates = view.recentReports.map((r) => r.asOf);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(view.recentReports[0]?.asOf).toBe(pure(events).reports.at(-1)?.asOf);
  });
});
