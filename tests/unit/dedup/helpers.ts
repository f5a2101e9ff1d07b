import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../../schemas/article.ts';
import { ArticleSchema } from '../../../schemas/article.ts';
import type { DedupIndex } from '../../../services/stores/dedup-index/dedup-index.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The hand-written fixture articles of tests/fixtures/dedup (our own words). */
export function fixtureArticles(): Article[] {
  const file = path.resolve(here, '..', '..', 'fixtures', 'dedup', 'articles.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => ArticleSchema.parse(JSON.parse(l)));
}

/** Fixture by id; throws when missing so a typo fails loudly. */
export function fixture(id: string): Article {
  const a = fixtureArticles().find((x) => x.id === id);
  if (a === undefined) throw new Error(`no fixture ${id}`);
  return a;
}

const openIndexes: DedupIndex[] = [];
/** An in-memory SQLite dedup index, closed by `closeIndexes` (call it in afterEach). */
export function memoryIndex(): DedupIndex {
  const index = createSqliteDedupIndex({ path: ':memory:' });
  openIndexes.push(index);
  return index;
}
/** Closes every index `memoryIndex` opened. */
export async function closeIndexes(): Promise<void> {
  for (const index of openIndexes.splice(0)) await index.close();
}
