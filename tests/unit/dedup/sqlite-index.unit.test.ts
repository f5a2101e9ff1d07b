import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { DEDUP_PARAMS } from '../../../domain/dedup/params.ts';
import type { Fingerprint } from '../../../domain/dedup/types.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { cutCopyOf, stories } from '../../support/dedup-conformance/suite.ts';
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

describe('SQLite dedup index: the in-memory band lookup shared through the file', () => {
  const withFile = async (run: (file: string) => Promise<void>): Promise<void> => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dedup-bands-'));
    try {
      await run(path.join(dir, 'i.sqlite'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('finds near copies of articles another connection indexed after this one built its lookup, both ways', async () => {
    await withFile(async (file) => {
      const a = createSqliteDedupIndex({ path: file });
      const b = createSqliteDedupIndex({ path: file });
      try {
        const [s0, s1, s2] = stories(3, 71);
        await b.checkAndInsert(fingerprint(s2!)); // b has built its lookup (one article)
        await a.checkAndInsertMany([fingerprint(s0!), fingerprint(s1!)]);
        expect(await b.checkAndInsert(fingerprint(cutCopyOf(s0!, 'east')))).toMatchObject({
          duplicateOf: s0!.id,
          reason: 'near-duplicate',
        });
        expect(await a.checkAndInsert(fingerprint(cutCopyOf(s2!, 'west')))).toMatchObject({
          duplicateOf: s2!.id,
          reason: 'near-duplicate',
        });
        expect((await a.checkAndInsert(fingerprint(stories(1, 72)[0]!))).duplicateOf).toBeNull();
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  it('takes a rolled-back batch out of its lookup, so a row another connection then commits under the same seq is found', async () => {
    await withFile(async (file) => {
      const a = createSqliteDedupIndex({ path: file });
      const b = createSqliteDedupIndex({ path: file });
      try {
        const [s0, s1, s2] = stories(3, 73);
        await a.checkAndInsert(fingerprint(s0!));
        // A batch failing after its first article was inserted: the transaction rolls back, seq 2 is free again.
        const failing = Object.defineProperty({ ...fingerprint(s2!) }, 'urlKey', {
          get: () => {
            throw new Error('store failed');
          },
        }) as Fingerprint;
        await expect(a.checkAndInsertMany([fingerprint(s1!), failing])).rejects.toThrow('store failed');
        expect(await a.size()).toBe(1);
        await b.checkAndInsert(fingerprint(s2!)); // seq 2, committed by the other connection
        expect(await a.checkAndInsert(fingerprint(cutCopyOf(s2!, 'late')))).toMatchObject({
          duplicateOf: s2!.id,
          reason: 'near-duplicate',
        });
        // And the rolled-back article left no entry behind: it is indexed anew, not linked to anything.
        expect((await a.checkAndInsert(fingerprint(s1!))).duplicateOf).toBeNull();
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  it("rebuilds its lookup after another connection evicted, even when the evicted row's seq is handed out again", async () => {
    await withFile(async (file) => {
      const a = createSqliteDedupIndex({ path: file });
      const b = createSqliteDedupIndex({ path: file });
      try {
        const [kept] = stories(1, 74, '2025-03-05');
        const [old] = stories(1, 75, '2025-03-01');
        // The newest row (the largest seq) is the old publication: evicting it frees its seq for the next insert.
        await a.checkAndInsertMany([fingerprint(kept!), fingerprint(old!)]);
        expect(await b.evict(new Date('2025-03-03T00:00:00Z'))).toBe(1);
        const [fresh] = stories(1, 76, '2025-03-06');
        await b.checkAndInsert(fingerprint(fresh!)); // takes the evicted row's seq
        expect(await a.checkAndInsert(fingerprint(cutCopyOf(fresh!, 'copy')))).toMatchObject({
          duplicateOf: fresh!.id,
          reason: 'near-duplicate',
        });
        expect((await a.checkAndInsert(fingerprint(cutCopyOf(old!, 'copy')))).duplicateOf).toBeNull();
        expect(await a.checkAndInsert(fingerprint(cutCopyOf(kept!, 'copy')))).toMatchObject({ duplicateOf: kept!.id });
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  it('catches up over more rows than one read brings, past articles without band keys', async () => {
    await withFile(async (file) => {
      const a = createSqliteDedupIndex({ path: file });
      const b = createSqliteDedupIndex({ path: file });
      try {
        await b.checkAndInsert(fingerprint(stories(1, 78)[0]!)); // b's lookup is built before the rest arrives
        const many = stories(5_000, 79).map((x, i) => (i % 500 === 0 ? { ...x, text: '' } : x));
        expect(fingerprint(many[0]!).bandKeys).toEqual([]);
        await a.checkAndInsertMany(many.map((x) => fingerprint(x)));
        expect(await b.checkAndInsert(fingerprint(cutCopyOf(many[4_999]!, 'east')))).toMatchObject({
          duplicateOf: many[4_999]!.id,
          reason: 'near-duplicate',
        });
        // Every later write by either finds the other's articles; nothing is read twice or skipped.
        expect(await a.checkAndInsert(fingerprint(cutCopyOf(many[4_998]!, 'west')))).toMatchObject({
          duplicateOf: many[4_998]!.id,
        });
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  it('holds its band lookup in typed arrays sized by what is indexed', async () => {
    const index = createSqliteDedupIndex({ path: ':memory:' });
    try {
      const before = index.bandMemoryBytes();
      await index.checkAndInsertMany(stories(2_000, 77).map((a) => fingerprint(a)));
      expect(index.bandMemoryBytes()).toBeGreaterThan(before);
      expect(index.bandMemoryBytes() / 2_000).toBeLessThan(1_000);
    } finally {
      await index.close();
    }
  });
});
