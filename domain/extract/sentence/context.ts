import type { CompiledTaxonomy, EntityHit, VerbHit } from '../taxonomy/compile.ts';
import type { PhraseMatch } from '../text/phrases.ts';
import type { Span } from '../text/sentences.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import { CLAUSE_PUNCT } from '../text/words.ts';

/** One sentence prepared for the rules: its tokens and every entity, place and verb found in it. */
export interface SentenceContext {
  text: string;
  span: Span;
  tokens: Token[];
  entities: PhraseMatch<EntityHit>[];
  places: PhraseMatch<EntityHit>[];
  verbs: PhraseMatch<VerbHit[]>[];
  tax: CompiledTaxonomy;
  /** Token indexes where a figure of the sentence starts (its qualifier included): list items begin there. */
  figureStarts: ReadonlySet<number>;
}

/**
 * Tokenises a sentence and finds its entities, places and verbs; called once per sentence that holds figures.
 * A sentence read only for what it names (no figures) skips the verbs: `withVerbs` false.
 */
export function buildContext(
  text: string,
  span: Span,
  tax: CompiledTaxonomy,
  figureOffsets: readonly number[] = [],
  withVerbs = true,
): SentenceContext {
  const tokens = tokenize(text, span.start, span.end);
  const entities = tax.entities.findAll(tokens);
  return {
    figureStarts: new Set(figureOffsets.map((o) => tokenAt(tokens, o))),
    text,
    span,
    tokens,
    entities,
    places: placesNotMetonyms(tokens, tax.places.findAll(tokens), entities),
    verbs: withVerbs ? tax.verbs.findAll(tokens) : [],
    tax,
  };
}

const STRUCK = new Set('hit struck attacked targeted shelled bombed under again'.split(' '));
const LOCATIVE = new Set('in at near over on outside around inside into across toward towards from of'.split(' '));

const WATER = new Set(['river', 'riverbank', 'riverbanks', 'estuary', 'delta']);

// "Kyiv said", "Moscow has lost": a capital named as its government is the entity, not a place. It is a place
// only after a locative preposition ("drones over Kyiv", "in Moscow").
function placesNotMetonyms(
  tokens: Token[],
  places: PhraseMatch<EntityHit>[],
  entities: PhraseMatch<EntityHit>[],
): PhraseMatch<EntityHit>[] {
  return places.filter((p) => {
    // "across the Dnipro River", "the Siverskyi Donets river": a river named after a town is no town.
    if (WATER.has(tokens[p.end]?.norm ?? '')) return false;
    const alias = entities.some((e) => !e.value.demonym && e.start === p.start && e.end === p.end);
    if (!alias) return true;
    const before = tokens[p.start - 1]?.norm === 'the' ? tokens[p.start - 2] : tokens[p.start - 1];
    // "Kyiv was hit by …", "Kharkiv came under attack": a capital as the subject of a passive strike is a place.
    const after = tokens[p.end]?.norm ?? '';
    const struck =
      (after === 'was' || after === 'were' || after === 'came') && STRUCK.has(tokens[p.end + 1]?.norm ?? '');
    // "Russia struck Kyiv with 40 missiles": a capital a strike hits is a place.
    const target =
      before !== undefined && STRUCK.has(before.norm) && before.norm !== 'under' && before.norm !== 'again';
    return struck || target || (before !== undefined && LOCATIVE.has(before.norm));
  });
}

/** Index of the first token starting at or after an article offset (tokens.length when none). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const FIGURE_WORDS = new Set([',', '.', 'million', 'thousand', 'billion', 'hundred', 'dozen', 'm', 'bn', 'k']);
/** The token just past the figure starting at token f ("1,500", "2.5 million"). */
export function figureEnd(ctx: SentenceContext, f: number): number {
  let end = f + 1;
  while (FIGURE_WORDS.has(ctx.tokens[end]?.norm ?? '') || /^\d/.test(ctx.tokens[end]?.text ?? '')) end++;
  return end;
}

/** True when token i opens a list item or conjunct that is itself a figure ("…, 9,008 tanks", "and over 2,500 drones"). */
export function startsFigure(ctx: SentenceContext, i: number): boolean {
  for (let k = i; k < i + 4 && k < ctx.tokens.length; k++) if (ctx.figureStarts.has(k)) return true;
  return false;
}

/** True for punctuation that closes a clause (semicolon, dash, brackets, quotes). */
export function isClausePunct(t: Token | undefined): boolean {
  return t !== undefined && !t.word && CLAUSE_PUNCT.has(t.text);
}

const LIST_JOINTS = new Set(['and', ',', 'or']);

/** The places of the list that `last` closes, in order: "Sloviansk and Kramatorsk", "Lyman, Siversk and Bakhmut". */
export function placeList(ctx: SentenceContext, last: PhraseMatch<EntityHit>): PhraseMatch<EntityHit>[] {
  const list = [last];
  for (let q = last; LIST_JOINTS.has(ctx.tokens[q.start - 1]?.norm ?? '');) {
    const at = q.start - 1;
    const before = ctx.places.find((x) => x.end === at);
    if (before === undefined) break;
    list.unshift(before);
    q = before;
  }
  return list;
}
