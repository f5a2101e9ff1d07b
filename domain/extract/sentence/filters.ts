import type { QuantityMention } from '../quantity/types.ts';
import type { Token } from '../text/tokens.ts';
import { BE_FORMS, MODAL_WORDS } from '../text/words.ts';
import { figureEnd, isClausePunct, placeList, type SentenceContext } from './context.ts';
import { readNounPhrase } from './noun-phrase.ts';
import type { GoverningVerb } from './verb.ts';

const RATE_UNITS = new Set(['day', 'week', 'month', 'year', 'hour', 'night', 'minute']);
const RATE_WORDS = new Set(['daily', 'weekly', 'monthly', 'annually', 'yearly', 'nightly', 'hourly', 'annual']);
const RATE_BEFORE = 4;
const RATE_AFTER = 8;
const RATE_LEADS = new Set(['a', 'an', 'per', 'each', 'every']);
// "within a week", "in a day", "over a month": a span the figure covers, not a rate.
const SPAN_BEFORE_ARTICLE = new Set([
  'within',
  'in',
  'inside',
  'over',
  'during',
  'for',
  'after',
  'than',
  'about',
  'under',
  'of',
]);
// Verbs after which an infinitive reports something done ("managed to capture"), not planned.
const DONE_BEFORE_TO = new Set([
  'managed',
  'used',
  'continued',
  'began',
  'started',
  'helped',
  'able',
  'went',
  'forced',
  'appears',
  'appear',
  'appeared',
  'seems',
  'seem',
  'seemed',
]);
const PLAN_LOOKBACK = 5;
// Words that are modal only with "to" ("going to send", "set to deliver").
const NEEDS_TO = new Set(['going', 'able', 'set', 'due', 'about', 'poised']);
const NEGATIONS = new Set(['not', "n't", 'never', 'no']);
// Speech and "that" open the reported clause; a modal before them belongs to the speaker ("we can say …").
const CLAUSE_OPENERS = new Set(
  'that say says said tell told claim claims claimed report reports reported state stated note noted add added confirm confirmed'.split(
    ' ',
  ),
);
// For topics whose announcements are the fact (a package "will send $100m", "decided to give"), these are not plans.
const ANNOUNCED = new Set('will would decided decide agreed agree pledged set'.split(' '));

/**
 * "including three children", "of whom 20 …": a part of a figure already claimed (claims.md §4). A count "included"
 * in an area ("1,000 km², including 90 villages") is no part of it: villages are not square kilometres.
 */
export function isSubset(ctx: SentenceContext, first: number, isCount = false, depth = 0): boolean {
  // "Of those, 2,635 were destroyed and 534 captured", "Among them were 15,000 killed": parts of the figure the
  // sentence before gave.
  const opener = ctx.tokens[0]?.norm ?? '';
  if (
    (opener === 'of' || opener === 'among') &&
    ANAPHORS.has(ctx.tokens[1]?.norm ?? '') &&
    (ctx.tokens[2]?.text === ',' || (opener === 'among' && BE_FORMS.has(ctx.tokens[2]?.norm ?? '')))
  )
    return true;
  const a = ctx.tokens[first - 1]?.norm ?? '';
  const b = ctx.tokens[first - 2]?.norm ?? '';
  // "… large amounts of equipment, including 200 tanks": with no figure before it, the part is the only figure given.
  if (a === 'including' || a === 'incl') {
    const whole = [...ctx.figureStarts].filter((f) => f < first - 1).at(-1);
    // "28,000 units of equipment, including 1,000 tanks": a part of a whole that counts nothing claimable stays.
    return !(isCount && areaBefore(ctx, first - 1)) && whole !== undefined && !countsForeign(ctx, whole);
  }
  if ((b === 'of' || b === 'among') && (a === 'whom' || a === 'them' || a === 'which')) return true;
  // "of which 2,200 were destroyed, 150 damaged and 600 captured": the list goes on with parts.
  const item = itemBefore(ctx, first);
  return item !== null && depth < LIST_DEPTH && isSubset(ctx, item, isCount, depth + 1);
}

/** Whether the figure at token f counts a noun the taxonomy does not know ("28,000 units of equipment"). */
function countsForeign(ctx: SentenceContext, f: number): boolean {
  return readNounPhrase(ctx, figureEnd(ctx, f)).foreign;
}

const LIST_DEPTH = 12;
const ITEM_GAP = 8;
// The figure of the list item before this one ("…, 150 damaged, 100 abandoned and 600 captured"), or null.
function itemBefore(ctx: SentenceContext, first: number): number | null {
  let k = first - 1;
  if (ctx.tokens[k]?.norm === 'and' || ctx.tokens[k]?.norm === 'or') k--;
  if (ctx.tokens[k]?.text !== ',' && ctx.tokens[k + 1]?.norm !== 'and') return null;
  for (let f = k - 1; f >= 0 && k - f <= ITEM_GAP; f--) {
    const t = ctx.tokens[f];
    // Words and the digits of a number ("2,200" is three tokens) may stand between the items; nothing else.
    const inNumber = /\d/.test(ctx.tokens[f - 1]?.text ?? '') && /\d/.test(ctx.tokens[f + 1]?.text ?? '');
    if (t === undefined || (!t.word && !/\d/.test(t.text) && !inNumber)) return null;
    if (ctx.figureStarts.has(f)) return f;
  }
  return null;
}

const ANAPHORS = new Set(['those', 'these', 'them', 'which', 'whom']);
const AREA_WORDS = new Set(['km', 'km2', 'km²', 'kilometres', 'kilometers', 'miles', 'hectares', 'sq', 'square']);
// An area unit just before "including" (with its comma): the whole is an area.
function areaBefore(ctx: SentenceContext, including: number): boolean {
  for (let k = including - 1; k >= 0 && including - k <= 4; k--)
    if (AREA_WORDS.has(ctx.tokens[k]?.norm ?? '')) return true;
  return false;
}

/** "100 people a day", "10,000 drones per month": rates are not claims. */
export function isRate(ctx: SentenceContext, first: number, npEnd: number): boolean {
  // "one in five of its tanks", "1 in 3 Ukrainians": a ratio, both of its numbers.
  const inBefore = ctx.tokens[first - 1]?.norm === 'in' && ctx.figureStarts.has(first - 2);
  const inAfter = ctx.tokens[first + 1]?.norm === 'in' && ctx.figureStarts.has(first + 2);
  if (inBefore || inAfter) return true;
  for (let i = first - 1; i >= 0 && i >= first - RATE_BEFORE; i--)
    if (RATE_WORDS.has(ctx.tokens[i]?.norm ?? '')) return true;
  // "… were dying each day": the rate may follow the verb, anywhere in the rest of the clause.
  for (let i = npEnd; i < ctx.tokens.length && i < npEnd + RATE_AFTER; i++) {
    const a = ctx.tokens[i] as Token;
    if (isClausePunct(a) || a.text === ',') break;
    if (RATE_WORDS.has(a.norm)) return true;
    const b = ctx.tokens[i + 1];
    const spanOfOne = (a.norm === 'a' || a.norm === 'an') && SPAN_BEFORE_ARTICLE.has(ctx.tokens[i - 1]?.norm ?? '');
    if (RATE_LEADS.has(a.norm) && !spanOfOne && b !== undefined && RATE_UNITS.has(b.norm)) return true;
    // "102 casualties per square kilometre": "per" makes any figure a rate.
    if (a.norm === 'per' && b?.word === true) return true;
    if (a.norm === 'at' && b?.norm === 'a' && ctx.tokens[i + 2]?.norm === 'time') return true;
  }
  return false;
}

function modalIn(ctx: SentenceContext, from: number, to: number, announced: boolean): boolean {
  for (let i = Math.max(0, from); i < to; i++) {
    const t = ctx.tokens[i];
    if (t === undefined) break;
    if (announced && ANNOUNCED.has(t.norm)) continue;
    const next = ctx.tokens[i + 1]?.norm;
    // "As of May 2024", "by May": the month, not the modal (capitalised inside the sentence, or before a number).
    if (t.text === 'May' && (i > 0 || /^\d/.test(ctx.tokens[i + 1]?.text ?? ''))) continue;
    if (t.norm === 'may' || t.norm === 'might') {
      if (next !== 'have') return true;
    } else if (NEEDS_TO.has(t.norm)) {
      if (next === 'to') return true;
    } else if (MODAL_WORDS.has(t.norm) || NEGATIONS.has(t.norm)) return true;
  }
  return false;
}

/** Planned, promised, forecast or hypothetical figures ("could send up to", "plans to deliver", "will"). */
export function isUnrealised(
  ctx: SentenceContext,
  first: number,
  npEnd: number,
  verb: GoverningVerb | null,
  announced = false,
): boolean {
  const modal = (from: number, to: number) => modalIn(ctx, from, to, announced);
  if (verb === null) return modal(clauseStart(ctx, first), first);
  if (!verb.before) return modal(npEnd, verb.match.start);
  // "the two cities would give …": a modal right after the noun phrase.
  if (modal(npEnd, npEnd + 1)) return true;
  const vs = verb.match.start;
  if (modal(clauseStart(ctx, vs), first)) return true;
  const to = ctx.tokens[vs - 1]?.norm === 'to';
  return (
    to &&
    !DONE_BEFORE_TO.has(ctx.tokens[vs - 2]?.norm ?? '') &&
    !(announced && ANNOUNCED.has(ctx.tokens[vs - 2]?.norm ?? ''))
  );
}

// The modal must be in the figure's own clause: "we can say the enemy moved 40 tanks" reports a move.
// "The army, which needs more shells, lost 12 tanks": a relative aside closed by a comma is a clause of its own.
function closesRelativeAside(ctx: SentenceContext, comma: number): boolean {
  if (ctx.tokens[comma]?.text !== ',') return false;
  for (let k = comma - 1; k >= 0 && comma - k <= 12; k--) {
    const t = ctx.tokens[k];
    if (t === undefined || isClausePunct(t)) return false;
    if (t.text === ',') return RELATIVE_WORDS.has(ctx.tokens[k + 1]?.norm ?? '');
  }
  return false;
}
const RELATIVE_WORDS = new Set(['which', 'who', 'whose', 'whom']);

function clauseStart(ctx: SentenceContext, at: number): number {
  let from = at;
  while (
    from > 0 &&
    at - from < PLAN_LOOKBACK &&
    !isClausePunct(ctx.tokens[from - 1]) &&
    !closesRelativeAside(ctx, from - 1) &&
    !CLAUSE_OPENERS.has(ctx.tokens[from - 1]?.norm ?? '')
  )
    from--;
  return from;
}

/** "Payton Gendron, 18, …", "at the age of 81": ages the quantity parser leaves as counts. */
export function isAppositiveAge(ctx: SentenceContext, first: number, last: number): boolean {
  const before = ctx.tokens[first - 1];
  const name = ctx.tokens[first - 2];
  const after = ctx.tokens[last];
  if (before?.norm === 'of' && name?.norm === 'age') return true;
  // "aged 82", "died … at 88": an age, not a count (a count after "at" has its noun: "at 50 sites").
  if (
    before?.norm === 'aged' ||
    (before?.norm === 'at' && !(after?.word ?? false) && ctx.tokens.slice(0, first).some((t) => t.norm === 'died'))
  )
    return true;
  return (
    before?.text === ',' &&
    name !== undefined &&
    /^\p{Lu}/u.test(name.text) &&
    (after?.text === ',' || after?.norm === 'and') &&
    last === first + 1
  );
}

const WEEKDAYS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday overnight yesterday today'.split(' '),
);

/** Kin words before "of N": "a father of four" gives a family's size. */
const KIN = new Set(['father', 'mother', 'parent', 'parents', 'grandfather', 'grandmother', 'grandparent']);

/**
 * Not counts at all: "one-way drones", "3M-54" (a figure glued to a hyphenated word) and model
 * designations ("Challenger 2 tanks"), which the quantity parser reads as numbers.
 */
export function isDesignation(ctx: SentenceContext, m: QuantityMention, base: number, first: number): boolean {
  const after = ctx.text.slice(base + m.end, base + m.end + 2);
  if (/^-[\p{L}\d]/u.test(after)) return true;
  // "a father of four": a family's size, not a count of anything reported.
  if (ctx.tokens[first - 1]?.norm === 'of' && KIN.has(ctx.tokens[first - 2]?.norm ?? '')) return true;
  const prev = ctx.tokens[first - 1];
  if (prev === undefined || first - 1 === 0 || m.start !== m.numberStart || m.unit !== 'count') return false;
  if (!/^\p{Lu}/u.test(prev.text) || !/^\d{1,2}$/.test(ctx.text.slice(base + m.numberStart, base + m.numberEnd)))
    return false;
  // "On Monday 12 people were killed": a day name is no model name.
  if (WEEKDAYS.has(prev.norm)) return false;
  return !ctx.entities.some((e) => e.end === first) && !ctx.places.some((p) => p.end === first);
}

/**
 * "… Sloviansk and Kramatorsk, the two main cities still held by Ukraine": "the" and a figure that counts the places
 * the sentence just named refers back to them; it reports nothing new.
 */
export function countsNamedPlaces(ctx: SentenceContext, m: QuantityMention, first: number): boolean {
  if (ctx.tokens[first - 1]?.norm !== 'the' || m.unit !== 'count' || m.value < 2 || m.value > 10) return false;
  const last = ctx.places.findLast((p) => p.end <= first);
  if (last === undefined || first - last.end > NAMED_LIST_REACH) return false;
  return placeList(ctx, last).length === m.value;
}
const NAMED_LIST_REACH = 6;

/** Questions ask about figures rather than report them. */
export function isQuestion(ctx: SentenceContext): boolean {
  return ctx.tokens[ctx.tokens.length - 1]?.text === '?';
}
