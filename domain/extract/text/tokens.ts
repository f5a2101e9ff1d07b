/** A word, number or punctuation mark with its offsets in the article text. */
export interface Token {
  text: string;
  /** Lower case with a possessive "'s" removed, for matching ("Russia’s" → "russia"). */
  norm: string;
  start: number;
  end: number;
  word: boolean;
}

// Words keep inner hyphens, apostrophes and dots ("Jong-un", "U.S", "don't"); every other
// non-space character is its own token. Linear: no nested quantifiers over the same characters.
const TOKEN = /[\p{L}\p{N}]+(?:[-'’.\/][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/** Tokenises text[start, end) keeping article offsets; used for sentences and taxonomy phrases. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(start, end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m !== null; m = TOKEN.exec(slice)) {
    const t = m[0];
    const word = /[\p{L}\p{N}]/u.test(t[0] ?? '');
    out.push({ text: t, norm: normWord(t), start: start + m.index, end: start + m.index + t.length, word });
  }
  return out;
}

/** Lower-cases and strips a possessive so "Ukraine’s" matches the alias "Ukraine". */
export function normWord(t: string): string {
  const lower = t.toLowerCase().replace(/’/g, "'");
  return lower.length > 3 && lower.endsWith("'s") ? lower.slice(0, -2) : lower;
}
