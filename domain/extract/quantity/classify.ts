import type { Token } from './tokens.ts';
import { MONTHS } from './lexicon.ts';

/** A non-claim reading of bare digits (a year, date, time, age, model number …) and the last token it covers. */
export interface NonClaim {
  unit: string;
  last: number;
}

const YEAR_PREPOSITIONS = new Set([
  'in',
  'since',
  'from',
  'by',
  'until',
  'till',
  'of',
  'early',
  'late',
  'mid',
  'before',
  'after',
  'year',
  'during',
  'between',
  'and',
]);
const AGE_WORDS = new Set(['aged', 'age', 'ages']);
const DASHES = new Set(['-', '–', '—', '/']);
const GLUE = new Set(['+', '-', '–', '/', '.', ':', '_']);

const isMonth = (t: Token | undefined): boolean =>
  t !== undefined &&
  t.kind === 'word' &&
  MONTHS.has(t.lower) &&
  (t.lower !== 'may' || t.text === 'May') &&
  (t.lower !== 'mar' || t.text === 'Mar');

/** Month written right before token i ("February 24", "Feb. 24"). */
function monthBefore(tokens: readonly Token[], i: number, floor: number): boolean {
  const p = tokens[i - 1];
  if (i - 1 >= floor && isMonth(p)) return true;
  return i - 2 >= floor && p?.text === '.' && isMonth(tokens[i - 2]);
}

/**
 * Reads bare digits at token i (no scale, no currency) as a year, date, time, age or model number when
 * the context says so; null for an ordinary figure. Called by findQuantities before units and ranges.
 */
export function classifyDigits(
  tokens: readonly Token[],
  i: number,
  floor: number,
  qualified: boolean,
): NonClaim | null {
  const t = tokens[i] as Token;
  const n = tokens[i + 1];
  const n2 = tokens[i + 2];
  const integer = !t.digits.includes('.');
  const value = Number(t.digits);
  if (t.dotted) return { unit: 'code', last: i };
  // "10:30", "10:30 pm"
  if (n?.text === ':' && !n.gap && n2?.kind === 'num' && !n2.gap && n2.intDigits === 2 && integer)
    return { unit: 'time', last: i + 2 };
  // "5/17/2018", "24/7", "1/4"
  if (n?.text === '/' && !n.gap && n2?.kind === 'num' && !n2.gap) {
    const n3 = tokens[i + 3];
    const n4 = tokens[i + 4];
    if (n3?.text === '/' && !n3.gap && n4?.kind === 'num' && !n4.gap) return { unit: 'date', last: i + 4 };
    return { unit: 'ratio', last: i + 2 };
  }
  if (integer && value >= 1 && value <= 31 && !t.grouped) {
    if (monthBefore(tokens, i, floor)) return { unit: 'date', last: i };
    if (isMonth(n)) return { unit: 'date', last: i + 1 };
  }
  const p = tokens[i - 1];
  if (isClockTime(t, p, n)) return { unit: 'time', last: n !== undefined && TIME_ZONES.has(n.lower) ? i + 1 : i };
  if (p !== undefined && i - 1 >= floor && p.kind === 'word' && AGE_WORDS.has(p.lower)) return { unit: 'age', last: i };
  if (integer && t.intDigits === 4 && !t.grouped && !qualified) {
    const prepositional =
      p !== undefined &&
      i - 1 >= floor &&
      (YEAR_PREPOSITIONS.has(p.lower) || isMonth(p) || (p.text === '-' && tokens[i - 2]?.lower === 'mid'));
    if ((value >= 1900 && value <= 2099) || (value >= 1000 && value <= 2099 && prepositional)) {
      if (n?.lower === 's' && !n.gap) return { unit: 'year', last: i + 1 };
      if (
        n !== undefined &&
        DASHES.has(n.text) &&
        n2?.kind === 'num' &&
        (n2.intDigits === 2 || n2.intDigits === 4) &&
        !n2.grouped
      )
        return { unit: 'year', last: i + 2 };
      return { unit: 'year', last: i };
    }
  }
  // Designations glued to letters: "T-72", "F-16s", "S-400", "M142", "COVID-19".
  // Glue is lexical, so tokens of an earlier mention (below floor) may be looked at here.
  if (!t.gap && p !== undefined) {
    if (p.kind === 'word') return { unit: 'model', last: modelEnd(tokens, i) };
    const pp = tokens[i - 2];
    if ((p.text === '-' || p.text === '‐') && pp !== undefined && pp.kind === 'word' && !p.gap && /[A-Z]/.test(pp.text))
      return { unit: 'model', last: modelEnd(tokens, i) };
    // "J1149.5+6663", a "3-2" score: digits glued by a symbol to earlier digits are one code.
    if (p.kind === 'sym' && GLUE.has(p.text) && !p.gap && pp?.kind === 'num') return { unit: 'code', last: i };
  }
  return null;
}

const TIME_ZONES = new Set([
  'bst',
  'gmt',
  'utc',
  'cet',
  'cest',
  'eet',
  'eest',
  'msk',
  'et',
  'est',
  'edt',
  'kyiv',
  'moscow',
  'local',
]);

/** "23.36" in a live blog ("7 Jul 2022 23.36", "at 19.20", "00.25 BST") is a clock time, not a figure. */
function isClockTime(t: Token, p: Token | undefined, n: Token | undefined): boolean {
  const m = /^(\d{1,2})\.(\d\d)$/.exec(t.text);
  if (m === null || Number(m[1]) > 23 || Number(m[2]) > 59) return false;
  const afterYear = p?.kind === 'num' && p.intDigits === 4 && !p.grouped;
  return afterYear || p?.lower === 'at' || (n !== undefined && TIME_ZONES.has(n.lower));
}

/** A model designation may carry glued letters or a plural "s" ("F-16s", "Kh-101M"). */
function modelEnd(tokens: readonly Token[], i: number): number {
  const n = tokens[i + 1];
  return n !== undefined && n.kind === 'word' && !n.gap ? i + 1 : i;
}
