import lemmatizer from 'wink-lemmatizer';

// Lemmas are looked up once per distinct word; the cache is bounded so untrusted text cannot grow it forever.
const CACHE_MAX = 50_000;
const cache = new Map<string, string>();

/**
 * The dictionary form of a lower-case word, verb reading first ("took" → "take", "shot" → "shoot"), then
 * noun ("villages" → "village"). One function on both sides — taxonomy phrases and article tokens — so
 * "liberate / liberated / liberating" is one lexicon entry. Pure (WordNet exceptions + suffix rules).
 */
export function lemmaOf(norm: string): string {
  const hit = cache.get(norm);
  if (hit !== undefined) return hit;
  let lemma = norm;
  // Numbers, codes and long strings are their own lemma; the lemmatizer is for ordinary words.
  if (norm.length >= 3 && norm.length <= 30 && /^[a-z][a-z'-]*$/.test(norm)) {
    const verb = lemmatizer.verb(norm);
    lemma = verb !== norm ? verb : lemmatizer.noun(norm);
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(norm, lemma);
  return lemma;
}
