// Throughput of the extractor on one core: `npm run bench:extract`. Reads ../shared/eval/corpus
// at run time and prints articles/s and MB/s of article text (the bar is 2 MB/s).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ArticleSchema } from '../../schemas/article.ts';
import { defaultTaxonomy, extractClaims } from '../../domain/extract/index.ts';
import type { Article } from '../../schemas/article.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = path.resolve(root, '..', 'shared', 'eval', 'corpus');

const articles: Article[] = [];
for (const file of readdirSync(corpusDir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()) {
  for (const raw of readFileSync(path.join(corpusDir, file), 'utf8').split('\n')) {
    if (raw.trim() === '') continue;
    const parsed = ArticleSchema.safeParse(JSON.parse(raw));
    if (parsed.success) articles.push(parsed.data);
  }
}
const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text, 'utf8'), 0);
const taxonomy = defaultTaxonomy();

// One warm-up pass so JIT compilation and chrono's lazy set-up are not timed.
for (const a of articles.slice(0, 50)) extractClaims(a, taxonomy);

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
let best = Infinity;
let claims = 0;
for (let r = 0; r < rounds; r++) {
  claims = 0;
  const t0 = performance.now();
  for (const a of articles) claims += extractClaims(a, taxonomy).length;
  best = Math.min(best, performance.now() - t0);
}
const seconds = best / 1000;
// In-process baseline in the same run: a plain regex scan for figures over the same texts, the least any
// extractor must do, so the ratio says what the linguistic work costs on this machine today.
const FIGURE = /\d[\d,.]*/g;
let scanBest = Infinity;
let figures = 0;
for (let r = 0; r < rounds; r++) {
  figures = 0;
  const t0 = performance.now();
  for (const a of articles) figures += a.text.match(FIGURE)?.length ?? 0;
  scanBest = Math.min(scanBest, performance.now() - t0);
}
const mbps = bytes / 1e6 / seconds;
const scanMbps = bytes / 1e6 / (scanBest / 1000);
console.log(`articles ${articles.length}  text ${(bytes / 1e6).toFixed(2)} MB  claims ${claims}`);
console.log(
  `best of ${rounds}: ${seconds.toFixed(2)} s  ${(articles.length / seconds).toFixed(0)} articles/s  ${mbps.toFixed(2)} MB/s (bar: 2 MB/s per core)`,
);
console.log(
  `plain regex scan: ${scanMbps.toFixed(0)} MB/s (${figures} figures)  extractor / scan = ${(mbps / scanMbps).toFixed(4)}`,
);
