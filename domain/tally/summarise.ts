import type {
  PeriodSum,
  TallyFigure,
  TallyReport,
  TallySnapshot,
  TallyState,
  TallySummary,
} from '../../schemas/tally.ts';
import type { TallyRules } from '../../schemas/taxonomy.ts';
import { addDays, dayNumber } from './dates.ts';
import { ceilingOf, floorOf, intervalOf, overlaps } from './intervals.ts';
import { reportsOf, type ReportsMemo } from './reports.ts';
import { standsAsOf } from './scope.ts';
import { rulesFor } from './series-rules.ts';
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

/** Reports built before scopes existed (old messages) read as their kind says: a total is standing. */
export const scopeOfReport = (r: TallyReport) => r.scope ?? (r.kind === 'increment' ? 'increment' : 'standing');

/** Latest standing first; on one day the higher figure (standing figures grow), then the smaller claim id. */
const byRecency = (a: TallyReport, b: TallyReport): number =>
  compareText(standsAsOf(b), standsAsOf(a)) || b.quantity.value - a.quantity.value || compareText(a.claimId, b.claimId);

/** Latest period first: the later end, then the later asOf, then the smaller claim id. */
export const byPeriodRecency = (a: PeriodFigure, b: PeriodFigure): number =>
  compareText(b.period?.end ?? b.asOf, a.period?.end ?? a.asOf) ||
  compareText(b.asOf, a.asOf) ||
  compareText(a.claimId, b.claimId);

const distinct = (values: Iterable<string>): string[] => [...new Set(values)].sort(compareText);

/** The first item in `compare` order (a linear scan; the first of equals wins, as after a stable sort). */
function firstBy<T>(items: readonly T[], compare: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || compare(item, best) < 0) best = item;
  return best;
}

/** A standing figure as the dispute check reads it: its day and interval worked out once. */
interface Dated {
  r: TallyReport;
  day: number;
  low: number;
  high: number;
}

/** True when two standing figures from different origins, at most the window apart (`a` not later), cannot both be right. */
function conflict(a: Dated, b: Dated): boolean {
  if (a.r.origin === b.r.origin) return false;
  return a.day === b.day ? !(a.low <= b.high && b.low <= a.high) : b.high < a.low;
}

/**
 * The current disputes: each claimant's latest standing figure in the window of the latest figure (an older figure of
 * the same claimant is superseded by its own newer one), compared pairwise when at most `windowDays` apart. Bounded by
 * the number of claimants, so neither the work nor the headline grows with the series' history.
 */
function disputesAmong(inWindow: readonly TallyReport[], windowDays: number): [string, string][] {
  const latestByOrigin = new Map<string, TallyReport>();
  for (const r of inWindow) {
    const known = latestByOrigin.get(r.origin);
    if (known === undefined || byRecency(r, known) < 0) latestByOrigin.set(r.origin, r);
  }
  const dated: Dated[] = [...latestByOrigin.values()].map((r) => {
    const { low, high } = intervalOf(r.quantity);
    return { r, day: dayNumber(standsAsOf(r)), low, high };
  });
  dated.sort((x, y) => x.day - y.day || compareText(x.r.claimId, y.r.claimId));
  const pairs: [string, string][] = [];
  for (let i = 0; i < dated.length; i++) {
    const a = dated[i] as Dated;
    for (let j = i + 1; j < dated.length; j++) {
      const b = dated[j] as Dated;
      if (b.day - a.day > windowDays) break;
      if (!conflict(a, b)) continue;
      pairs.push(compareText(a.r.claimId, b.r.claimId) <= 0 ? [a.r.claimId, b.r.claimId] : [b.r.claimId, a.r.claimId]);
    }
  }
  return pairs.sort((x, y) => compareText(x[0], y[0]) || compareText(x[1], y[1]));
}

/** An increment's identity: increments reported with the same date, period and figure are one told by several sources. */
export function incrementKeyOf(r: TallyReport): string {
  const q = r.quantity;
  return JSON.stringify([r.asOf, r.period?.start ?? null, r.period?.end ?? null, q.value, q.qualifier]);
}

function incrementSum(increments: readonly TallyReport[]): number | null {
  if (increments.length === 0) return null;
  const once = new Map<string, number>();
  for (const r of increments) once.set(incrementKeyOf(r), r.quantity.value);
  return [...once.values()].reduce((sum, v) => sum + v, 0);
}

/** What the period view reads of a period count (a report, or a span kept by the bounded state's aggregates). */
export interface PeriodFigure {
  claimId: string;
  asOf: string;
  period: TallyReport['period'];
  quantity: Pick<TallyReport['quantity'], 'value' | 'qualifier'>;
}

/** A period as a half-open day range [start, end): "overnight" 25→26 and 26→27 are adjacent, not overlapping. */
function dayRange(r: PeriodFigure): [number, number] {
  const start = dayNumber(r.period?.start ?? r.asOf);
  const end = dayNumber(r.period?.end ?? r.asOf);
  return [start, Math.max(end, start + 1)];
}

/**
 * The sum of period counts, only where it means something: two or more periods, none overlapping another, each
 * told with one figure (several reports of one period are alternatives or repeats, never added), all bounded below.
 */
export function periodSumOf(periodCounts: readonly PeriodFigure[], unit: string | null): PeriodSum | null {
  if (unit === null) return null;
  const bySpan = new Map<string, PeriodFigure[]>();
  for (const r of periodCounts) {
    const span = `${r.period?.start ?? ''}/${r.period?.end ?? ''}`;
    bySpan.set(span, [...(bySpan.get(span) ?? []), r]);
  }
  if (bySpan.size < 2) return null;
  const spans: { range: [number, number]; report: PeriodFigure }[] = [];
  for (const reports of bySpan.values()) {
    const first = reports[0] as PeriodFigure;
    const q = first.quantity;
    if (reports.some((r) => r.quantity.value !== q.value || r.quantity.qualifier !== q.qualifier)) return null;
    if (!['exact', 'more-than', 'at-least'].includes(q.qualifier) || first.period?.start == null) return null;
    spans.push({ range: dayRange(first), report: first });
  }
  spans.sort((a, b) => a.range[0] - b.range[0]);
  for (let i = 1; i < spans.length; i++) if ((spans[i]?.range[0] ?? 0) < (spans[i - 1]?.range[1] ?? 0)) return null;
  const reports = spans.map((s) => s.report);
  return {
    value: reports.reduce((sum, r) => sum + r.quantity.value, 0),
    unit,
    qualifier: reports.every((r) => r.quantity.qualifier === 'exact') ? 'exact' : 'at-least',
    start: reports[0]?.period?.start ?? '',
    end: reports.map((r) => r.period?.end ?? r.asOf).reduce((a, b) => (compareText(a, b) >= 0 ? a : b)),
    periods: reports.length,
  };
}

/**
 * The §5 view of a series: every report; the headline (latest / conservative / highest / agreeing / disputed) from
 * standing figures only; period counts in their own view (sums only over non-overlapping periods); increments listed
 * apart. Called by the tally workflow (query, published snapshot) and the read model. Pure and deterministic; never
 * throws. `rules` is the taxonomy's `tally` block (default: the built-in taxonomy's); `memo` (see `ReportsMemo`) only
 * makes successive versions of one series cheaper.
 */
export function summarise(state: TallyState, memo?: ReportsMemo, rules?: TallyRules): TallySummary {
  const seriesRules = rulesFor(state.key, rules);
  const { windowDays } = seriesRules;
  // Reports come sorted by asOf then claim id; the figures below need only maxima and windows, so no full sort.
  const reports = reportsOf(state, seriesRules, memo);
  const standingAnyUnit = reports.filter((r) => scopeOfReport(r) === 'standing');
  const periodAnyUnit = reports.filter((r) => scopeOfReport(r) === 'period');
  const incrementsAnyUnit = reports.filter((r) => scopeOfReport(r) === 'increment');
  // Figures in different units (a series of aid in USD and EUR) cannot be compared: figures use the latest's unit.
  const unit =
    (
      firstBy(standingAnyUnit, byRecency) ??
      firstBy(periodAnyUnit, byPeriodRecency) ??
      firstBy(incrementsAnyUnit, byRecency)
    )?.quantity.unit ?? null;
  const inUnit = (r: TallyReport): boolean => r.quantity.unit === unit;
  const standing = standingAnyUnit.filter(inUnit);
  const latest = firstBy(standing, byRecency);
  const latestDate = latest ? standsAsOf(latest) : null;
  const window = latestDate ? { start: addDays(latestDate, -(windowDays - 1)), end: latestDate } : null;
  const inWindow = window ? standing.filter((r) => compareText(standsAsOf(r), window.start) >= 0) : [];

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
  const disputes = disputesAmong(inWindow, windowDays);
  // Already in asOf, claim id order.
  const increments = incrementsAnyUnit.filter(inUnit);
  const periodCounts = periodAnyUnit.filter(inUnit).sort((a, b) => -byPeriodRecency(a, b));
  const latestPeriodCount = firstBy(periodCounts, byPeriodRecency);
  const origins = distinct(reports.map((r) => r.origin));

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
    independentSources: origins.length,
    origins,
    sourcesAgreeingWithLatest: distinct(agreeing).length,
    windowDays,
    disputed: disputes.length > 0,
    disputes,
    increments: increments.map(figureOf),
    reportedIncrementSum: incrementSum(increments),
    periodCounts: periodCounts.map(figureOf),
    latestPeriodCount: latestPeriodCount ? figureOf(latestPeriodCount) : null,
    periodSum: periodSumOf(periodCounts, unit),
    extractorVersions: [...new Set(reports.map((r) => r.extractor.version))].sort(compareVersions),
  };
}

/** What the tally workflow answers its snapshot query with: the whole summary at the state's version. */
export function snapshotOf(state: TallyState, rules?: TallyRules): TallySnapshot {
  return { seriesId: state.seriesId, version: state.version, summary: summarise(state, undefined, rules) };
}
