import lemmatizer from 'wink-lemmatizer';
import nounExceptions from 'wink-lexicon/src/wn-noun-exceptions.js';
import verbExceptions from 'wink-lexicon/src/wn-verb-exceptions.js';
import lexicon from 'wink-lexicon/src/lexicon.js';

/**
 * The dictionary form of a lower-case word, verb reading first ("took" → "take", "shot" → "shoot"), then
 * noun ("villages" → "village"). Used when a taxonomy is compiled, never per article token: the compiler
 * expands each listed word into its inflections (below) and articles are matched by plain word forms.
 */
export function lemmaOf(norm: string): string {
  if (norm.length < 3 || norm.length > 30 || !/^[a-z][a-z'-]*$/.test(norm)) return norm;
  const verb = lemmatizer.verb(norm);
  return verb !== norm ? verb : lemmatizer.noun(norm);
}

/** How listed words are inflected: `noun` adds or drops the plural; `verb` adds the past and -ing forms. */
export type Inflection = 'noun' | 'verb';

function invert(map: Record<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [form, lemma] of Object.entries(map)) out.set(lemma, [...(out.get(lemma) ?? []), form]);
  return out;
}
const irregularVerbs = invert(verbExceptions);
const irregularNouns = invert(nounExceptions);

const ending = (w: string) => (w.endsWith('ing') ? 'ing' : w.endsWith('ed') ? 'ed' : 'other');

/**
 * The forms of a listed word that mean the same thing (WordNet lemmas decide): "village" → "villages";
 * "liberate" → "liberated", "liberating"; "shoot" → "shot", "shooting". A noun keeps its ending class
 * ("funding" never becomes "fund"); a verb gains no bare -s form, which is as often a noun ("targets").
 */
export function inflections(word: string, kind: Inflection): string[] {
  const lemma = lemmaOf(word);
  if (lemma === word && !/^[a-z]/.test(word)) return [];
  const cands = new Set<string>();
  if (kind === 'noun') {
    for (const c of [
      `${word}s`,
      `${word}es`,
      word.replace(/y$/, 'ies'),
      word.replace(/s$/, ''),
      word.replace(/es$/, ''),
      word.replace(/ies$/, 'y'),
    ])
      cands.add(c);
    for (const c of irregularNouns.get(lemma) ?? []) cands.add(c);
    cands.add(lemmatizer.noun(word));
    return [...cands].filter((c) => c !== word && c.length > 2 && lemmaOf(c) === lemma && ending(c) === ending(word));
  }
  const stem = lemma.replace(/e$/, '');
  const last = lemma.at(-1) ?? '';
  for (const c of [
    `${lemma}ed`,
    `${lemma}d`,
    `${stem}ed`,
    `${lemma}ing`,
    `${stem}ing`,
    `${lemma}${last}ed`,
    `${lemma}${last}ing`,
    lemma.replace(/y$/, 'ied'),
    lemma.replace(/ie$/, 'ying'),
  ])
    cands.add(c);
  for (const c of irregularVerbs.get(lemma) ?? []) cands.add(c);
  return [...cands].filter((c) => c !== word && c !== lemma && !c.endsWith('s') && lemmaOf(c) === lemma);
}

/**
 * Whether a lower-case word can be a noun: true when the lexicon tags it as one or does not know it ("remain",
 * "went", "nearby" cannot; "engineers", "crews" can).
 */
export function canBeNoun(norm: string): boolean {
  const tags = Object.hasOwn(lexicon, norm) ? lexicon[norm] : undefined;
  return tags === undefined || tags.some((t) => t.startsWith('NN'));
}
