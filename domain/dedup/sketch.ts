import { combine32 } from './hash.ts';

const CONTAINMENT_SALT = 0x6b07704d;

/**
 * LSH keys from the `n` smallest of a sorted shingle set (`DedupParams.containmentKeys`): salted apart from the band
 * keys, 31 bits like them. Each key depends on its shingle only, never on its rank, so a cut copy whose smallest
 * shingle is among its original's n smallest shares that key. Used by `fingerprint`.
 */
export function containmentKeys(sortedShingles: Uint32Array, n: number): number[] {
  return Array.from(sortedShingles.subarray(0, n), (h) => combine32(CONTAINMENT_SALT, h) >>> 1);
}

/**
 * Bottom-k sketch of a shingle set: its k smallest shingle hashes, ascending (the whole set when it has at most k).
 * Two sketches are exact samples of both sets below the smaller of their cut-offs, so shared, Jaccard and the
 * containment of either set in the other are estimated from one symmetric count, whatever the arrival order.
 */
export function bottomK(sortedShingles: Uint32Array, k: number): Uint32Array {
  return sortedShingles.slice(0, k);
}

/** Counts inside the region both sketches cover completely: shingles of a, of b, and shared. */
export interface SketchOverlap {
  a: number;
  b: number;
  shared: number;
}

/**
 * Overlap of two bottom-k sketches of sets with `aCount` and `bCount` shingles (a sketch is complete when it
 * holds its whole set). Used by `similarity`; linear in the sketch sizes.
 */
export function sketchOverlap(a: Uint32Array, aCount: number, b: Uint32Array, bCount: number): SketchOverlap {
  const cutA = a.length >= aCount ? Infinity : (a[a.length - 1] ?? Infinity);
  const cutB = b.length >= bCount ? Infinity : (b[b.length - 1] ?? Infinity);
  const cut = Math.min(cutA, cutB);
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x > cut || y > cut) break;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return { a: countUpTo(a, cut), b: countUpTo(b, cut), shared };
}

/** Entries of an ascending array that are ≤ cut (binary search). */
function countUpTo(xs: Uint32Array, cut: number): number {
  if (cut === Infinity) return xs.length;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= cut) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
