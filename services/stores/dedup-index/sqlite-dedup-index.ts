import Database from 'better-sqlite3';
import { decide } from '../../../domain/dedup/decide.ts';
import { sha256Key52 } from '../../../domain/dedup/hash.ts';
import { DEDUP_PARAMS, type DedupParams } from '../../../domain/dedup/params.ts';
import type { Decision, Fingerprint } from '../../../domain/dedup/types.ts';
import { BandMultimap } from './band-multimap.ts';
import type { ArticleSeries, DedupIndex } from './dedup-index.ts';
import {
  articleValues,
  bandBlob,
  CANDIDATE_COLUMNS,
  identityMismatch,
  indexIdentity,
  linkDecision,
  MAX_BAND_CANDIDATES,
  MAX_ORIGINAL_HOPS,
  MAX_PER_BAND,
  SQLITE_IDENTITY_FIX,
  STORED_COLUMNS,
  storedDecision,
  storedOriginal,
  toCandidate,
  type ArticleRow,
  type StoredOriginal,
  type StoredRow,
} from './rows.ts';
import { SQLITE_SCHEMA } from './sqlite-schema.ts';
import { useWal } from '../../platform/sqlite.ts';

export interface SqliteDedupIndexOptions {
  /** Database file shared by the workers of one host, or ':memory:' (tests, one-shot CLI runs). */
  path: string;
  params?: DedupParams;
  /** How long a writer waits for another process's transaction before failing. */
  busyTimeoutMs?: number;
}

/** The SQLite index, with what it holds in this process's memory. */
export interface SqliteDedupIndex extends DedupIndex {
  /** Bytes of the in-memory LSH band lookup (typed arrays allocated), for the bench. */
  bandMemoryBytes(): number;
}

/**
 * Opens (creating if needed) the SQLite dedup index in WAL mode. Several processes may open the
 * same file; `checkAndInsert` runs in a BEGIN IMMEDIATE transaction so they serialise.
 * Throws when the file was built with other fingerprint parameters or an older layout (`indexIdentity`), naming the fix.
 *
 * The LSH band lookup is not in the file but in this process's memory (`BandMultimap`, built from the stored
 * `band_keys` on the first write): every write transaction first catches up with the rows other processes committed
 * since (`seq` above the last one it holds; under BEGIN IMMEDIATE it sees all of them), and takes its own entries out
 * again when it rolls back. An eviction (by any process) bumps `evictions` in `dedup_meta`, and every process then
 * rebuilds the lookup from the rows left.
 */
export function createSqliteDedupIndex(options: SqliteDedupIndexOptions): SqliteDedupIndex {
  const params = options.params ?? DEDUP_PARAMS;
  const db = new Database(options.path);
  useWal(db, options.busyTimeoutMs ?? 10_000);
  // Page cache 8 MB: every commit ends with a scan of the page cache's hash table (pcache1TruncateUnsafe, 8–15% of the
  // CPU of a one-article transaction in perf with 64 MB), so a bigger cache makes each commit dearer. Store-only CPU
  // per article at 100k indexed, one per transaction / batches of 100: 64 MB 0.19–0.22 / 0.06–0.12 ms, 8 MB 0.16 /
  // 0.06–0.08 ms, 2 MB 0.16 / 0.08–0.11 ms (64 MB paid off while 16 random band pages were dirtied per article).
  // Fewer checkpoints halve the cost of a commit. No mmap: with the hot pages in the page cache, mapped reads only
  // added page faults (~15% more CPU per article in A/B runs with 100k indexed).
  db.pragma('cache_size = -8192');
  db.pragma('mmap_size = 0');
  db.pragma('wal_autocheckpoint = 10000');
  checkIdentity(db, options.path, params);
  db.exec(SQLITE_SCHEMA);

  // The LSH band lookup, in memory; per band key only its newest MAX_PER_BAND articles are read.
  const bands = new BandMultimap(4096);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dedup_articles');
  /** The `evictions` count the lookup was built at; undefined: build it afresh on the next write. */
  let builtAt: string | undefined;
  const evictions = db.prepare<[], { value: string }>("SELECT value FROM dedup_meta WHERE key = 'evictions'");
  const bumpEvictions = db.prepare(
    "INSERT INTO dedup_meta (key, value) VALUES ('evictions', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
  );
  // Raw rows in chunks: one call into SQLite per chunk instead of one per row (a rebuild reads every row).
  const bandRowsAfter = db
    .prepare<[number, number], [number, Buffer]>(
      'SELECT seq, band_keys FROM dedup_articles WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    .raw(true);
  /** Brings the band lookup up to every committed row; runs first in each write transaction (under the write lock). */
  const catchUp = (): void => {
    const at = evictions.get()?.value ?? '0';
    if (at !== builtAt) {
      bands.clear();
      bands.reserve((count.get()?.n ?? 0) * params.bands);
      builtAt = at;
    }
    for (let rows = CATCH_UP_CHUNK; rows === CATCH_UP_CHUNK;) {
      const chunk = bandRowsAfter.all(bands.lastSeq, CATCH_UP_CHUNK);
      for (const [seq, keys] of chunk) {
        for (let i = 0; i + 4 <= keys.length; i += 4) bands.add(keys.readInt32LE(i), seq);
        bands.seen(seq);
      }
      rows = chunk.length;
    }
  };
  /**
   * `fn` as a BEGIN IMMEDIATE transaction that first catches the band lookup up and takes the entries it added out
   * again when it rolls back (an error in `fn` or at COMMIT).
   */
  const writing = <A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) => {
    const tx = db.transaction((...args: A): R => {
      catchUp();
      bands.mark();
      return fn(...args);
    });
    return (...args: A): R => {
      try {
        const result = tx.immediate(...args);
        bands.commit();
        return result;
      } catch (err) {
        bands.rollback();
        throw err;
      }
    };
  };
  const byId = db.prepare<[number], StoredRow>(`SELECT ${STORED_COLUMNS} FROM dedup_articles WHERE id_key = ?`);
  // Candidates: the first article indexed at the canonical URL (the index's canonical URL → first article map:
  // a re-delivery answers to it, never to a later article at that URL), the first with the same content, and
  // the LSH band matches (the MAX_BAND_CANDIDATES seqs sharing most band keys, from the in-memory lookup). One
  // statement per number of band matches, prepared on first use: no padding to bind and look up (measured: the
  // candidate step 54 → 16 µs for a new story, which matches no band).
  const byBandCount: Array<Database.Statement<unknown[], ArticleRow> | undefined> = [];
  const candidatesWith = (n: number): Database.Statement<unknown[], ArticleRow> =>
    (byBandCount[n] ??= db.prepare<unknown[], ArticleRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM dedup_articles
       WHERE seq IN (SELECT seq FROM (SELECT seq FROM dedup_articles WHERE url_key = ? ORDER BY seq LIMIT 1)
                     UNION SELECT seq FROM (SELECT seq FROM dedup_articles WHERE content_key = ? ORDER BY seq LIMIT 1)${
                       n === 0 ? '' : ` UNION VALUES ${Array.from({ length: n }, () => '(?)').join(',')}`
                     })`,
    ));
  const insertArticle = db.prepare(
    `INSERT INTO dedup_articles (id_key, article_id, canonical_id, published_at, url_key, content_key, shingles, signature, sketch, similarity, reason, supersedes, source, url, received_at, band_keys)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const repoint = db.prepare('UPDATE dedup_articles SET canonical_id = ? WHERE seq = ?');
  const rowOf = (articleId: string): StoredRow | undefined =>
    byId.all(sha256Key52(articleId)).find((r) => r.article_id === articleId);
  /** The group's original now: follows the canonical links (an original superseded later points at its successor). */
  const originalOf = (articleId: string): StoredOriginal | undefined => {
    let row = rowOf(articleId);
    for (let hops = 0; row !== undefined && row.canonical_id !== null && hops < MAX_ORIGINAL_HOPS; hops++)
      row = rowOf(row.canonical_id);
    return row === undefined ? undefined : storedOriginal(row);
  };
  const deleteExpired = db.prepare('DELETE FROM dedup_articles WHERE published_at < ?');
  const seriesRow = db.prepare<[string], { extractor_version: string; series: string }>(
    'SELECT extractor_version, series FROM article_series WHERE article_id = ?',
  );
  const upsertSeries = db.prepare(
    'INSERT INTO article_series (article_id, extractor_version, series) VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET extractor_version = excluded.extractor_version, series = excluded.series',
  );
  const readSeries = (articleId: string): ArticleSeries | undefined => {
    const row = seriesRow.get(articleId);
    return row ? { extractorVersion: row.extractor_version, seriesIds: JSON.parse(row.series) as string[] } : undefined;
  };
  const recordSeries = db.transaction(
    (entries: ReadonlyArray<{ articleId: string } & ArticleSeries>, mode: 'add' | 'replace') => {
      for (const e of entries) {
        const before = mode === 'add' ? readSeries(e.articleId) : undefined;
        const ids = [...new Set([...(before?.seriesIds ?? []), ...e.seriesIds])].sort((a, b) =>
          a < b ? -1 : a > b ? 1 : 0,
        );
        upsertSeries.run(e.articleId, before?.extractorVersion ?? e.extractorVersion, JSON.stringify(ids));
      }
    },
  );

  const checkAndInsertOne = (fp: Fingerprint): Decision => {
    const idKey = sha256Key52(fp.articleId);
    const previous = byId.all(idKey).find((r) => r.article_id === fp.articleId);
    if (previous !== undefined)
      return storedDecision(previous, previous.supersedes === null ? undefined : rowOf(previous.supersedes));
    const shared = bands.topShared(fp.bandKeys, MAX_PER_BAND, MAX_BAND_CANDIDATES);
    const args: Array<number | null> = [fp.urlKey, fp.contentKey, ...shared];
    const rows = candidatesWith(shared.length).all(args);
    const matched = decide(fp, rows.map(toCandidate), params);
    const original = matched.duplicateOf === null ? undefined : originalOf(matched.duplicateOf);
    const decision = linkDecision(fp, matched, original);
    const { lastInsertRowid } = insertArticle.run(idKey, ...articleValues(fp, decision), bandBlob(fp.bandKeys));
    if (decision.supersedes !== undefined && original !== undefined) repoint.run(fp.articleId, original.seq);
    const seq = Number(lastInsertRowid);
    for (const k of fp.bandKeys) bands.add(k, seq);
    bands.seen(seq);
    return decision;
  };
  const checkAndInsert = writing(checkAndInsertOne);
  const checkAndInsertMany = writing((fps: readonly Fingerprint[]) => fps.map(checkAndInsertOne));

  // Evicted rows leave stale entries in every process's band lookup: the bumped count makes each rebuild its lookup
  // on its next write (this one included; eviction is rare: the pipeline never evicts).
  const evict = writing((olderThanMs: number): number => {
    const { changes } = deleteExpired.run(olderThanMs);
    if (changes > 0) {
      bumpEvictions.run();
      builtAt = undefined;
    }
    return changes;
  });

  return {
    checkAndInsert: async (fp) => checkAndInsert(fp),
    checkAndInsertMany: async (fps) => checkAndInsertMany(fps),
    evict: async (olderThan) => evict(olderThan.getTime()),
    seriesOf: async (ids) => {
      const out = new Map<string, ArticleSeries>();
      for (const id of ids) {
        const s = readSeries(id);
        if (s) out.set(id, s);
      }
      return out;
    },
    recordSeries: async (entries, mode) => recordSeries.immediate(entries, mode),
    size: async () => count.get()?.n ?? 0,
    bandMemoryBytes: () => bands.bytes,
    close: async () => {
      db.close();
    },
  };
}

/** Rows read per call when catching the band lookup up. */
const CATCH_UP_CHUNK = 4096;

/**
 * Refuses (closing the file) an index built with other parameters or layout, or one holding articles without a recorded
 * identity (built before it was recorded); records the identity in a new file. Runs before the schema is applied, so a
 * refused file is left as it was.
 */
function checkIdentity(db: Database.Database, where: string, params: DedupParams): void {
  const wanted = indexIdentity(params, 'sqlite');
  const table = (name: string): boolean =>
    db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get('table', name) !== undefined;
  const meta = (key: string): string | undefined =>
    table('dedup_meta')
      ? db.prepare<[string], { value: string }>('SELECT value FROM dedup_meta WHERE key = ?').get(key)?.value
      : undefined;
  // Under the write lock: several processes may open a new file at once, and only one may lay it out.
  const refused = db
    .transaction((): Error | undefined => {
      const stored = meta('identity');
      const used = table('dedup_articles') && db.prepare('SELECT 1 FROM dedup_articles LIMIT 1').get() !== undefined;
      if (stored === undefined && !used) {
        // A new file, or one that never held an article: nothing to reuse, lay it out for this build.
        db.exec(
          'DROP TABLE IF EXISTS dedup_bands; DROP TABLE IF EXISTS dedup_articles; DROP TABLE IF EXISTS dedup_meta;',
        );
        db.exec(SQLITE_SCHEMA);
        db.prepare('INSERT INTO dedup_meta (key, value) VALUES (?, ?)').run('identity', wanted);
        return undefined;
      }
      const legacy = meta('minhash');
      return identityMismatch(
        where,
        stored ?? (legacy === undefined ? undefined : `MinHash ${legacy}, recorded before the fingerprint version`),
        wanted,
        SQLITE_IDENTITY_FIX,
      );
    })
    .immediate();
  if (refused !== undefined) {
    db.close();
    throw refused;
  }
}
