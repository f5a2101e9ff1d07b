import type { Token } from './tokens.ts';
import {
  DOZEN,
  ORDINAL_SUFFIX,
  SCALE_WORDS,
  SPACED_ABBREV,
  VAGUE_PLURAL,
  VAGUE_PREFIX,
  attachedScale,
} from './lexicon.ts';
import { parseWordNumber, startsWordNumber } from './number-words.ts';

/** A figure at tokens [first, last]: digits with an optional scale, number words, or a vague amount. */
export interface NumberPhrase {
  first: number;
  last: number;
  value: number;
  /** Power of ten applied by a scale word ("12 thousand" → 3); 0 when none. */
  pow: number;
  words: boolean;
  vague: boolean;
  /** An ordinal or fraction ("3rd", "two thirds"): consumed, never reported. */
  skip: boolean;
}

const isWord = (t: Token | undefined): t is Token => t !== undefined && t.kind === 'word';
const isSquareMark = (t: Token | undefined): boolean =>
  t !== undefined && !t.gap && (t.text === '2' || t.text === '²' || t.text === '^');

/** Digits, then an optional glued or spaced scale ("12k", "1.6 million", "$40bn", "3 dozens"). */
function parseDigits(tokens: readonly Token[], i: number): NumberPhrase {
  const t = tokens[i] as Token;
  const base: NumberPhrase = {
    first: i,
    last: i,
    value: Number(t.digits),
    pow: 0,
    words: false,
    vague: false,
    skip: false,
  };
  const n = tokens[i + 1];
  // "a 2.5-million population", "27-hundred wounded": a scale word hyphenated to the digits.
  const hyphened = tokens[i + 2];
  if (n?.text === '-' && !n.gap && isWord(hyphened) && !hyphened.gap) {
    const p = SCALE_WORDS.get(hyphened.lower);
    if (p !== undefined && !hyphened.lower.endsWith('s'))
      return withMoreScale(tokens, { ...base, last: i + 2, pow: p, value: Number(`${t.digits}e${p}`) });
  }
  if (!isWord(n)) return base;
  if (!n.gap) {
    if (ORDINAL_SUFFIX.has(n.lower) && !t.digits.includes('.')) return { ...base, last: i + 1, skip: true };
    const p = attachedScale(n.text);
    if (p !== null && !(n.lower === 'm' && isSquareMark(tokens[i + 2])))
      return withMoreScale(tokens, { ...base, last: i + 1, pow: p, value: Number(`${t.digits}e${p}`) });
    return base;
  }
  const p = SCALE_WORDS.get(n.lower) ?? SPACED_ABBREV.get(n.lower);
  if (p !== undefined)
    return withMoreScale(tokens, { ...base, last: i + 1, pow: p, value: Number(`${t.digits}e${p}`) });
  if (DOZEN.has(n.lower)) return { ...base, last: i + 1, value: base.value * 12 };
  return base;
}

/** "3 hundred thousand": a larger scale word may follow a smaller one. */
function withMoreScale(tokens: readonly Token[], p: NumberPhrase): NumberPhrase {
  const n = tokens[p.last + 1];
  if (!isWord(n) || !n.gap) return p;
  const q = SCALE_WORDS.get(n.lower);
  if (q === undefined || q <= p.pow || n.lower.endsWith('s')) return p;
  return { ...p, last: p.last + 1, pow: p.pow + q, value: p.value * 10 ** q };
}

/** "dozens", "tens of thousands", "hundreds of millions", "several thousand", "a few hundred". */
function parseVague(tokens: readonly Token[], i: number): NumberPhrase | null {
  const t = tokens[i];
  if (!isWord(t)) return null;
  let j = i;
  let value: number | undefined;
  if (VAGUE_PREFIX.has(t.lower) || (t.lower === 'a' && tokens[i + 1]?.lower === 'few')) {
    j = t.lower === 'a' ? i + 2 : i + 1;
    const s = tokens[j];
    if (!isWord(s)) return null;
    const p = SCALE_WORDS.get(s.lower);
    value = p !== undefined ? 10 ** p : DOZEN.has(s.lower) ? 12 : VAGUE_PLURAL.get(s.lower);
    if (value === undefined) return null;
  } else {
    value = VAGUE_PLURAL.get(t.lower);
    if (value === undefined) return null;
  }
  // Chain "of" + a larger plural, or a scale word: "tens of thousands", "several hundred thousand".
  for (;;) {
    const a = tokens[j + 1];
    const b = tokens[j + 2];
    const ofNext = a?.lower === 'of' && isWord(b) ? VAGUE_PLURAL.get(b.lower) : undefined;
    if (ofNext !== undefined && ofNext > value && ofNext >= 100) {
      value *= ofNext;
      j += 2;
      continue;
    }
    const sc = isWord(a) ? SCALE_WORDS.get(a.lower) : undefined;
    if (sc !== undefined && 10 ** sc > value && !a?.lower.endsWith('s')) {
      value *= 10 ** sc;
      j += 1;
      continue;
    }
    break;
  }
  // "tens" alone is not an amount; "tens of thousands" is.
  if (j === i && t.lower === 'tens') return null;
  return { first: i, last: j, value, pow: 0, words: true, vague: true, skip: false };
}

/** Parses the figure starting at token i, or null; called by findQuantities for each candidate token. */
export function parseNumberPhrase(tokens: readonly Token[], i: number): NumberPhrase | null {
  const t = tokens[i];
  if (t === undefined) return null;
  if (t.kind === 'num') return parseDigits(tokens, i);
  if (t.kind !== 'word') return null;
  const vague = parseVague(tokens, i);
  if (vague !== null) return vague;
  if (!startsWordNumber(tokens, i)) return null;
  const w = parseWordNumber(tokens, i);
  if (w === null) return null;
  let pow = 0;
  for (let k = w.first; k <= w.last; k++) {
    const p = SCALE_WORDS.get(tokens[k]?.lower ?? '');
    if (p !== undefined) pow = Math.max(pow, p);
  }
  return { first: w.first, last: w.last, value: w.value, pow, words: true, vague: false, skip: w.skip };
}
