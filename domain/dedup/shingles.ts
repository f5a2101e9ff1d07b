import { fmix32, hashString32 } from './hash.ts';

// Odd multipliers per position in the shingle, so 'a b c d' and 'b a c d' hash differently.
const POSITION_MULS = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646c | 1, 0xfd7046c5, 0xb55a4f09];

/**
 * Distinct hashes of the word k-shingles of a token list (a text shorter than k words yields one
 * shingle of all its words; no words yields none). Used by `fingerprint` before MinHash.
 */
export function shingleHashes(words: readonly string[], k: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const tokenHashes = words.map(hashString32);
  const count = Math.max(1, words.length - k + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = k;
    const end = Math.min(i + k, tokenHashes.length);
    for (let j = i; j < end; j++) h = (h + Math.imul(tokenHashes[j] ?? 0, POSITION_MULS[(j - i) & 7] ?? 1)) | 0;
    out[i] = fmix32(h);
  }
  out.sort();
  return unique(out);
}

function unique(sorted: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] ?? 0;
  }
  return sorted.subarray(0, n);
}
