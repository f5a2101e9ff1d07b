// One row per indexed article. No text and no full signature is stored: 8-bit MinHash values, 52-bit URL/content
// keys and 31-bit band keys keep an article under 1 KB on disk (measured by `npm run bench:dedup`). The LSH band
// lookup is built in each process's memory from `band_keys` (band-multimap.ts), not stored as rows.

/** DDL of the SQLite dedup index; idempotent. Run by `createSqliteDedupIndex` on open. */
export const SQLITE_SCHEMA = `
-- 'identity': rows.ts indexIdentity; 'evictions': how many evictions removed rows (each process then rebuilds its band lookup)
CREATE TABLE IF NOT EXISTS dedup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_articles (
  seq          INTEGER PRIMARY KEY,  -- arrival order: the canonical of a group is the smallest seq
  id_key       INTEGER NOT NULL,     -- 52-bit hash of article_id, indexed instead of the text
  article_id   TEXT    NOT NULL,
  canonical_id TEXT,                 -- NULL when this article is canonical
  published_at INTEGER NOT NULL,     -- epoch ms; the eviction window runs on it
  url_key      INTEGER,
  content_key  INTEGER,
  shingles     INTEGER NOT NULL,
  signature    BLOB    NOT NULL,     -- one byte per MinHash value
  sketch       BLOB,                 -- bottom-k shingle hashes, uint32 LE each (domain/dedup/sketch.ts)
  band_keys    BLOB    NOT NULL,     -- int32 LE per band: each process builds its in-memory band lookup from them
  similarity   REAL    NOT NULL,     -- the stored decision, returned again on a retry
  reason       TEXT,
  supersedes   TEXT,                 -- the former original, when this earlier publication arrived after it
  source       TEXT,                 -- outlet and URL as delivered: a later, earlier-published copy credits them
  url          TEXT,
  received_at  INTEGER               -- epoch ms when ingest received it, when known: ties of equal published_at
);
CREATE INDEX IF NOT EXISTS dedup_articles_id ON dedup_articles(id_key);
CREATE INDEX IF NOT EXISTS dedup_articles_url ON dedup_articles(url_key) WHERE url_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS dedup_articles_content ON dedup_articles(content_key) WHERE content_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS dedup_articles_published ON dedup_articles(published_at);
-- The series an original article's claims were last delivered to, at which extractor version. A
-- re-extraction (backfill) sends an empty replacement to the series the article no longer feeds.
-- Not evicted with the window: it records what the tallies hold, not what dedup compares.
CREATE TABLE IF NOT EXISTS article_series (
  article_id        TEXT PRIMARY KEY,
  extractor_version TEXT NOT NULL,
  series            TEXT NOT NULL   -- JSON array of series ids, sorted
) WITHOUT ROWID;
`;
