import { afterEach, describe, expect, it } from 'vitest';
import { createFingerprinter, fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { DEDUP_PARAMS } from '../../../domain/dedup/params.ts';
import type { Decision, Fingerprint } from '../../../domain/dedup/types.ts';
import type { Article } from '../../../schemas/article.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { closeIndexes, memoryIndex } from './helpers.ts';
import { BRIEFS, ORIGINALS, PORT_OTHER_WRITE_UP } from './wild-articles.ts';
import {
  ALSO_READ,
  BODY_EDITS,
  combinations,
  copyOf,
  editBody,
  EDITOR_LEADS,
  FOOTERS,
  straighten,
  urlVariants,
  type BodyEdit,
} from './wild-edits.ts';

// Issue 16's audit: wire copies with the edits they pick up in the wild, alone and in every combination of 2–5,
// built deterministically from our own articles (wild-articles.ts) by our own edit functions (not the eval
// generator's), and decided through the pipeline's path: `fingerprint` → SQLite index `checkAndInsertMany` (LSH
// candidates, then `decide`). Given an indexed article, when its copy arrives (or the copy first, then the
// earlier-published original), then the two are linked; different write-ups and stories that only share
// boilerplate never are.

afterEach(closeIndexes);

// Each article is fingerprinted once, whichever order and index it goes into.
const fingerprints = new WeakMap<Article, Fingerprint>();
const fingerprintOf = (a: Article): Fingerprint => {
  let fp = fingerprints.get(a);
  if (fp === undefined) fingerprints.set(a, (fp = fingerprint(a)));
  return fp;
};

/** Runs `first` then `second` through a fresh index (the pipeline's batch call); their two decisions. */
async function decideInOrder(first: Article, second: Article): Promise<[Decision, Decision]> {
  const index = createSqliteDedupIndex({ path: ':memory:' });
  try {
    const [a, b] = await index.checkAndInsertMany([fingerprintOf(first), fingerprintOf(second)]);
    return [a as Decision, b as Decision];
  } finally {
    await index.close();
  }
}

/**
 * Whether `copy` is linked to `original` in both arrival orders: the copy a duplicate of the original when it
 * arrives second; the original superseding the copy (the earlier publication) when it arrives second.
 */
async function linkedBothWays(original: Article, copy: Article): Promise<string[]> {
  const problems: string[] = [];
  const [, later] = await decideInOrder(original, copy);
  if (later.duplicateOf !== original.id) problems.push(`copy second: ${JSON.stringify(later)}`);
  const [, earlier] = await decideInOrder(copy, original);
  if (earlier.supersedes !== copy.id) problems.push(`original second: ${JSON.stringify(earlier)}`);
  return problems;
}

/** Whether `a` and `b` stay apart in both arrival orders. */
async function apartBothWays(a: Article, b: Article): Promise<string[]> {
  const problems: string[] = [];
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const [dx, dy] = await decideInOrder(x, y);
    if (dy.duplicateOf !== null || dy.supersedes !== undefined || dx.duplicateOf !== null)
      problems.push(`${x.id} then ${y.id}: ${JSON.stringify(dy)}`);
  }
  return problems;
}

describe('wild syndicated copies are linked to their original', () => {
  it('builds copies whose body each edit changes (a new headline only in the title aside)', () => {
    const original = ORIGINALS[0] as Article;
    for (const kind of BODY_EDITS)
      for (const v of [0, 1, 2])
        if (kind !== 'headline' || v % 2 === 1)
          expect(editBody(original.text, [kind], v), `${kind} v${v}`).not.toBe(original.text);
    expect(copyOf(original, ['headline'], 0)).toMatchObject({ text: original.text });
    expect(copyOf(original, ['headline'], 0).title).not.toBe(original.title);
    for (const k of [2, 3, 4, 5])
      for (const [i, edits] of combinations(k).entries())
        expect(copyOf(original, edits, i).text, edits.join('+')).not.toBe(original.text);
  });

  describe.each(ORIGINALS.map((o, i) => [o.id, o, i] as const))('%s', (_, original, at) => {
    it.each(BODY_EDITS.flatMap((k) => [0, 1, 2].map((v) => [k, v] as const)))(
      'links a copy with one edit: %s (variant %i)',
      async (kind, v) => {
        expect(await linkedBothWays(original, copyOf(original, [kind], v))).toEqual([]);
      },
    );

    it.each([2, 3, 4, 5])(
      'links every copy with a combination of %i edits',
      async (k) => {
        const missed: string[] = [];
        for (const [i, edits] of combinations(k).entries()) {
          const copy = copyOf(original, edits, i + at);
          for (const p of await linkedBothWays(original, copy)) missed.push(`${edits.join('+')} v${i + at}: ${p}`);
        }
        expect(missed).toEqual([]);
      },
      180_000,
    );
  });
});

describe('re-deliveries of a known page are answered as same-url with the original', () => {
  describe.each(ORIGINALS.map((o) => [o.id, o] as const))('%s', (_, original) => {
    it.each(urlVariants(original.url).map((u, i) => [u, i] as const))('at %s', async (url, i) => {
      const again: Article = {
        ...original,
        id: `${original.id}-again-${i}`,
        url,
        text: i % 2 === 0 ? original.text : straighten(original.text),
      };
      const [, d] = await decideInOrder(original, again);
      expect(d).toMatchObject({ duplicateOf: original.id, reason: 'same-url' });
    });

    it('answers with the original, not a copy seen in between, when the stream already holds its copies', async () => {
      const copies = BODY_EDITS.map((k, v) => copyOf(original, [k], v));
      const againAt = urlVariants(original.url).map((url, i) => ({ ...original, id: `${original.id}-r${i}`, url }));
      const decisions = await memoryIndex().checkAndInsertMany(
        [original, ...copies, ...againAt].map((a) => fingerprint(a)),
      );
      const ofCopies = decisions.slice(1, 1 + copies.length);
      const ofAgain = decisions.slice(1 + copies.length);
      expect(ofCopies.map((d) => d.duplicateOf)).toEqual(copies.map(() => original.id));
      expect(ofAgain.map((d) => [d.duplicateOf, d.reason])).toEqual(againAt.map(() => [original.id, 'same-url']));
    });
  });
});

// Furniture a wire desk puts on every story: the same editor's lead, footer, "Also Read" lines and dateline.
const FURNITURE_SETS: ReadonlyArray<readonly BodyEdit[]> = [
  ['editor-lead', 'footer'],
  ['also-read', 'footer', 'dateline'],
  ['editor-lead', 'also-read', 'footer', 'dateline', 'quotes'],
  ['editor-lead', 'also-read', 'footer', 'double-spaces', 'synonyms'],
];
/** The same furniture on any body (variant fixed, so two stories get identical lines). */
const furnished = (a: Article, edits: readonly BodyEdit[], v: number, id = `${a.id}~furnished`): Article => ({
  ...a,
  id,
  url: `${a.url}-furnished`,
  text: editBody(a.text, edits, v),
});

describe('look-alikes are never merged', () => {
  it.each(FURNITURE_SETS.flatMap((edits) => [0, 1, 2, 3].map((v) => [edits.join('+'), edits, v] as const)))(
    'keeps different stories apart when they share boilerplate: %s (variant %i)',
    async (_, edits, v) => {
      const stories = [...ORIGINALS, ...BRIEFS];
      const merged: string[] = [];
      for (const [i, a] of stories.entries())
        for (const b of stories.slice(i + 1))
          merged.push(...(await apartBothWays(furnished(a, edits, v), furnished(b, edits, v))));
      expect(merged).toEqual([]);
    },
  );

  it('keeps two short briefs apart when each is wrapped in two editor leads, two footers and two "Also Read" lines', async () => {
    const wrap = (a: Article): Article => ({
      ...a,
      id: `${a.id}~wrapped`,
      text: [
        EDITOR_LEADS[3],
        EDITOR_LEADS[4],
        a.text,
        ALSO_READ[0],
        ALSO_READ[1],
        ...(FOOTERS[1] ?? []),
        ...(FOOTERS[2] ?? []),
      ].join('\n\n'),
    });
    expect(await apartBothWays(wrap(BRIEFS[0] as Article), wrap(BRIEFS[1] as Article))).toEqual([]);
  });

  const SAME_STORY_EDITS: ReadonlyArray<readonly BodyEdit[]> = [
    [],
    ...FURNITURE_SETS,
    ['cut-half', 'footer'],
    ['synonyms', 'quotes'],
  ];
  it.each(SAME_STORY_EDITS.map((e) => [e.join('+') || 'none', e] as const))(
    'keeps another write-up of the same story apart from the original, both with the same edits: %s',
    async (_, edits) => {
      const v = edits.length;
      const original = edits.length === 0 ? (ORIGINALS[0] as Article) : furnished(ORIGINALS[0] as Article, edits, v);
      const other =
        edits.length === 0 ? PORT_OTHER_WRITE_UP : furnished(PORT_OTHER_WRITE_UP, edits, v, 'rewrite~furnished');
      expect(await apartBothWays(original, other)).toEqual([]);
    },
  );
});

// A copy cut to its first 5 of 14 paragraphs (36% of the shingles, above the length guard) that happens to share no
// LSH band with its original (found by search over cuts of our three stories; ~2% of such cuts at 16x2).
describe('containment keys (DedupParams.containmentKeys; 0 in production until measured for speed)', () => {
  const original = ORIGINALS[0] as Article;
  const cut: Article = {
    ...copyOf(original, [], 0),
    text: original.text.split('\n\n').slice(0, 5).join('\n\n'),
  };
  const decideWith = async (containmentKeys: number): Promise<Decision | undefined> => {
    const params = { ...DEDUP_PARAMS, containmentKeys };
    const fp = createFingerprinter(params);
    const index = createSqliteDedupIndex({ path: ':memory:', params });
    try {
      return (await index.checkAndInsertMany([fp(original), fp(cut)]))[1];
    } finally {
      await index.close();
    }
  };

  it('the cut copy shares no band key with its original', () => {
    const [a, b] = [fingerprint(original), fingerprint(cut)];
    expect(a.bandKeys.filter((k, i) => b.bandKeys[i] === k)).toEqual([]);
  });

  it('without them the cut copy is missed (no candidate); with 4 it is linked', async () => {
    expect((await decideWith(0))?.duplicateOf).toBeNull();
    expect(await decideWith(4)).toMatchObject({ duplicateOf: original.id, reason: 'near-duplicate' });
  });
});
