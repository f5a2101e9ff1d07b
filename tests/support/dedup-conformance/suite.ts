// The dedup-index conformance suite: every DedupIndex store (SQLite, Postgres) must pass it unchanged.
// Run by tests/unit/dedup/conformance-sqlite.unit.test.ts and tests/int/dedup-index/conformance.int.test.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { mulberry32 } from '../../../domain/dedup/hash.ts';
import { DEDUP_PARAMS } from '../../../domain/dedup/params.ts';
import type { Article } from '../../../schemas/article.ts';
import type { DedupIndex } from '../../../services/stores/dedup-index/dedup-index.ts';
import { fixture, fixtureArticles } from '../../unit/dedup/helpers.ts';
import { dropStore, freshStore, openStore, type StoreSpec } from './stores.ts';

const run = promisify(execFile);
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

/** `n` distinct stories of seeded word salad, published on `day` (UTC) one minute apart. */
export function stories(n: number, seed: number, day = '2025-03-04'): Article[] {
  const rng = mulberry32(seed);
  const base = fixtureArticles()[0]!;
  return Array.from({ length: n }, (_, i) => ({
    ...base,
    id: `s${seed}-${i}`,
    url: `https://a.example/s${seed}-${i}`,
    published_at: new Date(Date.parse(`${day}T00:00:00Z`) + i * 60_000).toISOString(),
    text: Array.from({ length: 120 }, () => `w${Math.floor(rng() * 5000)}`).join(' '),
  }));
}

/** A syndicated copy: another id and outlet URL, a line of furniture added. */
export function copyOf(a: Article, tag: string): Article {
  return {
    ...a,
    id: `${a.id}~${tag}`,
    url: `https://${tag}.example/${a.id}`,
    text: `${a.text}\n\nAlso Read | something else entirely`,
  };
}

/** A syndicated copy cut to its first 90 words, under another id and URL: a near-duplicate, found only through LSH. */
export function cutCopyOf(a: Article, tag: string): Article {
  return {
    ...a,
    id: `${a.id}~${tag}`,
    url: `https://${tag}.example/${a.id}`,
    text: a.text.split(' ').slice(0, 90).join(' '),
  };
}

/**
 * True when a group's first answers name exactly one original in the end: one member answered as an original and was
 * not superseded, and every other member points at it or was superseded by it (copies of equal publication time rank
 * by id, so the original may arrive after a copy and take its place).
 */
export function oneOriginal(
  group: readonly string[],
  decisions: ReadonlyArray<{ articleId: string; duplicateOf: string | null; supersedes?: string }>,
): boolean {
  const byId = new Map(decisions.filter((d) => group.includes(d.articleId)).map((d) => [d.articleId, d]));
  const superseded = new Map(
    [...byId.values()].flatMap((d) => (d.supersedes === undefined ? [] : [[d.supersedes, d.articleId] as const])),
  );
  const roots = group.filter((id) => byId.get(id)?.duplicateOf === null && !superseded.has(id));
  if (roots.length !== 1) return false;
  const root = roots[0] as string;
  const rootOf = (id: string, hops = 0): string => {
    const d = byId.get(id);
    const next = superseded.get(id) ?? d?.duplicateOf ?? undefined;
    return next === undefined || hops > group.length ? id : rootOf(next, hops + 1);
  };
  return group.every((id) => rootOf(id) === root);
}

/** Registers the conformance tests for one kind of store. */
export function dedupConformance(kind: 'sqlite' | 'postgres', postgresUrl?: string): void {
  const specs: StoreSpec[] = [];
  const open: DedupIndex[] = [];
  const fresh = async (): Promise<{ spec: StoreSpec; index: DedupIndex }> => {
    const spec = freshStore(kind, postgresUrl);
    specs.push(spec);
    const index = await openStore(spec);
    open.push(index);
    return { spec, index };
  };
  afterEach(async () => {
    for (const i of open.splice(0)) await i.close().catch(() => {});
    for (const s of specs.splice(0)) await dropStore(s);
  });

  describe(`DedupIndex conformance: ${kind}`, () => {
    it('keeps the first seen as canonical and points exact and near copies at it', async () => {
      const { index } = await fresh();
      const a = fixture('fx-prisoner-exchange');
      expect((await index.checkAndInsert(fingerprint(a))).duplicateOf).toBeNull();
      // Copies published a minute later (equal times would rank by receipt, then id: see arrival-order tests).
      expect(
        await index.checkAndInsert(
          fingerprint({
            ...a,
            id: 'copy-1',
            url: 'https://b.example/1',
            published_at: new Date(Date.parse(a.published_at) + 60_000).toISOString(),
          }),
        ),
      ).toMatchObject({ duplicateOf: a.id, reason: 'content' });
      const cut = {
        ...a,
        id: 'copy-2',
        url: 'https://c.example/2',
        published_at: new Date(Date.parse(a.published_at) + 60_000).toISOString(),
        text: a.text.split('\n\n').slice(0, 4).join('\n\n'),
      };
      expect(await index.checkAndInsert(fingerprint(cut))).toMatchObject({
        duplicateOf: a.id,
        reason: 'near-duplicate',
      });
      expect(
        await index.checkAndInsert(
          fingerprint({ ...fixture('fx-power-outages'), id: 'other', url: `${a.url}?utm_source=x` }),
        ),
      ).toMatchObject({
        duplicateOf: a.id,
        reason: 'same-url',
      });
      expect(await index.size()).toBe(4);
    });

    it('is idempotent: a retried article, alone or in a batch, gets its first decision and is stored once', async () => {
      const { index } = await fresh();
      const a = fixture('fx-power-outages');
      const copy = copyOf(a, 'wire');
      const first = await index.checkAndInsertMany([fingerprint(a), fingerprint(copy)]);
      expect(await index.checkAndInsert(fingerprint(copy))).toEqual(first[1]);
      expect(await index.checkAndInsertMany([fingerprint(a), fingerprint(copy)])).toEqual(first);
      expect(await index.size()).toBe(2);
    });

    it('answers a stream the same one by one and batched, and as SQLite does (decisions of the pure rule)', async () => {
      const stream = fixtureArticles().flatMap((a) => [
        a,
        { ...a, id: `${a.id}~copy`, url: `${a.url}?fbclid=1` },
        copyOf(a, 'agency'),
      ]);
      const { index: one } = await fresh();
      const byOne = [];
      for (const a of stream) byOne.push(await one.checkAndInsert(fingerprint(a)));
      const { index: batched } = await fresh();
      expect(await batched.checkAndInsertMany(stream.map((a) => fingerprint(a)))).toEqual(byOne);
      const reference = await openStore(freshStore('sqlite'));
      expect(await reference.checkAndInsertMany(stream.map((a) => fingerprint(a)))).toEqual(byOne);
      await reference.close();
      expect(byOne.filter((d) => d.duplicateOf !== null)).toHaveLength((stream.length * 2) / 3);
    });

    it('makes an earlier publication arriving later the original, passing on the former original and its outlet and URL', async () => {
      const { index } = await fresh();
      const a = fixture('fx-prisoner-exchange');
      const late = {
        ...a,
        id: 'late-copy',
        source: 'Late Wire',
        url: 'https://late.example/1',
        published_at: new Date(Date.parse(a.published_at) + 3_600_000).toISOString(),
      };
      expect((await index.checkAndInsert(fingerprint(late))).duplicateOf).toBeNull();
      const d = await index.checkAndInsert(fingerprint(a));
      expect(d).toEqual({
        duplicateOf: null,
        similarity: 1,
        reason: null,
        supersedes: 'late-copy',
        supersedesRef: { source: 'Late Wire', url: 'https://late.example/1' },
      });
      expect(await index.checkAndInsert(fingerprint(a))).toEqual(d);
      // A third copy joins the new original, through the re-pointed former one.
      expect(await index.checkAndInsert(fingerprint(copyOf(late, 'third')))).toMatchObject({ duplicateOf: a.id });
    });

    it('groups copies inserted at the same moment by three processes: each story has exactly one canonical', async () => {
      const { spec, index } = await fresh();
      const originals = stories(150, 42);
      const copiesA = originals.map((a) => copyOf(a, 'east'));
      // The west copies are cut (no URL or content match): only the LSH bands link them, so each process must see
      // the band keys the others committed a moment before.
      const copiesB = originals.map((a) => cutCopyOf(a, 'west'));
      // Far enough ahead that every child has loaded (tsx start-up takes seconds on a loaded machine).
      const startAt = String(Date.now() + 8000);
      const dir = mkdtempSync(path.join(tmpdir(), 'dedup-conf-articles-'));
      const spawn = (articles: Article[], batch: number) => {
        const file = path.join(dir, `${articles[0]!.id}.json`);
        writeFileSync(file, JSON.stringify(articles));
        return run(process.execPath, ['--import', 'tsx', worker, JSON.stringify(spec), startAt, String(batch), file], {
          maxBuffer: 1 << 24,
        });
      };
      // Three processes, one article per transaction, in lockstep.
      const outs = await Promise.all([spawn(originals, 1), spawn(copiesA, 1), spawn(copiesB, 1)]);
      const decisions = outs.flatMap(
        (o) => JSON.parse(o.stdout) as Array<{ articleId: string; duplicateOf: string | null; supersedes?: string }>,
      );
      for (const story of originals) {
        const group = [story.id, `${story.id}~east`, `${story.id}~west`];
        expect(oneOriginal(group, decisions), story.id).toBe(true);
      }
      expect(await index.size()).toBe(450);
      // 8 s of start-up lead and 6 s of lockstep at the least: far past the unit tier's 20 s default on a loaded machine.
    }, 90_000);

    it('evicts articles published before the window across days, and a later copy then starts a new group', async () => {
      const { index } = await fresh();
      const day1 = stories(3, 1, '2025-03-01');
      const day2 = stories(3, 2, '2025-03-02'); // 00:00, 00:01, 00:02
      const day3 = stories(2, 3, '2025-03-03');
      await index.checkAndInsertMany([...day1, ...day2, ...day3].map((a) => fingerprint(a)));
      expect(await index.evict(new Date('2025-02-01T00:00:00Z'))).toBe(0);
      // Every article of day 1 and the first two of day 2 are older than 00:01:30 on day 2.
      expect(await index.evict(new Date('2025-03-02T00:01:30Z'))).toBe(5);
      expect(await index.size()).toBe(3);
      expect(await index.evict(new Date('2025-03-02T00:01:30Z'))).toBe(0);
      expect((await index.checkAndInsert(fingerprint(copyOf(day1[0]!, 'late')))).duplicateOf).toBeNull();
      expect((await index.checkAndInsert(fingerprint(copyOf(day2[2]!, 'late')))).duplicateOf).toBe(day2[2]!.id);
      // An article of an evicted day can still be indexed again (a backfill over old history).
      expect((await index.checkAndInsert(fingerprint(day1[1]!))).duplicateOf).toBeNull();
      expect(await index.size()).toBe(6);
    });

    it('records the series of each article: add is a union, replace overwrites, unknown ids are missing', async () => {
      const { spec, index } = await fresh();
      await index.recordSeries(
        [{ articleId: 'a', extractorVersion: '0.1.0', seriesIds: ['t:b:-:-:-', 't:a:-:-:-'] }],
        'add',
      );
      await index.recordSeries(
        [
          { articleId: 'a', extractorVersion: '0.2.0', seriesIds: ['t:a:-:-:-', 't:c:-:-:-'] },
          { articleId: 'b', extractorVersion: '0.1.0', seriesIds: [] },
        ],
        'add',
      );
      const got = await index.seriesOf(['a', 'b', 'missing']);
      expect(got.get('a')).toEqual({ extractorVersion: '0.1.0', seriesIds: ['t:a:-:-:-', 't:b:-:-:-', 't:c:-:-:-'] });
      expect(got.get('b')).toEqual({ extractorVersion: '0.1.0', seriesIds: [] });
      expect(got.has('missing')).toBe(false);
      await index.recordSeries(
        [{ articleId: 'a', extractorVersion: '0.1.0+2024-2', seriesIds: ['u:a:-:-:-'] }],
        'replace',
      );
      // Kept by the store, not the process: another connection sees it, and eviction leaves it alone.
      await index.evict(new Date('2100-01-01T00:00:00Z'));
      const other = await openStore(spec);
      expect((await other.seriesOf(['a'])).get('a')).toEqual({
        extractorVersion: '0.1.0+2024-2',
        seriesIds: ['u:a:-:-:-'],
      });
      await other.close();
    });

    it('refuses to open a store built with other fingerprint parameters', async () => {
      const { spec, index } = await fresh();
      await index.checkAndInsert(fingerprint(fixture('fx-power-outages')));
      const attempt = (async () => {
        const other = await openStore(spec, { ...DEDUP_PARAMS, seed: 7 });
        await other.close();
      })();
      await expect(attempt).rejects.toThrow(/other fingerprint parameters/);
    });
  });
}
