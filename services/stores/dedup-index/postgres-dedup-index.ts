import pg from 'pg';
import { decide } from '../../../domain/dedup/decide.ts';
import { sha256Key52 } from '../../../domain/dedup/hash.ts';
import { DEDUP_PARAMS, type DedupParams } from '../../../domain/dedup/params.ts';
import type { Decision, Fingerprint } from '../../../domain/dedup/types.ts';
import type { ArticleSeries, DedupIndex } from './dedup-index.ts';
import { partitionDay, partitionDdl, POSTGRES_SCHEMA } from './postgres-schema.ts';
import {
  articleValues,
  CANDIDATE_COLUMNS,
  identityMismatch,
  indexIdentity,
  linkDecision,
  MAX_BAND_CANDIDATES,
  MAX_ORIGINAL_HOPS,
  MAX_PER_BAND,
  STORED_COLUMNS,
  storedDecision,
  storedOriginal,
  toCandidate,
  type ArticleRow,
  type StoredOriginal,
  type StoredRow,
} from './rows.ts';

export interface PostgresDedupIndexOptions {
  /** `postgres://user@host:port/database` (DEDUP_DATABASE_URL). */
  url: string;
  /** The Postgres schema holding the tables (created when missing); tests use one each. */
  schema?: string;
  params?: DedupParams;
  /** Connections of this process (default 4). */
  poolSize?: number;
}

/** The Postgres store with its connection pool exposed, for tests that drop their schema. */
export interface PostgresDedupIndex extends DedupIndex {
  /** Resolves once the schema exists and the MinHash parameters were checked; rejects when they differ. */
  ready: Promise<void>;
}

/** Every column a check reads of a stored article: as a candidate and as a stored decision. */
const ROW_COLUMNS = [...new Set([...CANDIDATE_COLUMNS.split(', '), ...STORED_COLUMNS.split(', ')])].join(', ');

/** A stored article with its partition's day (`YYYY-MM-DD`). */
type DayRow = ArticleRow & StoredRow & { day: string };

/** Advisory-lock key spaces, so that a band key and a URL key with the same value do not share a lock. */
const LOCK_SPACE = { id: 1n, url: 2n, content: 3n, band: 4n } as const;
/** The lock every process takes to create the schema or a partition (DDL serialised across processes). */
const DDL_LOCK = 0x636c61696d77n; // 'claimw'
/** Postgres' lock table holds max_locks_per_transaction × max_connections entries (6,400 by default): a batch
 * whose articles need more keys than this is checked in several transactions, still in order. */
const MAX_LOCKS_PER_TRANSACTION = 1_500;

// 52-bit keys and sequence numbers fit a JS number exactly: read int8 as number, not as a string.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * The dedup index on a PostgreSQL server, shared by every worker of every host (README.md, "Several hosts").
 * Check-and-insert runs in one transaction that first takes `pg_advisory_xact_lock` on the article's id, URL,
 * content and band keys, sorted (so two transactions never wait on each other in a cycle): two copies of a story
 * share a key and serialise, unrelated articles do not block each other. Articles live in day partitions of
 * `published_at`; `evict` drops the days before the window (their band rows go by a day index) and deletes the
 * rest of the boundary day. Returns at once; every call waits for the schema (see `ready`).
 */
export function createPostgresDedupIndex(options: PostgresDedupIndexOptions): PostgresDedupIndex {
  const params = options.params ?? DEDUP_PARAMS;
  const schema = options.schema ?? 'claimwatch_dedup';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`dedup index schema "${schema}": expected lower-case letters, digits and _`);
  // Generic plans: a custom plan re-plans the statements over every day partition on each call; the generic one
  // prunes to the article's own partition when it runs (the lateral lookups by (day, seq)).
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 4,
    types,
    options: `-c search_path=${schema} -c plan_cache_mode=force_generic_plan`,
  });
  // An idle client's error (server restarted) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const knownDays = new Set<string>();

  const ready = (async () => {
    await transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK.toString()]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      const exists = async (table: string): Promise<boolean> =>
        (await c.query('SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [schema, table])).rows
          .length > 0;
      const meta = async (key: string): Promise<string | undefined> =>
        (await exists('dedup_meta'))
          ? (await c.query<{ value: string }>('SELECT value FROM dedup_meta WHERE key = $1', [key])).rows[0]?.value
          : undefined;
      const wanted = indexIdentity(params, 'postgres');
      const stored = await meta('identity');
      const used =
        (await exists('dedup_articles')) && (await c.query('SELECT 1 FROM dedup_articles LIMIT 1')).rows.length > 0;
      if (stored === undefined && !used) {
        // A new schema, or one that never held an article: nothing to reuse, lay it out for this build.
        await c.query('DROP TABLE IF EXISTS dedup_bands, dedup_keys, dedup_articles, dedup_meta CASCADE');
        await c.query(POSTGRES_SCHEMA);
        await c.query('INSERT INTO dedup_meta (key, value) VALUES ($1, $2)', ['identity', wanted]);
        return;
      }
      const legacy = await meta('minhash');
      const refused = identityMismatch(
        `schema ${schema}`,
        stored ?? (legacy === undefined ? undefined : `MinHash ${legacy}, recorded before the fingerprint version`),
        wanted,
        `Start it empty with \`DROP SCHEMA ${schema} CASCADE\` (or \`claimwatch stack reset\` on the local stack); the workers then fill it again.`,
      );
      if (refused !== undefined) throw refused;
      await c.query(POSTGRES_SCHEMA);
    });
  })();
  // Callers await `ready` through every method; this keeps an unawaited failure from being unhandled.
  ready.catch(() => {});

  /** `fn` in one transaction; `begin` replaces the plain BEGIN (a BEGIN with the first statements, one round trip). */
  async function transaction<T>(fn: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query(begin);
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  /** Creates the day partitions the articles need, each once per process, in a transaction of its own. */
  async function ensureDays(fps: readonly Fingerprint[]): Promise<void> {
    const missing = [...new Set(fps.map((fp) => dayOf(fp.publishedAt)))].filter((d) => !knownDays.has(d)).sort();
    if (missing.length === 0) return;
    await transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK.toString()]);
      for (const d of missing) await c.query(partitionDdl(d));
    });
    for (const d of missing) knownDays.add(d);
  }

  /** The stored row of an article id (through the unpartitioned key table, then its day's partition only). */
  async function rowOf(c: pg.PoolClient, articleId: string): Promise<DayRow | undefined> {
    const rows = (
      await c.query<DayRow>({
        name: 'dedup-by-id',
        text: `SELECT a.day::text AS day, ${prefixed('a', ROW_COLUMNS)} FROM dedup_keys k
               CROSS JOIN LATERAL (SELECT * FROM dedup_articles a WHERE a.day = k.day AND a.seq = k.seq LIMIT 1) a
               WHERE k.id_key = $1`,
        values: [sha256Key52(articleId)],
      })
    ).rows;
    return rows.find((r) => r.article_id === articleId);
  }

  /** The group's original now: follows the canonical links from a row in hand (an original superseded later points at its successor). */
  async function originalFrom(
    c: pg.PoolClient,
    start: DayRow | undefined,
  ): Promise<(StoredOriginal & { day: string }) | undefined> {
    let row = start;
    for (let hops = 0; row !== undefined && row.canonical_id !== null && hops < MAX_ORIGINAL_HOPS; hops++)
      row = await rowOf(c, row.canonical_id);
    return row === undefined ? undefined : { ...storedOriginal(row), day: row.day };
  }

  async function checkOne(c: pg.PoolClient, fp: Fingerprint): Promise<Decision> {
    // Two round trips per new article: one statement finds the article's own row (a retry) and the candidates, one
    // stores it (article, keys and band rows). Every key lookup goes through the unpartitioned tables (dedup_keys,
    // dedup_bands), which give each article's day; the lateral join (LIMIT 1 keeps it a per-row lookup) then reads
    // that day's partition only. Named statements: prepared once per connection.
    const idKey = sha256Key52(fp.articleId);
    const rows = (
      await c.query<DayRow>({
        name: 'dedup-check',
        text: `WITH b AS (SELECT unnest($3::int[]) AS band_key),
              band AS (SELECT x.seq, x.day FROM b CROSS JOIN LATERAL
                         (SELECT seq, day FROM dedup_bands d WHERE d.band_key = b.band_key ORDER BY seq DESC LIMIT ${MAX_PER_BAND}) x
                       GROUP BY x.seq, x.day ORDER BY count(*) DESC, x.seq LIMIT ${MAX_BAND_CANDIDATES}),
              hit AS ((SELECT seq, day FROM dedup_keys WHERE id_key = $4)
                      UNION (SELECT seq, day FROM dedup_keys WHERE url_key = $1 ORDER BY seq LIMIT 1)
                      UNION (SELECT seq, day FROM dedup_keys WHERE content_key = $2 ORDER BY seq LIMIT 1)
                      UNION SELECT seq, day FROM band)
         SELECT a.day::text AS day, ${prefixed('a', ROW_COLUMNS)} FROM hit
         CROSS JOIN LATERAL (SELECT * FROM dedup_articles a WHERE a.day = hit.day AND a.seq = hit.seq LIMIT 1) a`,
        values: [fp.urlKey, fp.contentKey, fp.bandKeys, idKey],
      })
    ).rows;
    const previous = rows.find((r) => r.article_id === fp.articleId);
    if (previous !== undefined)
      return storedDecision(previous, previous.supersedes === null ? undefined : await rowOf(c, previous.supersedes));
    const matched = decide(fp, rows.map(toCandidate), params);
    const original =
      matched.duplicateOf === null
        ? undefined
        : await originalFrom(
            c,
            rows.find((r) => r.article_id === matched.duplicateOf) ?? (await rowOf(c, matched.duplicateOf)),
          );
    const decision = linkDecision(fp, matched, original);
    await c.query({
      name: 'dedup-insert',
      text: `WITH a AS (
               INSERT INTO dedup_articles (day, seq, id_key, article_id, canonical_id, published_at, url_key, content_key, shingles, signature, sketch, similarity, reason, supersedes, source, url, received_at)
               VALUES ($1, nextval('dedup_seq'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING seq, day, id_key, url_key, content_key),
             k AS (INSERT INTO dedup_keys (seq, day, id_key, url_key, content_key) SELECT seq, day, id_key, url_key, content_key FROM a)
             INSERT INTO dedup_bands (band_key, seq, day) SELECT x, a.seq, a.day FROM a, unnest($17::int[]) AS x ON CONFLICT DO NOTHING`,
      values: [dayOf(fp.publishedAt), idKey, ...articleValues(fp, decision), fp.bandKeys],
    });
    if (decision.supersedes !== undefined && original !== undefined) {
      await c.query({
        name: 'dedup-repoint',
        text: 'UPDATE dedup_articles SET canonical_id = $1 WHERE day = $2 AND seq = $3',
        values: [fp.articleId, original.day, original.seq],
      });
    }
    return decision;
  }

  /** One transaction: lock every key of the articles (sorted), then check and insert them in order. */
  async function checkChunk(fps: readonly Fingerprint[]): Promise<Decision[]> {
    const keys = [...new Set(fps.flatMap(lockKeys))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // BEGIN and the locks in one round trip (simple protocol: the keys are bigints this process computed, inlined).
    const lock = `BEGIN; SELECT pg_advisory_xact_lock(k) FROM unnest('{${keys.join(',')}}'::bigint[]) WITH ORDINALITY AS t(k, i) ORDER BY i`;
    return transaction(async (c) => {
      const out: Decision[] = [];
      for (const fp of fps) out.push(await checkOne(c, fp));
      return out;
    }, lock);
  }

  async function checkMany(fps: readonly Fingerprint[]): Promise<Decision[]> {
    await ready;
    await ensureDays(fps);
    const out: Decision[] = [];
    let chunk: Fingerprint[] = [];
    let lockCount = 0;
    for (const fp of fps) {
      const n = fp.bandKeys.length + 3;
      if (chunk.length > 0 && lockCount + n > MAX_LOCKS_PER_TRANSACTION) {
        out.push(...(await retryingMissingPartition(chunk)));
        chunk = [];
        lockCount = 0;
      }
      chunk.push(fp);
      lockCount += n;
    }
    if (chunk.length > 0) out.push(...(await retryingMissingPartition(chunk)));
    return out;
  }

  /** Another process's eviction may have dropped a day this one had created: create it again and retry once. */
  async function retryingMissingPartition(fps: readonly Fingerprint[]): Promise<Decision[]> {
    try {
      return await checkChunk(fps);
    } catch (err) {
      if ((err as { code?: string }).code !== '23514') throw err; // no partition of relation found for row
      knownDays.clear();
      await ensureDays(fps);
      return checkChunk(fps);
    }
  }

  async function evict(olderThan: Date): Promise<number> {
    await ready;
    const cutDay = dayOf(olderThan.getTime());
    return transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK.toString()]);
      const parts = (
        await c.query<{ name: string }>(
          `SELECT child.relname AS name FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid
           JOIN pg_class parent ON parent.oid = i.inhparent JOIN pg_namespace n ON n.oid = parent.relnamespace
           WHERE n.nspname = $1 AND parent.relname = 'dedup_articles'`,
          [schema],
        )
      ).rows.map((r) => r.name);
      let removed = 0;
      for (const name of parts) {
        const day = partitionDay(name);
        if (day === undefined || day >= cutDay) continue;
        removed += (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`)).rows[0]!.n;
        await c.query(`DROP TABLE ${name}`);
        knownDays.delete(day);
      }
      await c.query('DELETE FROM dedup_bands WHERE day < $1', [cutDay]);
      await c.query('DELETE FROM dedup_keys WHERE day < $1', [cutDay]);
      const gone = await c.query<{ seq: number }>(
        'DELETE FROM dedup_articles WHERE day = $1 AND published_at < $2 RETURNING seq',
        [cutDay, olderThan.getTime()],
      );
      if (gone.rows.length > 0) {
        const seqs = gone.rows.map((r) => r.seq);
        await c.query('DELETE FROM dedup_bands WHERE day = $1 AND seq = ANY($2::bigint[])', [cutDay, seqs]);
        await c.query('DELETE FROM dedup_keys WHERE seq = ANY($1::bigint[])', [seqs]);
      }
      return removed + gone.rows.length;
    });
  }

  return {
    ready,
    checkAndInsert: async (fp) => (await checkMany([fp]))[0]!,
    checkAndInsertMany: checkMany,
    evict,
    seriesOf: async (ids) => {
      await ready;
      const out = new Map<string, ArticleSeries>();
      if (ids.length === 0) return out;
      const rows = (
        await pool.query<{ article_id: string; extractor_version: string; series: string[] }>(
          'SELECT article_id, extractor_version, series FROM article_series WHERE article_id = ANY($1::text[])',
          [ids],
        )
      ).rows;
      for (const r of rows)
        out.set(r.article_id, { extractorVersion: r.extractor_version, seriesIds: sortIds(r.series) });
      return out;
    },
    recordSeries: async (entries, mode) => {
      await ready;
      if (entries.length === 0) return;
      await transaction(async (c) => {
        for (const e of entries) {
          const ids = sortIds([...new Set(e.seriesIds)]);
          await c.query(
            mode === 'add'
              ? `INSERT INTO article_series (article_id, extractor_version, series) VALUES ($1, $2, $3)
                 ON CONFLICT (article_id) DO UPDATE SET series = ARRAY(SELECT DISTINCT s FROM unnest(article_series.series || excluded.series) AS s ORDER BY s)`
              : `INSERT INTO article_series (article_id, extractor_version, series) VALUES ($1, $2, $3)
                 ON CONFLICT (article_id) DO UPDATE SET extractor_version = excluded.extractor_version, series = excluded.series`,
            [e.articleId, e.extractorVersion, ids],
          );
        }
      });
    },
    size: async () => {
      await ready;
      return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dedup_articles')).rows[0]!.n;
    },
    close: async () => {
      await ready.catch(() => {});
      await pool.end();
    },
  };
}

/** Opens the Postgres index and waits until it is usable; rejects on a connection or parameter problem. */
export async function openPostgresDedupIndex(options: PostgresDedupIndexOptions): Promise<PostgresDedupIndex> {
  const index = createPostgresDedupIndex(options);
  try {
    await index.ready;
  } catch (err) {
    await index.close();
    throw err;
  }
  return index;
}

/** The lock keys of an article: its id, URL, content and band keys, each in its own key space. */
function lockKeys(fp: Fingerprint): bigint[] {
  const keys = [(LOCK_SPACE.id << 56n) | BigInt(sha256Key52(fp.articleId))];
  if (fp.urlKey !== null) keys.push((LOCK_SPACE.url << 56n) | BigInt(fp.urlKey));
  if (fp.contentKey !== null) keys.push((LOCK_SPACE.content << 56n) | BigInt(fp.contentKey));
  for (const k of fp.bandKeys) keys.push((LOCK_SPACE.band << 56n) | BigInt(k >>> 0));
  return keys;
}

/** The UTC day of an epoch-ms time, `YYYY-MM-DD` (the partition of an article). */
function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Series ids in JavaScript's string order, as the SQLite store returns them. */
function sortIds(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `seq, article_id` → `a.seq, a.article_id`: a column list read from one alias. */
function prefixed(alias: string, columns: string): string {
  return columns
    .split(',')
    .map((c) => `${alias}.${c.trim()}`)
    .join(', ');
}
