/*
 * The judgement calls of a tally (claims.md §5), in one place so they are easy to find and to argue with.
 * All are relative to the data (report dates), never to the clock, so a rebuild next year gives the same answer.
 */

/**
 * The conservative and highest figures, and the dispute check, look at standing-figure reports whose `asOf`
 * falls in the WINDOW_DAYS calendar days ending on the latest report's `asOf` (both ends included).
 */
export const WINDOW_DAYS = 30;

/**
 * `approx` figures ("about 1,000") are read as value × (1 ± APPROX_TOLERANCE); "nearly"/"almost"/"just under"
 * keep their stated upper bound. Exact figures get no tolerance.
 */
export const APPROX_TOLERANCE = 0.1;

/**
 * Two standing-figure reports from different origins are compared only when their `asOf` dates are at most
 * DISPUTE_SPAN_DAYS apart: on the same day their intervals must overlap; a day apart the later one may be higher
 * (standing figures grow) but not wholly below the earlier one. Reports further apart are never a dispute.
 */
export const DISPUTE_SPAN_DAYS = 1;
