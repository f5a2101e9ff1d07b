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
for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl')).sort()) {
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
console.log(`articles ${articles.length}  text ${(bytes / 1e6).toFixed(2)} MB  claims ${claims}`);
console.log(`best of ${rounds}: ${seconds.toFixed(2)} s  ${(articles.length / seconds).toFixed(0)} articles/s  ${(bytes / 1e6 / seconds).toFixed(2)} MB/s`);
