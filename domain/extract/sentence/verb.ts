import type { VerbHit } from '../taxonomy/compile.ts';
import { inflections, lemmaOf } from '../text/lemma.ts';
import type { PhraseMatch } from '../text/phrases.ts';
import { CLAUSE_WORDS, FUNCTION_WORDS } from '../text/words.ts';
import { isClausePunct, startsFigure, type SentenceContext } from './context.ts';

/** The taxonomy verb governing a figure, and where it stands relative to it. */
export interface GoverningVerb {
  match: PhraseMatch<VerbHit[]>;
  hits: VerbHit[];
  before: boolean;
  distance: number;
}

const BEFORE_WINDOW = 10;
const SPEECH_VERBS = new Set(
  'said says say told cited reported reports claimed claims stated estimated estimates suggests indicates noted added confirmed wrote warned'.split(
    ' ',
  ),
);
const AFTER_WINDOW = 9;
const ITEM_WORDS = 4;
const RELATIVE = new Set(['who', 'that', 'which']);
const FINITE = new Set(
  'was were is are has have had will would could can may might did do does remain remained'.split(' '),
);

// A clause word ends the scan, except "and" joining figures or units ("152 mm and 122 mm ammunition",
// "350 missiles and over 2,500 drones").
function endsClause(ctx: SentenceContext, i: number): boolean {
  const t = ctx.tokens[i];
  if (t === undefined) return true;
  if (isClausePunct(t)) return !isScareQuote(ctx, i);
  if (addsAnother(ctx, i)) return true;
  if (!CLAUSE_WORDS.has(t.norm)) return false;
  return !(t.norm === 'and' && (/^\d/.test(ctx.tokens[i + 1]?.text ?? '') || startsFigure(ctx, i + 1)));
}

// "will send more troops, in addition to 1,000 engineers already there": what is added to is another set.
function addsAnother(ctx: SentenceContext, i: number): boolean {
  const [a, b, c] = [i, i + 1, i + 2].map((k) => ctx.tokens[k]?.norm ?? '');
  return a === 'besides' || (a === 'in' && b === 'addition' && c === 'to') || (a === 'on' && b === 'top' && c === 'of');
}

const QUOTES = new Set(['"', '“', '”', "'", '‘', '’']);
// Quotes around one or two words ("have “surrendered”") mark a word, not a clause.
function isScareQuote(ctx: SentenceContext, i: number): boolean {
  if (!QUOTES.has(ctx.tokens[i]?.text ?? '')) return false;
  for (const d of [2, 3, -2, -3])
    if (
      QUOTES.has(ctx.tokens[i + d]?.text ?? '') &&
      ctx.tokens.slice(Math.min(i, i + d) + 1, Math.max(i, i + d)).every((t) => t.word)
    )
      return true;
  return false;
}

// "tens of thousands of civilians and soldiers alike have died": a coordinated noun belongs to the phrase.
function coordinatedNoun(ctx: SentenceContext, i: number): number {
  const t = ctx.tokens[i];
  if (t?.norm !== 'and' && t?.norm !== 'or') return i;
  const noun = ctx.tax.nouns.matchAt(ctx.tokens, i + 1);
  if (noun === undefined) return i;
  return ctx.tokens[noun.end]?.norm === 'alike' ? noun.end + 1 : noun.end;
}

const ASIDE_OPEN = new Set([',', '—', '–', '-', '--', '(']);
const ASIDE_CLOSE: Record<string, string> = { '(': ')' };
const ASIDE_WORDS = 10;
// "4,552 people — soldiers and civilians — have been returned", "307 defenders, all of them privates, were
// brought back": an aside right after the noun is skipped when the clause goes on with a finite verb after it.
function asideEnd(ctx: SentenceContext, i: number): number {
  const open = ctx.tokens[i]?.text ?? '';
  if (!ASIDE_OPEN.has(open)) return i;
  const close = ASIDE_CLOSE[open] ?? open;
  for (let k = i + 1; k < ctx.tokens.length && k <= i + ASIDE_WORDS; k++) {
    const t = ctx.tokens[k];
    if (t === undefined || (t.text !== close && !t.word && t.text !== ',' && t.text !== '-')) return i;
    if (t.text !== close) continue;
    const next = ctx.tokens[k + 1];
    return next !== undefined && (FINITE.has(next.norm) || ctx.verbs.some((v) => v.start === k + 1)) ? k + 1 : i;
  }
  return i;
}

// A comma or "and" before another figure separates list items ("lost 279,440 troops, 9,008 tanks and 315
// aircraft"): every item is governed by the list's verb, so the window counts from the nearest item.
function itemBoundary(ctx: SentenceContext, i: number): boolean {
  const t = ctx.tokens[i];
  return (t?.text === ',' || t?.norm === 'and') && startsFigure(ctx, i + 1);
}

// "Ukraine downs 50 drones", "Russia captures 3 villages": a headline's present -s form (after a named party or
// right before the figure) is
// the verb whose past form the taxonomy lists (a bare -s form is as often a noun — "targets" — so it is not listed).
function headlineVerb(
  ctx: SentenceContext,
  i: number,
  topics: ReadonlySet<string> | null,
): PhraseMatch<VerbHit[]> | undefined {
  const t = ctx.tokens[i];
  if (t === undefined || !/[a-z]s$/.test(t.norm)) return undefined;
  // After a named party, or right before a figure ("Air defence downs 30 drones"): a plural noun is neither.
  if (!ctx.entities.some((e) => e.end === i) && !ctx.figureStarts.has(i + 1)) return undefined;
  const lemma = lemmaOf(t.norm);
  if (lemma === t.norm) return undefined;
  const accept = (v: VerbHit[]) => usable(ctx, v, topics).length > 0;
  for (const form of [lemma, ...inflections(lemma, 'verb')]) {
    const tokens = ctx.tokens.slice();
    tokens[i] = { ...t, norm: form };
    const m = ctx.tax.verbs.matchAt(tokens, i, accept);
    if (m !== undefined) return m;
  }
  return undefined;
}

// Scanning backwards meets a phrase's last word first: "killed or wounded 700,000" is the whole phrase, not "wounded".
function widest(
  ctx: SentenceContext,
  i: number,
  topics: ReadonlySet<string> | null,
): PhraseMatch<VerbHit[]> | undefined {
  const accept = (v: VerbHit[]) => usable(ctx, v, topics).length > 0;
  const m = ctx.tax.verbs.matchAt(ctx.tokens, i, accept);
  if (m === undefined) return undefined;
  for (let j = i - 3; j < i; j++) {
    const wider = j < 0 ? undefined : ctx.tax.verbs.matchAt(ctx.tokens, j, accept);
    if (wider !== undefined && wider.end >= m.end) return wider;
  }
  return m;
}

const sentenceWords = new WeakMap<SentenceContext, string>();
// " returned home … captivity ": the sentence's words, for verbs that need one of their cue words.
function wordsOf(ctx: SentenceContext): string {
  let w = sentenceWords.get(ctx);
  if (w === undefined) sentenceWords.set(ctx, (w = ` ${ctx.tokens.map((t) => t.norm).join(' ')} `));
  return w;
}

function usable(ctx: SentenceContext, hits: VerbHit[], topics: ReadonlySet<string> | null): VerbHit[] {
  return hits.filter(
    (h) =>
      (topics === null || topics.has(h.topic)) &&
      (h.needs.length === 0 || h.needs.some((n) => wordsOf(ctx).includes(` ${n} `))),
  );
}

const RELATIVE_REACH = 8;
const MAIN_ADVERBS = new Set(['also', 'then', 'all', 'later', 'eventually', 'subsequently', 'successfully']);
// The finite verb ("were intercepted", "was shot down") that follows a participle's phrase in the same clause.
function mainVerbAfter(
  ctx: SentenceContext,
  participle: PhraseMatch<VerbHit[]>,
  topics: ReadonlySet<string> | null,
): PhraseMatch<VerbHit[]> | undefined {
  for (let k = participle.end; k < ctx.tokens.length && k - participle.end < RELATIVE_REACH; k++) {
    const t = ctx.tokens[k];
    if (t === undefined || isClausePunct(t) || t.text === ',' || CLAUSE_WORDS.has(t.norm) || ctx.figureStarts.has(k))
      return undefined;
    if (!FINITE.has(ctx.tokens[k]?.norm ?? '')) continue;
    let v = k + 1;
    while (v < k + 3 && (MAIN_ADVERBS.has(ctx.tokens[v]?.norm ?? '') || /ly$/.test(ctx.tokens[v]?.norm ?? ''))) v++;
    if (ctx.tokens[v]?.norm === 'been') v++;
    return ctx.tax.verbs.matchAt(ctx.tokens, v, (x) => usable(ctx, x, topics).some((h) => !h.adjacent));
  }
  return undefined;
}

// Whether a number (not a year: "in April 2022 killed 61") stands right before token `at`.
function afterFigure(ctx: SentenceContext, at: number): boolean {
  const t = ctx.tokens[at - 1]?.text ?? '';
  return /\d/.test(t) && !/^(?:19|20)\d\d$/.test(t);
}

/**
 * Finds the nearest taxonomy verb before the figure (active: "captured 70 villages") or after its
 * noun phrase (passive: "five were injured"), within one clause; restricted to `topics` when given.
 */
export function findGoverningVerb(
  ctx: SentenceContext,
  first: number,
  npEnd: number,
  topics: ReadonlySet<string> | null,
): GoverningVerb | null {
  let before: GoverningVerb | null = null;
  // "… were killed and eight civilians were injured": an item followed by its own auxiliary is a clause of
  // its own, and the verb of the item before it is not its verb.
  const ownClause = FINITE.has(ctx.tokens[npEnd]?.norm ?? '');
  for (let i = first - 1, d = 0; i >= 0 && d < BEFORE_WINDOW; i--, d++) {
    if (endsClause(ctx, i)) break;
    if (itemBoundary(ctx, i)) {
      if (ownClause) break;
      d = 0;
    }
    // A longer phrase of another topic ("moved to", refugees) must not hide this topic's shorter verb ("moved").
    const m = widest(ctx, i, topics) ?? headlineVerb(ctx, i, topics);
    // "lost 180,000 killed and 500,000 wounded": an outcome word right after the item before is that item's noun.
    if (m !== undefined && m.end <= first && !afterFigure(ctx, m.start)) {
      const hits = usable(ctx, m.value, topics).filter((h) => !h.adjacent || m.end === first);
      if (hits.length > 0) {
        before = { match: m, hits, before: true, distance: first - m.end };
        break;
      }
    }
    // "said that 3.7 million …", "cited 3.7 million …": what comes after is reported speech.
    const t = ctx.tokens[i];
    if (t !== undefined && (t.norm === 'that' || SPEECH_VERBS.has(t.norm))) break;
  }
  let after: GoverningVerb | null = null;
  const start = asideEnd(ctx, coordinatedNoun(ctx, npEnd));
  for (let i = start, d = 0; i < ctx.tokens.length && d < AFTER_WINDOW; i++, d++) {
    // "8 million Ukrainians who fled": a relative clause right after the noun tells what the counted did.
    if (i === start && RELATIVE.has(ctx.tokens[i]?.norm ?? '')) continue;
    // "… in the attack, which also involved 5 missiles": a relative clause about another noun is not the figure's.
    if (i > start && ctx.tokens[i - 1]?.text === ',' && RELATIVE.has(ctx.tokens[i]?.norm ?? '')) break;
    if (endsClause(ctx, i)) break;
    // "struck Odesa with 12 drones, damaging the port": a participle after a comma opens a clause of its own.
    const next = ctx.tokens[i + 1]?.norm ?? '';
    if (ctx.tokens[i]?.text === ',' && /ing$/.test(next) && !FUNCTION_WORDS.has(next)) break;
    // The next item's own figure and noun ("and 2 air defence systems") are not distance to the shared verb.
    if (itemBoundary(ctx, i)) d = -ITEM_WORDS;
    // A longer phrase of another topic ("moved to", refugees) must not hide this topic's shorter verb ("moved").
    let m = ctx.tax.verbs.matchAt(ctx.tokens, i, (v) => usable(ctx, v, topics).some((h) => !h.adjacent));
    // "Nine missiles fired at Kyiv were intercepted": a participle right after the noun opens a reduced relative
    // clause; the finite verb after it is the clause's own.
    if (m !== undefined && i === start) m = mainVerbAfter(ctx, m, topics) ?? m;
    if (m !== undefined) {
      const hits = usable(ctx, m.value, topics).filter((h) => !h.adjacent);
      if (hits.length > 0) {
        after = { match: m, hits, before: false, distance: i - npEnd };
        break;
      }
    }
  }
  if (before === null) return after;
  if (after === null) return before;
  return after.distance < before.distance ? after : before;
}
