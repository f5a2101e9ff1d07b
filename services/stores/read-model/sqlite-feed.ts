import type { Database } from 'better-sqlite3';
import type { FeedEntry, FeedEntryKind } from '../../../schemas/feed.ts';
import type { FeedQuery } from './read-model.ts';

// The change feed of the SQLite read model. The applier appends entries inside its own transaction; the SSE
// route reads them by seq. The feed is bounded (newest N entries and at most B bytes of data): a reader that
// resumes from below the floor has lost entries, and the SSE route answers it with `event: reset`.

/** How much of the feed is kept. */
export interface FeedRetention {
  /** Newest entries kept (default 100,000). */
  entries: number;
  /** Upper bound of the stored data, in characters of JSON (default 256 Mi): tally entries carry whole summaries. */
  bytes: number;
}

export const DEFAULT_FEED_RETENTION: FeedRetention = { entries: 100_000, bytes: 256 * 1024 * 1024 };

/** An entry to append: its seq is assigned by SQLite; `dataJson` is the ClaimView or TallyListing as JSON. */
export interface NewFeedEntry {
  kind: FeedEntryKind;
  topic: string;
  seriesId: string;
  occurredAt: string;
  dataJson: string;
}

interface FeedRow {
  seq: number;
  kind: FeedEntryKind;
  topic: string;
  series_id: string;
  occurred_at: string;
  data_json: string;
}

const FLOOR_KEY = 'feed_floor';
const BYTES_KEY = 'feed_bytes';

/**
 * Gives a store that has no feed yet its floor: seq starts after a base taken from the clock in microseconds
 * (≈ 1.8e15, below 2^53 for two centuries). A read model rebuilt later from the log starts above every seq the
 * old file handed out, so a client resuming with an old id lands below the floor and gets `reset` instead of
 * entries that mean something else. Runs in an IMMEDIATE transaction: two processes opening a new file agree.
 */
export function initialiseFeed(db: Database, now: () => number = Date.now): void {
  db.transaction(() => {
    const has = db
      .prepare<[string], { value: string }>('SELECT value FROM read_model_meta WHERE key = ?')
      .get(FLOOR_KEY);
    if (has !== undefined) return;
    const last = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM feed').get()?.seq ?? null;
    const base = last ?? now() * 1000;
    if (last === null) {
      db.prepare("DELETE FROM sqlite_sequence WHERE name = 'feed'").run();
      db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('feed', ?)").run(base);
    }
    db.prepare('INSERT INTO read_model_meta (key, value) VALUES (?, ?), (?, ?)').run(
      FLOOR_KEY,
      String(base),
      BYTES_KEY,
      '0',
    );
  }).immediate();
}

/** The feed's statements on one connection. Built by the SQLite read model; `append` must run inside its transaction. */
export function createSqliteFeed(db: Database, retention: FeedRetention) {
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO feed (kind, topic, series_id, occurred_at, data_json) VALUES (?, ?, ?, ?, ?)',
  );
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM read_model_meta WHERE key = ?');
  const setMeta = db.prepare<[string, string]>(
    'INSERT INTO read_model_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const oldest = db.prepare<[number], { seq: number; bytes: number }>(
    'SELECT seq, length(data_json) AS bytes FROM feed WHERE seq > ? ORDER BY seq',
  );
  const bytesBetween = db.prepare<[number, number], { bytes: number | null }>(
    'SELECT sum(length(data_json)) AS bytes FROM feed WHERE seq > ? AND seq <= ?',
  );
  const bytesUpTo = db.prepare<[number], { bytes: number | null }>(
    'SELECT sum(length(data_json)) AS bytes FROM feed WHERE seq <= ?',
  );
  const prune = db.prepare<[number]>('DELETE FROM feed WHERE seq <= ?');
  const head = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM feed');
  const after = db.prepare<[{ after: number; topics: string | null; series: string | null; limit: number }], FeedRow>(
    `SELECT seq, kind, topic, series_id, occurred_at, data_json FROM feed
     WHERE seq > @after
       AND (@topics IS NULL OR topic IN (SELECT value FROM json_each(@topics)))
       AND (@series IS NULL OR series_id IN (SELECT value FROM json_each(@series)))
     ORDER BY seq LIMIT @limit`,
  );
  const metaNumber = (key: string): number => Number(getMeta.get(key)?.value ?? 0);

  /** Appends entries in order and prunes past the retention; returns the last seq appended (or undefined). */
  function append(entries: readonly NewFeedEntry[]): number | undefined {
    if (entries.length === 0) return undefined;
    let last = 0;
    for (const e of entries)
      last = Number(insert.run(e.kind, e.topic, e.seriesId, e.occurredAt, e.dataJson).lastInsertRowid);
    // Measured by SQLite, like the pruning below, so the running total never drifts.
    const added = bytesBetween.get(last - entries.length, last)?.bytes ?? 0;
    const floor = metaNumber(FLOOR_KEY);
    // Seqs are contiguous after the base (AUTOINCREMENT; a rolled-back insert rolls its counter back too).
    let cutoff = Math.max(floor, last - retention.entries);
    let kept = metaNumber(BYTES_KEY) + added - (cutoff > floor ? (bytesUpTo.get(cutoff)?.bytes ?? 0) : 0);
    if (kept > retention.bytes) {
      for (const row of oldest.iterate(cutoff)) {
        if (kept <= retention.bytes || row.seq >= last) break; // the newest entry always stays
        kept -= row.bytes;
        cutoff = row.seq;
      }
    }
    if (cutoff > floor) {
      prune.run(cutoff);
      setMeta.run(FLOOR_KEY, String(cutoff));
    }
    setMeta.run(BYTES_KEY, String(kept));
    return last;
  }

  function feedAfter(afterSeq: number, query: FeedQuery): FeedEntry[] {
    const topics = query.topics === undefined ? null : JSON.stringify(query.topics);
    const series = query.series === undefined ? null : JSON.stringify(query.series);
    return after.all({ after: afterSeq, topics, series, limit: query.limit }).map(
      (r) =>
        ({
          seq: r.seq,
          kind: r.kind,
          topic: r.topic,
          seriesId: r.series_id,
          occurredAt: r.occurred_at,
          data: JSON.parse(r.data_json),
        }) as FeedEntry,
    );
  }

  return {
    append,
    feedAfter,
    feedHead: (): number => head.get()?.seq ?? 0,
    feedFloor: (): number => metaNumber(FLOOR_KEY),
  };
}
