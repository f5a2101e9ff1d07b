import { describe, expect, it } from 'vitest';
import { formatFigure, formatNumber, formatSeriesKey } from '../../../services/stores/read-model/format.ts';

describe('formatNumber', () => {
  it.each([
    [74, '74'],
    [1263, '1,263'],
    [1000, '1,000'],
    [250000, '250,000'],
    [0.5, '0.5'],
    [12.345, '12.35'],
    [1.6e6, '1.6 M'],
    [5e6, '5 M'],
    [2.25e9, '2.25 B'],
    [-1500, '-1,500'],
  ])('%d reads %s', (n, text) => expect(formatNumber(n)).toBe(text));
});

describe('formatFigure', () => {
  const fig = (
    value: number,
    qualifier: Parameters<typeof formatFigure>[0]['qualifier'],
    unit = 'count',
    low: number | null = null,
    high: number | null = null,
  ) => ({ value, unit, qualifier, low, high });

  it('shows the qualifier as a sign', () => {
    expect(formatFigure(fig(74, 'exact'))).toBe('74');
    expect(formatFigure(fig(70, 'more-than'))).toBe('> 70');
    expect(formatFigure(fig(70, 'at-least'))).toBe('≥ 70');
    expect(formatFigure(fig(10, 'less-than'))).toBe('< 10');
    expect(formatFigure(fig(10, 'up-to'))).toBe('≤ 10');
    expect(formatFigure(fig(1.6e6, 'approx'))).toBe('≈ 1.6 M');
  });

  it('shows a range by its bounds, and falls back to its value without them', () => {
    expect(formatFigure(fig(75, 'range', 'count', 70, 80))).toBe('70–80');
    expect(formatFigure(fig(75, 'range', 'count', 70, null))).toBe('≈ 75');
  });

  it('writes units after the figure; a count has none', () => {
    expect(formatFigure(fig(1263, 'exact', 'km2'))).toBe('1,263 km²');
    expect(formatFigure(fig(61e9, 'approx', 'USD'))).toBe('≈ 61 B USD');
    expect(formatFigure(fig(12, 'exact', 'percent'))).toBe('12%');
  });
});

describe('formatSeriesKey', () => {
  it('joins the parts that are set', () => {
    expect(formatSeriesKey({ actor: 'ukraine', counterpart: 'russia', item: null, place: 'kursk-oblast' })).toBe(
      'ukraine → russia · kursk-oblast',
    );
    expect(formatSeriesKey({ actor: null, counterpart: null, item: null, place: null })).toBe('(any)');
  });
  it('keeps the direction when only the counterpart is known', () => {
    expect(formatSeriesKey({ actor: null, counterpart: 'ukraine', item: 'drones', place: null })).toBe(
      '→ ukraine · drones',
    );
    expect(formatSeriesKey({ actor: 'russia', counterpart: null, item: 'drones', place: null })).toBe(
      'russia · drones',
    );
  });
});
