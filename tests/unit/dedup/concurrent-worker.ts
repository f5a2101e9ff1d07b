// Child process for concurrent-insert.unit.test.ts: waits for a shared start time, then inserts
// its articles one transaction each into the shared SQLite file and prints the decisions.
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';
import type { Article } from '../../../schemas/article.ts';

const [file, startAt, articlesJson] = process.argv.slice(2);
const articles = JSON.parse(articlesJson ?? '[]') as Article[];
const index = createSqliteDedupIndex({ path: file ?? ':memory:' });
const fps = articles.map((a) => fingerprint(a));
while (Date.now() < Number(startAt)) {
  // spin until both processes are ready, so their inserts interleave
}
const decisions = [];
for (const fp of fps) decisions.push({ articleId: fp.articleId, ...(await index.checkAndInsert(fp)) });
await index.close();
process.stdout.write(JSON.stringify(decisions));
