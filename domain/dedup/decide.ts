import { estimateJaccard } from './minhash.ts';
import { DEDUP_PARAMS, type DedupParams } from './params.ts';
import { sketchOverlap } from './sketch.ts';
import type { Candidate, Decision, Fingerprint } from './types.ts';

const CONTAINMENT_J_FLOOR = 0.2;
/** Fewest sampled shingles of the shorter body for its containment to count (fewer: Jaccard only). */
const MIN_CONTAINMENT_SAMPLE = 8;

/**
 * Near-duplicate similarity of two bodies: the Jaccard J, raised to the containment of the shorter body in the
 * longer one when the two are of comparable length, both counted on their bottom-k sketches (sketch.ts; the
 * MinHash signatures' estimate when either has none). Containment keeps trimmed copies (a prefix of the
 * original, the original plus a lead and a footer) similar; the length guard keeps a short report quoted inside a
 * long live blog (measured: containment 0.88, J 0.16 in the Guardian corpus) a distinct article. Symmetric in a
 * and b, so arrival order never changes it. Used by `decide`, the eval and the tests.
 */
export function similarity(
  a: Pick<Fingerprint, 'shingleCount' | 'signature' | 'sketch'>,
  b: Pick<Candidate, 'shingleCount' | 'signature' | 'sketch'>,
  minLengthRatio = DEDUP_PARAMS.minLengthRatio,
): number {
  if (a.shingleCount === 0 || b.shingleCount === 0) return 0;
  const small = Math.min(a.shingleCount, b.shingleCount);
  const large = Math.max(a.shingleCount, b.shingleCount);
  if (a.sketch !== undefined && b.sketch !== undefined && a.sketch.length > 0 && b.sketch.length > 0) {
    const o = sketchOverlap(a.sketch, a.shingleCount, b.sketch, b.shingleCount);
    const jaccard = o.shared / (o.a + o.b - o.shared);
    if (small < minLengthRatio * large) return jaccard;
    const sampled = a.shingleCount <= b.shingleCount ? o.a : o.b;
    const exact = a.sketch.length >= a.shingleCount && b.sketch.length >= b.shingleCount;
    if (sampled === 0 || (sampled < MIN_CONTAINMENT_SAMPLE && !exact)) return jaccard;
    return Math.max(jaccard, o.shared / sampled);
  }
  const j = estimateJaccard(a.signature, b.signature);
  // Containment from J and the set sizes is only as good as J's estimate: below the floor a few
  // chance matches would read as containment.
  if (j < CONTAINMENT_J_FLOOR || small < minLengthRatio * large) return j;
  const shared = (j * (small + large)) / (1 + j);
  return Math.max(j, Math.min(1, shared / small));
}

/**
 * Decides whether `fp` copies one of `candidates` (articles already indexed, any order).
 * Priority: same canonical URL (a re-delivery: answered with the FIRST article seen at that URL, whatever its
 * text, so a re-delivery never lands on a later variant), then same normalised content, then the most similar
 * candidate at or above the threshold; ties go to the earliest seen. A copy of a copy points at the group's
 * canonical. Pure: called by every DedupIndex inside its check-and-insert transaction.
 */
export function decide(
  fp: Fingerprint,
  candidates: readonly Candidate[],
  params: Pick<DedupParams, 'threshold' | 'minLengthRatio'> &
    Partial<Pick<DedupParams, 'maxPublishedGapMs'>> = DEDUP_PARAMS,
): Decision {
  const { threshold, minLengthRatio, maxPublishedGapMs = 0 } = params;
  let best: { c: Candidate; rank: number; sim: number } | null = null;
  let closest = 0;
  for (const c of candidates) {
    if (c.articleId === fp.articleId) continue;
    const sameUrl = fp.urlKey !== null && c.urlKey === fp.urlKey;
    // The window compares the two publication times, never the newest seen: an old story arriving late still meets its copies.
    if (
      !sameUrl &&
      maxPublishedGapMs > 0 &&
      c.publishedAt !== undefined &&
      Math.abs(c.publishedAt - fp.publishedAt) > maxPublishedGapMs
    )
      continue;
    const sim = fp.contentKey !== null && c.contentKey === fp.contentKey ? 1 : similarity(fp, c, minLengthRatio);
    closest = Math.max(closest, sim);
    const rank = sameUrl ? 3 : fp.contentKey !== null && c.contentKey === fp.contentKey ? 2 : sim >= threshold ? 1 : 0;
    if (rank === 0) continue;
    const better =
      best === null ||
      rank > best.rank ||
      (rank === best.rank &&
        (rank === 3 ? c.seq < best.c.seq : sim > best.sim || (sim === best.sim && c.seq < best.c.seq)));
    if (better) best = { c, rank, sim };
  }
  if (best === null) return { duplicateOf: null, similarity: round(closest), reason: null };
  const reason = best.rank === 3 ? 'same-url' : best.rank === 2 ? 'content' : 'near-duplicate';
  return { duplicateOf: best.c.canonicalId ?? best.c.articleId, similarity: round(best.sim), reason };
}

/** The original of a group as an index knows it: its id, publication time, receipt time (when known) and arrival order. */
export interface GroupOriginal {
  articleId: string;
  publishedAt: number;
  receivedAt?: number;
  seq: number;
}

/** When an article was published and received (epoch ms; receipt unknown offline), and its id. */
export interface PublicationOrder {
  articleId: string;
  publishedAt: number;
  receivedAt?: number;
}

/**
 * True when `a` ranks before `b` as a group's original: the earlier publication; equal times by the earlier receipt (a
 * known receipt before an unknown one); then the smaller id (code-unit order). The same rule as the tally fold's
 * credited original (domain/tally/reports.ts, `creditedOf`), so the index's copy links and the fold's credit agree
 * on ties. An unparsable publication time (NaN) never ranks first.
 */
export function publishedBefore(a: PublicationOrder, b: PublicationOrder): boolean {
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt;
  if (a.receivedAt !== b.receivedAt)
    return b.receivedAt === undefined || (a.receivedAt !== undefined && a.receivedAt < b.receivedAt);
  return a.articleId < b.articleId;
}

/**
 * The earliest publication is the original (issue 16): a copy (by content or near-duplicate) that ranks before its
 * group's original (`publishedBefore`) becomes the original and supersedes it. A re-delivery of a known URL never
 * does (same page, same publication). Pure: called by every DedupIndex after `decide`, with the group original it
 * looked up.
 */
export function earliestOriginal(fp: Fingerprint, decision: Decision, original: GroupOriginal | undefined): Decision {
  if (decision.duplicateOf === null || decision.reason === 'same-url' || original === undefined) return decision;
  if (!publishedBefore(fp, original)) return decision;
  return { duplicateOf: null, similarity: decision.similarity, reason: null, supersedes: original.articleId };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
