import type { Claim } from '../../schemas/claim.ts';
import type { FigureScope } from '../../schemas/tally.ts';
import { dayNumber } from './dates.ts';
import { STANDING_SLACK_DAYS } from './rules.ts';
import type { SeriesRules } from './series-rules.ts';

/*
 * Three kinds of figure, kept apart (claims.md §5, README "Standing figures, period counts and increments"):
 * - standing: a cumulative total as of a date ("Ukraine controls 1,294 km²", "more than 70 settlements since the
 *   incursion began"): a claim of kind `total` with no period, or whose period starts no later than
 *   STANDING_SLACK_DAYS after the start of an operation that applies to the series (the taxonomy's `tally.operations`);
 * - period: a count over a stated recent span ("12 settlements since Friday", "99 drones overnight", "133 km² in
 *   March"): a `total` with any other period;
 * - increment: a claim of kind `increment` ("two more villages").
 * The contract's `kind` stays `total` | `increment`; the scope is derived here from kind + period + taxonomy.
 */

/** The scope of a claim in its series. Called when reports are built; pure. */
export function scopeOf(claim: Pick<Claim, 'kind' | 'period'>, rules: SeriesRules): FigureScope {
  if (claim.kind === 'increment') return 'increment';
  const start = claim.period?.start ?? null;
  if (start === null) return 'standing';
  const latestOperation = rules.operationStarts.at(-1);
  if (latestOperation === undefined) return 'period';
  return dayNumber(start) - dayNumber(latestOperation) <= STANDING_SLACK_DAYS ? 'standing' : 'period';
}

/**
 * The day a standing figure stands as of: its asOf, or the end of its period when that is earlier ("1.6 million
 * between August 2023 and January 2024", reported in June 2024, is the total as of January). Used to order and compare
 * standing figures; the chart still plots every report at its asOf.
 */
export function standsAsOf(r: { asOf: string; period: Claim['period'] }): string {
  const end = r.period?.end ?? null;
  return end !== null && end < r.asOf ? end : r.asOf;
}
