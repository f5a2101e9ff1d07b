import type { BoundedTally, PublishedTally, TallyHeadline, TallyReport, TallyState } from '../../schemas/tally.ts';
import { summarise } from './summarise.ts';
import { boundedSummaryOf } from './bounded-headline.ts';
import type { ReportsMemo } from './reports.ts';
import type { TallyRules } from '../../schemas/taxonomy.ts';

/**
 * What a report looked like when it was last published, as a short key: a report (one claim id) changes when its
 * representative article, outlet or URL changes, when copies join it, or when it is re-extracted.
 */
export function reportFingerprint(r: TallyReport): string {
  return [
    r.articleId,
    r.source,
    r.url,
    r.extractor.version,
    r.origin,
    r.scope ?? '',
    ...r.copies.map((c) => c.articleId),
  ].join('\u0000');
}

/** Fingerprints of the reports last published, by claim id: what the tally workflow remembers between versions. */
export type PublishedReports = Record<string, string>;

/**
 * Pure: the tallies-topic message for the state's version — the summary's headline in full, and only the reports that
 * are new or changed since `previous` (plus the claim ids of reports gone since) — with the fingerprints to remember
 * for the next one. Its size follows the change, not the series; the figures are still worked out from every report.
 */
export function publishedTallyOf(
  state: TallyState,
  previous: PublishedReports,
  memo?: ReportsMemo,
  rules?: TallyRules,
): { tally: PublishedTally; published: PublishedReports } {
  const { reports, increments, periodCounts, ...figures } = summarise(state, memo, rules);
  const headline = {
    ...figures,
    reportCount: reports.length,
    incrementCount: increments.length,
    periodReportCount: periodCounts.length,
  };
  return publishedOf(state.seriesId, headline, reports, previous, memo);
}

/**
 * Pure: `publishedTallyOf` for a bounded state (bounded.ts): the headline merges the archive, the reports compared with
 * `previous` are the kept ones (the series workflow drops archived claim ids from `previous` when it archives them).
 */
export function publishedBoundedTallyOf(
  tally: BoundedTally,
  previous: PublishedReports,
  memo?: ReportsMemo,
  rules?: TallyRules,
): { tally: PublishedTally; published: PublishedReports } {
  const { headline, reports } = boundedSummaryOf(tally, memo, rules);
  return publishedOf(tally.kept.seriesId, headline, reports, previous, memo);
}

function publishedOf(
  seriesId: string,
  headline: TallyHeadline,
  reports: readonly TallyReport[],
  previous: PublishedReports,
  memo?: ReportsMemo,
): { tally: PublishedTally; published: PublishedReports } {
  const published: PublishedReports = {};
  const changed: TallyReport[] = [];
  // Reports reused through the memo are the same objects, so their fingerprints are too.
  const fingerprints = memo?.fingerprints;
  for (const r of reports) {
    let fingerprint = fingerprints?.get(r);
    if (fingerprint === undefined) {
      fingerprint = reportFingerprint(r);
      fingerprints?.set(r, fingerprint);
    }
    published[r.claimId] = fingerprint;
    if (previous[r.claimId] !== fingerprint) changed.push(r);
  }
  const removedReports = Object.keys(previous)
    .filter((id) => !(id in published))
    .sort();
  return {
    tally: { seriesId, version: headline.version, summary: headline, reports: changed, removedReports },
    published,
  };
}
