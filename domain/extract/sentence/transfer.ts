import { PREPOSITIONS } from '../text/words.ts';
import type { SentenceContext } from './context.ts';

const GIVER_REACH = 6;
const TAKER_REACH = 8;

/**
 * Who gives to whom in a sentence, figure or not: a giving verb with a party before it and one after it (after "to",
 * or its object): "Iran had delivered ballistic missiles to Russia", "Finland sent Ukraine aid worth …".
 */
export function transferIn(ctx: SentenceContext): { actor: string; counterpart: string } | null {
  const { tokens, entities, tax } = ctx;
  const party = (e: (typeof entities)[number]) => tax.sides.sideOf.has(e.value.id);
  for (let i = 0; i < tokens.length; i++) {
    if (!tax.giveWords.has(tokens[i]?.norm ?? '')) continue;
    const giver = entities.findLast(
      (e) => party(e) && e.end <= i && i - e.end <= GIVER_REACH && !PREPOSITIONS.has(tokens[e.start - 1]?.norm ?? ''),
    );
    if (giver === undefined) continue;
    const taker = entities.find(
      (e) =>
        party(e) &&
        e.value.id !== giver.value.id &&
        e.start > i &&
        e.start - i <= TAKER_REACH &&
        (e.start === i + 1 || tokens[e.start - 1]?.norm === 'to'),
    );
    if (taker !== undefined) return { actor: giver.value.id, counterpart: taker.value.id };
  }
  return null;
}
