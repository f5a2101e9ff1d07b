/** Series tallies (claims.md §5) as pure event-sourced code, shared by the tally workflow and the projector. */
export { initialTally, evolve } from './evolve.ts';
export { summarise, snapshotOf } from './summarise.ts';
export { compareVersions } from './versions.ts';
export { originOf, createReportsMemo, type ReportsMemo } from './reports.ts';
export { APPROX_TOLERANCE, STANDING_SLACK_DAYS } from './rules.ts';
export { rulesFor, type SeriesRules } from './series-rules.ts';
export { scopeOf, standsAsOf } from './scope.ts';
export { publishedTallyOf, reportFingerprint, type PublishedReports } from './publish.ts';
export { publishedBoundedTallyOf } from './publish.ts';
export { boundedOf, boundedVersion, compactTally, evolveBounded } from './bounded.ts';
export { boundedSnapshotOf, boundedSummaryOf, headlineViewOf, RECENT_REPORTS } from './bounded-headline.ts';
export { createArchiveIndex, emptyArchive, type ArchiveIndex } from './archive.ts';
