import type { EntityHit, NounHit } from '../taxonomy/compile.ts';
import { AUX, FUNCTION_WORDS, INCREMENT_WORDS, NP_MODIFIERS, PREPOSITIONS } from '../text/words.ts';
import { canBeNoun, inflections, lemmaOf } from '../text/lemma.ts';
import type { SentenceContext } from './context.ts';

/** What follows a figure: the counted noun (if a taxonomy noun), a demonym inside it, and increment words. */
export interface NounPhrase {
  /** Taxonomy hits for the head noun; null when no noun follows ("five were injured"). */
  hits: NounHit[] | null;
  /** Lower-cased head noun as written, for civilian checks. */
  head: string | null;
  /** True when a word that is not a taxonomy noun is counted ("40 houses"): not a claim. */
  foreign: boolean;
  entity: EntityHit | null;
  increment: boolean;
  /** Token index just past the noun phrase. */
  end: number;
  /** True when the phrase ends in an event noun of its topic ("35 tank losses"): it needs no verb. */
  event?: boolean;
  /** Borrowed from a whole the figure is part of ("N drones, of which … M"): the token where the whole's phrase ends. */
  wholeEnd?: number;
}

const MAX_WORDS = 8;
const MAX_OF = 8;

// "rounds of 152 mm and 122 mm ammunition": the of-phrase belongs to the noun, so the verb after
// it is still the noun's verb.
function skipOfPhrase(ctx: SentenceContext, at: number): number {
  if (ctx.tokens[at]?.norm !== 'of') return at;
  let j = at + 1;
  while (j < ctx.tokens.length && j - at <= MAX_OF) {
    const t = ctx.tokens[j]!;
    if (!t.word && t.text !== '-') break;
    if (t.norm !== 'and' && (FUNCTION_WORDS.has(t.norm) || AUX.has(t.norm))) break;
    if (t.norm === 'and' && !/^\d/.test(ctx.tokens[j + 1]?.text ?? '')) break;
    if (ctx.tax.verbs.matchAt(ctx.tokens, j) !== undefined) break;
    j++;
  }
  return j;
}

// Words that may follow a counted noun without being its head ("300 tanks last year").
const AFTER_HEAD = new Set(
  'last overnight yesterday today tonight alone altogether combined respectively so each apiece there here now then too again already instead nearby abroad home ago earlier later since still yet back away overall outright total plus aboard onboard north south east west northeast northwest southeast southwest north-east north-west south-east south-west northward southward eastward westward'.split(
    ' ',
  ),
);

// "32 missile engineers", "40 tank crews": the taxonomy noun only modifies a lowercase head noun.
function modifiesUnknownHead(ctx: SentenceContext, at: number): boolean {
  const t = ctx.tokens[at];
  if (t === undefined || !t.word || !/^\p{Ll}/u.test(t.text) || /^\d/.test(t.text)) return false;
  if (
    FUNCTION_WORDS.has(t.norm) ||
    PREPOSITIONS.has(t.norm) ||
    AUX.has(t.norm) ||
    NP_MODIFIERS.has(t.norm) ||
    AFTER_HEAD.has(t.norm) ||
    /(?:ed|ing|ly)$/.test(t.norm) ||
    !canBeNoun(t.norm)
  )
    return false;
  return ctx.tax.verbs.matchAt(ctx.tokens, at) === undefined && ctx.tax.nouns.matchAt(ctx.tokens, at) === undefined;
}

// "sought", "took": an inflected verb opens a verb phrase ("sought medical help"), never an event noun.
function isVerbForm(norm: string): boolean {
  const lemma = lemmaOf(norm);
  return lemma !== norm && inflections(lemma, 'verb').includes(norm);
}

/** The hits of a counted noun whose topic has an event phrase opened by the word after it ("tank losses": "losses of"). */
export function eventAfter(ctx: SentenceContext, hits: NounHit[], at: number): NounHit[] | undefined {
  const t = ctx.tokens[at];
  if (t === undefined || !modifiesUnknownHead(ctx, at) || isVerbForm(t.norm)) return undefined;
  const topics = new Set(ctx.tax.verbs.openedBy(t).flatMap((v) => v.map((h) => h.topic)));
  const own = hits.filter((h) => topics.has(h.topic));
  return own.length > 0 ? own : undefined;
}

// "Ukrainians", "Ukrainian refugees": the counted noun itself names the entity.
function entityWithin(ctx: SentenceContext, start: number, end: number): EntityHit | null {
  return ctx.entities.find((x) => x.start >= start && x.end <= end)?.value ?? null;
}

// "rounds of North Korean ammunition": a demonym in the of-phrase.
function ofEntity(ctx: SentenceContext, at: number): EntityHit | null {
  if (ctx.tokens[at]?.norm !== 'of') return null;
  const e = ctx.entities.find((x) => x.start > at && x.start <= at + 2);
  return e?.value ?? null;
}
const MAX_UNKNOWN = 2;
const QUOTE_MARKS = new Set(['"', '“', '”']);
const ARTICLES = new Set(['the', 'a', 'an']);
const POSSESSIVES = new Set(['its', 'their', 'our', 'his', 'her', 'my', 'your']);

/** Reads the noun phrase after a figure ending at token `from`; stops at function words, verbs and punctuation. */
export function readNounPhrase(ctx: SentenceContext, from: number): NounPhrase {
  const { tokens, tax } = ctx;
  let entity: EntityHit | null = null;
  let increment = false;
  let unknown = 0;
  let j = from;
  // 'shot down 37 of "about 40" missiles': a figure quoted on its own still counts the noun after the quote.
  if (
    QUOTE_MARKS.has(tokens[j]?.text ?? '') &&
    tokens.slice(Math.max(0, from - 4), from).some((x) => QUOTE_MARKS.has(x.text))
  )
    j++;
  for (let steps = 0; steps < MAX_WORDS && j < tokens.length; steps++) {
    const t = tokens[j];
    if (t === undefined) break;
    let noun = tax.nouns.matchAt(tokens, j);
    // "civilian deaths", "tank losses": in a compound the last taxonomy noun is the head.
    // (Not a participle after it: "277 soldiers returned home" is a clause.)
    const headAt = (at: number) =>
      /ed$/.test(tokens[at]?.norm ?? '') || tax.verbs.matchAt(tokens, at) !== undefined
        ? undefined
        : tax.nouns.matchAt(tokens, at);
    for (let next = noun === undefined ? undefined : headAt(noun.end); next !== undefined; next = headAt(next.end))
      noun = next;
    // "35 tank losses": a noun that opens one of the topic's event phrases ("losses of") is the event itself.
    const event = noun === undefined ? undefined : eventAfter(ctx, noun.value, noun.end);
    if (noun !== undefined && event !== undefined)
      return {
        hits: event,
        head: tokens[noun.end - 1]?.norm ?? null,
        foreign: false,
        entity,
        increment,
        end: noun.end + 1,
        event: true,
      };
    if (noun !== undefined && modifiesUnknownHead(ctx, noun.end))
      return { hits: null, head: null, foreign: true, entity, increment, end: from };
    // "8 Leopard tanks": a longer noun of one topic (arms) does not hide its head word's other topics (losses).
    // Only a model name does that ("Leopard", "Patriot"): "surveillance drones" stay what the taxonomy says.
    const named = noun !== undefined && noun.end - noun.start >= 2 && /^\p{Lu}/u.test(tokens[noun.start]?.text ?? '');
    const suffix = noun === undefined || !named ? undefined : tax.nouns.matchAt(tokens, noun.end - 1);
    if (noun !== undefined && suffix !== undefined && suffix.end === noun.end) {
      const own = noun.value;
      noun = { ...noun, value: [...own, ...suffix.value.filter((h) => !own.some((o) => o.topic === h.topic))] };
    }
    // "25,000 dead Russian soldiers": a state and a noun of the same topic after the item word are its owner and head.
    const owner = noun === undefined ? undefined : tax.entities.matchAt(tokens, noun.end);
    const owned = owner === undefined ? undefined : tax.nouns.matchAt(tokens, owner.end);
    if (
      noun !== undefined &&
      owner !== undefined &&
      owned !== undefined &&
      owned.value.some((h) => noun.value.some((n) => n.topic === h.topic))
    )
      return {
        hits: noun.value,
        head: tokens[owned.end - 1]?.norm ?? null,
        foreign: false,
        entity: owner.value,
        increment,
        end: skipOfPhrase(ctx, owned.end),
      };
    if (noun !== undefined) {
      const head = tokens
        .slice(noun.start, noun.end)
        .map((x) => x.norm)
        .join(' ');
      return {
        hits: noun.value,
        head,
        foreign: false,
        entity: entity ?? entityWithin(ctx, noun.start, noun.end) ?? ofEntity(ctx, noun.end),
        increment,
        end: skipOfPhrase(ctx, noun.end),
      };
    }
    const ent = tax.entities.matchAt(tokens, j);
    if (ent !== undefined) {
      entity = ent.value;
      // "1,500 Russian troops": an alias that ends in a counted noun counts that noun.
      const inner = tax.nouns.matchAt(tokens, ent.end - 1);
      if (inner !== undefined && inner.end === ent.end && ent.end - ent.start > 1) {
        return {
          hits: inner.value,
          head: tokens[ent.end - 1]?.norm ?? null,
          foreign: false,
          entity,
          increment,
          end: skipOfPhrase(ctx, ent.end),
        };
      }
      j = ent.end;
      continue;
    }
    if (!t.word) {
      // Hyphens and slashes join modifiers ("152-mm"); any other mark ends the phrase.
      if (t.text === '-' || t.text === '/') {
        j++;
        continue;
      }
      break;
    }
    if (INCREMENT_WORDS.has(t.norm)) increment = true;
    // "In 530 cases the missiles got through": an article after a word the taxonomy does not know opens another phrase.
    if (unknown > 0 && ARTICLES.has(t.norm)) break;
    // "84 of its soldiers", "of their own men": a possessive after "of" is part of the phrase.
    const possessive = POSSESSIVES.has(t.norm) && tokens[j - 1]?.norm === 'of';
    if (
      NP_MODIFIERS.has(t.norm) ||
      /^\d/.test(t.text) ||
      possessive ||
      (t.norm === 'own' && POSSESSIVES.has(tokens[j - 1]?.norm ?? ''))
    ) {
      j++;
      continue;
    }
    // "air-launched cruise missiles": a word joined by a hyphen is part of a modifier, not a verb.
    const compound = tokens[j - 1]?.text === '-' && tokens[j - 1]?.end === t.start;
    if (
      FUNCTION_WORDS.has(t.norm) ||
      PREPOSITIONS.has(t.norm) ||
      AUX.has(t.norm) ||
      (!compound && tax.verbs.matchAt(tokens, j) !== undefined)
    )
      break;
    // "27 Storm Shadow cruise missiles": a model name is part of the phrase, not an unknown noun.
    if (/^\p{Lu}/u.test(t.text) || compound) {
      j++;
      continue;
    }
    unknown++;
    if (unknown > MAX_UNKNOWN) break;
    j++;
  }
  // "200,000 of its own men": a partitive names a noun even when it is not a taxonomy noun.
  const partitive = tokens.slice(from, j).some((t) => t.norm === 'of');
  const foreign = unknown > 0 || partitive;
  return { hits: null, head: null, foreign, entity, increment, end: foreign ? from : j };
}
