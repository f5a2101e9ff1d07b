import { describe, expect, it } from 'vitest';
import type { TallyReport } from '../../../schemas/tally.ts';
import type { Qualifier } from '../../../schemas/claim.ts';
import { dateSeconds, timelineOf } from '../../../services/dashboard/web/chart-data.ts';

function report(claimId: string, source: string, asOf: string, value: number, qualifier: Qualifier, bounds: { low: number | null; high: number | null }, extra: Partial<TallyReport> = {}): TallyReport {
  return {
    claimId,
    articleId: `a-${claimId}`,
    url: `https://x.example/${claimId}`,
    source,
    origin: `a-${claimId}`,
    copies: [],
    kind: 'total',
    quantity: { value, unit: 'count', qualifier, ...bounds },
    period: null,
    asOf,
    attribution: [],
    hedge: null,
    evidence: { quote: '', start: 0, end: 0 },
    extractor: { name: 't', version: '1' },
    ...extra,
  };
}

describe('series timeline data', () => {
  const reports = [
    report('c2', 'Valley Post', '2024-08-13', 74, 'exact', { low: 74, high: 74 }),
    report('c1', 'Harbour News', '2024-08-12', 70, 'more-than', { low: 70, high: null }),
    report('c3', 'Field Wire', '2024-08-13', 28, 'exact', { low: 28, high: 28 }),
    report('c4', 'Harbour News', '2024-08-14', 80, 'range', { low: 80, high: 90 }),
    report('c5', 'Harbour News', '2024-08-15', 3, 'exact', { low: 3, high: 3 }, { kind: 'increment' }),
  ];
  const data = timelineOf(reports, [['c2', 'c3']], 'count');

  it('plots standing figures by date, one aligned y array per source, increments left out', () => {
    expect(data.sources).toEqual(['Field Wire', 'Harbour News', 'Valley Post']);
    expect(data.xs).toEqual(['2024-08-12', '2024-08-13', '2024-08-13', '2024-08-14'].map(dateSeconds));
    expect(data.ys).toEqual([
      [null, 28, null, null],
      [70, null, null, 80],
      [null, null, 74, null],
    ]);
  });

  it('draws qualifiers as shapes with the interval they allow, and marks conflicts', () => {
    expect(data.marks.map((m) => [m.claimId, m.shape, m.low, m.high, m.disputed])).toEqual([
      ['c1', 'lower-bound', 70, null, false],
      ['c3', 'point', 28, 28, true],
      ['c2', 'point', 74, 74, true],
      ['c4', 'range', 80, 90, false],
    ]);
    expect(data.conflicts).toEqual([[2, 1]]);
    // Room below the lowest and above the highest finite bound.
    expect(data.yRange[0]).toBeLessThan(28);
    expect(data.yRange[1]).toBeGreaterThan(90);
  });

  it('widens an approximation into a bounded interval', () => {
    const approx = timelineOf([report('c9', 'S', '2024-01-01', 1000, 'approx', { low: null, high: null })], [], 'count');
    const m = approx.marks[0];
    expect(m?.shape).toBe('approx');
    expect(m?.low).toBeLessThan(1000);
    expect(m?.high).toBeGreaterThan(1000);
  });
});
