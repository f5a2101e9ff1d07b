import type { Qualifier } from '../../../schemas/claim.ts';
import type { QuantityMention } from './types.ts';
import { tokenize, type Token } from './tokens.ts';
import { MONTHS, SMALL, TENS, VAGUE_PLURAL, VAGUE_PREFIX } from './lexicon.ts';
import { parseNumberPhrase, type NumberPhrase } from './number-phrase.ts';
import { currencyAfter, currencyBefore, type CurrencyMatch } from './currency.ts';
import { qualifierAfter, qualifierBefore, type QualifierMatch } from './qualifiers.ts';
import { unitAfter, type UnitMatch } from './units.ts';
import { classifyDigits } from './classify.ts';

const CANDIDATE_WORDS = new Set([
  ...SMALL.keys(),
  ...TENS.keys(),
  ...VAGUE_PLURAL.keys(),
  ...VAGUE_PREFIX,
  'a',
  'an',
  'half',
]);
const RANGE_DASHES = new Set(['-', '–', '—', '‐', '~']);
const PRONOUN_ONE_BEFORE = new Set([
  'the',
  'this',
  'that',
  'which',
  'no',
  'any',
  'every',
  'each',
  'last',
  'only',
  'another',
  'such',
]);
const PRONOUN_ONE_AFTER = new Set([
  'of',
  'another',
  'day',
  'side',
  'hand',
  'thing',
  'way',
  'who',
  'that',
  'which',
  'time',
]);

/** "one" is often a pronoun ("the one who", "one of them"), not a figure. */
function isPronounOne(tokens: readonly Token[], i: number): boolean {
  return PRONOUN_ONE_BEFORE.has(tokens[i - 1]?.lower ?? '') || PRONOUN_ONE_AFTER.has(tokens[i + 1]?.lower ?? '');
}

const tidy = (v: number): number => Number(v.toPrecision(12));

interface Found {
  mention: QuantityMention | null;
  next: number;
}

/** Tries to read a second figure after a range connector ("10,000–12,000", "10 to 12 thousand", "between 5 and 7"). */
function rangeEnd(
  tokens: readonly Token[],
  a: NumberPhrase,
  c: number,
  between: boolean,
  from: boolean,
  cur: CurrencyMatch | null,
): NumberPhrase | null {
  const conn = tokens[c];
  if (conn === undefined) return null;
  const ok = between
    ? conn.lower === 'and'
    : (conn.kind === 'sym' && RANGE_DASHES.has(conn.text)) ||
      ((conn.lower === 'to' || conn.lower === 'through') && !from);
  if (!ok) return null;
  let bi = c + 1;
  if (cur !== null && tokens[bi]?.text === tokens[cur.last]?.text && tokens[bi]?.kind === 'sym') bi++;
  const b = parseNumberPhrase(tokens, bi);
  if (b === null || b.skip || b.vague || (b.words !== a.words && conn.kind === 'sym')) return null;
  if (tokens[b.first]?.dotted) return null;
  return b;
}

function interval(
  q: Qualifier,
  value: number,
  rule: QualifierMatch | null,
): { low: number | null; high: number | null } {
  switch (q) {
    case 'exact':
      return { low: value, high: value };
    case 'approx':
      return { low: rule?.rule.low ? value : null, high: rule?.rule.high ? value : null };
    case 'more-than':
    case 'at-least':
      return { low: value, high: null };
    case 'less-than':
    case 'up-to':
      return { low: null, high: value };
    case 'range':
      return { low: value, high: value };
    default: {
      const never: never = q;
      return never;
    }
  }
}

/** Reads one mention whose figure starts at token i; null when no figure starts there. */
function mentionAt(tokens: readonly Token[], i: number, floor: number): Found | null {
  const a = parseNumberPhrase(tokens, i);
  if (a === null) return null;
  if (a.skip) return { mention: null, next: a.last + 1 };
  if (a.words && a.first === a.last && tokens[i]?.lower === 'one' && isPronounOne(tokens, i)) return null;
  const cur = a.words && !a.vague ? null : currencyBefore(tokens, a.first, floor);
  const preEnd = (cur?.first ?? a.first) - 1;
  const pre = qualifierBefore(tokens, preEnd, floor);
  const prevWord = preEnd >= floor ? tokens[preEnd]?.lower : undefined;
  let unit: string | null = null;
  let factor = 1;
  let last = a.last;
  let value = a.value;
  let b: NumberPhrase | null = null;
  let bareDollar = cur?.bareDollar ?? false;
  let betweenAt = Infinity;
  if (!a.words && a.pow === 0 && cur === null) {
    const nc = classifyDigits(tokens, i, floor, pre !== null);
    if (nc !== null) {
      unit = nc.unit;
      last = nc.last;
    }
  }
  if (unit === null) {
    let u: UnitMatch | null = unitAfter(tokens, a.last + 1);
    b = rangeEnd(tokens, a, (u?.last ?? a.last) + 1, prevWord === 'between' && pre === null, prevWord === 'from', cur);
    if (b !== null && prevWord === 'between' && pre === null) betweenAt = preEnd;
    if (b !== null) {
      const uB = unitAfter(tokens, b.last + 1);
      // "6% to 309,381 yen" is not a range: a unit on the first figure must be repeated on the second.
      if (u !== null && (uB === null || u.unit !== uB.unit)) b = null;
      else {
        if (a.pow === 0 && b.pow > 0 && !a.words) {
          const scaled = Number(`${tokens[a.first]?.digits ?? '0'}e${b.pow}`);
          if (scaled < b.value) value = scaled;
        }
        if (b.value <= value) {
          b = null;
          value = a.value;
        } else {
          u = u ?? uB;
          last = uB !== null ? uB.last : b.last;
        }
      }
    }
    if (b === null && u !== null) last = u.last;
    if (u !== null) {
      unit = u.unit;
      factor = u.factor;
    }
    if (unit === null || cur !== null) {
      const scaled = (b ?? a).pow > 0;
      const ofMoney = a.vague && tokens[last + 1]?.lower === 'of' ? currencyAfter(tokens, last + 2, true) : null;
      const after = cur === null ? (currencyAfter(tokens, last + 1, scaled) ?? ofMoney) : null;
      if (after !== null) {
        unit = after.iso;
        last = after.last;
        bareDollar = false;
      } else if (cur !== null) unit = cur.iso;
    }
    // "06F6", "5G": digits glued to letters that are no unit are a designation.
    if (
      unit === null &&
      b === null &&
      !a.words &&
      tokens[last + 1]?.kind === 'word' &&
      tokens[last + 1]?.gap === false
    ) {
      unit = 'model';
      last += 1;
    }
    if (MONTHS.has(tokens[last + 1]?.lower ?? '') && tokens[last + 1]?.text !== 'may' && b !== null && b.value <= 31)
      unit = 'date';
  }
  const post = b === null ? qualifierAfter(tokens, last + 1) : null;
  if (post !== null) last = post.last;
  // "about 500 or more": the explicit bound after the figure is sharper than the "about" before it.
  const q = post !== null && (pre === null || pre.rule.qualifier === 'approx') ? post : pre;
  let qualifier: Qualifier = b !== null ? 'range' : (q?.rule.qualifier ?? (a.vague ? 'at-least' : 'exact'));
  if (b !== null && pre !== null && pre.rule.qualifier !== 'approx') qualifier = pre.rule.qualifier;
  const conv = (v: number): number => (factor === 1 ? v : tidy(v * factor));
  const v = conv(value);
  let { low, high } = interval(qualifier, v, q);
  if (qualifier === 'range' && b !== null) {
    low = v;
    high = conv(b.value);
  }
  if (b === null) betweenAt = Infinity;
  const firstTok = tokens[Math.min(pre?.first ?? Infinity, cur?.first ?? Infinity, betweenAt, a.first)] as Token;
  const mention: QuantityMention = {
    start: firstTok.start,
    end: (tokens[last] as Token).end,
    numberStart: (tokens[a.first] as Token).start,
    numberEnd: (tokens[(b ?? a).last] as Token).end,
    value: v,
    qualifier,
    low,
    high,
    unit: unit ?? 'count',
    vague: a.vague,
    words: a.words,
  };
  if (bareDollar) mention.bareDollar = true;
  return { mention, next: last + 1 };
}

/** Every number mention in text, in order, with offsets into text (claims.md §3); pure and linear-time. Called by the claim extractor. */
export function findQuantities(text: string): QuantityMention[] {
  const tokens = tokenize(text);
  const out: QuantityMention[] = [];
  let floor = 0;
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i] as Token;
    if (t.kind === 'sym' || (t.kind === 'word' && !CANDIDATE_WORDS.has(t.lower))) {
      i++;
      continue;
    }
    const found = mentionAt(tokens, i, floor);
    if (found === null) {
      i++;
      continue;
    }
    if (found.mention !== null) out.push(found.mention);
    floor = found.next;
    i = found.next;
  }
  return out;
}
