import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
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
    const copy1 = await index.checkAndInsert(
      fingerprint({
        ...a,
        id: 'copy-1',
        url: 'https://b.example/1',
        published_at: new Date(Date.parse(a.published_at) + 60_000).toISOString(),
      }),
    );
    const copy2 = await index.checkAndInsert(
      fingerprint({
        ...a,
        id: 'copy-2',
        url: 'https://c.example/2',
        published_at: new Date(Date.parse(a.published_at) + 60_000).toISOString(),
        text: a.text.split('\n\n').slice(0, 4).join('\n\n'),
      }),
    );
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

  it('refuses a file built with other parameters, naming the fix, and leaves it as it was', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dedup-params-'));
    try {
      const file = path.join(dir, 'i.sqlite');
      const built = createSqliteDedupIndex({ path: file });
      await built.checkAndInsert(fingerprint(fixture('fx-power-outages')));
      await built.close();
      const open = () => createSqliteDedupIndex({ path: file, params: { ...DEDUP_PARAMS, sketchSize: 32 } });
      expect(open).toThrow(/other fingerprint parameters.*claimwatch rebuild --dedup-index.*claimwatch stack reset/);
      const again = createSqliteDedupIndex({ path: file });
      expect(await again.size()).toBe(1);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file indexed before the identity was recorded (an older layout), and lays out one that never held an article', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dedup-legacy-'));
    try {
      // The layout and meta record of the previous release: MinHash parameters only, no outlet/URL columns.
      const legacy = path.join(dir, 'legacy.sqlite');
      const db = new Database(legacy);
      db.exec(`CREATE TABLE dedup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO dedup_meta VALUES ('minhash', '{"k":4,"h":32,"b":16,"r":2,"s":203036653,"K":64}');
        CREATE TABLE dedup_articles (seq INTEGER PRIMARY KEY, id_key INTEGER NOT NULL, article_id TEXT NOT NULL);
        INSERT INTO dedup_articles (id_key, article_id) VALUES (1, 'a-1');`);
      db.close();
      expect(() => createSqliteDedupIndex({ path: legacy })).toThrow(
        /recorded before the fingerprint version.*claimwatch rebuild --dedup-index/,
      );
      // The same layout without an article is simply laid out again.
      const empty = path.join(dir, 'empty.sqlite');
      const db2 = new Database(empty);
      db2.exec(`CREATE TABLE dedup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO dedup_meta VALUES ('minhash', '{}');
        CREATE TABLE dedup_articles (seq INTEGER PRIMARY KEY, id_key INTEGER NOT NULL, article_id TEXT NOT NULL);`);
      db2.close();
      const index = createSqliteDedupIndex({ path: empty });
      expect((await index.checkAndInsert(fingerprint(fixture('fx-power-outages')))).duplicateOf).toBeNull();
      await index.close();
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
    const copy = await index.checkAndInsert(
      fingerprint({ ...original, id: 'edited-copy', url: 'https://elsewhere.example/copy', text: edited }),
    );
    expect(copy.duplicateOf).toBe(original.id);
    expect(copy.reason).toBe('near-duplicate');
    // And a sibling from the same template is still not a copy.
    const sibling = await index.checkAndInsert(fingerprint({ ...generateArticles(1, 12)[0]!, id: 'fresh-sibling' }));
    expect(sibling.duplicateOf).toBeNull();
  });
});
