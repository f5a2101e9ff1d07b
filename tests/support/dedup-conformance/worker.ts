// Child process of the conformance suite's concurrency test: opens the store named on the command line, waits for
// a shared start time, inserts in lockstep with the others its articles (a JSON file) (one transaction each, or batches of `batch`) and prints the decisions.
import { readFileSync } from 'node:fs';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import type { Article } from '../../../schemas/article.ts';
import { openStore, type StoreSpec } from './stores.ts';

const [specJson, startAt, batchText, articlesFile] = process.argv.slice(2);
const spec = JSON.parse(specJson ?? '{}') as StoreSpec;
const batch = Number(batchText ?? '1');
const articles = JSON.parse(readFileSync(articlesFile ?? '', 'utf8')) as Article[];
const PACE_MS = 40;
const index = await openStore(spec);
const fps = articles.map((a) => fingerprint(a));
while (Date.now() < Number(startAt)) {
  // spin until every process is ready, so their inserts interleave
}
const decisions: Array<{ articleId: string }> = [];
for (let i = 0; i < fps.length; i += batch) {
  // Lockstep: every process starts chunk k at the same instant, so copies of one story race each other.
  const at = Number(startAt) + (i / batch) * PACE_MS;
  while (Date.now() < at) await new Promise((r) => setTimeout(r, Math.max(0, Math.min(5, at - Date.now()))));
  const chunk = fps.slice(i, i + batch);
  const out = batch === 1 ? [await index.checkAndInsert(chunk[0]!)] : await index.checkAndInsertMany(chunk);
  chunk.forEach((fp, j) => decisions.push({ articleId: fp.articleId, ...out[j] }));
}
await index.close();
process.stdout.write(JSON.stringify(decisions));
