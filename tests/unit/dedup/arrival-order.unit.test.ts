import { afterEach, describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { evolve, initialTally, summarise } from '../../../domain/tally/index.ts';
import type { TallyState } from '../../../schemas/tally.ts';
import { planTallyEvents } from '../../../domain/tally/plan.ts';
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
  canonicalUrl(x.article.url) === canonicalUrl(y.article.url) &&
  x.article.text === y.article.text &&
  x.article.published_at === y.article.published_at;

const byId = new Map(WILD_COPIES.map((w) => [w.article.id, w]));

describe('offline dedup (claimwatch dedup) on a shuffled stream', () => {
  it.each(Array.from({ length: 24 }, (_, i) => i + 1))(
    'links every real copy kind and every re-delivery to its first original (shuffle %i)',
    async (seed) => {
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
      expect(roots.size, 'one original per group, no group split, no merge').toBe(
        new Set(WILD_COPIES.map((w) => w.group)).size,
      );
      for (const w of stream) {
        const root = roots.get(w.group) as string;
        // The earliest publication, or (only when the gold original came later in the input) a delivery identical to it.
        expect(
          root === w.group || indistinguishable(byId.get(root) as WildCopy, byId.get(w.group) as WildCopy),
          `${w.group} root ${root}`,
        ).toBe(true);
        const d = verdict.get(w.article.id) as Decision;
        if (w.article.id === root) continue;
        expect(d.duplicateOf, `${w.article.id} (${w.kind})`).toBe(root);
        if (w.kind === 'redelivery' || w.kind === 'host-variant') expect(d.reason).toBe('same-url');
        if (w.kind === 'cut-copy') expect(d.reason).toBe('near-duplicate');
        if (w.kind === 'headline-copy') expect(['content', 'near-duplicate']).toContain(d.reason);
      }
      expect(verdict.get('rewrite-1')?.duplicateOf).toBeNull();
    },
  );

  it('puts a re-delivery with tracking parameters after the plain URL at the same time, whatever the input order', async () => {
    const [plain, tracked] = [byId.get('agency-1') as WildCopy, byId.get('agency-1-again') as WildCopy];
    const decisions = await dedupInPublicationOrder(
      memoryIndex(),
      [fingerprint(tracked.article), fingerprint(plain.article)],
      [true, false],
    );
    expect(decisions).toEqual([
      { duplicateOf: 'agency-1', similarity: 1, reason: 'same-url' },
      { duplicateOf: null, similarity: 0, reason: null },
    ]);
  });
});

describe('the pipeline index on a shuffled stream (arrival order)', () => {
  it.each(Array.from({ length: 24 }, (_, i) => i + 1))(
    'ends with the same groups and the earliest publication as each original (shuffle %i)',
    async (seed) => {
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
        expect(root.article.published_at, `${w.article.id}: the original is the earliest publication`).toBe(
          gold.article.published_at,
        );
        if (root !== gold) expect(indistinguishable(root, gold)).toBe(true);
      }
    },
  );

  it('given a copy indexed first, when the earlier publication arrives, then it becomes the original and supersedes the copy', async () => {
    const index = memoryIndex();
    const copy = byId.get('wire-1-site2') as WildCopy;
    const original = byId.get('wire-1') as WildCopy;
    expect((await index.checkAndInsert(fingerprint(copy.article))).duplicateOf).toBeNull();
    const d = await index.checkAndInsert(fingerprint(original.article));
    expect(d).toMatchObject({ duplicateOf: null, reason: null, supersedes: 'wire-1-site2' });
    // The former original's outlet and URL, as the index kept them, for its copy record.
    expect(d.supersedesRef).toEqual({ source: copy.article.source, url: copy.article.url });
    // Idempotent: a retried activity gets the first answers back.
    expect(await index.checkAndInsert(fingerprint(original.article))).toEqual(d);
    expect((await index.checkAndInsert(fingerprint(copy.article))).duplicateOf).toBeNull();
    // Later arrivals point at the new original, through the superseded one too.
    const again = await index.checkAndInsert(
      fingerprint({ ...copy.article, id: 'wire-1-site2-again', url: `${copy.article.url}?fbclid=1` }),
    );
    expect(again).toMatchObject({ duplicateOf: 'wire-1', reason: 'same-url' });
  });

  it("ranks equal publication times by receipt, then by id, whatever arrived first (the fold's rule)", async () => {
    const host = (byId.get('outlet-1') as WildCopy).article;
    const other = { ...host, id: 'outlet-1-elsewhere', url: 'https://thirdsite.example/evacuation' };
    // No receipt times (offline): the smaller id, even arriving second.
    const index = memoryIndex();
    await index.checkAndInsert(fingerprint(other));
    expect(await index.checkAndInsert(fingerprint(host))).toMatchObject({
      duplicateOf: null,
      supersedes: 'outlet-1-elsewhere',
    });
    // The earlier receipt beats the smaller id; a known receipt beats an unknown one.
    const timed = memoryIndex();
    await timed.checkAndInsert(fingerprint({ ...other, receivedAt: '2025-03-04T10:00:00Z' }));
    expect(await timed.checkAndInsert(fingerprint({ ...host, receivedAt: '2025-03-04T10:00:05Z' }))).toMatchObject({
      duplicateOf: 'outlet-1-elsewhere',
      reason: 'content',
    });
    const half = memoryIndex();
    await half.checkAndInsert(fingerprint({ ...other, receivedAt: '2025-03-04T10:00:00Z' }));
    expect(await half.checkAndInsert(fingerprint(host))).toMatchObject({ duplicateOf: 'outlet-1-elsewhere' });
  });
});

describe('ties of equal publication times: the index and the tally fold agree', () => {
  const taxonomy = defaultTaxonomy();
  // One story published by four outlets at the same minute (our own words), received at different or unknown times.
  const text =
    "Ukraine's air force said on Tuesday that Russia launched 64 drones overnight at targets in the Odesa region. " +
    'Air defence units shot down 51 of them, the military said.\n\nDebris damaged a school and two homes, officials said.';
  const members = [
    { id: 'tie-c', source: 'Outlet C', receivedAt: '2025-05-06T04:00:03Z' },
    { id: 'tie-a', source: 'Outlet A', receivedAt: undefined },
    { id: 'tie-d', source: 'Outlet D', receivedAt: '2025-05-06T04:00:01Z' },
    { id: 'tie-b', source: 'Outlet B', receivedAt: '2025-05-06T04:00:01Z' },
  ].map((m) => ({
    article: {
      id: m.id,
      url: `https://${m.id}.example/story`,
      source: m.source,
      published_at: '2025-05-06T03:58:00Z',
      title: 'Drones over Odesa',
      text,
    },
    receivedAt: m.receivedAt,
  }));

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))(
    'credits the same original in the index links and the fold, for any arrival order (order %i)',
    async (seed) => {
      const stream = shuffle(members, seed);
      const index = memoryIndex();
      const link = new Map<string, string>();
      const tallies = new Map<string, TallyState>();
      for (const m of stream) {
        const d = await index.checkAndInsert(
          fingerprint(m.receivedAt === undefined ? m.article : { ...m.article, receivedAt: m.receivedAt }),
        );
        if (d.duplicateOf !== null) link.set(m.article.id, d.duplicateOf);
        if (d.supersedes !== undefined) link.set(d.supersedes, m.article.id);
        for (const series of planTallyEvents(
          m.article,
          extractClaims(m.article, taxonomy),
          d.duplicateOf,
          true,
          m.receivedAt,
          d,
        )) {
          let state = tallies.get(series.seriesId) ?? initialTally(series.seriesId, series.key);
          for (const event of series.events) state = evolve(state, event);
          tallies.set(series.seriesId, state);
        }
      }
      const rootOf = (id: string): string => (link.has(id) ? rootOf(link.get(id) as string) : id);
      // Equal publication: tie-b and tie-d were received first and at the same second, so the smaller id wins.
      expect(new Set(members.map((m) => rootOf(m.article.id)))).toEqual(new Set(['tie-b']));
      expect(tallies.size).toBeGreaterThan(0);
      for (const state of tallies.values()) {
        const reports = summarise(state).reports;
        expect(reports.length).toBeGreaterThan(0);
        for (const r of reports) expect(r.articleId).toBe('tie-b');
      }
    },
  );
});
