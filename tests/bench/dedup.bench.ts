// `npm run bench:dedup [-- --preload 100000 --measure 5000] [--lsh 16x2] [--sketch 64]`: articles/s for fingerprint + lookup +
// insert against a SQLite index that already holds `preload` articles, and bytes per indexed
// article (database file after a WAL checkpoint / count) and of the index's in-memory band lookup. Synthetic articles, seeded. `--lsh`/`--sketch` try
// another LSH setting or sketch size than DEDUP_PARAMS (as `npm run eval:dedup -- --curve` does for quality).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createFingerprinter } from '../../domain/dedup/fingerprint.ts';
import { DEDUP_PARAMS } from '../../domain/dedup/params.ts';
import { mulberry32 } from '../../domain/dedup/hash.ts';
import type { Decision } from '../../domain/dedup/types.ts';
import type { Article } from '../../schemas/article.ts';
import { createSqliteDedupIndex } from '../../services/stores/dedup-index/sqlite-dedup-index.ts';

const { values } = parseArgs({
  options: {
    preload: { type: 'string', default: '100000' },
    measure: { type: 'string', default: '5000' },
    lsh: { type: 'string' },
    sketch: { type: 'string' },
  },
});
const [bands = DEDUP_PARAMS.bands, rows = DEDUP_PARAMS.rows] = (values.lsh ?? '')
  .split('x')
  .filter(Boolean)
  .map(Number);
const params = {
  ...DEDUP_PARAMS,
  bands,
  rows,
  hashes: values.lsh === undefined ? DEDUP_PARAMS.hashes : bands * rows,
  sketchSize: Number(values.sketch ?? DEDUP_PARAMS.sketchSize),
};
const fingerprint = createFingerprinter(params);
const preload = Number(values.preload);
const measure = Number(values.measure);
const rng = mulberry32(20240601);

// A Zipf-like vocabulary so shingles repeat across articles roughly as in news text.
const VOCAB = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00Z');

/** Article n, the same on every call (its own seeded PRNG), so copies can be regenerated. */
function syntheticArticle(n: number): Article {
  const rng = mulberry32(Math.imul(n + 1, 0x9e3779b1));
  const word = (): string => VOCAB[Math.floor(VOCAB.length * rng() ** 3)] ?? 'w';
  const paragraphs: string[] = [];
  const words = 250 + Math.floor(rng() * 650); // news length: 250-900 words
  for (let left = words; left > 0; left -= 60) {
    paragraphs.push(Array.from({ length: Math.min(60, left) }, word).join(' ') + '.');
  }
  return {
    id: `bench-${n}`,
    url: `https://news${n % 50}.example/${n}/story-${Math.floor(rng() * 1e9)}?utm_source=rss`,
    source: `news${n % 50}`,
    published_at: new Date(START + (n / (preload + measure)) * 30 * DAY).toISOString(),
    title: `story ${n}`,
    text: paragraphs.join('\n\n'),
  };
}

const cpuSeconds = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6;

const dir = mkdtempSync(path.join(tmpdir(), 'claimwatch-dedup-bench-'));
const file = path.join(dir, 'dedup.sqlite');
const index = createSqliteDedupIndex({ path: file, params });
try {
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  for (let n = 0; n < preload; n += 500) {
    const fps = [];
    for (let m = n; m < Math.min(n + 500, preload); m++) fps.push(fingerprint(syntheticArticle(m)));
    await index.checkAndInsertMany(fps);
  }
  const preloadSeconds = (performance.now() - t) / 1000;

  // Measured batch: 80% new stories, 20% copies of preloaded ones (other URL; half of them
  // with the last paragraph cut, so the near-duplicate path is exercised too).
  const batch: Article[] = [];
  let planted = 0;
  for (let n = 0; n < measure; n++) {
    const a = syntheticArticle(preload + n);
    if (rng() >= 0.2) {
      batch.push(a);
      continue;
    }
    planted++;
    const original = syntheticArticle(Math.floor(rng() * preload));
    const text = rng() < 0.5 ? original.text : original.text.split('\n\n').slice(0, -1).join('\n\n');
    batch.push({ ...original, id: a.id, url: a.url, text });
  }
  // The in-process baseline of the same run: fingerprinting alone (no store), CPU time of this process.
  const loadBefore = os.loadavg();
  let cpu = process.cpuUsage();
  t = performance.now();
  for (let round = 0; round < 2; round++) for (const a of batch) fingerprint(a);
  const fpSeconds = (performance.now() - t) / 1000;
  const fpCpu = cpuSeconds(process.cpuUsage(cpu));
  // Half the batch one transaction per article (a pipeline activity), half in batches of 100 (the CLI).
  const half = Math.floor(batch.length / 2);
  let dups = 0;
  cpu = process.cpuUsage();
  t = performance.now();
  // A planted copy is found when it is linked to its original, or when it takes the original's place: copies here have
  // the original's publication time, and equal times rank by id (publishedBefore), so a copy may supersede.
  const found = (d: Decision): boolean => d.duplicateOf !== null || d.supersedes !== undefined;
  for (const a of batch.slice(0, half)) if (found(await index.checkAndInsert(fingerprint(a)))) dups++;
  const singleSeconds = (performance.now() - t) / 1000;
  const singleCpu = cpuSeconds(process.cpuUsage(cpu));
  cpu = process.cpuUsage();
  t = performance.now();
  const rest = batch.slice(half);
  for (let i = 0; i < rest.length; i += 100) {
    const decisions = await index.checkAndInsertMany(rest.slice(i, i + 100).map(fingerprint));
    dups += decisions.filter(found).length;
  }
  const batchSeconds = (performance.now() - t) / 1000;
  const batchCpu = cpuSeconds(process.cpuUsage(cpu));
  const rate = (n: number, s: number): string =>
    `${(n / s).toFixed(0)} articles/s (${((s * 1e3) / n).toFixed(3)} ms/article)`;
  const count = await index.size();
  const heapAfter = process.memoryUsage().heapUsed;
  const bandBytes = index.bandMemoryBytes();
  // Another process opening the file builds its band lookup from every stored row on its first write.
  const other = createSqliteDedupIndex({ path: file, params });
  cpu = process.cpuUsage();
  t = performance.now();
  await other.checkAndInsert(fingerprint(syntheticArticle(preload + measure)));
  const openSeconds = (performance.now() - t) / 1000;
  const openCpu = cpuSeconds(process.cpuUsage(cpu));
  await other.close();
  await index.close();
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = statSync(file).size;

  const loads = (l: number[]): string => l.map((x) => x.toFixed(1)).join(' ');
  console.log(
    `params: LSH ${params.bands}x${params.rows}, ${params.hashes} hashes, sketch ${params.sketchSize}; ${os.cpus().length} cores; load average ${loads(loadBefore)} before the measured part, ${loads(os.loadavg())} after`,
  );
  console.log(
    `preload: ${preload} articles in ${preloadSeconds.toFixed(1)} s (${(preload / preloadSeconds).toFixed(0)} articles/s)`,
  );
  // Per core = articles per CPU second (user + system of this process, which runs on one core): on a shared machine
  // wall time also counts time spent waiting for a core. The baseline is fingerprinting alone, in this process, in this run.
  console.log(
    `in-process baseline, fingerprint only (no store): per core ${rate(2 * batch.length, fpCpu)}; wall ${rate(2 * batch.length, fpSeconds)}`,
  );
  console.log(
    `fingerprint + lookup + insert with ${preload} indexed, one transaction per article: per core ${rate(half, singleCpu)}; wall ${rate(half, singleSeconds)}`,
  );
  console.log(
    `fingerprint + lookup + insert with ${preload} indexed, 100 articles per transaction: per core ${rate(rest.length, batchCpu)}; wall ${rate(rest.length, batchSeconds)}`,
  );
  console.log(`copies flagged: ${dups}; planted: ${planted}`);
  console.log(
    `storage: ${bytes} bytes for ${count} articles = ${(bytes / count).toFixed(0)} bytes/article (SQLite file after checkpoint)`,
  );
  console.log(
    `memory: band lookup ${bandBytes} bytes = ${(bandBytes / count).toFixed(0)} bytes/article (typed arrays allocated, grown by doubling); JS heap ${((heapAfter - heapBefore) / count).toFixed(1)} bytes/article retained besides (GC noise: the lookup is off-heap)`,
  );
  console.log(
    `another process's first write (builds its band lookup from ${count} rows): ${(openSeconds * 1e3).toFixed(0)} ms wall, ${(openCpu * 1e3).toFixed(0)} ms CPU`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
