import { describe, expect, it } from 'vitest';
import { KURSK_AREA, about, claim, copied, exact, given, moreThan, reported } from './tally-spec.ts';

const sameDay = '2024-08-13';

describe('independent sources', () => {
  it('counts syndicated copies of one article once', () => {
    const original = claim({ id: 'c-orig', articleId: 'wire-1', quantity: exact(74), asOf: sameDay });
    // The copy's own extraction yields the same figure under its own article id.
    const inCopy = claim({ id: 'c-copy', articleId: 'paper-1', quantity: exact(74), asOf: sameDay });

    const { summary } = given([
      reported(original, 'Global Wire'),
      reported(inCopy, 'Morning Paper', 'wire-1'),
      copied('paper-2', 'wire-1', 'Evening Paper'),
    ]);

    expect(summary.reports.map((r) => r.claimId)).toEqual(['c-orig']);
    expect(summary.reports[0]?.copies.map((c) => [c.articleId, c.source])).toEqual([
      ['paper-1', 'Morning Paper'],
      ['paper-2', 'Evening Paper'],
    ]);
    expect(summary.independentSources).toBe(1);
  });

  it('folds a copy in even when its claims arrived before anyone knew it was a copy', () => {
    const inCopy = claim({ id: 'c-copy', articleId: 'paper-1', quantity: exact(74), asOf: sameDay });
    const original = claim({ id: 'c-orig', articleId: 'wire-1', quantity: exact(74), asOf: sameDay });

    const before = given([reported(inCopy, 'Morning Paper'), reported(original, 'Global Wire')]).summary;
    const after = given([
      reported(inCopy, 'Morning Paper'),
      reported(original, 'Global Wire'),
      copied('paper-1', 'wire-1', 'Morning Paper'),
    ]).summary;

    expect(before.reports).toHaveLength(2);
    expect(after.reports.map((r) => r.claimId)).toEqual(['c-orig']);
  });

  it('counts reports citing the same original claimant once, else one per outlet', () => {
    const { summary } = given([
      reported(
        claim({
          id: 's1',
          articleId: 'n1',
          quantity: exact(74),
          asOf: sameDay,
          attribution: ['C4ADS', 'Daily Ledger'],
        }),
        'Daily Ledger',
      ),
      reported(
        claim({ id: 's2', articleId: 'n2', quantity: exact(74), asOf: sameDay, attribution: ['c4ads'] }),
        'Harbour Times',
      ),
      reported(claim({ id: 's3', articleId: 'n3', quantity: exact(74), asOf: sameDay }), 'The Harbour Times'),
      reported(claim({ id: 's4', articleId: 'n4', quantity: exact(74), asOf: sameDay }), 'Harbour Times'),
    ]);

    expect(summary.reports.map((r) => r.origin)).toEqual(['c4ads', 'c4ads', 'harbour times', 'harbour times']);
    expect(summary.independentSources).toBe(2);
    expect(summary.sourcesAgreeingWithLatest).toBe(2);
  });
});

describe('disputed', () => {
  it('is not disputed when qualifiers allow both: "more than 1,000 km²" and "1,263 km²"', () => {
    const { summary } = given(
      [
        reported(
          claim(
            {
              id: 'k1',
              articleId: 'r1',
              quantity: moreThan(1000, 'km2'),
              asOf: sameDay,
              attribution: ['Ukrainian army chief'],
            },
            KURSK_AREA,
          ),
          'Kyiv Daily',
        ),
        reported(
          claim(
            {
              id: 'k2',
              articleId: 'r2',
              quantity: exact(1263, 'km2'),
              asOf: sameDay,
              attribution: ['Institute for the Study of War'],
            },
            KURSK_AREA,
          ),
          'Policy Review',
        ),
      ],
      KURSK_AREA,
    );

    expect(summary.disputed).toBe(false);
    expect(summary.sourcesAgreeingWithLatest).toBe(2);
  });

  it('is disputed when two claimants give incompatible figures on one day: 28 (regional authorities) vs 74 (Ukraine)', () => {
    const { summary } = given([
      reported(
        claim({
          id: 'd28',
          articleId: 'r1',
          quantity: exact(28),
          asOf: sameDay,
          attribution: ['Kursk regional authorities'],
        }),
        'Regional Radio',
      ),
      reported(
        claim({
          id: 'd74',
          articleId: 'r2',
          quantity: exact(74),
          asOf: sameDay,
          attribution: ['Ukrainian army chief'],
        }),
        'Kyiv Daily',
      ),
    ]);

    expect(summary.disputed).toBe(true);
    expect(summary.disputes).toEqual([['d28', 'd74']]);
    expect(summary.latest?.value).toBe(74);
    expect(summary.sourcesAgreeingWithLatest).toBe(1);
  });

  it('widens "about" by 10%: about 1,000 fits 1,080 but not 1,200', () => {
    const pair = (other: number) =>
      given([
        reported(claim({ id: 'p1', articleId: 'r1', quantity: about(1000), asOf: sameDay }), 'One'),
        reported(claim({ id: 'p2', articleId: 'r2', quantity: exact(other), asOf: sameDay }), 'Two'),
      ]).summary.disputed;

    expect(pair(1080)).toBe(false);
    expect(pair(1200)).toBe(true);
  });

  it('lets a standing figure grow from one day to the next, but not fall below another source', () => {
    const dayPair = (first: number, second: number) =>
      given([
        reported(claim({ id: 'g1', articleId: 'r1', quantity: exact(first), asOf: '2024-08-12' }), 'One'),
        reported(claim({ id: 'g2', articleId: 'r2', quantity: exact(second), asOf: '2024-08-13' }), 'Two'),
      ]).summary.disputed;

    expect(dayPair(74, 82)).toBe(false);
    expect(dayPair(74, 28)).toBe(true);
  });

  it("compares reports within the topic's window (settlements: 14 days), not further apart, nor a source with itself", () => {
    const close = given([
      reported(claim({ id: 'f1', articleId: 'r1', quantity: exact(74), asOf: '2024-08-01' }), 'One'),
      reported(claim({ id: 'f2', articleId: 'r2', quantity: exact(28), asOf: '2024-08-13' }), 'Two'),
    ]).summary;
    const farApart = given([
      reported(claim({ id: 'f1', articleId: 'r1', quantity: exact(74), asOf: '2024-07-29' }), 'One'),
      reported(claim({ id: 'f2', articleId: 'r2', quantity: exact(28), asOf: '2024-08-13' }), 'Two'),
    ]).summary;
    expect(close.disputes).toEqual([['f1', 'f2']]);
    expect(close.disputed).toBe(true);
    const oneSource = given([
      reported(claim({ id: 'o1', articleId: 'r1', quantity: exact(74), asOf: sameDay }), 'One'),
      reported(claim({ id: 'o2', articleId: 'r2', quantity: exact(28), asOf: sameDay }), 'One'),
    ]).summary;

    expect(farApart.disputed).toBe(false);
    expect(oneSource.disputed).toBe(false);
  });
});
