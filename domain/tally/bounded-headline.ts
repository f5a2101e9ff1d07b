import type {
  BoundedTally,
  TallyHeadline,
  TallyHeadlineView,
  TallyReport,
  TallySnapshot,
  TallySummary,
} from '../../schemas/tally.ts';
import type { TallyRules } from '../../schemas/taxonomy.ts';
import { archivedReportCount } from './archive.ts';
import { hash48, hasHash, unpackHashes } from './hash-set.ts';
import type { ReportsMemo } from './reports.ts';
import { compareText } from './sorted.ts';
import {
  byPeriodRecency,
  incrementKeyOf,
  periodSumOf,
  scopeOfReport,
  summarise,
  type PeriodFigure,
} from './summarise.ts';
import { compareVersions } from './versions.ts';

/** How many reports the series workflow's query returns: the most recent by asOf (the rest: read model, API). */
export const RECENT_REPORTS = 50;

const distinct = (values: Iterable<string>): string[] => [...new Set(values)].sort(compareText);

/**
 * The headline of a bounded state — equal to `summarise` over every event folded (see bounded.ts for the exceptions)
 * — and the kept reports it was worked out from. The figures of the latest window come from the kept reports alone;
 * counts, units, origins, extractor versions, the increment sum and the period sum merge in the archive's aggregates.
 * Called by the series workflow (published messages, query). Pure; never throws.
 */
export function boundedSummaryOf(
  tally: BoundedTally,
  memo?: ReportsMemo,
  rules?: TallyRules,
): { headline: TallyHeadline; reports: TallyReport[]; kept: TallySummary } {
  const kept = summarise(tally.kept, memo, rules);
  const { reports, increments, periodCounts, ...figures } = kept;
  const archive = tally.archive;
  const unit = figures.unit;
  const inUnit = archive.units.find((u) => u.unit === unit);
  const origins = distinct([...figures.origins, ...archive.origins]);
  const units = distinct([...reports.map((r) => r.quantity.unit), ...archive.units.map((u) => u.unit)]);
  const incrementCount = increments.length + (inUnit?.increment ?? 0);

  let reportedIncrementSum = figures.reportedIncrementSum;
  if (inUnit !== undefined && inUnit.increment > 0) {
    const archivedKeys = unpackHashes(inUnit.incrementKeys);
    const fresh = new Map<string, number>();
    for (const r of reports) {
      if (scopeOfReport(r) !== 'increment' || r.quantity.unit !== unit) continue;
      const key = incrementKeyOf(r);
      if (!hasHash(archivedKeys, hash48(key))) fresh.set(key, r.quantity.value);
    }
    reportedIncrementSum = [...fresh.values()].reduce((sum, v) => sum + v, inUnit.incrementSum);
  }

  let periodSum = figures.periodSum;
  if (inUnit !== undefined && inUnit.spans.length > 0) {
    const spans: PeriodFigure[] = inUnit.spans.map((s) => ({
      claimId: s.claimId,
      asOf: s.asOf,
      period: { start: s.start, end: s.end },
      quantity: s,
    }));
    const kept = reports.filter((r) => scopeOfReport(r) === 'period' && r.quantity.unit === unit);
    // The order of the period view (summarise's periodCounts), so each span's first figure is the same one.
    const all = [...spans, ...kept].sort((a, b) => -byPeriodRecency(a, b));
    periodSum = inUnit.spans.some((s) => s.mixed) ? null : periodSumOf(all, unit);
  }

  return {
    headline: {
      ...figures,
      version: figures.version + archive.facts,
      otherUnits: units.filter((u) => u !== unit),
      independentSources: origins.length,
      origins,
      reportedIncrementSum,
      periodSum,
      extractorVersions: [...new Set([...figures.extractorVersions, ...archive.extractorVersions])].sort(
        compareVersions,
      ),
      reportCount: reports.length + archivedReportCount(archive),
      incrementCount,
      periodReportCount: periodCounts.length + (inUnit?.period ?? 0),
    },
    reports,
    kept,
  };
}

/** What the series workflow's query answers: the headline and the RECENT_REPORTS most recent kept reports (newest first). */
export function headlineViewOf(tally: BoundedTally, rules?: TallyRules): TallyHeadlineView {
  const { headline, reports } = boundedSummaryOf(tally, undefined, rules);
  return {
    seriesId: tally.kept.seriesId,
    version: headline.version,
    summary: headline,
    recentReports: reports.slice(-RECENT_REPORTS).reverse(),
  };
}

/**
 * The workflow's older `tallySnapshot` query on a bounded state: the headline's figures (merged with the archive) and
 * the kept reports, increments and period counts — every report while nothing is archived, as before. Clients wanting
 * every report of a series read the read model (API); new clients use `headlineViewOf`.
 */
export function boundedSnapshotOf(tally: BoundedTally, rules?: TallyRules): TallySnapshot {
  const { headline, kept } = boundedSummaryOf(tally, undefined, rules);
  const { reportCount: _r, incrementCount: _i, periodReportCount: _p, ...figures } = headline;
  return {
    seriesId: kept.seriesId,
    version: headline.version,
    summary: { ...figures, reports: kept.reports, increments: kept.increments, periodCounts: kept.periodCounts },
  };
}
