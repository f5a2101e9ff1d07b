import type { Quantity } from '../../schemas/claim.ts';
import { APPROX_TOLERANCE } from './rules.ts';

/** The closed interval a figure allows, from its qualifier (claims.md §3); unbounded sides are ±Infinity. */
export interface Interval {
  low: number;
  high: number;
}

/** Interval of a quantity, widening `approx` by APPROX_TOLERANCE. Used by summarise for agreement and disputes. */
export function intervalOf(q: Quantity): Interval {
  const approx = q.qualifier === 'approx';
  const low = q.low ?? (approx ? q.value * (1 - APPROX_TOLERANCE) : -Infinity);
  const high = q.high ?? (approx ? q.value * (1 + APPROX_TOLERANCE) : Infinity);
  return { low, high };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.low <= b.high && b.low <= a.high;
}

/**
 * What a report commits to at least, for picking the conservative figure. A report that only bounds from
 * above ("fewer than 100") has no lower bound; it ranks by its stated value, or it would always win as 0.
 */
export function floorOf(q: Quantity): number {
  const low = intervalOf(q).low;
  return Number.isFinite(low) ? low : q.value;
}

/** The highest the report allows, for breaking ties between equal stated values ("more than 70" over "70"). */
export function ceilingOf(q: Quantity): number {
  return intervalOf(q).high;
}
