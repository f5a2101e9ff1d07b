import { describe, expect, it } from 'vitest';
import { hashString32, mulberry32 } from '../../../domain/dedup/hash.ts';
import { minHashFamily, minHashSignature } from '../../../domain/dedup/minhash.ts';
import { createTokenScan, normaliseBody, scanTokens, tokens } from '../../../domain/dedup/normalise.ts';
import { shingleHashes, shingleHashesOf } from '../../../domain/dedup/shingles.ts';
import { fixtureArticles } from './helpers.ts';

// The fingerprint's single-pass scanner and blocked MinHash must give exactly the reference
// results: any difference would change content keys and signatures of an existing index.
const PIECES = [
  'a',
  'B',
  'é',
  'Ö',
  'ß',
  'ǅ',
  '1',
  '٣',
  '²',
  "'",
  '’',
  ' ',
  '\n',
  '-',
  '—',
  '\u00a0',
  '\u200b',
  '𝐀',
  '𠀀',
  '😀',
  '\ud800',
  '\udc00',
  'İ',
  'ﬁ',
  'Ⅻ',
  '½',
  '.',
  '"',
  "x'y",
  "''",
  "don't",
  "a'b1",
  '\t',
  '©',
  'Σ',
  'ﾊ',
  '\u0301',
  'e\u0301',
];

function texts(): string[] {
  const rng = mulberry32(7);
  const out = fixtureArticles().map((a) => normaliseBody(a.text));
  for (let i = 0; i < 2000; i++) {
    let t = '';
    for (let n = Math.floor(rng() * 120); n > 0; n--) t += PIECES[Math.floor(rng() * PIECES.length)];
    out.push(t, normaliseBody(t));
  }
  return out;
}

describe('fingerprint fast paths', () => {
  it('scanTokens equals tokens + hashString32 + UTF-8 of the space-joined tokens', () => {
    const scan = createTokenScan();
    for (const text of texts()) {
      const words = tokens(text);
      scanTokens(text, scan);
      expect(scan.count).toBe(words.length);
      expect([...scan.hashes.subarray(0, scan.count)]).toEqual(words.map(hashString32));
      expect(scan.bytes.subarray(0, scan.byteLength).toString('utf8')).toBe(words.join(' '));
      expect(scan.byteLength).toBe(Buffer.byteLength(words.join(' ')));
    }
  });

  it("paragraph shingles from the scan equal the union of each line's own shingles", () => {
    const scan = createTokenScan();
    for (const text of texts()) {
      scanTokens(text, scan);
      const fast = shingleHashesOf(
        scan.hashes,
        scan.count,
        4,
        new Uint32Array(Math.max(1, scan.count)),
        scan.starts,
        scan.paragraphs,
      );
      const reference = new Set<number>();
      for (const line of text.split('\n')) for (const h of shingleHashes(tokens(line), 4)) reference.add(h);
      expect([...fast]).toEqual([...reference].sort((a, b) => a - b));
    }
  });

  it('minHashSignature equals the one-hash-at-a-time definition', () => {
    const family = minHashFamily(131, 0x0c1a17ed); // not a multiple of 4: the tail loop runs too
    const rng = mulberry32(3);
    for (let t = 0; t < 50; t++) {
      const words = Array.from({ length: 1 + Math.floor(rng() * 300) }, () => `w${Math.floor(rng() * 500)}`);
      const shingles = shingleHashes(words, 4);
      const sig = minHashSignature(shingles, family);
      for (let i = 0; i < 131; i++) {
        let min = 0x7fffffff;
        for (const x of shingles) {
          const v = Math.imul(x ^ (family.xors[i] as number), family.muls[i] as number);
          min = Math.min(min, v ^ (v >>> 15));
        }
        expect(sig[i]).toBe(min >>> 0);
      }
    }
  });
});
