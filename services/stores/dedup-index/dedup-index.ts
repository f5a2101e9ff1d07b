import type { Decision, Fingerprint } from '../../../domain/dedup/types.ts';

/** The series an article's claims were delivered to, at an extractor version. */
export interface ArticleSeries {
  extractorVersion: string;
  seriesIds: string[];
}

/**
 * The shared dedup index. Every worker process on every host must see one index, and
 * `checkAndInsert` must be atomic, so that two copies processed at the same moment still end up
 * in one group. Implementations: `createSqliteDedupIndex` (embedded default, one host) and
 * `createPostgresDedupIndex` (every host shares it); both pass tests/support/dedup-conformance (see README.md).
 */
export interface DedupIndex {
  /**
   * Looks up candidates, decides with `decide` (domain/dedup) and stores the article, in one
   * transaction. Idempotent per article id: a retried activity gets the first answer back.
   * Rejects when the store is unavailable or locked for longer than its busy timeout.
   */
  checkAndInsert(fp: Fingerprint): Promise<Decision>;
  /**
   * `checkAndInsert` for a batch, in order, in one transaction: article i sees articles 0..i-1.
   * One commit per batch instead of per article (the CLI uses it); same idempotency and errors.
   */
  checkAndInsertMany(fps: readonly Fingerprint[]): Promise<Decision[]>;
  /** Removes articles published before `olderThan` (the window); returns how many were removed. */
  evict(olderThan: Date): Promise<number>;
  /**
   * The recorded series of each given original article (missing when none is recorded). Read by backfill
   * batches to find the series an article fed before a re-extraction.
   */
  seriesOf(articleIds: readonly string[]): Promise<Map<string, ArticleSeries>>;
  /**
   * Records the series articles feed, in one transaction: `add` unions with what is recorded (processArticle,
   * which only ever adds claims), `replace` overwrites (a backfill, after emptying the series left behind).
   */
  recordSeries(entries: ReadonlyArray<{ articleId: string } & ArticleSeries>, mode: 'add' | 'replace'): Promise<void>;
  /** Number of indexed articles. */
  size(): Promise<number>;
  /** Releases the connection; the index must not be used afterwards. */
  close(): Promise<void>;
}
