// Tables of the SQLite read model. Everything here is a projection of the log: deleting the file and
// running `claimwatch rebuild` gives it back. JSON columns hold schema-shaped values (TallyState,
// TallySummary, Claim) so the HTTP API returns them without re-assembly.

/** Bumped when the tables change incompatibly; an older file is refused (rebuild it). */
export const READ_MODEL_SCHEMA_VERSION = '1';

/** DDL of the SQLite read model; idempotent. Run by `openSqliteReadModel` on open. */
export const READ_MODEL_DDL = `
CREATE TABLE IF NOT EXISTS read_model_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS series (
  series_id    TEXT PRIMARY KEY,
  topic        TEXT NOT NULL,
  state_json   TEXT NOT NULL,     -- TallyState: the fold's state, input of the next evolve
  summary_json TEXT NOT NULL,     -- TallySummary: summarise(state), what readers get
  version      INTEGER NOT NULL,
  updated_at   TEXT NOT NULL      -- occurredAt of the newest event that changed the tally
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS series_topic ON series(topic, series_id);
CREATE TABLE IF NOT EXISTS claims (
  id          TEXT PRIMARY KEY,
  topic       TEXT NOT NULL,
  series_id   TEXT NOT NULL,
  article_id  TEXT NOT NULL,
  source      TEXT NOT NULL,
  url         TEXT NOT NULL,
  as_of       TEXT NOT NULL,
  reported_at TEXT NOT NULL,      -- occurredAt of the event that first brought the claim
  value       REAL NOT NULL,
  unit        TEXT NOT NULL,
  qualifier   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  json        TEXT NOT NULL       -- the Claim
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claims_page ON claims(as_of DESC, id DESC);
CREATE INDEX IF NOT EXISTS claims_topic_page ON claims(topic, as_of DESC, id DESC);
CREATE INDEX IF NOT EXISTS claims_article ON claims(series_id, article_id);
CREATE TABLE IF NOT EXISTS applied_events (envelope_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dead_letters (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT NOT NULL UNIQUE,
  occurred_at     TEXT NOT NULL,
  source          TEXT NOT NULL,
  reason          TEXT NOT NULL,
  problems_json   TEXT NOT NULL,
  location        TEXT,
  payload_preview TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dead_letter_counts (
  source  TEXT NOT NULL,
  reason  TEXT NOT NULL,
  count   INTEGER NOT NULL,
  last_at TEXT NOT NULL,
  PRIMARY KEY (source, reason)
) WITHOUT ROWID;
-- The change feed: appended in the transaction that applied the change, pruned to the newest entries.
-- seq starts at a clock-derived base per file (see sqlite-feed.ts), so ids from a replaced file fall below it.
CREATE TABLE IF NOT EXISTS feed (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL,      -- 'claim' | 'tally'
  topic       TEXT NOT NULL,
  series_id   TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  data_json   TEXT NOT NULL       -- ClaimView or TallyListing
);
CREATE TABLE IF NOT EXISTS projector_positions (
  topic       TEXT NOT NULL,
  partition   INTEGER NOT NULL,
  next_offset TEXT NOT NULL,
  PRIMARY KEY (topic, partition)
) WITHOUT ROWID;
`;
