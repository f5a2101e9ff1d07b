/*
 * A set of strings remembered only by a 48-bit hash each, packed as sorted deltas in a short text: what a bounded
 * series state keeps of every article it has folded into its aggregates, so a redelivery is still recognised.
 * ~7 characters per member (JSON-safe, no Buffer: workflow code uses it). A new member is taken for a known one with
 * probability members / 2^48 (3.6e-10 per lookup at 100,000 members).
 */

const BITS = 48;
const MOD = 2 ** BITS;
// Each character carries 5 bits of a delta and a continuation flag: 64 characters, none needing a JSON escape.
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const VALUE = new Map([...DIGITS].map((c, i) => [c.charCodeAt(0), i]));
const CODES = Array.from({ length: 128 }, (_, code) => VALUE.get(code) ?? 0);

/** The 48-bit hash of a member (cyrb53 truncated): deterministic in every process, a plain number. */
export function hash48(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return ((h2 >>> 0) % 65536) * 2 ** 32 + (h1 >>> 0);
}

/** The sorted hashes of a packed set. Called by the bounded fold when it adds members; never throws on its own output. */
export function unpackHashes(packed: string): number[] {
  const out: number[] = [];
  let value = 0;
  let scale = 1;
  let previous = 0;
  for (let i = 0; i < packed.length; i++) {
    const digit = CODES[packed.charCodeAt(i) & 127] as number;
    value += (digit & 31) * scale;
    scale *= 32;
    if (digit < 32) {
      previous += value;
      out.push(previous);
      value = 0;
      scale = 1;
    }
  }
  return out;
}

/** Packs sorted, distinct hashes (`unpackHashes`' inverse). */
export function packHashes(sorted: readonly number[]): string {
  let out = '';
  let previous = 0;
  for (const h of sorted) {
    let delta = h - previous;
    previous = h;
    while (delta >= 32) {
      out += DIGITS[32 + (delta % 32)];
      delta = Math.floor(delta / 32);
    }
    out += DIGITS[delta];
  }
  return out;
}

/** True when `hash` is in the sorted array. */
export function hasHash(sorted: readonly number[], hash: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < hash) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo] === hash;
}

/** The sorted union of sorted hashes and further (unsorted) ones. */
export function withHashes(sorted: readonly number[], more: Iterable<number>): number[] {
  const all = [...sorted, ...more].sort((a, b) => a - b);
  return all.filter((h, i) => i === 0 || h !== all[i - 1]);
}

/** The sorted hashes without `remove`. */
export function withoutHashes(sorted: readonly number[], remove: ReadonlySet<number>): number[] {
  return sorted.filter((h) => !remove.has(h));
}

export const HASH_SPACE = MOD;
