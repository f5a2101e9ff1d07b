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
}

/** Tokenises a sentence and finds its entities, places and verbs; called once per sentence that holds figures. */
export function buildContext(text: string, span: Span, tax: CompiledTaxonomy): SentenceContext {
  const tokens = tokenize(text, span.start, span.end);
  return {
    text,
    span,
    tokens,
    entities: tax.entities.findAll(tokens),
    places: tax.places.findAll(tokens),
    verbs: tax.verbs.findAll(tokens),
    tax,
  };
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

/** True for punctuation that closes a clause (semicolon, dash, brackets, quotes). */
export function isClausePunct(t: Token | undefined): boolean {
  return t !== undefined && !t.word && CLAUSE_PUNCT.has(t.text);
}
