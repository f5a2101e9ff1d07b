import { describe, expect, it } from 'vitest';
import { normWord, tokenize } from '../../../domain/extract/text/tokens.ts';

// The specification the hand-written scanner follows: words keep inner joints, every other non-space is a token.
const SPEC = /[\p{L}\p{N}]+(?:[-'’.\/][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

function bySpec(text: string, start: number, end: number): { text: string; start: number; end: number }[] {
  const slice = text.slice(start, end);
  return [...slice.matchAll(SPEC)].map((m) => ({
    text: m[0],
    start: start + (m.index ?? 0),
    end: start + (m.index ?? 0) + m[0].length,
  }));
}

// Pieces a sentence is made of, awkward ones included: joints at a word's edge, Cyrillic, accents, no-break and
// thin spaces, a byte-order mark, an emoji, a mathematical letter (two code units) and a lone surrogate.
const PIECES = [
  'Kyiv',
  'Russia',
  '’s',
  "'s",
  'U.S.',
  '1,000',
  '155mm',
  '-',
  '.',
  '/',
  "'",
  '’',
  ' ',
  ' ',
  '  ',
  '\n',
  '\t',
  'Київ',
  'é',
  'x\u0301',
  '\u00a0',
  '\u2009',
  '\ufeff',
  '🙂',
  '\u{1D400}',
  '\ud800',
  '—',
  '“',
  '”',
  '(',
  ')',
  '%',
  '€',
  '5',
  'a',
  'Z',
  '٣',
  'ß',
];

function randomText(seed: number): string {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  let out = '';
  for (let k = next() % 40; k > 0; k--) out += PIECES[next() % PIECES.length];
  return out;
}

describe('tokenize', () => {
  it('cuts text as the word pattern does, at the same article offsets, on 2,000 generated texts', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const text = randomText(seed);
      const start = seed % 3;
      const got = tokenize(text, start).map(({ text: t, start: s, end: e }) => ({ text: t, start: s, end: e }));
      expect(got, JSON.stringify(text)).toEqual(bySpec(text, start, text.length));
    }
  });

  it('marks words, lower-cases them and drops a possessive', () => {
    expect(tokenize('Ukraine’s 1,200 drones — U.S.-made.').map((t) => [t.text, t.norm, t.word])).toEqual([
      ['Ukraine’s', 'ukraine', true],
      ['1', '1', true],
      [',', ',', false],
      ['200', '200', true],
      ['drones', 'drones', true],
      ['—', '—', false],
      // A joint must sit between two letters: "U.S.-made" is "U.S", ".", "-", "made".
      ['U.S', 'u.s', true],
      ['.', '.', false],
      ['-', '-', false],
      ['made', 'made', true],
      ['.', '.', false],
    ]);
    expect(normWord('its')).toBe('its');
    expect(normWord("Kyiv's")).toBe('kyiv');
  });
});
