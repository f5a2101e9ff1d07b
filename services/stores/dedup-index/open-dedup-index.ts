import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config.ts';
import type { DedupIndex } from './dedup-index.ts';
import { createPostgresDedupIndex } from './postgres-dedup-index.ts';
import { createSqliteDedupIndex } from './sqlite-dedup-index.ts';

/**
 * The dedup index the configuration names: the host's SQLite file in CLAIMWATCH_DATA_DIR (DEDUP_STORE=sqlite, the
 * default), or the Postgres server every host shares (DEDUP_STORE=postgres, DEDUP_DATABASE_URL or the local stack's).
 */
export function createConfiguredDedupIndex(config: Config): DedupIndex {
  if (config.dedup?.store === 'postgres') return createPostgresDedupIndex({ url: config.dedup.databaseUrl });
  mkdirSync(config.dataDir, { recursive: true });
  return createSqliteDedupIndex({ path: path.join(config.dataDir, 'dedup-index.sqlite') });
}
