import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { useWal } from '../../services/platform/sqlite.ts';
import type { Article } from '../../schemas/article.ts';

/** One delivery of an article: its canonical id and content, and the raw-topic position it came from. */
export interface Delivery {
  canonicalId: string;
  article: Article;
  /** `topic/partition/offset` of the raw message. */
  position: string;
}

/**
 * Which raw-topic message first brought each article (same canonical id, same content), so a re-ingested article
 * publishes nothing downstream while a retried activity (same message) goes through again. The first delivery of an
 * article is a fact of the raw topic: deleting the file only lets re-deliveries through once more (their events keep
 * their ids). Shared by every worker on a host (SQLite, WAL), like the dedup index.
 */
export interface DeliveryLedger {
  /** Per delivery, in order and in one transaction: true when it is the article's first (recording it), false for a re-delivery. */
  firstDeliveries(deliveries: readonly Delivery[]): Promise<boolean[]>;
  close(): Promise<void>;
}

/** The key of an article's content: canonical id and every field, hashed (so the table holds no text). */
export function deliveryKey(d: Pick<Delivery, 'canonicalId' | 'article'>): string {
  const a = d.article;
  return createHash('sha256')
    .update(JSON.stringify([d.canonicalId, a.id, a.url, a.source, a.published_at, a.title, a.text]))
    .digest('base64url');
}

/** Opens (creating) the ledger file; used by the worker. `:memory:` for tests. */
export function createSqliteDeliveryLedger(options: { path: string }): DeliveryLedger {
  const db = new Database(options.path);
  if (options.path !== ':memory:') useWal(db, 5_000);
  db.exec('CREATE TABLE IF NOT EXISTS first_delivery (key TEXT PRIMARY KEY, position TEXT NOT NULL) WITHOUT ROWID');
  const insert = db.prepare('INSERT OR IGNORE INTO first_delivery (key, position) VALUES (?, ?)');
  const read = db.prepare<[string], { position: string }>('SELECT position FROM first_delivery WHERE key = ?');
  const check = db.transaction((deliveries: readonly Delivery[]) =>
    deliveries.map((d) => {
      const key = deliveryKey(d);
      insert.run(key, d.position);
      return read.get(key)?.position === d.position;
    }),
  );
  return {
    async firstDeliveries(deliveries) {
      return check(deliveries);
    },
    async close() {
      db.close();
    },
  };
}
