import { describe, expect, it } from 'vitest';
import { createRateWindow } from '../../../services/surfaces/ops/rates.ts';

describe('rates from growing totals', () => {
  it('is unknown until two samples span the minimum, then per minute over the window', () => {
    const w = createRateWindow({ windowMs: 60_000, minSpanMs: 2_000 });
    expect(w.observe(0, { a: 10 })).toEqual({ a: null });
    expect(w.observe(1_000, { a: 12 })).toEqual({ a: null });
    expect(w.observe(30_000, { a: 40 })).toEqual({ a: 60 });
    // Past the window the base moves to the last sample older than the window: t=1 s, then t=30 s.
    expect(w.observe(90_000, { a: 100 }).a).toBeCloseTo((88 * 60) / 89, 6);
    expect(w.observe(150_000, { a: 100 })).toEqual({ a: 30 });
  });

  it('gives no rate for a total that went down (a restart) or is new', () => {
    const w = createRateWindow({ minSpanMs: 1 });
    w.observe(0, { a: 50 });
    expect(w.observe(10_000, { a: 5, b: 3 })).toEqual({ a: null, b: null });
  });
});
