import type { Qualifier } from '../../../schemas/claim.ts';

/** Number words below twenty (claims.md §3: "seventy", "five million"). */
export const SMALL: ReadonlyMap<string, number> = new Map([
  ['zero', 0],
  ['nought', 0],
  ['naught', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
]);

/** Multiples of ten, twenty to ninety. */
export const TENS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fourty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);

/** Scale words as powers of ten, written out or abbreviated after a figure ("1.6 million", "40bn"). */
export const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['hundred', 2],
  ['hundreds', 2],
  ['thousand', 3],
  ['thousands', 3],
  ['million', 6],
  ['millions', 6],
  ['billion', 9],
  ['billions', 9],
  ['trillion', 12],
  ['trillions', 12],
]);

/** Abbreviated scales that may follow a figure after a space ("2.33 k", "10 bln"). */
export const SPACED_ABBREV: ReadonlyMap<string, number> = new Map([
  ['k', 3],
  ['mn', 6],
  ['mln', 6],
  ['mil', 6],
  ['bn', 9],
  ['bln', 9],
  ['tn', 12],
  ['tln', 12],
  ['trn', 12],
]);

/** Abbreviated scales glued to a figure ("12k", "1.6m", "$40bn"); case matters for a few. */
export function attachedScale(word: string): number | null {
  switch (word) {
    case 'k':
    case 'K':
      return 3;
    case 'm':
    case 'M':
    case 'mn':
    case 'Mn':
    case 'mln':
    case 'mil':
    case 'MM':
      return 6;
    case 'b':
    case 'B':
    case 'bn':
    case 'Bn':
    case 'BN':
    case 'bln':
      return 9;
    case 'T':
    case 'tn':
    case 'tln':
    case 'trn':
      return 12;
    default:
      return null;
  }
}

/** Words for "dozen" and its abbreviations ("3 dozens", "3 dzs"). */
export const DOZEN = new Set(['dozen', 'dozens', 'dz', 'dzs', 'doz', 'dozs']);

/** Vague plural amounts (claims.md §3, last row) and the value each stands for. */
export const VAGUE_PLURAL: ReadonlyMap<string, number> = new Map([
  ['tens', 10],
  ['dozens', 12],
  ['scores', 20],
  ['hundreds', 100],
  ['thousands', 1000],
  ['millions', 1e6],
  ['billions', 1e9],
]);

/** Words that make a following scale word vague ("several thousand", "a few hundred"). */
export const VAGUE_PREFIX = new Set(['several', 'few', 'many']);

/** Denominators: a number word before one of these is a fraction ("two thirds"), not a count. */
export const FRACTION_WORDS = new Set([
  'half',
  'halves',
  'third',
  'thirds',
  'quarter',
  'quarters',
  'fourth',
  'fourths',
  'fifth',
  'fifths',
  'sixth',
  'sixths',
  'seventh',
  'sevenths',
  'eighth',
  'eighths',
  'ninth',
  'ninths',
  'tenth',
  'tenths',
  'hundredth',
  'hundredths',
  'thousandth',
  'thousandths',
]);

/** Ordinal words after a hyphen ("twenty-first"), which make the whole an ordinal. */
export const ORDINAL_WORDS = new Set([
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'hundredth',
  'thousandth',
  'millionth',
]);

/** Ordinal suffixes glued to digits ("3rd"). */
export const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);

/** Month names and abbreviations, for "24 February" and "Feb. 24". */
export const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** A qualifier phrase and the interval it implies around the value. */
export interface QualifierRule {
  words: readonly string[];
  qualifier: Qualifier;
  low: boolean;
  high: boolean;
}

const rule = (phrase: string, qualifier: Qualifier, low: boolean, high: boolean): QualifierRule => ({
  words: phrase.split(' '),
  qualifier,
  low,
  high,
});

/** Qualifiers written before the figure (claims.md §3), longest first so "no more than" wins over "more than". */
export const PRE_QUALIFIERS: readonly QualifierRule[] = [
  rule('an estimated', 'approx', false, false),
  rule('estimated', 'approx', false, false),
  rule('about', 'approx', false, false),
  rule('around', 'approx', false, false),
  rule('approximately', 'approx', false, false),
  rule('roughly', 'approx', false, false),
  rule('some', 'approx', false, false),
  rule('circa', 'approx', false, false),
  rule('approx', 'approx', false, false),
  rule('~', 'approx', false, false),
  rule('≈', 'approx', false, false),
  rule('>', 'more-than', true, false),
  rule('<', 'less-than', false, true),
  rule('nearly', 'approx', false, true),
  rule('almost', 'approx', false, true),
  rule('close to', 'approx', false, false),
  rule('just under', 'approx', false, true),
  rule('just below', 'approx', false, true),
  rule('more than', 'more-than', true, false),
  rule('over', 'more-than', true, false),
  rule('above', 'more-than', true, false),
  rule('in excess of', 'more-than', true, false),
  rule('upwards of', 'more-than', true, false),
  rule('upward of', 'more-than', true, false),
  rule('greater than', 'more-than', true, false),
  rule('larger than', 'more-than', true, false),
  rule('higher than', 'more-than', true, false),
  rule('exceeding', 'more-than', true, false),
  rule('exceed', 'more-than', true, false),
  rule('exceeds', 'more-than', true, false),
  rule('exceeded', 'more-than', true, false),
  rule('surpass', 'more-than', true, false),
  rule('surpassed', 'more-than', true, false),
  rule('surpassing', 'more-than', true, false),
  rule('just over', 'more-than', true, false),
  rule('well over', 'more-than', true, false),
  rule('at least', 'at-least', true, false),
  rule('no fewer than', 'at-least', true, false),
  rule('no less than', 'at-least', true, false),
  rule('not less than', 'at-least', true, false),
  rule('not fewer than', 'at-least', true, false),
  rule('a minimum of', 'at-least', true, false),
  rule('less than', 'less-than', false, true),
  rule('fewer than', 'less-than', false, true),
  rule('under', 'less-than', false, true),
  rule('below', 'less-than', false, true),
  rule('lower than', 'less-than', false, true),
  rule('smaller than', 'less-than', false, true),
  rule('up to', 'up-to', false, true),
  rule('as many as', 'up-to', false, true),
  rule('as much as', 'up-to', false, true),
  rule('at most', 'up-to', false, true),
  rule('no more than', 'up-to', false, true),
  rule('not more than', 'up-to', false, true),
  rule('a maximum of', 'up-to', false, true),
].sort((a, b) => b.words.length - a.words.length);

/** Qualifiers written after the figure ("… or more", "70+", "40-odd"). */
export const POST_QUALIFIERS: readonly QualifierRule[] = [
  rule('or more', 'at-least', true, false),
  rule('and more', 'at-least', true, false),
  rule('or greater', 'at-least', true, false),
  rule('or above', 'at-least', true, false),
  rule('or over', 'at-least', true, false),
  rule('or less', 'up-to', false, true),
  rule('or fewer', 'up-to', false, true),
  rule('or so', 'approx', false, false),
  rule('+', 'more-than', true, false),
  rule('plus', 'more-than', true, false),
  rule('odd', 'approx', false, false),
];
