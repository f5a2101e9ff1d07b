import type { TallyFigure, TallyReport, TallySnapshot, TallyState, TallySummary } from '../../schemas/tally.ts';
import { addDays, dayNumber } from './dates.ts';
import { ceilingOf, floorOf, intervalOf, overlaps } from './intervals.ts';
import { reportsOf, type ReportsMemo } from './reports.ts';
import { DISPUTE_SPAN_DAYS, WINDOW_DAYS } from './rules.ts';
import { compareText } from './sorted.ts';
import { compareVersions } from './versions.ts';

const figureOf = (r: TallyReport): TallyFigure => ({
  claimId: r.claimId,
  source: r.source,
  origin: r.origin,
  asOf: r.asOf,
  period: r.period,
  ...r.quantity,
});

/** Latest first; on one day the higher figure (standing figures grow), then the smaller claim id. */
const byRecency = (a: TallyReport, b: TallyReport): number =>
  compareText(b.asOf, a.asOf) || b.quantity.value - a.quantity.value || compareText(a.claimId, b.claimId);

const distinct = (values: Iterable<string>): string[] => [...new Set(values)].sort(compareText);

/** The first item in `compare` order (a linear scan; the first of equals wins, as after a stable sort). */
function firstBy<T>(items: readonly T[], compare: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || compare(item, best) < 0) best = item;
  return best;
}

/** True when two reports of a standing figure from different origins cannot both be right (see DISPUTE_SPAN_DAYS). */
function conflict(a: TallyReport, b: TallyReport): boolean {
  if (a.origin === b.origin) return false;
  const [earlier, later] = compareText(a.asOf, b.asOf) <= 0 ? [a, b] : [b, a];
  const gap = dayNumber(later.asOf) - dayNumber(earlier.asOf);
  if (gap > DISPUTE_SPAN_DAYS) return false;
  const e = intervalOf(earlier.quantity);
  const l = intervalOf(later.quantity);
  return gap === 0 ? !overlaps(e, l) : l.high < e.low;
}

function disputesAmong(reports: readonly TallyReport[]): [string, string][] {
  const pairs: [string, string][] = [];
  reports.forEach((a, i) => {
    for (const b of reports.slice(i + 1)) {
      if (!conflict(a, b)) continue;
      pairs.push(compareText(a.claimId, b.claimId) <= 0 ? [a.claimId, b.claimId] : [b.claimId, a.claimId]);
    }
  });
  return pairs.sort((x, y) => compareText(x[0], y[0]) || compareText(x[1], y[1]));
}

/** Increments reported with the same date, period and figure are one increment told by several sources. */
function incrementSum(increments: readonly TallyReport[]): number | null {
  if (increments.length === 0) return null;
  const once = new Map<string, number>();
  for (const r of increments) {
    const q = r.quantity;
    once.set(JSON.stringify([r.asOf, r.period?.start ?? null, r.period?.end ?? null, q.value, q.qualifier]), q.value);
  }
  return [...once.values()].reduce((sum, v) => sum + v, 0);
}

/**
 * The §5 view of a series: every report, the latest / conservative / highest standing figure, independent and
 * agreeing sources, disputes, and increments kept apart from the standing figure. Called by the tally workflow
 * (query, published snapshot) and the read model. Pure and deterministic; never throws. `memo` (see `ReportsMemo`)
 * only makes successive versions of one series cheaper.
 */
export function summarise(state: TallyState, memo?: ReportsMemo): TallySummary {
  // Reports come sorted by asOf then claim id; the figures below need only maxima and the window, so no full sort.
  const reports = reportsOf(state, memo);
  const totalsAnyUnit = reports.filter((r) => r.kind === 'total');
  const incrementsAnyUnit = reports.filter((r) => r.kind === 'increment');
  // Figures in different units (a series of aid in USD and EUR) cannot be compared: figures use the latest's unit.
  const unit = (firstBy(totalsAnyUnit, byRecency) ?? firstBy(incrementsAnyUnit, byRecency))?.quantity.unit ?? null;
  const inUnit = (r: TallyReport): boolean => r.quantity.unit === unit;
  const totals = totalsAnyUnit.filter(inUnit);
  const latest = firstBy(totals, byRecency);
  const window = latest ? { start: addDays(latest.asOf, -(WINDOW_DAYS - 1)), end: latest.asOf } : null;
  const inWindow = window ? totals.filter((r) => compareText(r.asOf, window.start) >= 0) : [];

  const conservative = firstBy(
    inWindow,
    (a, b) => floorOf(a.quantity) - floorOf(b.quantity) || a.quantity.value - b.quantity.value || byRecency(a, b),
  );
  const highest = firstBy(
    inWindow,
    (a, b) => b.quantity.value - a.quantity.value || ceilingOf(b.quantity) - ceilingOf(a.quantity) || byRecency(a, b),
  );
  const agreeing = latest
    ? inWindow.filter((r) => overlaps(intervalOf(r.quantity), intervalOf(latest.quantity))).map((r) => r.origin)
    : [];
  const disputes = disputesAmong(inWindow);
  // Already in asOf, claim id order.
  const increments = incrementsAnyUnit.filter(inUnit);

  return {
    seriesId: state.seriesId,
    key: state.key,
    version: state.version,
    unit,
    otherUnits: distinct(reports.map((r) => r.quantity.unit)).filter((u) => u !== unit),
    reports,
    latest: latest ? figureOf(latest) : null,
    window,
    conservative: conservative ? figureOf(conservative) : null,
    highest: highest ? figureOf(highest) : null,
    independentSources: distinct(reports.map((r) => r.origin)).length,
    sourcesAgreeingWithLatest: distinct(agreeing).length,
    disputed: disputes.length > 0,
    disputes,
    increments: increments.map(figureOf),
    reportedIncrementSum: incrementSum(increments),
    extractorVersions: [...new Set(reports.map((r) => r.extractor.version))].sort(compareVersions),
  };
}

/** What the tally workflow publishes to the compacted tallies topic after each change. */
export function snapshotOf(state: TallyState): TallySnapshot {
  return { seriesId: state.seriesId, version: state.version, summary: summarise(state) };
}
