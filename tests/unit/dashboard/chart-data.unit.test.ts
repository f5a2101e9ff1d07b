import { describe, expect, it } from 'vitest';
import type { TallyReport } from '../../../schemas/tally.ts';
import type { Qualifier } from '../../../schemas/claim.ts';
import {
  DATE_INCRS,
  axisUnitLabel,
  dateSeconds,
  dateTickLabels,
  timelineOf,
} from '../../../services/surfaces/dashboard/web/chart-data.ts';
import { formatPeriod } from '../../../services/stores/read-model/format.ts';

function report(
  claimId: string,
  source: string,
  asOf: string,
  value: number,
  qualifier: Qualifier,
  bounds: { low: number | null; high: number | null },
  extra: Partial<TallyReport> = {},
): TallyReport {
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
    const approx = timelineOf(
      [report('c9', 'S', '2024-01-01', 1000, 'approx', { low: null, high: null })],
      [],
      'count',
    );
    const m = approx.marks[0];
    expect(m?.shape).toBe('approx');
    expect(m?.low).toBeLessThan(1000);
    expect(m?.high).toBeGreaterThan(1000);
  });
});

describe('reports at their asOf, periods as spans', () => {
  const day = 86_400;
  // The shells series: every report where it was stated, its period drawn along what it covers.
  const shells = [
    report(
      'nis',
      'Seoul Desk',
      '2023-11-01',
      1_000_000,
      'more-than',
      { low: 1_000_000, high: null },
      { period: { start: '2023-08-01', end: '2023-11-01' }, scope: 'standing' },
    ),
    report(
      'c4',
      'Atlantic Brief',
      '2024-06-22',
      1_600_000,
      'approx',
      { low: null, high: null },
      { period: { start: '2023-08-01', end: '2024-01-31' }, scope: 'standing' },
    ),
    report(
      'zel',
      'Kyiv Wire',
      '2024-12-02',
      3_500_000,
      'exact',
      { low: 3_500_000, high: 3_500_000 },
      { period: { start: '2024-01-01', end: '2024-12-02' }, scope: 'period' },
    ),
    report(
      'shin',
      'Seoul Desk',
      '2024-06-14',
      5_000_000,
      'approx',
      { low: null, high: 5_000_000 },
      { scope: 'standing' },
    ),
  ];
  const data = timelineOf(shells, [], 'count');

  it('plots each report at its asOf, not at the start of its period', () => {
    expect(data.marks.map((m) => [m.claimId, data.xs[m.row]])).toEqual([
      ['nis', dateSeconds('2023-11-01')],
      ['shin', dateSeconds('2024-06-14')],
      ['c4', dateSeconds('2024-06-22')],
      ['zel', dateSeconds('2024-12-02')],
    ]);
  });

  it('gives every report with a period its span, and the x axis room for every span', () => {
    const spans = Object.fromEntries(data.marks.map((m) => [m.claimId, m.span]));
    expect(spans.c4).toEqual([dateSeconds('2023-08-01') - day / 2, dateSeconds('2024-01-31') + day / 2]);
    expect(spans.shin).toBeNull();
    expect(data.xRange[0]).toBeLessThan(dateSeconds('2023-08-01') - day / 2);
    expect(data.xRange[1]).toBeGreaterThan(dateSeconds('2024-12-02'));
  });

  it('draws a period count as a bar from zero, and never plots an increment', () => {
    const kursk = timelineOf(
      [
        report(
          'k100',
          'Eastern Front Daily',
          '2024-08-27',
          100,
          'exact',
          { low: 100, high: 100 },
          { scope: 'standing' },
        ),
        report(
          'k12',
          'Lakeside Courier',
          '2024-08-28',
          12,
          'exact',
          { low: 12, high: 12 },
          { period: { start: '2024-08-23', end: '2024-08-28' }, scope: 'period' },
        ),
        report(
          'k2',
          'Dnipro Ledger',
          '2024-08-29',
          2,
          'exact',
          { low: 2, high: 2 },
          { kind: 'increment', scope: 'increment' },
        ),
      ],
      [],
      'count',
    );
    expect(kursk.marks.map((m) => [m.claimId, m.scope])).toEqual([
      ['k100', 'standing'],
      ['k12', 'period'],
    ]);
    expect(kursk.yRange[0]).toBe(0);
  });

  it('prints a period as a reader says it', () => {
    expect(formatPeriod({ start: '2023-08-01', end: '2024-01-31' })).toBe('Aug 2023 – Jan 2024');
    expect(formatPeriod({ start: '2024-03-01', end: '2024-03-31' })).toBe('Mar 2024');
    expect(formatPeriod({ start: '2024-08-23', end: '2024-08-28' })).toBe('23 Aug 2024 – 28 Aug 2024');
    expect(formatPeriod({ start: '2024-08-12', end: '2024-08-12' })).toBe('12 Aug 2024');
    expect(formatPeriod({ start: '2022-02-24', end: null })).toBe('since 24 Feb 2022');
  });
});

describe('date axis', () => {
  const DAY = 86_400;
  const midnight = (d: string) => Date.parse(`${d}T00:00:00Z`) / 1000;

  it('steps in whole days or more, never hours', () => {
    expect(Math.min(...DATE_INCRS)).toBe(DAY);
    expect(DATE_INCRS.every((i) => i % DAY === 0)).toBe(true);
  });

  it('labels day ticks with the day and month, the year on the first tick and where it changes', () => {
    expect(dateTickLabels([midnight('2023-12-30'), midnight('2023-12-31'), midnight('2024-01-01')], DAY)).toEqual([
      '30 Dec 2023',
      '31 Dec',
      '1 Jan 2024',
    ]);
    expect(dateTickLabels([midnight('2024-08-05'), midnight('2024-08-12')], 7 * DAY)).toEqual(['5 Aug 2024', '12 Aug']);
  });

  it('labels month ticks with the month and year', () => {
    expect(dateTickLabels([midnight('2023-08-01'), midnight('2023-11-01'), midnight('2024-02-01')], 90 * DAY)).toEqual([
      'Aug 2023',
      'Nov 2023',
      'Feb 2024',
    ]);
  });

  it('titles the y-axis with the unit, "count" for plain counts', () => {
    expect(axisUnitLabel('km2', 'km²')).toBe('km²');
    expect(axisUnitLabel('count', '')).toBe('count');
    expect(axisUnitLabel(null, '')).toBe('');
  });
});
