import { fmix32, hashString32 } from './hash.ts';

// Odd multipliers per position in the shingle, so 'a b c d' and 'b a c d' hash differently.
const POSITION_MULS = [
  0x9e3779b1,
  0x85ebca77,
  0xc2b2ae3d,
  0x27d4eb2f,
  0x165667b1,
  0xd3a2646c | 1,
  0xfd7046c5,
  0xb55a4f09,
];

/**
 * Distinct hashes of the word k-shingles of one paragraph's token list (a text shorter than k words yields one
 * shingle of all its words; no words yields none). The reference implementation of what
 * `shingleHashesOf` computes from token hashes; kept for tests and callers with word lists.
 */
export function shingleHashes(words: readonly string[], k: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const tokenHashes = Uint32Array.from(words, hashString32);
  return shingleHashesOf(tokenHashes, tokenHashes.length, k, new Uint32Array(Math.max(1, words.length)));
}

/**
 * Distinct, sorted hashes of the word k-shingles of each paragraph: shingles never span a paragraph break,
 * so a copy with two paragraphs swapped, one removed or a line inserted keeps every other shingle. A
 * paragraph shorter than k words gives one shingle of all its words. Inputs: the first `count` token hashes
 * (`hashString32` of each word) and the first token of each paragraph (`starts`, first `paragraphs` entries,
 * starting at 0; none given = one paragraph). Writes into `out` (at least `count` long, or 1) and returns a
 * subarray of it. Used by `fingerprint` with reused buffers, so no per-article allocation.
 */
export function shingleHashesOf(
  tokenHashes: Uint32Array,
  count: number,
  k: number,
  out: Uint32Array,
  starts: Uint32Array = ONE_PARAGRAPH,
  paragraphs = 1,
): Uint32Array {
  if (count === 0) return out.subarray(0, 0);
  let n = 0;
  for (let p = 0; p < paragraphs; p++) {
    const from = starts[p] as number;
    const to = p + 1 < paragraphs ? (starts[p + 1] as number) : count;
    const last = Math.max(from + 1, to - k + 1);
    for (let i = from; i < last; i++) {
      let h = k;
      const end = Math.min(i + k, to);
      for (let j = i; j < end; j++)
        h = (h + Math.imul(tokenHashes[j] as number, POSITION_MULS[(j - i) & 7] as number)) | 0;
      out[n++] = fmix32(h);
    }
  }
  const sorted = out.subarray(0, n).sort();
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i] as number;
    if (i === 0 || v !== sorted[m - 1]) sorted[m++] = v;
  }
  return sorted.subarray(0, m);
}

const ONE_PARAGRAPH = new Uint32Array(1);
