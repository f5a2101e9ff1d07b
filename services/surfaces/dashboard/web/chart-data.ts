import type { TallyReport } from '../../../../schemas/tally.ts';
import { intervalOf } from '../../../../domain/tally/intervals.ts';

// The series timeline as uPlot wants it: one x array (report dates in seconds, sorted) and one y array per
// source aligned to it (null where another source reported), plus one mark per report saying how to draw its
// qualifier and the span its period covers. Every report is plotted at its asOf (when it was stated); a standing
// figure's period is drawn as a line along its span, a period count as a bar over its period. Pure; the chart module
// only paints what this returns.

/** How a report's figure is drawn: a dot, a bar between two bounds, or a bound with an open end (arrow). */
export type MarkShape = 'point' | 'approx' | 'range' | 'lower-bound' | 'upper-bound';

export interface TimelineMark {
  /** Row in `xs`. */
  row: number;
  /** Index into `sources` (and uPlot series `source + 1`). */
  source: number;
  claimId: string;
  value: number;
  /** The interval the qualifier allows (an `approx` widened by the tally's tolerance); null = open on that side. */
  low: number | null;
  high: number | null;
  shape: MarkShape;
  disputed: boolean;
  /** A standing figure (in the headline) or a period count (its own view). */
  scope: 'standing' | 'period';
  /** The period the figure covers, in seconds (start of its first day, end of its last); null when it states none. */
  span: [number, number] | null;
}

export interface TimelineData {
  sources: string[];
  xs: number[];
  ys: Array<Array<number | null>>;
  marks: TimelineMark[];
  /** Pairs of rows whose reports conflict (summary.disputes), for a connecting line. */
  conflicts: Array<[number, number]>;
  /** Every asOf and every span, a day of margin on each side. */
  xRange: [number, number];
  yRange: [number, number];
}

const SHAPE: Record<TallyReport['quantity']['qualifier'], MarkShape> = {
  exact: 'point',
  approx: 'approx',
  range: 'range',
  'more-than': 'lower-bound',
  'at-least': 'lower-bound',
  'less-than': 'upper-bound',
  'up-to': 'upper-bound',
};

/** Seconds since the epoch of an ISO date (noon UTC, so a date never slips a day in any time zone's axis). */
export const dateSeconds = (isoDate: string): number => Date.parse(`${isoDate}T12:00:00Z`) / 1000;

const DAY = 86_400;

/** A report's scope; reports published before scopes existed read as their kind says. */
export const scopeOfReport = (r: TallyReport): 'standing' | 'period' | 'increment' =>
  r.scope ?? (r.kind === 'increment' ? 'increment' : 'standing');

/** The span of a period in seconds: from the start of its first day to the end of its last; an open end is asOf. */
function spanOf(r: TallyReport): [number, number] | null {
  if (r.period === null || (r.period.start === null && r.period.end === null)) return null;
  const start = dateSeconds(r.period.start ?? r.asOf) - DAY / 2;
  const end = dateSeconds(r.period.end ?? r.asOf) + DAY / 2;
  return [start, Math.max(end, start + DAY)];
}

/** Standing figures and period counts of a series in `unit` (increments and other units are listed, not plotted). */
export function timelineOf(
  reports: readonly TallyReport[],
  disputes: ReadonlyArray<readonly [string, string]>,
  unit: string | null,
): TimelineData {
  const plotted = reports
    .filter((r) => scopeOfReport(r) !== 'increment' && (unit === null || r.quantity.unit === unit))
    .slice()
    .sort(
      (a, b) => a.asOf.localeCompare(b.asOf) || a.source.localeCompare(b.source) || a.claimId.localeCompare(b.claimId),
    );
  const sources = [...new Set(plotted.map((r) => r.source))].sort((a, b) => a.localeCompare(b));
  const disputedIds = new Set(disputes.flat());
  const xs = plotted.map((r) => dateSeconds(r.asOf));
  const ys = sources.map((s) => plotted.map((r) => (r.source === s ? r.quantity.value : null)));
  const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const marks = plotted.map((r, row): TimelineMark => {
    const interval = intervalOf(r.quantity);
    return {
      row,
      source: sources.indexOf(r.source),
      claimId: r.claimId,
      value: r.quantity.value,
      low: finiteOrNull(interval.low),
      high: finiteOrNull(interval.high),
      shape: SHAPE[r.quantity.qualifier],
      disputed: disputedIds.has(r.claimId),
      scope: scopeOfReport(r) === 'period' ? 'period' : 'standing',
      span: spanOf(r),
    };
  });
  const rowOf = new Map(plotted.map((r, row) => [r.claimId, row]));
  const conflicts = disputes.flatMap(([a, b]): Array<[number, number]> => {
    const ra = rowOf.get(a);
    const rb = rowOf.get(b);
    return ra === undefined || rb === undefined ? [] : [[ra, rb]];
  });
  const finite = plotted.flatMap((r) => {
    const i = intervalOf(r.quantity);
    return [r.quantity.value, i.low, i.high].filter((v) => Number.isFinite(v));
  });
  // A period bar rises from zero, so zero is on the axis when there is one.
  if (marks.some((m) => m.scope === 'period')) finite.push(0);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  // Headroom above and below so open-ended bounds have somewhere to point.
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.15;
  const times = [...xs, ...marks.flatMap((m) => m.span ?? [])];
  const xRange: [number, number] = times.length ? [Math.min(...times) - DAY, Math.max(...times) + DAY] : [0, DAY];
  return { sources, xs, ys, marks, conflicts, xRange, yRange: [Math.max(0, lo - pad), hi + pad] };
}

/**
 * Tick spacings of a date axis, in seconds: whole days, weeks, then months and years (uPlot steps 30-day and
 * 365-day multiples by calendar month and year). Reports carry dates, not times, so no tick falls inside a day.
 */
export const DATE_INCRS: readonly number[] = [1, 2, 3, 7, 14, 30, 60, 90, 180, 365, 730, 1825].map((d) => d * DAY);

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Labels of date ticks (seconds, UTC days): "Aug 2024" when ticks are a month or more apart, else "12 Aug" with the
 * year on the first tick and wherever it changes ("30 Dec 2023, 6 Jan 2024").
 */
export function dateTickLabels(splits: readonly number[], incr: number): string[] {
  let year = -1;
  return splits.map((s) => {
    const d = new Date(s * 1000);
    const month = MONTH_NAMES[d.getUTCMonth()] ?? '?';
    if (incr >= 28 * DAY) return `${month} ${d.getUTCFullYear()}`;
    const withYear = d.getUTCFullYear() !== year;
    year = d.getUTCFullYear();
    return `${d.getUTCDate()} ${month}${withYear ? ` ${year}` : ''}`;
  });
}

/** The y-axis title: the series' unit as written after a figure ("km²", "USD"), "count" for plain counts. */
export const axisUnitLabel = (unit: string | null, formatted: string): string =>
  unit === null ? '' : formatted || 'count';
