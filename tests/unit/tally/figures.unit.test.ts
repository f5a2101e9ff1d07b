import { describe, expect, it } from 'vitest';
import { about, claim, exact, figures, given, moreThan, reported, upTo } from './tally-spec.ts';

describe('tally figures (claims.md §5)', () => {
  const monday = claim({
    id: 'c-mon',
    articleId: 'a-mon',
    quantity: moreThan(70),
    asOf: '2024-08-12',
    attribution: ['Ukrainian commander-in-chief'],
    evidence: { quote: 'Kyiv says its troops now hold more than 70 villages in the region.', start: 120, end: 186 },
  });
  const tuesday = claim({
    id: 'c-tue',
    articleId: 'a-tue',
    quantity: exact(74),
    asOf: '2024-08-13',
    attribution: ['Ukrainian commander-in-chief'],
    evidence: {
      quote: 'The army chief told the president that 74 settlements were under Ukrainian control.',
      start: 40,
      end: 123,
    },
  });

  it('never adds up reports of a standing figure: ">70" on Monday and "74" on Tuesday are 74, not 144', () => {
    const { summary } = given([reported(monday, 'Kyiv Daily'), reported(tuesday, 'Eastern Wire')]);

    expect(figures(summary)).toEqual({ latest: 74, conservative: 70, highest: 74 });
    expect(summary.latest).toMatchObject({ claimId: 'c-tue', qualifier: 'exact', asOf: '2024-08-13' });
    expect(summary.conservative).toMatchObject({ claimId: 'c-mon', qualifier: 'more-than', low: 70, high: null });
    expect(summary.reportedIncrementSum).toBeNull();
    expect(JSON.stringify(summary)).not.toContain('144');
  });

  it('keeps every report with its source, date, attribution, hedge, evidence and article', () => {
    const { summary } = given([reported(monday, 'Kyiv Daily'), reported(tuesday, 'Eastern Wire')]);

    expect(summary.reports).toHaveLength(2);
    expect(summary.reports[0]).toMatchObject({
      claimId: 'c-mon',
      articleId: 'a-mon',
      url: 'https://example.test/a-mon',
      source: 'Kyiv Daily',
      asOf: '2024-08-12',
      attribution: ['Ukrainian commander-in-chief'],
      hedge: null,
      evidence: { quote: 'Kyiv says its troops now hold more than 70 villages in the region.', start: 120, end: 186 },
      extractor: { name: 'rules', version: '1.0.0' },
    });
  });

  it('shows increments as increments, beside (never inside) the standing figure', () => {
    const more = (id: string, articleId: string, value: number, asOf: string) =>
      claim({ id, articleId, quantity: exact(value), asOf, kind: 'increment' });
    const { summary } = given([
      reported(tuesday, 'Eastern Wire'),
      reported(more('inc-1', 'a-wed', 3, '2024-08-14'), 'Kyiv Daily'),
      // A second outlet tells the same increment: same day, same figure — it is one increment.
      reported(more('inc-1b', 'a-wed-2', 3, '2024-08-14'), 'Border Herald'),
      reported(more('inc-2', 'a-thu', 2, '2024-08-15'), 'Kyiv Daily'),
    ]);

    expect(summary.latest?.value).toBe(74);
    expect(summary.increments.map((f) => [f.claimId, f.value])).toEqual([
      ['inc-1', 3],
      ['inc-1b', 3],
      ['inc-2', 2],
    ]);
    expect(summary.reportedIncrementSum).toBe(5);
  });

  it("picks conservative and highest in the topic's window (settlements: 14 days) ending on the latest report, whatever today is", () => {
    const old = claim({ id: 'c-old', articleId: 'a-old', quantity: exact(12), asOf: '2024-07-30' });
    const edge = claim({ id: 'c-edge', articleId: 'a-edge', quantity: exact(40), asOf: '2024-07-31' });
    const { summary } = given([
      reported(old, 'Kyiv Daily'),
      reported(edge, 'Kyiv Daily'),
      reported(tuesday, 'Eastern Wire'),
    ]);

    expect(summary.windowDays).toBe(14);
    expect(summary.window).toEqual({ start: '2024-07-31', end: '2024-08-13' });
    expect(figures(summary)).toEqual({ latest: 74, conservative: 40, highest: 74 });
    expect(summary.reports).toHaveLength(3);
  });

  it('ranks by lower bound: "about 70" (63+) is more conservative than "at least 68"; "up to 90" counts as 90', () => {
    const { summary } = given([
      reported(claim({ id: 'x1', articleId: 'b1', quantity: about(70), asOf: '2024-08-13' }), 'One'),
      reported(
        claim({ id: 'x2', articleId: 'b2', quantity: { ...moreThan(68), qualifier: 'at-least' }, asOf: '2024-08-13' }),
        'Two',
      ),
      reported(claim({ id: 'x3', articleId: 'b3', quantity: upTo(90), asOf: '2024-08-13' }), 'Three'),
    ]);

    expect(summary.conservative?.claimId).toBe('x1');
    expect(summary.highest?.claimId).toBe('x3');
  });

  it('compares figures only in the unit of the latest report', () => {
    const aid = { topic: 'military-aid', actor: 'germany', counterpart: 'ukraine', item: null, place: null };
    const { summary } = given(
      [
        reported(
          claim({ id: 'usd', articleId: 'm1', quantity: exact(500_000_000, 'USD'), asOf: '2024-08-01' }, aid),
          'One',
        ),
        reported(
          claim({ id: 'eur', articleId: 'm2', quantity: exact(400_000_000, 'EUR'), asOf: '2024-08-02' }, aid),
          'Two',
        ),
      ],
      aid,
    );

    expect(summary.unit).toBe('EUR');
    expect(summary.otherUnits).toEqual(['USD']);
    expect(figures(summary)).toEqual({ latest: 400_000_000, conservative: 400_000_000, highest: 400_000_000 });
    expect(summary.reports).toHaveLength(2);
  });

  it('is empty but well-formed before any claim', () => {
    const { summary } = given([]);
    expect(summary).toMatchObject({
      latest: null,
      window: null,
      unit: null,
      independentSources: 0,
      disputed: false,
      version: 0,
    });
  });
});
