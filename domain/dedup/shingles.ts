import { fmix32, hashString32 } from './hash.ts';

// Odd multipliers per position in the shingle, so 'a b c d' and 'b a c d' hash differently.
const POSITION_MULS = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646c | 1, 0xfd7046c5, 0xb55a4f09];

/**
 * Distinct hashes of the word k-shingles of a token list (a text shorter than k words yields one
 * shingle of all its words; no words yields none). The reference implementation of what
 * `shingleHashesOf` computes from token hashes; kept for tests and callers with word lists.
 */
export function shingleHashes(words: readonly string[], k: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const tokenHashes = Uint32Array.from(words, hashString32);
  return shingleHashesOf(tokenHashes, tokenHashes.length, k, new Uint32Array(Math.max(1, words.length - k + 1)));
}

/**
 * `shingleHashes` from the first `count` token hashes (`hashString32` of each word), written into
 * `out` (at least max(1, count - k + 1) long) and returned as a sorted, distinct subarray of it.
 * Used by `fingerprint` with reused buffers, so no per-article allocation.
 */
export function shingleHashesOf(tokenHashes: Uint32Array, count: number, k: number, out: Uint32Array): Uint32Array {
  if (count === 0) return out.subarray(0, 0);
  const n = Math.max(1, count - k + 1);
  for (let i = 0; i < n; i++) {
    let h = k;
    const end = Math.min(i + k, count);
    for (let j = i; j < end; j++) h = (h + Math.imul(tokenHashes[j] as number, POSITION_MULS[(j - i) & 7] as number)) | 0;
    out[i] = fmix32(h);
  }
  const sorted = out.subarray(0, n).sort();
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i] as number;
    if (i === 0 || v !== sorted[m - 1]) sorted[m++] = v;
  }
  return sorted.subarray(0, m);
}
