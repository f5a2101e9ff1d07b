// The overview's filter box: a series stays when every word typed appears in its label, id, topic or figure, in
// any order and case ("kursk terr" finds the Kursk territory series). Pure.

/** The words of a filter query, lower-cased; an empty query has none (everything matches). */
export const filterWords = (query: string): string[] =>
  query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');

/** True when every word of `words` is in one of `fields` (case-insensitive). */
export function matchesFilter(words: readonly string[], fields: ReadonlyArray<string | null | undefined>): boolean {
  if (words.length === 0) return true;
  const haystack = fields
    .filter((f): f is string => typeof f === 'string')
    .join('\n')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}
