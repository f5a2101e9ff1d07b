import { describe, expect, it } from 'vitest';
import type { Claim, Quantity } from '../../../schemas/claim.ts';
import type { SeriesKey, TallyEvent, TallySummary } from '../../../schemas/tally.ts';
import { TaxonomySchema } from '../../../schemas/taxonomy.ts';
import defaultTaxonomyJson from '../../../domain/extract/taxonomy/default.json' with { type: 'json' };
import { rulesFor, scopeOf } from '../../../domain/tally/index.ts';
import {
  KURSK_AREA,
  KURSK_SETTLEMENTS,
  about,
  claim,
  copied,
  exact,
  figures,
  given,
  moreThan,
  reported,
  shuffled,
} from './tally-spec.ts';

// Standing figures, period counts and increments (issue 15; README "Standing figures, period counts and increments").

const period = (start: string, end: string) => ({ start, end });
const NIGHTLY: SeriesKey = {
  topic: 'aerial-interceptions',
  actor: 'ukraine',
  counterpart: 'russia',
  item: 'drones',
  place: null,
};
const SHELLS: SeriesKey = {
  topic: 'arms-transferred',
  actor: 'north-korea',
  counterpart: 'russia',
  item: 'artillery-shells',
  place: null,
};

/** What a reader sees in the headline: the figures, the agreement and the dispute flag. */
const headline = (s: TallySummary) => ({
  ...figures(s),
  latestId: s.latest?.claimId ?? null,
  window: s.window,
  agreeing: s.sourcesAgreeingWithLatest,
  disputed: s.disputed,
  disputes: s.disputes,
});

// The Kursk settlements series as the sample corpus tells it, plus a count "since Friday" and "two more villages".
const standing93 = claim({
  id: 'k93',
  articleId: 'kw-0821',
  quantity: exact(93),
  asOf: '2024-08-20',
  attribution: ['Oleksandr Syrskyi'],
});
const standing100 = claim({
  id: 'k100',
  articleId: 'efd-0827',
  quantity: exact(100),
  asOf: '2024-08-27',
  attribution: ['Oleksandr Syrskyi'],
});
const sinceIncursion = claim({
  id: 'k70',
  articleId: 'sc-0814',
  quantity: moreThan(70),
  asOf: '2024-08-14',
  period: period('2024-08-06', '2024-08-14'),
});
const sinceFriday = claim({
  id: 'k12',
  articleId: 'lc-0828',
  quantity: exact(12),
  asOf: '2024-08-28',
  period: period('2024-08-23', '2024-08-28'),
  attribution: ['Ukrainian General Staff'],
});
const twoMore = claim({ id: 'k2', articleId: 'dl-0829', quantity: exact(2), asOf: '2024-08-29', kind: 'increment' });

describe('scopes: standing figure, period count, increment', () => {
  const kursk = rulesFor(KURSK_SETTLEMENTS);

  it('reads a total with no period, or counted from an operation start, as standing; a later start as a period count', () => {
    expect(scopeOf(standing100, kursk)).toBe('standing');
    expect(scopeOf(sinceIncursion, kursk)).toBe('standing');
    // "in the span of one week" of a week-old incursion starts two days after it: still the total so far.
    expect(scopeOf({ kind: 'total', period: period('2024-08-08', '2024-08-15') }, kursk)).toBe('standing');
    expect(scopeOf(sinceFriday, kursk)).toBe('period');
    expect(scopeOf(twoMore, kursk)).toBe('increment');
    // The Kursk incursion is an operation of Kursk series only: elsewhere a count from August 2024 is a period count.
    expect(
      scopeOf(
        { kind: 'total', period: period('2024-08-06', '2024-08-14') },
        rulesFor({ ...KURSK_SETTLEMENTS, place: 'donetsk-oblast' }),
      ),
    ).toBe('period');
    // "since the war began" counts from the full-scale invasion in every series.
    expect(scopeOf({ kind: 'total', period: period('2022-02-24', '2024-08-14') }, rulesFor(NIGHTLY))).toBe('standing');
  });

  it('takes the window per topic from the taxonomy, and the default taxonomy block is valid', () => {
    expect(TaxonomySchema.parse(defaultTaxonomyJson).tally?.windowDays['arms-transferred']).toBe(180);
    expect(rulesFor(KURSK_AREA).windowDays).toBe(14);
    expect(rulesFor(SHELLS).windowDays).toBe(180);
    expect(rulesFor({ ...NIGHTLY, topic: 'a-topic-of-my-own' }).windowDays).toBe(30);
    expect(rulesFor(KURSK_AREA, { defaultWindowDays: 5, windowDays: {}, operations: [] })).toEqual({
      windowDays: 5,
      operationStarts: [],
    });
  });
});

describe('the headline is computed from standing figures only', () => {
  it('given the latest standing figure 100, when "12 settlements since Friday" arrives, then the headline stays 100 and 12 is a period count', () => {
    const before = given([reported(standing93, 'Kyiv Wire'), reported(standing100, 'Eastern Front Daily')]).summary;
    const after = given([
      reported(standing93, 'Kyiv Wire'),
      reported(standing100, 'Eastern Front Daily'),
      reported(sinceFriday, 'Lakeside Courier'),
    ]).summary;

    expect(figures(after)).toEqual({ latest: 100, conservative: 93, highest: 100 });
    expect(headline(after)).toEqual(headline(before));
    expect(after.periodCounts.map((f) => [f.value, f.period])).toEqual([[12, period('2024-08-23', '2024-08-28')]]);
    expect(after.latestPeriodCount?.claimId).toBe('k12');
    expect(after.reports.map((r) => [r.claimId, r.scope])).toEqual([
      ['k93', 'standing'],
      ['k100', 'standing'],
      ['k12', 'period'],
    ]);
    // The period count's claimant is still an independent source of the series.
    expect(after.origins).toEqual(
      ['eastern front daily', 'oleksandr syrskyi', 'ukrainian general staff'].filter((o) => after.origins.includes(o)),
    );
    expect(after.independentSources).toBe(after.origins.length);
  });

  it('given a standing figure, when an increment arrives later, then it is listed and never overrides the total', () => {
    const { summary } = given([reported(standing100, 'Eastern Front Daily'), reported(twoMore, 'Dnipro Ledger')]);

    expect(figures(summary)).toEqual({ latest: 100, conservative: 100, highest: 100 });
    expect(summary.increments.map((f) => f.value)).toEqual([2]);
    expect(summary.reportedIncrementSum).toBe(2);
    expect(summary.periodCounts).toEqual([]);
  });

  it('given only period counts (nightly interceptions), then there is no standing headline, and the counts form their own view', () => {
    const night = (id: string, value: number, end: string, source: string, quantity: Quantity = exact(value)) =>
      reported(
        claim({ id, articleId: `n-${id}`, quantity, asOf: end, period: period(prevDay(end), end) }, NIGHTLY),
        source,
      );
    const { summary } = given(
      [
        night('n1', 99, '2024-08-26', 'Kyiv Wire'),
        night('n2', 44, '2024-08-27', 'Kyiv Wire'),
        night('n1b', 99, '2024-08-26', 'Lviv Post'),
      ],
      NIGHTLY,
    );

    expect(figures(summary)).toEqual({ latest: null, conservative: null, highest: null });
    expect(summary.disputed).toBe(false);
    expect(summary.latestPeriodCount?.value).toBe(44);
    // Two outlets telling one night's 99 count it once; consecutive nights do not overlap: 99 + 44.
    expect(summary.periodSum).toEqual({
      value: 143,
      unit: 'count',
      qualifier: 'exact',
      start: '2024-08-25',
      end: '2024-08-27',
      periods: 2,
    });
  });

  it('never sums over overlapping spans, nor over a period told with two different figures', () => {
    const key = NIGHTLY;
    const at = (id: string, value: number, start: string, end: string) =>
      reported(
        claim({ id, articleId: `a-${id}`, quantity: exact(value), asOf: end, period: period(start, end) }, key),
        `Outlet ${id}`,
      );

    const overlapping = given(
      [at('w', 300, '2024-08-20', '2024-08-27'), at('n', 44, '2024-08-26', '2024-08-27')],
      key,
    ).summary;
    const twoFigures = given(
      [
        at('a', 99, '2024-08-25', '2024-08-26'),
        at('b', 90, '2024-08-25', '2024-08-26'),
        at('c', 44, '2024-08-26', '2024-08-27'),
      ],
      key,
    ).summary;
    const adjacent = given(
      [at('a', 99, '2024-08-25', '2024-08-26'), at('c', 44, '2024-08-26', '2024-08-27')],
      key,
    ).summary;

    expect(overlapping.periodSum).toBeNull();
    expect(twoFigures.periodSum).toBeNull();
    expect(adjacent.periodSum?.value).toBe(143);
    expect(overlapping.periodCounts).toHaveLength(2);
  });

  it('never sums syndicated copies: a copy of a nightly count is one report', () => {
    const original = claim(
      {
        id: 'o',
        articleId: 'wire',
        quantity: exact(99),
        asOf: '2024-08-26',
        period: period('2024-08-25', '2024-08-26'),
      },
      NIGHTLY,
    );
    const inCopy = claim(
      {
        id: 'oc',
        articleId: 'paper',
        quantity: exact(99),
        asOf: '2024-08-26',
        period: period('2024-08-25', '2024-08-26'),
      },
      NIGHTLY,
    );
    const { summary } = given(
      [reported(original, 'Wire'), reported(inCopy, 'Paper', 'wire'), copied('paper-2', 'wire', 'Other Paper')],
      NIGHTLY,
    );

    expect(summary.periodCounts.map((f) => f.claimId)).toEqual(['o']);
    expect(summary.periodSum).toBeNull();
  });
});

describe('dates and disputes of standing figures', () => {
  it('dates a figure "between August 2023 and January 2024" by its period end for comparisons, while it stays reported on its asOf', () => {
    const c4ads = claim(
      {
        id: 'c4',
        articleId: 'ab-0622',
        quantity: about(1_600_000),
        asOf: '2024-06-22',
        period: period('2023-08-01', '2024-01-31'),
        attribution: ['C4ADS'],
      },
      SHELLS,
    );
    const shin = claim(
      {
        id: 'shin',
        articleId: 'sd-0614',
        quantity: { value: 5_000_000, unit: 'count', qualifier: 'approx', low: null, high: 5_000_000 },
        asOf: '2024-06-14',
        attribution: ['Shin Won-sik'],
      },
      SHELLS,
    );
    const { summary } = given([reported(c4ads, 'Atlantic Brief'), reported(shin, 'Seoul Desk')], SHELLS);

    expect(summary.reports.find((r) => r.claimId === 'c4')?.scope).toBe('standing');
    expect(summary.latest?.claimId).toBe('shin');
    // 1.6 M as of January, ≈ 5 M in June: a standing figure that grew, not a dispute.
    expect(summary.disputed).toBe(false);
  });

  it('compares standing figures of different claimants within the topic window: arms transfers over 180 days', () => {
    const yonhap = claim(
      {
        id: 'y6',
        articleId: 'ksr-0827',
        quantity: moreThan(6_000_000),
        asOf: '2024-08-27',
        attribution: ['South Korean military intelligence'],
      },
      SHELLS,
    );
    const lower = claim(
      {
        id: 'z35',
        articleId: 'kw-1202',
        quantity: exact(3_500_000),
        asOf: '2024-12-02',
        attribution: ['Volodymyr Zelensky'],
      },
      SHELLS,
    );
    const { summary } = given([reported(yonhap, 'Korea Strait Report'), reported(lower, 'Kyiv Wire')], SHELLS);

    expect(summary.windowDays).toBe(180);
    expect(summary.disputes).toEqual([['y6', 'z35']]);
    expect(summary.disputed).toBe(true);
    // The same pair in a 14-day topic is too far apart to be compared.
    const area = given(
      [
        reported({ ...yonhap, ...KURSK_AREA, quantity: moreThan(1200, 'km2') }, 'One'),
        reported({ ...lower, ...KURSK_AREA, quantity: exact(900, 'km2') }, 'Two'),
      ],
      KURSK_AREA,
    ).summary;
    expect(area.disputed).toBe(false);
  });

  it('never compares a period count with a standing figure', () => {
    const { summary } = given([
      reported(standing100, 'Eastern Front Daily'),
      reported({ ...sinceFriday, asOf: '2024-08-27', period: period('2024-08-23', '2024-08-27') }, 'Lakeside Courier'),
    ]);
    expect(summary.disputes).toEqual([]);
  });
});

// ---- properties over shuffled arrival orders ----

/** A reproducible random source (mulberry32). */
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

function prevDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A random Kursk settlements history of all three kinds, with copies and redeliveries; `scope` says what each claim is. */
function randomHistory(seed: number): { events: TallyEvent[]; scopeOfClaim: Map<string, string> } {
  const random = randomOf(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const day = () => `2024-08-${String(10 + Math.floor(random() * 20)).padStart(2, '0')}`;
  const events: TallyEvent[] = [];
  const scopeOfClaim = new Map<string, string>();
  const count = 4 + Math.floor(random() * 10);
  for (let i = 0; i < count; i++) {
    const asOf = day();
    const kind = pick(['standing', 'standing', 'period', 'increment'] as const);
    const value = 1 + Math.floor(random() * 120);
    const quantity = pick([exact(value), moreThan(value), about(value)]);
    const fields: Partial<Claim> =
      kind === 'increment'
        ? { kind: 'increment' }
        : kind === 'period'
          ? {
              period: period(
                prevDay(prevDay(prevDay(asOf))) > '2024-08-14' ? prevDay(prevDay(asOf)) : '2024-08-15',
                asOf,
              ),
            }
          : random() < 0.3
            ? { period: period('2024-08-06', asOf) }
            : {};
    const c = claim({
      id: `c${i}`,
      articleId: `a${i}`,
      quantity,
      asOf,
      attribution: random() < 0.5 ? [pick(['Syrskyi', 'Kursk governor', 'ISW'])] : [],
      ...fields,
    });
    scopeOfClaim.set(c.id, kind);
    events.push(reported(c, pick(['Kyiv Wire', 'Baltic Monitor', 'Steppe Courier', 'Dnipro Ledger'])));
    if (random() < 0.3) events.push(copied(`a${i}-copy`, `a${i}`, 'Syndicating Paper'));
    if (random() < 0.3) events.push(events[Math.floor(random() * events.length)] as TallyEvent);
  }
  return { events, scopeOfClaim };
}

const isStanding = (e: TallyEvent, scopes: Map<string, string>) =>
  e.type !== 'ClaimReported' || scopes.get(e.data.claim.id) === 'standing';

describe('properties, any arrival order', () => {
  it('the three kinds are told apart, and every order of the same events gives the same summary', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const { events, scopeOfClaim } = randomHistory(seed);
      const reference = given(events).summary;
      for (const r of reference.reports) expect(r.scope, `seed ${seed} ${r.claimId}`).toBe(scopeOfClaim.get(r.claimId));
      for (let order = 1; order <= 5; order++) {
        expect(JSON.stringify(given(shuffled(events, seed * 100 + order)).summary), `seed ${seed} order ${order}`).toBe(
          JSON.stringify(reference),
        );
      }
    }
  });

  it('period counts and increments, arriving in any order, never move the headline', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const { events, scopeOfClaim } = randomHistory(seed);
      const standingOnly = given(events.filter((e) => isStanding(e, scopeOfClaim))).summary;
      const all = given(shuffled(events, seed)).summary;
      expect(headline(all), `seed ${seed}`).toEqual(headline(standingOnly));
      expect(all.latest === null || scopeOfClaim.get(all.latest.claimId) === 'standing').toBe(true);
      const periodIds = [...scopeOfClaim].filter(([, s]) => s === 'period').map(([id]) => id);
      expect(
        all.periodCounts.every((f) => periodIds.includes(f.claimId)),
        `seed ${seed}`,
      ).toBe(true);
      expect(
        all.increments.every((f) => scopeOfClaim.get(f.claimId) === 'increment'),
        `seed ${seed}`,
      ).toBe(true);
    }
  });

  it('a period sum, when there is one, never counts a period twice nor two overlapping periods', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const { events } = randomHistory(seed);
      const s = given(shuffled(events, seed)).summary;
      if (s.periodSum === null) continue;
      const spans = [...new Map(s.periodCounts.map((f) => [`${f.period?.start}/${f.period?.end}`, f])).values()];
      expect(spans).toHaveLength(s.periodSum.periods);
      expect(s.periodSum.value).toBe(spans.reduce((sum, f) => sum + f.value, 0));
    }
  });
});
