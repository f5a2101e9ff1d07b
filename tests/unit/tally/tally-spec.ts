import { expect } from 'vitest';
import type { Claim, Quantity } from '../../../schemas/claim.ts';
import { seriesId } from '../../../domain/tally/series.ts';
import type { SeriesKey, TallyEvent, TallyState, TallySummary } from '../../../schemas/tally.ts';
import { evolve, initialTally, summarise } from '../../../domain/tally/index.ts';

/** The series most fixtures live in: settlements Ukraine took from Russia in Kursk oblast. */
export const KURSK_SETTLEMENTS: SeriesKey = {
  topic: 'settlements-captured',
  actor: 'ukraine',
  counterpart: 'russia',
  item: null,
  place: 'kursk-oblast',
};
export const KURSK_AREA: SeriesKey = { ...KURSK_SETTLEMENTS, topic: 'territory-area' };

// ---- quantities (claims.md §3) ----
export const exact = (value: number, unit = 'count'): Quantity => ({
  value,
  unit,
  qualifier: 'exact',
  low: value,
  high: value,
});
export const moreThan = (value: number, unit = 'count'): Quantity => ({
  value,
  unit,
  qualifier: 'more-than',
  low: value,
  high: null,
});
export const about = (value: number, unit = 'count'): Quantity => ({
  value,
  unit,
  qualifier: 'approx',
  low: null,
  high: null,
});
export const upTo = (value: number, unit = 'count'): Quantity => ({
  value,
  unit,
  qualifier: 'up-to',
  low: null,
  high: value,
});

/** A hand-written claim in the Kursk settlements series unless `key` says otherwise. */
export function claim(
  fields: Partial<Omit<Claim, keyof SeriesKey>> & { id: string; articleId: string; quantity: Quantity; asOf: string },
  key: SeriesKey = KURSK_SETTLEMENTS,
): Claim {
  const quote = fields.evidence?.quote ?? `Reported figure: ${fields.quantity.value}.`;
  return {
    ...key,
    kind: 'total',
    period: null,
    attribution: [],
    hedge: null,
    evidence: { quote, start: 0, end: quote.length },
    extractor: { name: 'rules', version: '1.0.0' },
    ...fields,
  };
}

// ---- events ----
export const reported = (c: Claim, source: string, copyOf: string | null = null): TallyEvent => ({
  type: 'ClaimReported',
  data: { claim: c, source, url: `https://example.test/${c.articleId}`, copyOf },
});
export const copied = (articleId: string, canonicalArticleId: string, source: string): TallyEvent => ({
  type: 'ArticleCopyRecorded',
  data: { articleId, source, url: `https://example.test/${articleId}`, canonicalArticleId },
});
export const reextracted = (
  articleId: string,
  extractorVersion: string,
  claims: Claim[],
  source: string,
): TallyEvent => ({
  type: 'ArticleClaimsReplaced',
  data: { articleId, source, url: `https://example.test/${articleId}`, extractorVersion, claims },
});

/** Given these events (folded from the empty tally of `key`): the state, its summary, and a `when` for commands. */
export function given(events: readonly TallyEvent[], key: SeriesKey = KURSK_SETTLEMENTS) {
  const state = events.reduce(evolve, initialTally(seriesId(key), key));
  return {
    state,
    summary: summarise(state),
    when: (command: (state: TallyState) => TallyEvent[]) => ({
      then: (expected: TallyEvent[]) => expect(command(state)).toStrictEqual(expected),
      thenNothing: () => expect(command(state)).toStrictEqual([]),
      thenThrows: (name: string) => expect(() => command(state)).toThrow(expect.objectContaining({ name })),
    }),
  };
}

/** A reproducible shuffle (mulberry32), so a failing order can be replayed from its seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The figure values of a summary, for short assertions. */
export const figures = (s: TallySummary) => ({
  latest: s.latest?.value ?? null,
  conservative: s.conservative?.value ?? null,
  highest: s.highest?.value ?? null,
});
