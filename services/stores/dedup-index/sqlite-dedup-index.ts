import Database from 'better-sqlite3';
import { decide, earliestOriginal, type GroupOriginal } from '../../../domain/dedup/decide.ts';
import { sha256Key52 } from '../../../domain/dedup/hash.ts';
import { DEDUP_PARAMS, type DedupParams } from '../../../domain/dedup/params.ts';
import { readDedupReason, type Candidate, type Decision, type Fingerprint } from '../../../domain/dedup/types.ts';
import type { ArticleSeries, DedupIndex } from './dedup-index.ts';
import { SQLITE_SCHEMA } from './sqlite-schema.ts';
import { useWal } from '../../platform/sqlite.ts';

export interface SqliteDedupIndexOptions {
  /** Database file shared by the workers of one host, or ':memory:' (tests, one-shot CLI runs). */
  path: string;
  params?: DedupParams;
  /** How long a writer waits for another process's transaction before failing. */
  busyTimeoutMs?: number;
}

interface ArticleRow {
  seq: number;
  article_id: string;
  canonical_id: string | null;
  url_key: number | null;
  content_key: number | null;
  shingles: number;
  signature: Buffer;
  sketch: Buffer | null;
  published_at: number;
}

interface StoredDecisionRow {
  seq: number;
  article_id: string;
  canonical_id: string | null;
  published_at: number;
  similarity: number;
  reason: string | null;
  supersedes: string | null;
}

/** Most links followed from a group member to its original (a chain grows by one each time an earlier publication arrives). */
const MAX_ORIGINAL_HOPS = 16;

/**
 * Opens (creating if needed) the SQLite dedup index in WAL mode. Several processes may open the
 * same file; `checkAndInsert` runs in a BEGIN IMMEDIATE transaction so they serialise.
 * Throws when the file was built with other MinHash parameters (its signatures would not compare).
 */
export function createSqliteDedupIndex(options: SqliteDedupIndexOptions): DedupIndex {
  const params = options.params ?? DEDUP_PARAMS;
  const db = new Database(options.path);
  useWal(db, options.busyTimeoutMs ?? 10_000);
  // Measured with `npm run bench:dedup`: every commit appends each touched page (one per LSH band)
  // to the WAL, so a bigger page cache and fewer checkpoints halve the cost of a commit. No mmap:
  // with the hot pages in the page cache, mapped reads only added page faults (~15% more CPU per
  // article in A/B runs with 100k indexed).
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 0');
  db.pragma('wal_autocheckpoint = 10000');
  db.exec(SQLITE_SCHEMA);
  checkParams(db, params);

  // Per band key, only its newest MAX_PER_BAND articles: an index range scan bounded whatever the bucket size.
  const bandLookups = Array.from(
    { length: params.bands },
    () => `SELECT seq FROM (SELECT seq FROM dedup_bands WHERE band_key = ? ORDER BY seq DESC LIMIT ${MAX_PER_BAND})`,
  ).join(' UNION ALL ');
  const byId = db.prepare<[number], StoredDecisionRow>(
    'SELECT seq, article_id, canonical_id, published_at, similarity, reason, supersedes FROM dedup_articles WHERE id_key = ?',
  );
  // Candidates: the first article indexed at the canonical URL (the index's canonical URL → first article map:
  // a re-delivery answers to it, never to a later article at that URL), the first with the same content, and
  // the LSH band matches.
  const candidates = db.prepare<unknown[], ArticleRow>(
    `SELECT seq, article_id, canonical_id, url_key, content_key, shingles, signature, sketch, published_at FROM dedup_articles
     WHERE seq IN (SELECT seq FROM (SELECT seq FROM dedup_articles WHERE url_key = ? ORDER BY seq LIMIT 1)
                   UNION SELECT seq FROM (SELECT seq FROM dedup_articles WHERE content_key = ? ORDER BY seq LIMIT 1)
                   UNION SELECT seq FROM (SELECT seq FROM (${bandLookups}) GROUP BY seq ORDER BY count(*) DESC, seq LIMIT ${MAX_BAND_CANDIDATES}))`,
  );
  const insertArticle = db.prepare(
    `INSERT INTO dedup_articles (id_key, article_id, canonical_id, published_at, url_key, content_key, shingles, signature, sketch, band_keys, similarity, reason, supersedes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const repoint = db.prepare('UPDATE dedup_articles SET canonical_id = ? WHERE seq = ?');
  const rowOf = (articleId: string): StoredDecisionRow | undefined => byId.all(sha256Key52(articleId)).find((r) => r.article_id === articleId);
  /** The group's original now: follows the canonical links (an original superseded later points at its successor). */
  const originalOf = (articleId: string): GroupOriginal | undefined => {
    let row = rowOf(articleId);
    for (let hops = 0; row !== undefined && row.canonical_id !== null && hops < MAX_ORIGINAL_HOPS; hops++) row = rowOf(row.canonical_id);
    return row === undefined ? undefined : { articleId: row.article_id, publishedAt: row.published_at, seq: row.seq };
  };
  const insertBand = db.prepare('INSERT OR IGNORE INTO dedup_bands (band_key, seq) VALUES (?, ?)');
  // All of an article's band rows in one statement: one call into SQLite instead of `bands`.
  const insertBands = db.prepare(
    `INSERT OR IGNORE INTO dedup_bands (band_key, seq) VALUES ${Array.from({ length: params.bands }, () => '(?, ?)').join(',')}`,
  );
  const bandArgs: Array<number | bigint> = new Array<number | bigint>(params.bands * 2).fill(0);
  const expired = db.prepare<[number], { seq: number; band_keys: Buffer }>(
    'SELECT seq, band_keys FROM dedup_articles WHERE published_at < ?',
  );
  const deleteBand = db.prepare('DELETE FROM dedup_bands WHERE band_key = ? AND seq = ?');
  const deleteArticle = db.prepare('DELETE FROM dedup_articles WHERE seq = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dedup_articles');
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
  const recordSeries = db.transaction((entries: ReadonlyArray<{ articleId: string } & ArticleSeries>, mode: 'add' | 'replace') => {
    for (const e of entries) {
      const before = mode === 'add' ? readSeries(e.articleId) : undefined;
      const ids = [...new Set([...(before?.seriesIds ?? []), ...e.seriesIds])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      upsertSeries.run(e.articleId, before?.extractorVersion ?? e.extractorVersion, JSON.stringify(ids));
    }
  });

  const checkAndInsertOne = (fp: Fingerprint): Decision => {
    const idKey = sha256Key52(fp.articleId);
    const previous = byId.all(idKey).find((r) => r.article_id === fp.articleId);
    if (previous !== undefined) {
      // The first answer, as given then: an original (reason null) may have been superseded since, which re-pointed
      // its stored link at the earlier publication; a copy's link never changes.
      const first: Decision = { duplicateOf: previous.reason === null ? null : previous.canonical_id, similarity: previous.similarity, reason: readDedupReason(previous.reason) };
      return previous.supersedes === null ? first : { ...first, supersedes: previous.supersedes };
    }
    const keys = padKeys(fp.bandKeys, params.bands);
    const rows = candidates.all(fp.urlKey, fp.contentKey, ...keys);
    const matched = decide(fp, rows.map(toCandidate), params);
    const original = matched.duplicateOf === null ? undefined : originalOf(matched.duplicateOf);
    const linked = original === undefined ? matched : { ...matched, duplicateOf: original.articleId };
    const decision = earliestOriginal(fp, linked, original);
    const bandBlob = Buffer.alloc(fp.bandKeys.length * 4);
    fp.bandKeys.forEach((k, i) => bandBlob.writeInt32LE(k, i * 4));
    const { lastInsertRowid } = insertArticle.run(
      idKey, fp.articleId, decision.duplicateOf, fp.publishedAt, fp.urlKey, fp.contentKey,
      fp.shingleCount, Buffer.from(fp.signature.buffer, fp.signature.byteOffset, fp.signature.byteLength),
      fp.sketch === undefined ? null : sketchBlob(fp.sketch),
      bandBlob, decision.similarity, decision.reason, decision.supersedes ?? null,
    );
    if (decision.supersedes !== undefined && original !== undefined) repoint.run(fp.articleId, original.seq);
    if (fp.bandKeys.length === params.bands) {
      fp.bandKeys.forEach((k, i) => {
        bandArgs[2 * i] = k;
        bandArgs[2 * i + 1] = lastInsertRowid;
      });
      insertBands.run(bandArgs);
    } else {
      for (const k of fp.bandKeys) insertBand.run(k, lastInsertRowid);
    }
    return decision;
  };
  const checkAndInsert = db.transaction(checkAndInsertOne);
  const checkAndInsertMany = db.transaction((fps: readonly Fingerprint[]) => fps.map(checkAndInsertOne));

  const evict = db.transaction((olderThanMs: number): number => {
    const rows = expired.all(olderThanMs);
    for (const row of rows) {
      for (let i = 0; i + 4 <= row.band_keys.length; i += 4) deleteBand.run(row.band_keys.readInt32LE(i), row.seq);
      deleteArticle.run(row.seq);
    }
    return rows.length;
  });

  return {
    checkAndInsert: async (fp) => checkAndInsert.immediate(fp),
    checkAndInsertMany: async (fps) => checkAndInsertMany.immediate(fps),
    evict: async (olderThan) => evict.immediate(olderThan.getTime()),
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
    close: async () => {
      db.close();
    },
  };
}

/**
 * At most this many LSH candidates are confirmed per article: those sharing the most bands. Real reporting
 * rarely brings more than a few dozen; formulaic text (wire templates, generated benchmark articles) can
 * make most of the index a candidate and each insert O(index size) — measured 4.8 ms per article at 20k
 * generated articles. A true copy shares ~12 of 16 bands and sorts first. URL and content matches are
 * never cut.
 */
const MAX_BAND_CANDIDATES = 32;

/**
 * A band key shared by more articles than this is boilerplate (a wire template, a standard sign-off): only its
 * newest articles are looked at. A copy shares ~12 of its 16 band keys with its original, most of them rare, so
 * it is still found through those; what a cap could lose is a copy whose every shared band is that crowded.
 */
const MAX_PER_BAND = 32;

/** A fixed number of placeholders keeps one prepared statement; -1 never matches a 31-bit key. */
function padKeys(keys: readonly number[], n: number): number[] {
  const out = keys.slice(0, n);
  while (out.length < n) out.push(-1);
  return out;
}

function toCandidate(r: ArticleRow): Candidate {
  return {
    articleId: r.article_id,
    canonicalId: r.canonical_id,
    seq: r.seq,
    urlKey: r.url_key,
    contentKey: r.content_key,
    shingleCount: r.shingles,
    signature: r.signature,
    publishedAt: r.published_at,
    ...(r.sketch === null ? {} : { sketch: sketchOf(r.sketch) }),
  };
}

/** The sketch as stored: uint32 little-endian per hash. */
function sketchBlob(sketch: Uint32Array): Buffer {
  const out = Buffer.alloc(sketch.length * 4);
  for (let i = 0; i < sketch.length; i++) out.writeUInt32LE(sketch[i] as number, i * 4);
  return out;
}

function sketchOf(blob: Buffer): Uint32Array {
  const out = new Uint32Array(blob.length >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = blob.readUInt32LE(i * 4);
  return out;
}

function checkParams(db: Database.Database, params: DedupParams): void {
  const wanted = JSON.stringify({ k: params.shingleSize, h: params.hashes, b: params.bands, r: params.rows, s: params.seed, K: params.sketchSize });
  db.prepare('INSERT OR IGNORE INTO dedup_meta (key, value) VALUES (?, ?)').run('minhash', wanted);
  const stored = db.prepare<[string], { value: string }>('SELECT value FROM dedup_meta WHERE key = ?').get('minhash');
  if (stored?.value !== wanted) {
    db.close();
    throw new Error(`dedup index was built with MinHash parameters ${stored?.value ?? '?'}, these are ${wanted}; use a new index file`);
  }
}
