import type { Article } from '../../schemas/article.ts';
import { fingerprint } from '../../domain/dedup/fingerprint.ts';
import { canonicalArticleId } from '../../domain/ingest/canonical-id.ts';
import { createSqliteDedupIndex } from '../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { generateArticles } from '../bench/generate-articles.ts';

/** Seeded 32-bit LCG in [0, 1): the same stream for the same seed. */
function random(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

function shuffled<T>(items: readonly T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const desks = ['Northern Dispatch', 'Harbour Times', 'Plains Gazette', 'Valley Post'];

/**
 * A syndicated copy in our own words: the same report under another outlet, URL and id, a credit line added, published
 * a few hours later (so it is never the earliest of its group).
 */
export function syndicatedCopy(original: Article, n: number): Article {
  const desk = desks[n % desks.length] as string;
  const later = new Date(Date.parse(original.published_at) + (2 + (n % 5)) * 3_600_000)
    .toISOString()
    .replace('.000Z', 'Z');
  return {
    ...original,
    id: `${original.id}-copy-${n}`,
    url: `https://${desk.toLowerCase().replace(/\s+/g, '-')}.example/wire/${original.id}-${n}`,
    source: desk,
    published_at: later,
    text: `${original.text}\n\n(Distributed by the ${desk} wire desk.)`,
  };
}

export interface ChaosStream {
  /** What to publish, phase by phase (each phase shuffled). */
  phases: Article[][];
  /** Every message in the order the reference fold takes them: all first deliveries, then all repeats. */
  all: Article[];
  counts: { roots: number; copies: number; redeliveries: number; trackingRedeliveries: number; sampleRepeats: number };
}

/**
 * The stream a chaos run feeds: `originals` generated articles and the sample corpus (with its own syndicated copies and
 * conflicting sources), plus syndicated copies of some generated articles and re-deliveries of others (the same message
 * again, and the same page with tracking parameters). Phase k holds the k-th share of the first deliveries and the
 * repeats of phase k-1's, so a copy or re-delivery is only published once what it repeats has been processed (the
 * caller settles between phases): which member of a group is the original then does not depend on the pipeline's
 * concurrency, and the in-process fold (first deliveries, then repeats, any order within each) is the exact reference.
 */
export async function chaosStream(options: {
  originals: number;
  sample: Article[];
  phases: number;
  seed: number;
}): Promise<ChaosStream> {
  const rnd = random(options.seed);
  const generated = generateArticles(options.originals, options.seed);
  // The sample's first deliveries: what the dedup index calls originals when the corpus arrives in publication order.
  const index = createSqliteDedupIndex({ path: ':memory:' });
  const sampleRoots: Article[] = [];
  const sampleRepeats: Article[] = [];
  const seen = new Set<string>();
  try {
    for (const a of [...options.sample].sort((x, y) => x.published_at.localeCompare(y.published_at))) {
      const id = canonicalArticleId(a);
      const repeat = seen.has(id) || (await index.checkAndInsert(fingerprint(a))).duplicateOf !== null;
      seen.add(id);
      (repeat ? sampleRepeats : sampleRoots).push(a);
    }
  } finally {
    await index.close();
  }
  const roots = shuffled([...generated, ...sampleRoots], rnd);
  const repeatsOf = new Map<Article, Article[]>();
  const counts = {
    roots: roots.length,
    copies: 0,
    redeliveries: 0,
    trackingRedeliveries: 0,
    sampleRepeats: sampleRepeats.length,
  };
  generated.forEach((a, i) => {
    const r: Article[] = [];
    if (i % 7 === 3) {
      r.push(syndicatedCopy(a, i));
      counts.copies++;
    }
    if (i % 11 === 5) {
      r.push(a);
      counts.redeliveries++;
    }
    if (i % 11 === 8) {
      r.push({ ...a, url: `${a.url}?utm_source=newsletter&utm_medium=email` });
      counts.trackingRedeliveries++;
    }
    repeatsOf.set(a, r);
  });
  const size = Math.ceil(roots.length / options.phases);
  const chunks = Array.from({ length: options.phases }, (_, k) => roots.slice(k * size, (k + 1) * size));
  const repeats = chunks.map((chunk) => chunk.flatMap((a) => repeatsOf.get(a) ?? []));
  // The sample's repeats go with the phase after its last root.
  const lastSamplePhase = Math.max(...sampleRoots.map((a) => chunks.findIndex((c) => c.includes(a))));
  const phases = Array.from({ length: options.phases + 1 }, (_, k) =>
    shuffled(
      [...(chunks[k] ?? []), ...(repeats[k - 1] ?? []), ...(k === lastSamplePhase + 1 ? sampleRepeats : [])],
      rnd,
    ),
  );
  return { phases, all: [...roots, ...repeats.flat(), ...sampleRepeats], counts };
}
