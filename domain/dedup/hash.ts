import { createHash } from 'node:crypto';

// 32-bit hashing built on Math.imul so fingerprints are identical on every run, process and host:
// no Math.random, no per-process hash seeds.

/** murmur3's 32-bit finaliser: spreads every input bit over the output. Used by shingles, MinHash and LSH keys. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised with fmix32. Used to hash word tokens. */
export function hashString32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Folds another 32-bit value into a running hash (order-sensitive). Used for shingles and band keys. */
export function combine32(h: number, v: number): number {
  return fmix32(Math.imul(h ^ v, 0x9e3779b1) + 0x7f4a7c15);
}

/** Deterministic PRNG (mulberry32) used to derive the MinHash family from a fixed seed; also used by the eval stream. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * First 52 bits of sha-256 as a non-negative safe integer, so it round-trips through SQLite
 * INTEGER and JS numbers without BigInt. Collision odds at 1e6 keys: ~1e-4 per window; the
 * near-duplicate check still guards content matches. Used for URL and content keys.
 */
export function sha256Key52(s: string): number {
  const d = createHash('sha256').update(s).digest();
  return (d.readUInt32BE(0) & 0xfffff) * 2 ** 32 + d.readUInt32BE(4);
}
