// The stores the dedup conformance suite runs against, described so a child process can open the same one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DedupParams } from '../../../domain/dedup/params.ts';
import type { DedupIndex } from '../../../services/stores/dedup-index/dedup-index.ts';
import { openPostgresDedupIndex } from '../../../services/stores/dedup-index/postgres-dedup-index.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';

/** One store: a SQLite file or a Postgres schema (each test gets a fresh one). */
export type StoreSpec = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

/** Opens (and, for Postgres, waits for) the store a spec names. */
export async function openStore(spec: StoreSpec, params?: DedupParams): Promise<DedupIndex> {
  if (spec.kind === 'sqlite') return createSqliteDedupIndex({ path: spec.file, ...(params ? { params } : {}) });
  return openPostgresDedupIndex({ url: spec.url, schema: spec.schema, ...(params ? { params } : {}) });
}

/** A fresh, empty store of a kind. */
export function freshStore(kind: 'sqlite' | 'postgres', postgresUrl?: string): StoreSpec {
  if (kind === 'sqlite')
    return { kind, file: path.join(mkdtempSync(path.join(tmpdir(), 'dedup-conf-')), 'dedup.sqlite') };
  if (postgresUrl === undefined) throw new Error('no Postgres URL');
  return { kind, url: postgresUrl, schema: `conf_${randomBytes(6).toString('hex')}` };
}

/** Drops a Postgres store's schema (SQLite temp files are left to the OS). */
export async function dropStore(spec: StoreSpec): Promise<void> {
  if (spec.kind !== 'postgres') return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: spec.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${spec.schema} CASCADE`);
  } finally {
    await client.end();
  }
}
