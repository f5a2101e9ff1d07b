import type { Token } from './tokens.ts';
import { POST_QUALIFIERS, PRE_QUALIFIERS, type QualifierRule } from './lexicon.ts';

/** A qualifier phrase matched around a figure, with the tokens it covers. */
export interface QualifierMatch {
  rule: QualifierRule;
  first: number;
  last: number;
}

// Most figures have no qualifier: reject on the last word before trying each rule.
const LAST_WORDS = new Set(PRE_QUALIFIERS.map((r) => r.words[r.words.length - 1] ?? ''));

const PARTICLE_VERB = /^(?:hand|hands|handed|handing|turn|turns|turned|turning|sign|signs|signed|signing)$/;

/** Finds the qualifier phrase ending at token k ("more than", "an estimated"); tokens below floor are taken. */
export function qualifierBefore(tokens: readonly Token[], k: number, floor: number): QualifierMatch | null {
  if (k < floor || !LAST_WORDS.has(tokens[k]?.lower ?? '')) return null;
  // "handed over 18 jets", "turned over 40 bodies": the particle of a phrasal verb, not "more than".
  if (tokens[k]?.lower === 'over' && PARTICLE_VERB.test(tokens[k - 1]?.lower ?? '')) return null;
  for (const rule of PRE_QUALIFIERS) {
    const n = rule.words.length;
    const first = k - n + 1;
    if (first < floor || first < 0) continue;
    let ok = true;
    for (let w = 0; w < n && ok; w++) ok = tokens[first + w]?.lower === rule.words[w];
    if (ok) return { rule, first, last: k };
  }
  return null;
}

/** Finds a qualifier written after the figure at token k ("or more", "+", "-plus", "-odd"); null when none. */
export function qualifierAfter(tokens: readonly Token[], k: number): QualifierMatch | null {
  const t = tokens[k];
  if (t === undefined) return null;
  // "70+" but not "1149.5+6663"
  if (t.text === '+' && !t.gap && !(tokens[k + 1]?.kind === 'num' && !tokens[k + 1]?.gap))
    return { rule: POST_QUALIFIERS.find((r) => r.words[0] === '+') as QualifierRule, first: k, last: k };
  // "70-plus", "40-odd"
  const hyphen = t.text === '-' && !t.gap;
  const start = hyphen ? k + 1 : k;
  for (const rule of POST_QUALIFIERS) {
    if (rule.words[0] === '+') continue;
    const single = rule.words.length === 1;
    if (single !== hyphen && !(single && rule.words[0] === 'plus')) continue;
    let ok = true;
    for (let w = 0; w < rule.words.length && ok; w++) ok = tokens[start + w]?.lower === rule.words[w];
    // "12 and more than 194" is two comparisons, not "12 and more".
    const follower = tokens[start + rule.words.length]?.lower;
    if (ok && follower !== 'than' && follower !== 'than,')
      return { rule, first: k, last: start + rule.words.length - 1 };
  }
  return null;
}
