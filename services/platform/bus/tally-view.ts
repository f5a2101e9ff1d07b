import type { PublishedTally, TallyReport } from '../../../schemas/tally.ts';

/**
 * What a reader of the tallies topic holds for one series: the newest headline it has seen, and every report at the
 * version that last changed it. Plain data, so a reader can keep it anywhere.
 */
export interface TallyView {
  seriesId: string;
  version: number;
  summary: PublishedTally['summary'];
  /** By claim id: the report and the version of the message that last set it. */
  reports: Record<string, { version: number; report: TallyReport }>;
  /** By claim id: the version of the message that retired it (a later message may bring it back). */
  removed: Record<string, number>;
}

/**
 * The reader rule of the tallies topic: a message older than the view it meets changes only what no newer message has
 * set. Its headline is skipped when its version is not above the view's (a late, retried or republished version never
 * replaces a newer headline), and each of its reports or removals applies only when the report was last set by an
 * older version (messages carry only what changed, so an old message's reports may be news). Pure; returns `view`
 * itself when nothing changed. Used by the alert router and the tests that read the topic.
 */
export function applyTallyMessage(view: TallyView | undefined, tally: PublishedTally): TallyView {
  if (view === undefined)
    view = { seriesId: tally.seriesId, version: -1, summary: tally.summary, reports: {}, removed: {} };
  const setAt = (claimId: string) => Math.max(view.reports[claimId]?.version ?? -1, view.removed[claimId] ?? -1);
  let reports = view.reports;
  let removed = view.removed;
  for (const report of tally.reports) {
    if (setAt(report.claimId) >= tally.version) continue;
    if (reports === view.reports) reports = { ...reports };
    reports[report.claimId] = { version: tally.version, report };
    if (report.claimId in removed) {
      if (removed === view.removed) removed = { ...removed };
      delete removed[report.claimId];
    }
  }
  for (const claimId of tally.removedReports) {
    if (setAt(claimId) >= tally.version) continue;
    if (removed === view.removed) removed = { ...removed };
    removed[claimId] = tally.version;
    if (claimId in reports) {
      if (reports === view.reports) reports = { ...reports };
      delete reports[claimId];
    }
  }
  const newer = tally.version > view.version;
  if (!newer && reports === view.reports && removed === view.removed) return view;
  return newer
    ? { ...view, version: tally.version, summary: tally.summary, reports, removed }
    : { ...view, reports, removed };
}

/** True when a tally message of `version` would replace the headline of a reader that holds `known` (undefined: none yet). */
export function isNewerTally(known: number | undefined, version: number): boolean {
  return known === undefined || version > known;
}
