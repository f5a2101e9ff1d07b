import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UnavailableError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { ListClaimsQuery, ReadModel } from './read-model.ts';
import {
  claimViewOf,
  deadLetterOf,
  tallyListingOf,
  type ClaimRow,
  type DeadLetterRow,
  type SeriesRow,
} from './rows.ts';
import { READ_MODEL_DDL, READ_MODEL_SCHEMA_VERSION } from './schema.ts';
import { createSqliteApplier } from './sqlite-apply.ts';
import { createSqliteFeed, DEFAULT_FEED_RETENTION, initialiseFeed, type FeedRetention } from './sqlite-feed.ts';
import { useWal } from '../../platform/sqlite.ts';

export interface SqliteReadModelOptions {
  /** Database file, or ':memory:' (unit tests). */
  path: string;
  /** How many dead letters are kept in full; counts are kept forever. */
  recentDeadLetters?: number;
  /** How long a connection waits for another process's write transaction before failing. */
  busyTimeoutMs?: number;
  /** How much of the change feed is kept (default newest 100,000 entries, 256 Mi characters). */
  feedRetention?: Partial<FeedRetention>;
}

/** Where the embedded read model lives: `${dataDir}/read-model.sqlite`. */
export function defaultReadModelPath(dataDir: string): string {
  return path.join(dataDir, 'read-model.sqlite');
}

/**
 * Opens (creating if needed) the embedded read model: SQLite in WAL mode, so one projector writes while any
 * number of API and CLI processes on the same host read. For API processes on several hosts, implement
 * `ReadModel` over Postgres instead (see read-model.ts). Throws UnavailableError when the file cannot be opened
 * or was written by an incompatible schema (rebuild it with `claimwatch rebuild`).
 */
export function openSqliteReadModel(options: SqliteReadModelOptions): ReadModel {
  if (options.path !== ':memory:') mkdirSync(path.dirname(options.path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(options.path);
    useWal(db, options.busyTimeoutMs ?? 10_000);
    db.exec(READ_MODEL_DDL);
  } catch (err) {
    throw new UnavailableError(`read model at ${options.path} cannot be opened`, err);
  }
  const version = db.prepare<[], { value: string }>("SELECT value FROM read_model_meta WHERE key = 'schema'").get();
  if (version === undefined)
    db.prepare("INSERT INTO read_model_meta (key, value) VALUES ('schema', ?)").run(READ_MODEL_SCHEMA_VERSION);
  else if (version.value !== READ_MODEL_SCHEMA_VERSION) {
    db.close();
    throw new UnavailableError(
      `read model at ${options.path} has schema ${version.value}, expected ${READ_MODEL_SCHEMA_VERSION}: run claimwatch rebuild`,
    );
  }

  initialiseFeed(db);
  const feed = createSqliteFeed(db, { ...DEFAULT_FEED_RETENTION, ...options.feedRetention });
  const applier = createSqliteApplier(db, { recentDeadLetters: options.recentDeadLetters ?? 1000, feed });
  const topics = db.prepare<[], { topic: string; series: number; claims: number; last_update: string | null }>(
    `SELECT s.topic, count(*) AS series, max(s.updated_at) AS last_update,
            (SELECT count(*) FROM claims c WHERE c.topic = s.topic) AS claims
     FROM series s GROUP BY s.topic ORDER BY s.topic`,
  );
  const allTallies = db.prepare<[], SeriesRow>('SELECT summary_json, updated_at FROM series ORDER BY series_id');
  const topicTallies = db.prepare<[string], SeriesRow>(
    'SELECT summary_json, updated_at FROM series WHERE topic = ? ORDER BY series_id',
  );
  const oneSeries = db.prepare<[string], SeriesRow>('SELECT summary_json, updated_at FROM series WHERE series_id = ?');
  const deadLetterCounts = db.prepare<[], { source: string; reason: string; count: number; last_at: string }>(
    'SELECT source, reason, count, last_at FROM dead_letter_counts ORDER BY count DESC, source, reason',
  );
  const recentDeadLetters = db.prepare<[number], DeadLetterRow>('SELECT * FROM dead_letters ORDER BY seq DESC LIMIT ?');
  const positions = db.prepare<[], { topic: string; partition: number; next_offset: string }>(
    'SELECT topic, partition, next_offset FROM projector_positions ORDER BY topic, partition',
  );

  function listClaims(query: ListClaimsQuery) {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: query.limit + 1 };
    if (query.topic !== undefined) {
      where.push('topic = @topic');
      params.topic = query.topic;
    }
    if (query.since !== undefined) {
      where.push('as_of >= @since');
      params.since = query.since;
    }
    if (query.cursor !== undefined) {
      const cursor = decodeCursor(query.cursor);
      where.push('(as_of < @cursorAsOf OR (as_of = @cursorAsOf AND id < @cursorId))');
      params.cursorAsOf = cursor.asOf;
      params.cursorId = cursor.id;
    }
    const sql = `SELECT * FROM claims ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY as_of DESC, id DESC LIMIT @limit`;
    const rows = db.prepare<[Record<string, string | number>], ClaimRow>(sql).all(params);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      claims: page.map(claimViewOf),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ asOf: last.as_of, id: last.id }) : null,
    };
  }

  return {
    applyClaimsEvents: (events, opts) => applier.applyClaimsEvents(events, opts?.positions),
    recordDeadLetters: (letters, opts) => applier.recordDeadLetters(letters, opts?.positions),
    listTopics: () =>
      topics.all().map((r) => ({ topic: r.topic, series: r.series, claims: r.claims, lastUpdate: r.last_update })),
    listTallies: (query = {}) =>
      (query.topic === undefined ? allTallies.all() : topicTallies.all(query.topic)).map(tallyListingOf),
    getSeries: (id) => {
      const row = oneSeries.get(id);
      return row ? tallyListingOf(row) : undefined;
    },
    listClaims,
    deadLetterStats: (opts = {}) => {
      const counts = deadLetterCounts.all();
      return {
        total: counts.reduce((sum, c) => sum + c.count, 0),
        bySourceAndReason: counts.map((c) => ({
          source: c.source,
          reason: c.reason,
          count: c.count,
          lastAt: c.last_at,
        })),
        recent: recentDeadLetters.all(opts.recent ?? 20).map(deadLetterOf),
      };
    },
    feedAfter: feed.feedAfter,
    feedHead: feed.feedHead,
    feedFloor: feed.feedFloor,
    positions: () =>
      positions.all().map((p) => ({ topic: p.topic, partition: p.partition, nextOffset: p.next_offset })),
    ping: () => {
      db.prepare('SELECT 1').get();
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
