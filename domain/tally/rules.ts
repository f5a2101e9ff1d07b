/*
 * The judgement calls of a tally (claims.md §5), in one place so they are easy to find and to argue with.
 * All are relative to the data (report dates), never to the clock, so a rebuild next year gives the same answer.
 * Per-topic windows and operation start dates are data: the taxonomy's `tally` block (see series-rules.ts).
 */

/**
 * `approx` figures ("about 1,000") are read as value × (1 ± APPROX_TOLERANCE); "nearly"/"almost"/"just under"
 * keep their stated upper bound. Exact figures get no tolerance.
 */
export const APPROX_TOLERANCE = 0.1;

/**
 * A period that starts at most STANDING_SLACK_DAYS after an operation's start counts from the operation's start, so
 * its figure is a standing one: "in the span of one week" of a week-old incursion, "within a week of crossing the
 * border on August 6". Later starts ("since Friday") make a period count.
 */
export const STANDING_SLACK_DAYS = 7;

/*
 * Disputes (summarise.ts): each claimant's latest standing figure in the window of the latest figure is compared with
 * the other claimants' when their dates (`standsAsOf`) are at most the topic's window apart: on the same day their
 * intervals must overlap; on different days the later one may be higher (standing figures grow) but not wholly below
 * the earlier one. A claimant's older figures are superseded by its own newer one, and a conflict that has left the
 * window is old news: the series clears.
 */
