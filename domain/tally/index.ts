/** Series tallies (claims.md §5) as pure event-sourced code, shared by the tally workflow and the projector. */
export { initialTally, evolve } from './evolve.ts';
export { summarise, snapshotOf } from './summarise.ts';
export { reportClaims, recordCopy, replaceArticleClaims, TallyCommandError } from './decide.ts';
export { compareVersions } from './versions.ts';
export { originOf, createReportsMemo, type ReportsMemo } from './reports.ts';
export { WINDOW_DAYS, APPROX_TOLERANCE, DISPUTE_SPAN_DAYS } from './rules.ts';
export { publishedTallyOf, reportFingerprint, type PublishedReports } from './publish.ts';
