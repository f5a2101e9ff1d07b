import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { mulberry32 } from '../../../domain/dedup/hash.ts';
import type { Decision } from '../../../domain/dedup/types.ts';
import { canonicalUrl, hasTrackingParams } from '../../../domain/dedup/url.ts';
import { dedupInPublicationOrder } from '../../../services/app/cli/commands/dedup.run.ts';
import { WILD_COPIES, type WildCopy } from '../../fixtures/dedup/wild-copies.ts';
import { closeIndexes, memoryIndex } from './helpers.ts';

afterEach(closeIndexes);

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const rng = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The same page, text and time as the gold original: a delivery nothing can tell from it but its id. */
const indistinguishable = (x: WildCopy, y: WildCopy): boolean =>
  canonicalUrl(x.article.url) === canonicalUrl(y.article.url) && x.article.text === y.article.text && x.article.published_at === y.article.published_at;

const byId = new Map(WILD_COPIES.map((w) => [w.article.id, w]));

describe('offline dedup (claimwatch dedup) on a shuffled stream', () => {
  it.each(Array.from({ length: 24 }, (_, i) => i + 1))('links every real copy kind and every re-delivery to its first original (shuffle %i)', async (seed) => {
    const stream = shuffle(WILD_COPIES, seed);
    const decisions = await dedupInPublicationOrder(
      memoryIndex(),
      stream.map((w) => fingerprint(w.article)),
      stream.map((w) => hasTrackingParams(w.article.url)),
    );
    const verdict = new Map(stream.map((w, i) => [w.article.id, decisions[i] as Decision]));
    // The root each group got: its one member with no duplicateOf.
    const roots = new Map<string, string>();
    for (const w of stream) if (verdict.get(w.article.id)?.duplicateOf === null) roots.set(w.group, w.article.id);
    expect(roots.size, 'one original per group, no group split, no merge').toBe(new Set(WILD_COPIES.map((w) => w.group)).size);
    for (const w of stream) {
      const root = roots.get(w.group) as string;
      // The earliest publication, or (only when the gold original came later in the input) a delivery identical to it.
      expect(root === w.group || indistinguishable(byId.get(root) as WildCopy, byId.get(w.group) as WildCopy), `${w.group} root ${root}`).toBe(true);
      const d = verdict.get(w.article.id) as Decision;
      if (w.article.id === root) continue;
      expect(d.duplicateOf, `${w.article.id} (${w.kind})`).toBe(root);
      if (w.kind === 'redelivery' || w.kind === 'host-variant') expect(d.reason).toBe('same-url');
      if (w.kind === 'cut-copy') expect(d.reason).toBe('near-duplicate');
      if (w.kind === 'headline-copy') expect(['content', 'near-duplicate']).toContain(d.reason);
    }
    expect(verdict.get('rewrite-1')?.duplicateOf).toBeNull();
  });

  it('puts a re-delivery with tracking parameters after the plain URL at the same time, whatever the input order', async () => {
    const [plain, tracked] = [byId.get('agency-1') as WildCopy, byId.get('agency-1-again') as WildCopy];
    const decisions = await dedupInPublicationOrder(memoryIndex(), [fingerprint(tracked.article), fingerprint(plain.article)], [true, false]);
    expect(decisions).toEqual([{ duplicateOf: 'agency-1', similarity: 1, reason: 'same-url' }, { duplicateOf: null, similarity: 0, reason: null }]);
  });
});

describe('the pipeline index on a shuffled stream (arrival order)', () => {
  it.each(Array.from({ length: 24 }, (_, i) => i + 1))('ends with the same groups and the earliest publication as each original (shuffle %i)', async (seed) => {
    const index = memoryIndex();
    const stream = shuffle(WILD_COPIES, seed);
    const decisions: Decision[] = [];
    for (const w of stream) decisions.push(await index.checkAndInsert(fingerprint(w.article)));
    // Links as the tally events carry them: a copy to its original, a superseded original to its successor.
    const link = new Map<string, string>();
    stream.forEach((w, i) => {
      const d = decisions[i] as Decision;
      if (d.duplicateOf !== null) link.set(w.article.id, d.duplicateOf);
      if (d.supersedes !== undefined) link.set(d.supersedes, w.article.id);
    });
    const rootOf = (id: string): string => {
      let r = id;
      for (let hops = 0; link.has(r) && hops < 20; hops++) r = link.get(r) as string;
      return r;
    };
    for (const w of stream) {
      const root = byId.get(rootOf(w.article.id)) as WildCopy;
      const gold = byId.get(w.group) as WildCopy;
      expect(root.group, `${w.article.id} grouped with ${root.article.id}`).toBe(w.group);
      expect(root.article.published_at, `${w.article.id}: the original is the earliest publication`).toBe(gold.article.published_at);
      if (root !== gold) expect(indistinguishable(root, gold)).toBe(true);
    }
  });

  it('given a copy indexed first, when the earlier publication arrives, then it becomes the original and supersedes the copy', async () => {
    const index = memoryIndex();
    const copy = byId.get('wire-1-site2') as WildCopy;
    const original = byId.get('wire-1') as WildCopy;
    expect((await index.checkAndInsert(fingerprint(copy.article))).duplicateOf).toBeNull();
    const d = await index.checkAndInsert(fingerprint(original.article));
    expect(d).toMatchObject({ duplicateOf: null, reason: null, supersedes: 'wire-1-site2' });
    // Idempotent: a retried activity gets the first answers back.
    expect(await index.checkAndInsert(fingerprint(original.article))).toEqual(d);
    expect((await index.checkAndInsert(fingerprint(copy.article))).duplicateOf).toBeNull();
    // Later arrivals point at the new original, through the superseded one too.
    const again = await index.checkAndInsert(fingerprint({ ...copy.article, id: 'wire-1-site2-again', url: `${copy.article.url}?fbclid=1` }));
    expect(again).toMatchObject({ duplicateOf: 'wire-1', reason: 'same-url' });
  });

  it('keeps the first arrival as original when the publication times are equal (ties go to the earlier received)', async () => {
    const index = memoryIndex();
    const host = byId.get('outlet-1-bare') as WildCopy;
    const other = { ...host.article, id: 'outlet-1-elsewhere', url: 'https://thirdsite.example/evacuation' };
    await index.checkAndInsert(fingerprint(other));
    expect(await index.checkAndInsert(fingerprint((byId.get('outlet-1') as WildCopy).article))).toMatchObject({ duplicateOf: 'outlet-1-elsewhere', reason: 'content' });
  });
});
