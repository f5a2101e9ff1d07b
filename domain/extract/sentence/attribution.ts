import type { Token } from '../text/tokens.ts';
import { PRONOUNS } from '../text/words.ts';
import type { SentenceContext } from './context.ts';

/** A source named in a sentence, where its cue stands, and whether it is an outer relay ("as reported by TASS"). */
export interface Speaker {
  name: string;
  at: number;
  outer: boolean;
  entity: string | null;
}

/** Verbs of saying: what precedes them is a speaker. */
export const SAY = new Set(
  'said says say told tells reported reports claimed claims stated states announced announces estimate estimates suggests suggested indicates indicated noted added confirmed confirms wrote writes warned alleged insisted acknowledged admitted revealed reveals shows showed'.split(
    ' ',
  ),
);
const RELAY = new Set(['reported', 'cited', 'quoted', 'published', 'conducted', 'compiled', 'gathered', 'released']);
const STOP_BACK = new Set(
  'that while and but as when after which who whom where because although though if then so'.split(' '),
);
const SKIP_BACK = new Set(
  'later also had has have previously earlier separately again further repeatedly then first'.split(' '),
);
const BAD = new Set('was were is are been being be has have had reports report this these there what it'.split(' '));
// Time words that cling to a speaker's name ("Biden on Wednesday", "officials recently").
const TIME_WORDS = new Set(
  'on late early earlier later recently previously also monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night this last week yesterday today'.split(
    ' ',
  ),
);
const TITLE =
  /^(officials?|governors?|ministry|minister|spokes\w*|mayor|military|intelligence|administration|authorities|police|army|command|staff|agency|council|service|president|commander|sources?|analysts?|experts?|monitors?|data|office|head|chief|prosecutors?|observers?|group|paper|newspaper|institute|centre|center|mission|un|unhcr|ombudsman|representatives?)$/;
// Capitalised only because they start the sentence: not a name.
const FUNCTION_CAPS = new Set(
  'the a an this that these those its their his her our in on at by for of overall meanwhile but and however also even when while after before as'.split(
    ' ',
  ),
);
const MAX_NAME = 12;

const isBoundaryMark = (t: Token) =>
  !t.word && t.text !== '(' && t.text !== ')' && t.text !== '’' && t.text !== "'" && t.text !== '-' && t.text !== '.';

function slice(ctx: SentenceContext, a: number, b: number): string {
  const s = ctx.tokens[a];
  const e = ctx.tokens[b - 1];
  return s === undefined || e === undefined || b <= a ? '' : ctx.text.slice(s.start, e.end);
}

// A plausible source: a capitalised name or a title noun, no clause verbs, no figures.
function plausible(toks: Token[]): boolean {
  if (toks.length === 0 || toks.length > MAX_NAME) return false;
  if (toks.length === 1 && PRONOUNS.has(toks[0]?.norm ?? '')) return false;
  if (toks.some((t) => BAD.has(t.norm) || /^\d/.test(t.text))) return false;
  return toks.some((t) => (/^\p{Lu}/u.test(t.text) && !FUNCTION_CAPS.has(t.norm)) || TITLE.test(t.norm));
}

function entityIn(ctx: SentenceContext, a: number, b: number): string | null {
  return ctx.entities.find((e) => e.start >= a && e.end <= b)?.value.id ?? null;
}

// Name after a cue ("according to the governor, Oleksandr Starukh,"): up to the clause's end.
function nameAfter(ctx: SentenceContext, from: number, allowAppositive: boolean): [number, number] {
  let j = from;
  let commas = 0;
  while (j < ctx.tokens.length && j - from < MAX_NAME) {
    const t = ctx.tokens[j] as Token;
    if (
      t.text === ',' &&
      allowAppositive &&
      commas === 0 &&
      /^\p{Lu}/u.test(ctx.tokens[j + 1]?.text ?? '') &&
      j - from <= 4
    ) {
      commas++;
      j++;
      continue;
    }
    if (isBoundaryMark(t) || (t.word && STOP_BACK.has(t.norm) && j > from)) break;
    j++;
  }
  while (j > from && ctx.tokens[j - 1]?.text === '.') j--;
  return [from, j];
}

// Name before a speech verb ("Kharkiv’s regional military administration said"), with one appositive.
function nameBefore(ctx: SentenceContext, verb: number): [number, number] | null {
  let end = verb;
  while (end > 0 && SKIP_BACK.has(ctx.tokens[end - 1]?.norm ?? '')) end--;
  if (ctx.tokens[end - 1]?.text === ',') end--;
  let i = end;
  while (i > 0 && end - i < MAX_NAME) {
    const t = ctx.tokens[i - 1] as Token;
    if (isBoundaryMark(t) || (t.word && STOP_BACK.has(t.norm))) break;
    i--;
  }
  if (i === end) return null;
  // "Oleh Synegubov, the regional governor, said": keep the name before the title.
  if (ctx.tokens[i - 1]?.text === ',' && ctx.tokens[i]?.norm === 'the') {
    let k = i - 1;
    while (k > 0 && /^\p{Lu}/u.test(ctx.tokens[k - 1]?.text ?? '') && i - 1 - k < 4) k--;
    if (k < i - 1) return [k, end];
  }
  return [i, end];
}

/** Every source named in the sentence, with the token index of its cue; used for attribution and pronoun subjects. */
export function findSpeakers(ctx: SentenceContext): Speaker[] {
  const out: Speaker[] = [];
  const toks = ctx.tokens;
  const add = (a: number, b: number, at: number, outer: boolean) => {
    while (a < b && (TIME_WORDS.has(toks[a]?.norm ?? '') || toks[a]?.text === ',')) a++;
    while (b > a && (TIME_WORDS.has(toks[b - 1]?.norm ?? '') || toks[b - 1]?.text === ',')) b--;
    const span = toks.slice(a, b);
    if (plausible(span)) out.push({ name: slice(ctx, a, b), at, outer, entity: entityIn(ctx, a, b) });
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (!t.word) continue;
    if (t.norm === 'according' && toks[i + 1]?.norm === 'to') {
      const [a, b] = nameAfter(ctx, i + 2, true);
      add(a, b, i, false);
    } else if (RELAY.has(t.norm) && toks[i + 1]?.norm === 'by') {
      const [a, b] = nameAfter(ctx, i + 2, false);
      add(a, b, i, t.norm === 'reported' || t.norm === 'cited' || t.norm === 'quoted');
    } else if (SAY.has(t.text)) {
      const before = nameBefore(ctx, i);
      if (before !== null && plausible(toks.slice(before[0], before[1]))) add(before[0], before[1], i, false);
      else if (/^\p{Lu}/u.test(toks[i + 1]?.text ?? '') || toks[i + 1]?.norm === 'the') {
        const [a, b] = nameAfter(ctx, i + 1, false);
        add(a, b, i, false);
      }
    }
  }
  return out;
}

/** Attribution chain for a figure at token `at`: nearest source first, relays ("as reported by") last. */
export function attributionFor(speakers: readonly Speaker[], at: number): { chain: string[]; entity: string | null } {
  const inner = [...speakers].filter((s) => !s.outer).sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at));
  const chain: string[] = [];
  const first = inner[0];
  if (first !== undefined) chain.push(first.name);
  for (const s of speakers) if (s.outer && !chain.includes(s.name)) chain.push(s.name);
  return { chain, entity: first?.entity ?? null };
}

const HEDGES = new Set(
  'reportedly allegedly purportedly supposedly claimed claims suggests suggest suggested believed feared unconfirmed unverified indicate indicates indicated'.split(
    ' ',
  ),
);

/** "reported" when the sentence hedges its figures (reportedly, allegedly, suggests, claimed, feared …), else null. */
export function hedgeOf(ctx: SentenceContext): 'reported' | null {
  const toks = ctx.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    const next = toks[i + 1]?.norm ?? '';
    if (HEDGES.has(t.norm) && !(t.norm === 'claimed' && (next === 'the' || next === 'responsibility')))
      return 'reported';
    if (
      (t.norm === 'thought' || t.norm === 'said' || t.norm === 'reported') &&
      next === 'to' &&
      ['is', 'are', 'was', 'were'].includes(toks[i - 1]?.norm ?? '')
    )
      return 'reported';
    if (
      (t.norm === 'estimate' || t.norm === 'estimates') &&
      !['an', 'the', 'conservative', 'by'].includes(toks[i - 1]?.norm ?? '')
    )
      return 'reported';
    if ((t.norm === 'may' || t.norm === 'might') && next === 'have') return 'reported';
  }
  return null;
}
