import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { DEDUP_PARAMS } from '../../../domain/dedup/params.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { closeIndexes, fixture, fixtureArticles, memoryIndex } from './helpers.ts';

afterEach(closeIndexes);

describe('SQLite dedup index', () => {
  it('keeps the first seen as canonical and points every later copy at it', async () => {
    const index = memoryIndex();
    const a = fixture('fx-prisoner-exchange');
    const first = await index.checkAndInsert(fingerprint(a));
    const copy1 = await index.checkAndInsert(fingerprint({ ...a, id: 'copy-1', url: 'https://b.example/1' }));
    const copy2 = await index.checkAndInsert(fingerprint({ ...a, id: 'copy-2', url: 'https://c.example/2', text: a.text.split('\n\n').slice(0, 4).join('\n\n') }));
    expect(first.duplicateOf).toBeNull();
    expect(copy1).toMatchObject({ duplicateOf: a.id, reason: 'content' });
    expect(copy2).toMatchObject({ duplicateOf: a.id, reason: 'near-duplicate' });
  });

  it('answers a retried article id with its first decision (idempotent activity)', async () => {
    const index = memoryIndex();
    const a = fixture('fx-power-outages');
    const first = await index.checkAndInsert(fingerprint(a));
    expect(await index.checkAndInsert(fingerprint(a))).toEqual(first);
    expect(await index.size()).toBe(1);
  });

  it('evicts articles published before the window, and a later copy then starts a new group', async () => {
    const index = memoryIndex();
    const a = fixture('fx-grain-corridor');
    await index.checkAndInsert(fingerprint(a));
    await index.checkAndInsert(fingerprint(fixture('fx-power-outages-update')));
    expect(await index.evict(new Date('2025-03-05T00:00:00Z'))).toBe(1);
    expect(await index.size()).toBe(1);
    const late = await index.checkAndInsert(fingerprint({ ...a, id: 'late-copy', url: '' }));
    expect(late.duplicateOf).toBeNull();
  });

  it('gives the same answers for the same stream on every run, one by one or batched', async () => {
    const stream = fixtureArticles().flatMap((a) => [a, { ...a, id: `${a.id}~copy`, url: `${a.url}?fbclid=1` }]);
    const one = memoryIndex();
    const byOne = [];
    for (const a of stream) byOne.push(await one.checkAndInsert(fingerprint(a)));
    const batched = await memoryIndex().checkAndInsertMany(stream.map((a) => fingerprint(a)));
    expect(batched).toEqual(byOne);
    expect(byOne.filter((d) => d.duplicateOf !== null)).toHaveLength(stream.length / 2);
  });

  it('refuses a file built with other MinHash parameters', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dedup-params-'));
    try {
      const file = path.join(dir, 'i.sqlite');
      await createSqliteDedupIndex({ path: file }).close();
      expect(() => createSqliteDedupIndex({ path: file, params: { ...DEDUP_PARAMS, seed: 7 } })).toThrow(/MinHash parameters/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite dedup index with formulaic text (crowded LSH buckets)', () => {
  it('still finds an edited copy of an early article after hundreds of template siblings share its common bands', async () => {
    const { generateArticles } = await import('../../bench/generate-articles.ts');
    const index = memoryIndex();
    // 400 articles from five templates: each template's shared wording puts ~80 articles in the same band buckets,
    // more than the index reads per bucket, so the copy must be found through the bands it shares only with its original.
    const articles = generateArticles(400, 11);
    const decisions = await index.checkAndInsertMany(articles.map(fingerprint));
    expect(decisions.filter((d) => d.duplicateOf !== null)).toHaveLength(0);
    const original = articles[3]!;
    const edited = original.text.replace(/\.\s*$/, '') + ', the agency added in an update.';
    const copy = await index.checkAndInsert(fingerprint({ ...original, id: 'edited-copy', url: 'https://elsewhere.example/copy', text: edited }));
    expect(copy.duplicateOf).toBe(original.id);
    expect(copy.reason).toBe('near-duplicate');
    // And a sibling from the same template is still not a copy.
    const sibling = await index.checkAndInsert(fingerprint({ ...generateArticles(1, 12)[0]!, id: 'fresh-sibling' }));
    expect(sibling.duplicateOf).toBeNull();
  });
});
