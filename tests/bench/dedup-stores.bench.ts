// `npm run bench:dedup-stores [-- --preload 5000 --measure 1000]`: the same articles through the SQLite and the
// Postgres dedup index (DEDUP_DATABASE_URL, else the local stack's; `claimwatch stack up --postgres`): wall time per
// article for one transaction each and for batches of 100, on an index that already holds `preload` articles
// published over 30 days.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fingerprint } from '../../domain/dedup/fingerprint.ts';
import { loadConfig } from '../../services/platform/config.ts';
import type { DedupIndex } from '../../services/stores/dedup-index/dedup-index.ts';
import { dropStore, freshStore, openStore, type StoreSpec } from '../support/dedup-conformance/stores.ts';
import { generateArticles } from './generate-articles.ts';

const { values } = parseArgs({
  options: { preload: { type: 'string', default: '5000' }, measure: { type: 'string', default: '1000' } },
});
const preload = Number(values.preload);
const measure = Number(values.measure);
const articles = generateArticles(preload + 2 * measure, 20261207);
// Published within one 30-day window, as a worker that evicts keeps it (the generated articles span years: without
// eviction every day would be a Postgres partition that each lookup visits).
const windowStart = Date.parse('2025-01-01T00:00:00Z');
const fps = articles.map((a, i) => ({
  ...fingerprint(a),
  publishedAt: windowStart + Math.floor((i / articles.length) * 30 * 86_400_000),
}));
const url = loadConfig(process.env).dedup!.databaseUrl;

async function run(spec: StoreSpec): Promise<{ store: string; oneMs: number; batchMs: number; duplicates: number }> {
  const index: DedupIndex = await openStore(spec);
  try {
    for (let i = 0; i < preload; i += 500) await index.checkAndInsertMany(fps.slice(i, Math.min(i + 500, preload)));
    let t = performance.now();
    let duplicates = 0;
    for (const fp of fps.slice(preload, preload + measure))
      if ((await index.checkAndInsert(fp)).duplicateOf !== null) duplicates += 1;
    const oneMs = (performance.now() - t) / measure;
    t = performance.now();
    for (let i = preload + measure; i < preload + 2 * measure; i += 100) {
      for (const d of await index.checkAndInsertMany(fps.slice(i, i + 100)))
        if (d.duplicateOf !== null) duplicates += 1;
    }
    const batchMs = (performance.now() - t) / measure;
    return { store: spec.kind, oneMs, batchMs, duplicates };
  } finally {
    await index.close();
    await dropStore(spec);
  }
}

const sqlite = await run(freshStore('sqlite'));
const postgres = await run({ kind: 'postgres', url, schema: `bench_${randomBytes(4).toString('hex')}` });
console.log(`preload ${preload}, measured ${measure} one per transaction + ${measure} in batches of 100`);
for (const r of [sqlite, postgres]) {
  console.log(
    `${r.store.padEnd(9)} one/tx ${r.oneMs.toFixed(2)} ms/article (${Math.round(1000 / r.oneMs)}/s)   batch 100 ${r.batchMs.toFixed(2)} ms/article (${Math.round(1000 / r.batchMs)}/s)   duplicates ${r.duplicates}`,
  );
}
