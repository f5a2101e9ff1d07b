import type { Token } from './tokens.ts';
import { DOZEN, FRACTION_WORDS, ORDINAL_WORDS, SCALE_WORDS, SMALL, TENS } from './lexicon.ts';

/** A number written in words: token span [first, last], its value, or skip for ordinals and fractions. */
export interface WordNumber {
  first: number;
  last: number;
  value: number;
  skip: boolean;
}

type State = 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale';

const isWord = (t: Token | undefined, w?: string): t is Token =>
  t !== undefined && t.kind === 'word' && (w === undefined || t.lower === w);
const smallAt = (t: Token | undefined): number | undefined => (isWord(t) ? SMALL.get(t.lower) : undefined);
const tensAt = (t: Token | undefined): number | undefined => (isWord(t) ? TENS.get(t.lower) : undefined);
const scaleAt = (t: Token | undefined): number | undefined => {
  if (!isWord(t)) return undefined;
  const p = SCALE_WORDS.get(t.lower);
  return p === undefined ? undefined : 10 ** p;
};
const isNumberWord = (t: Token | undefined): boolean => smallAt(t) !== undefined || tensAt(t) !== undefined;
const isHyphen = (t: Token | undefined): boolean =>
  t !== undefined && t.kind === 'sym' && (t.text === '-' || t.text === '‐');

/** "and", "&" or (after a scale, before "… hundred") "," inside a number: "one hundred and six", "three million, two hundred". */
function joinsGroups(tokens: readonly Token[], j: number, state: State, lastScale: number): boolean {
  const t = tokens[j];
  if (t === undefined || (state !== 'hundred' && state !== 'scale') || !isNumberWord(tokens[j + 1])) return false;
  if (t.kind === 'word') return t.lower === 'and';
  if (t.text === '&') return true;
  return t.text === ',' && state === 'scale' && lastScale >= 1000 && scaleAt(tokens[j + 2]) === 100;
}

const NUMERATORS = new Map([
  ['a', 1],
  ['an', 1],
  ['one', 1],
  ['two', 2],
  ['three', 3],
]);
const DENOMINATORS = new Map([
  ['quarter', 4],
  ['quarters', 4],
  ['third', 3],
  ['thirds', 3],
]);

/** "a quarter of a million", "three quarters of a million", "a third of a million": the fraction of a scale, or null. */
function fractionOfScale(tokens: readonly Token[], i: number): WordNumber | null {
  const top = isWord(tokens[i]) ? NUMERATORS.get(tokens[i].lower) : undefined;
  const bottom = isWord(tokens[i + 1]) ? DENOMINATORS.get(tokens[i + 1]?.lower ?? '') : undefined;
  if (top === undefined || bottom === undefined || top >= bottom || !isWord(tokens[i + 2], 'of')) return null;
  const at = isWord(tokens[i + 3], 'a') ? i + 4 : i + 3;
  const scale = scaleAt(tokens[at]);
  if (scale === undefined || scale < 1000) return null;
  return { first: i, last: at, value: (top / bottom) * scale, skip: false };
}

/** True when token i starts a number in words ("seventy", "a hundred", "half a million"); cheap check for the scanner. */
export function startsWordNumber(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (fractionOfScale(tokens, i) !== null) return true;
  if (isNumberWord(t)) return true;
  if (isWord(t, 'a') || isWord(t, 'an') || isWord(t, 'half')) {
    const n = tokens[i + 1];
    return scaleAt(n) !== undefined || (isWord(n) && DOZEN.has(n.lower)) || (isWord(n, 'a') && t?.lower === 'half');
  }
  return false;
}

/** Parses a number in words starting at token i (called by the number-phrase parser); null when none starts there. */
export function parseWordNumber(tokens: readonly Token[], i: number): WordNumber | null {
  const fraction = fractionOfScale(tokens, i);
  if (fraction !== null) return fraction;
  let j = i;
  let total = 0;
  let current = 0;
  let state: State = 'none';
  let lastScale = Infinity;
  let last = -1;
  let factor = 1;
  const first = tokens[i];
  if (isWord(first, 'half') && isWord(tokens[i + 1], 'a')) {
    factor = 0.5;
    current = 1;
    state = 'unit';
    j = i + 2;
  } else if (isWord(first, 'a') || isWord(first, 'an') || isWord(first, 'half')) {
    if (first?.lower === 'half') factor = 0.5;
    current = 1;
    state = 'unit';
    j = i + 1;
  }
  for (;;) {
    const t = tokens[j];
    if (t === undefined) break;
    const small = smallAt(t);
    const tens = tensAt(t);
    const scale = scaleAt(t);
    if (
      small !== undefined &&
      (state === 'none' || state === 'hundred' || state === 'scale' || (state === 'tens' && small < 10 && small > 0))
    ) {
      current += small;
      state = small < 10 ? 'unit' : 'teen';
      last = j;
      j++;
    } else if (tens !== undefined && (state === 'none' || state === 'hundred' || state === 'scale')) {
      current += tens;
      state = 'tens';
      last = j;
      j++;
      if (isHyphen(tokens[j]) && smallAt(tokens[j + 1]) !== undefined && (smallAt(tokens[j + 1]) ?? 10) < 10) j++;
    } else if (
      scale === 100 &&
      (state === 'unit' || state === 'teen' || state === 'tens') &&
      current > 0 &&
      current % 100 === current
    ) {
      current *= 100;
      state = 'hundred';
      last = j;
      j++;
    } else if (scale !== undefined && scale > 100 && state !== 'none' && scale < lastScale) {
      total += (current === 0 ? 1 : current) * scale;
      current = 0;
      lastScale = scale;
      state = 'scale';
      last = j;
      j++;
    } else if (
      scale !== undefined &&
      scale > 100 &&
      state === 'scale' &&
      total > 0 &&
      current === 0 &&
      scale > lastScale
    ) {
      total *= scale;
      lastScale = scale;
      last = j;
      j++; // "a hundred thousand"-like chains written "hundred thousand"
    } else if (isWord(t) && DOZEN.has(t.lower) && state !== 'none' && state !== 'scale') {
      const small2 = current % 100;
      current = current - small2 + small2 * 12;
      last = j;
      j++;
      break;
    } else if (joinsGroups(tokens, j, state, lastScale)) {
      j++;
    } else if (isHyphen(t) && state !== 'none' && state !== 'scale' && scaleAt(tokens[j + 1]) !== undefined) {
      j++; // "three-thousand", "twenty-seven-hundred"
    } else break;
  }
  if (last < 0) return null;
  // The hundreds/scale fix above can leave an earlier hundred chain: "hundred thousand" after "two".
  let value = (total + current) * factor;
  let end = last;
  const after = tokens[end + 1];
  // "one-point-five million": a decimal spelled out with hyphens.
  if (isHyphen(after) && isWord(tokens[end + 2], 'point') && isHyphen(tokens[end + 3])) {
    let frac = '';
    let k = end + 4;
    for (let d = smallAt(tokens[k]); d !== undefined && d < 10; d = smallAt(tokens[k])) {
      frac += String(d);
      k++;
      if (!isHyphen(tokens[k]) || smallAt(tokens[k + 1]) === undefined) break;
      k++;
    }
    if (frac !== '') return withScale(tokens, i, k - 1, Number(`${total + current}.${frac}`) * factor);
  }
  // "twenty-first", "two thirds": ordinals and fractions are not amounts.
  if (isHyphen(after) && isWord(tokens[end + 2]) && ORDINAL_WORDS.has(tokens[end + 2]?.lower ?? ''))
    return { first: i, last: end + 2, value, skip: true };
  if (isWord(after) && FRACTION_WORDS.has(after.lower) && factor === 1 && after.lower !== 'half')
    return { first: i, last: end + 1, value, skip: true };
  // "one and a half million", "two and a half"
  if (
    isWord(after, 'and') &&
    isWord(tokens[end + 2], 'a') &&
    isWord(tokens[end + 3], 'half') &&
    total === 0 &&
    current < 100
  ) {
    value += 0.5;
    end += 3;
    const s = scaleAt(tokens[end + 1]);
    if (s !== undefined && s > 100) {
      value *= s;
      end += 1;
    }
  } else if (
    (isWord(after, 'point') && smallAt(tokens[end + 2]) !== undefined) ||
    (isWord(after, 'point') && tensAt(tokens[end + 2]) !== undefined)
  ) {
    let frac = '';
    let k = end + 2;
    const firstTens = tensAt(tokens[k]);
    if (firstTens !== undefined) {
      const unit = isHyphen(tokens[k + 1]) ? smallAt(tokens[k + 2]) : smallAt(tokens[k + 1]);
      if (unit !== undefined && unit < 10) {
        frac = String(firstTens + unit);
        k += isHyphen(tokens[k + 1]) ? 3 : 2;
      } else {
        frac = String(firstTens);
        k += 1;
      }
    } else {
      for (let d = smallAt(tokens[k]); d !== undefined; d = smallAt(tokens[k])) {
        frac += String(d);
        k++;
        if (d >= 10) break;
      }
    }
    return withScale(tokens, i, k - 1, Number(`${total + current}.${frac}`));
  }
  return { first: i, last: end, value, skip: false };
}

// "one point five million": a scale word after a spelled-out decimal multiplies it.
function withScale(tokens: readonly Token[], first: number, last: number, value: number): WordNumber {
  const s = scaleAt(tokens[last + 1]);
  if (s !== undefined && s > 100) return { first, last: last + 1, value: value * s, skip: false };
  return { first, last, value, skip: false };
}
