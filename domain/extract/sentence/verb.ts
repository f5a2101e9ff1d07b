import type { VerbHit } from '../taxonomy/compile.ts';
import type { PhraseMatch } from '../text/phrases.ts';
import { CLAUSE_WORDS } from '../text/words.ts';
import { isClausePunct, type SentenceContext } from './context.ts';

/** The taxonomy verb governing a figure, and where it stands relative to it. */
export interface GoverningVerb {
  match: PhraseMatch<VerbHit[]>;
  hits: VerbHit[];
  before: boolean;
  distance: number;
}

const BEFORE_WINDOW = 10;
const SPEECH_VERBS = new Set('said says say told cited reported reports claimed claims stated estimated estimates suggests indicates noted added confirmed wrote warned'.split(' '));
const AFTER_WINDOW = 9;

// A clause word ends the scan, except "and" joining figures or units ("152 mm and 122 mm ammunition").
function endsClause(ctx: SentenceContext, i: number): boolean {
  const t = ctx.tokens[i];
  if (t === undefined || isClausePunct(t)) return true;
  if (!CLAUSE_WORDS.has(t.norm)) return false;
  return !(t.norm === 'and' && /^\d/.test(ctx.tokens[i + 1]?.text ?? ''));
}

function usable(m: PhraseMatch<VerbHit[]>, topics: ReadonlySet<string> | null): VerbHit[] {
  return topics === null ? m.value : m.value.filter((h) => topics.has(h.topic));
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
  for (let i = first - 1, d = 0; i >= 0 && d < BEFORE_WINDOW; i--, d++) {
    if (endsClause(ctx, i)) break;
    const m = ctx.tax.verbs.matchAt(ctx.tokens, i);
    if (m !== undefined && m.end <= first) {
      const hits = usable(m, topics);
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
  for (let i = npEnd, d = 0; i < ctx.tokens.length && d < AFTER_WINDOW; i++, d++) {
    if (endsClause(ctx, i)) break;
    const m = ctx.tax.verbs.matchAt(ctx.tokens, i);
    if (m !== undefined) {
      const hits = usable(m, topics);
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
