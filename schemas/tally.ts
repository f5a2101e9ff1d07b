import { z } from 'zod';
import { ClaimSchema, IsoDateSchema, PeriodSchema, QualifierSchema } from './claim.ts';

/** What a series counts (claims.md §1): one topic between one actor and counterpart, of one item, in one place. */
export const SeriesKeySchema = z.object({
  topic: z.string().min(1),
  actor: z.string().nullable(),
  counterpart: z.string().nullable(),
  item: z.string().nullable(),
  place: z.string().nullable(),
});
export type SeriesKey = z.infer<typeof SeriesKeySchema>;

// Series ids (seriesId, seriesKeyFromId) live in domain/tally/series.ts: plain functions, zod-free for workflow code.

/** An article as a tally sees it: the outlet that published it and where. */
export const ArticleRefSchema = z.object({
  articleId: z.string().min(1),
  source: z.string(),
  url: z.string(),
  /**
   * When the outlet published it (the article's `published_at`), when the producer knows it: the earliest-published
   * article of a group of syndicated copies is credited as the original, whichever was processed first.
   */
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  /** When ingest received it, when the producer knows it: breaks a tie of equal `publishedAt` (the earlier wins). */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type ArticleRef = z.infer<typeof ArticleRefSchema>;

// ---- events (emmett shape: { type, data }; `data` maps onto the Kafka envelope's `data`) ----

/** One claim of an article. `copyOf` is the canonical article id when the article is a known syndicated copy. */
export const ClaimReportedSchema = z.object({
  type: z.literal('ClaimReported'),
  data: z.object({
    claim: ClaimSchema,
    source: z.string(),
    url: z.string(),
    copyOf: z.string().min(1).nullable(),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
    receivedAt: z.iso.datetime({ offset: true }).optional(),
  }),
});

/** A syndicated copy of an article: its reports count once, under the canonical article. */
export const ArticleCopyRecordedSchema = z.object({
  type: z.literal('ArticleCopyRecorded'),
  data: ArticleRefSchema.extend({ canonicalArticleId: z.string().min(1) }),
});

/** Re-extraction: the article's claims in this series by `extractorVersion` (possibly none) supersede older versions' claims. */
export const ArticleClaimsReplacedSchema = z.object({
  type: z.literal('ArticleClaimsReplaced'),
  data: ArticleRefSchema.extend({ extractorVersion: z.string().min(1), claims: z.array(ClaimSchema) }),
});

/** Every event a series tally folds, live (entity workflow) and in rebuilds (projector). */
export const TallyEventSchema = z.discriminatedUnion('type', [
  ClaimReportedSchema,
  ArticleCopyRecordedSchema,
  ArticleClaimsReplacedSchema,
]);
export type TallyEvent = z.infer<typeof TallyEventSchema>;
export type ClaimReported = z.infer<typeof ClaimReportedSchema>;
export type ArticleCopyRecorded = z.infer<typeof ArticleCopyRecordedSchema>;
export type ArticleClaimsReplaced = z.infer<typeof ArticleClaimsReplacedSchema>;

// ---- state (JSON only: the continue-as-new payload; every array sorted so equal content is equal JSON) ----

/** The standing claims of one article in this series, all from `extractorVersion` (the newest seen for it). */
export const ArticleEntrySchema = ArticleRefSchema.extend({
  extractorVersion: z.string(),
  claims: z.array(ClaimSchema),
});
export type ArticleEntry = z.infer<typeof ArticleEntrySchema>;

export const CopyEntrySchema = ArticleRefSchema.extend({ canonicalArticleId: z.string().min(1) });
export type CopyEntry = z.infer<typeof CopyEntrySchema>;

/** The fold's state. `version` = `seen.length`: the number of distinct facts absorbed, so duplicates never move it. */
export const TallyStateSchema = z.object({
  seriesId: z.string().min(1),
  key: SeriesKeySchema,
  version: z.number().int().nonnegative(),
  seen: z.array(z.string()),
  articles: z.array(ArticleEntrySchema),
  copies: z.array(CopyEntrySchema),
});
export type TallyState = z.infer<typeof TallyStateSchema>;

// ---- summary (claims.md §5) ----

/**
 * What a figure is in its series (derived by domain/tally from `kind`, `period` and the taxonomy; the claim contract
 * keeps `kind`): a `standing` cumulative total as of a date, a `period` count over a stated recent span, or an
 * `increment`. Headline figures come from standing figures only; period counts and increments are kept apart.
 */
export const FigureScopeSchema = z.enum(['standing', 'period', 'increment']);
export type FigureScope = z.infer<typeof FigureScopeSchema>;

/** One report as shown to users: the claim with its outlet, its syndicated copies and its independent origin. */
export const TallyReportSchema = ClaimSchema.pick({
  kind: true,
  quantity: true,
  period: true,
  asOf: true,
  attribution: true,
  hedge: true,
  evidence: true,
  extractor: true,
}).extend({
  claimId: z.string(),
  articleId: z.string(),
  url: z.string(),
  source: z.string(),
  copies: z.array(ArticleRefSchema),
  origin: z.string(),
  /** Optional only so messages published before scopes existed still parse; every new report has one. */
  scope: FigureScopeSchema.optional(),
});
export type TallyReport = z.infer<typeof TallyReportSchema>;

/** A figure picked out of the reports (latest, conservative, highest, an increment, a period count). */
export const TallyFigureSchema = z.object({
  claimId: z.string(),
  source: z.string(),
  origin: z.string(),
  asOf: IsoDateSchema,
  period: PeriodSchema.nullable(),
  value: z.number(),
  unit: z.string(),
  qualifier: QualifierSchema,
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type TallyFigure = z.infer<typeof TallyFigureSchema>;

/**
 * The sum of a series' period counts, given only when it means something: at least two periods, no two overlapping,
 * and every period told with one figure (copies and repeats of a period count once, never summed).
 */
export const PeriodSumSchema = z.object({
  value: z.number(),
  unit: z.string(),
  qualifier: z.enum(['exact', 'at-least']),
  start: IsoDateSchema,
  end: IsoDateSchema,
  periods: z.number().int().positive(),
});
export type PeriodSum = z.infer<typeof PeriodSumSchema>;

export const TallySummarySchema = z.object({
  seriesId: z.string(),
  key: SeriesKeySchema,
  version: z.number().int().nonnegative(),
  unit: z.string().nullable(),
  otherUnits: z.array(z.string()),
  reports: z.array(TallyReportSchema),
  latest: TallyFigureSchema.nullable(),
  window: z.object({ start: IsoDateSchema, end: IsoDateSchema }).nullable(),
  conservative: TallyFigureSchema.nullable(),
  highest: TallyFigureSchema.nullable(),
  independentSources: z.number().int().nonnegative(),
  /** The independent claimants counted in `independentSources` (report origins: copies and re-quotes folded). */
  origins: z.array(z.string()).default([]),
  sourcesAgreeingWithLatest: z.number().int().nonnegative(),
  /** How close (days) standing figures must be to be compared: the topic's window from the taxonomy. */
  windowDays: z.number().int().positive().default(30),
  disputed: z.boolean(),
  disputes: z.array(z.tuple([z.string(), z.string()])),
  increments: z.array(TallyFigureSchema),
  reportedIncrementSum: z.number().nullable(),
  /** Period counts in the series' unit, by period end then asOf: their own view, never in the headline. */
  periodCounts: z.array(TallyFigureSchema).default([]),
  /** The most recent period count (latest period end, then asOf). */
  latestPeriodCount: TallyFigureSchema.nullable().default(null),
  periodSum: PeriodSumSchema.nullable().default(null),
  extractorVersions: z.array(z.string()),
});
export type TallySummary = z.infer<typeof TallySummarySchema>;

/** The whole tally of a series at one version: every report with its evidence (workflow query, read model, API). */
export const TallySnapshotSchema = z.object({
  seriesId: z.string(),
  version: z.number().int().nonnegative(),
  summary: TallySummarySchema,
});
export type TallySnapshot = z.infer<typeof TallySnapshotSchema>;

/**
 * The figures of a summary without its two unbounded lists (every report, every increment): what a tally message
 * carries in full at every version, so its size does not grow with the series.
 */
export const TallyHeadlineSchema = TallySummarySchema.omit({
  reports: true,
  increments: true,
  periodCounts: true,
}).extend({
  reportCount: z.number().int().nonnegative(),
  incrementCount: z.number().int().nonnegative(),
  periodReportCount: z.number().int().nonnegative().default(0),
});
export type TallyHeadline = z.infer<typeof TallyHeadlineSchema>;

/**
 * What the tallies topic (compacted, key: series id) carries for each new version: the headline in full, and the
 * reports added or changed since the previously published version (a new report, a further copy, a re-extraction),
 * with the claim ids of reports that no longer stand. The latest message per series is the current headline;
 * every report is on the claims topics (fold them with `evolve`), the API and the series workflow's query.
 */
export const PublishedTallySchema = z.object({
  seriesId: z.string(),
  version: z.number().int().nonnegative(),
  summary: TallyHeadlineSchema,
  reports: z.array(TallyReportSchema),
  removedReports: z.array(z.string()),
});
export type PublishedTally = z.infer<typeof PublishedTallySchema>;

// ---- bounded series state (issue 20): what a series workflow carries over continue-as-new ----

/** A period count folded into the aggregates: its span, the figure the period sum would take, and whether it had rivals. */
export const ArchivedSpanSchema = z.object({
  start: IsoDateSchema.nullable(),
  end: IsoDateSchema.nullable(),
  /** The span's first report in the period view's order (earliest asOf, then the larger claim id). */
  claimId: z.string(),
  asOf: IsoDateSchema,
  value: z.number(),
  qualifier: QualifierSchema,
  /** Reports of this span disagreed (value or qualifier): the period sum is not given. */
  mixed: z.boolean(),
});
export type ArchivedSpan = z.infer<typeof ArchivedSpanSchema>;

/** What the aggregates keep of one unit's folded-out reports. */
export const ArchivedUnitSchema = z.object({
  unit: z.string(),
  standing: z.number().int().nonnegative(),
  period: z.number().int().nonnegative(),
  increment: z.number().int().nonnegative(),
  /** Period counts by span (sorted by start/end): enough for the period sum. */
  spans: z.array(ArchivedSpanSchema),
  /** Packed hashes (domain/tally/hash-set.ts) of the increments' identities: an increment told again is added once. */
  incrementKeys: z.string(),
  incrementSum: z.number(),
});
export type ArchivedUnit = z.infer<typeof ArchivedUnitSchema>;

/**
 * The running aggregates of the reports a series workflow no longer keeps (domain/tally/bounded.ts): counts, the sets
 * the headline unions, period spans, increment identities, and every folded-out article by a 48-bit hash (per extractor
 * version; '' for copies with no claims of their own) so that redeliveries stay no-ops.
 */
export const TallyArchiveSchema = z.object({
  /** Facts (as `TallyState.seen` counts them) folded out of the kept state: version = kept seen + facts. */
  facts: z.number().int().nonnegative(),
  articles: z.array(z.tuple([z.string(), z.string()])),
  units: z.array(ArchivedUnitSchema),
  origins: z.array(z.string()),
  extractorVersions: z.array(z.string()),
});
export type TallyArchive = z.infer<typeof TallyArchiveSchema>;

/** A series' bounded state: the fold's state for reports that can still change the headline, and the rest aggregated. */
export const BoundedTallySchema = z.object({ kept: TallyStateSchema, archive: TallyArchiveSchema });
export type BoundedTally = z.infer<typeof BoundedTallySchema>;

/** What the series workflow's query answers: the headline in full and the most recent reports (evidence: read model). */
export const TallyHeadlineViewSchema = z.object({
  seriesId: z.string(),
  version: z.number().int().nonnegative(),
  summary: TallyHeadlineSchema,
  recentReports: z.array(TallyReportSchema),
});
export type TallyHeadlineView = z.infer<typeof TallyHeadlineViewSchema>;
