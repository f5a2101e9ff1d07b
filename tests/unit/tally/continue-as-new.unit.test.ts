import { describe, expect, it } from 'vitest';
import { continueAsNewPoint } from '../../../workflows/series-tally/workflow.ts';

describe('when a series workflow continues as new', () => {
  it('spreads the point over [1000, 2000) events by series, the same every time for one series', () => {
    const points = Array.from({ length: 64 }, (_, i) =>
      continueAsNewPoint(`territory-area:russia:ukraine:-:place-${i}`),
    );
    expect(points.every((p) => p >= 1000 && p < 2000)).toBe(true);
    expect(new Set(points.map((p) => Math.floor(p / 100))).size).toBeGreaterThanOrEqual(8); // spread, not bunched
    expect(continueAsNewPoint('territory-area:russia:ukraine:-:place-1')).toBe(points[1]);
  });
});
