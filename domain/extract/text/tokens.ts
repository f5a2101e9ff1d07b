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
// non-space character is its own token. This is the scan of /[\p{L}\p{N}]+(?:[-'’.\/][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu
// written out by hand: ASCII is classified by code, other characters by the same Unicode classes. Linear: each
// character is looked at once or twice (a joint is looked at again when no letter follows it).
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const SPACE = /^\s$/u;

const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Length (1 or 2 code units) of the letter or number at i, or 0. */
function alnumAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return isAsciiAlnum(c) ? 1 : 0;
  if (Number.isNaN(c)) return 0;
  const cp = s.codePointAt(i) as number;
  const len = cp > 0xffff ? 2 : 1;
  return LETTER_OR_NUMBER.test(s.slice(i, i + len)) ? len : 0;
}

const isJoint = (c: number): boolean => c === 45 || c === 39 || c === 0x2019 || c === 46 || c === 47;

/** Tokenises text[start, end) keeping article offsets; used for sentences and taxonomy phrases. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const s = text.slice(start, end);
  const n = s.length;
  for (let i = 0; i < n;) {
    const c = s.charCodeAt(i);
    let len = alnumAt(s, i);
    if (len > 0) {
      let j = i + len;
      for (;;) {
        const k = alnumAt(s, j);
        if (k > 0) j += k;
        else if (j + 1 < n && isJoint(s.charCodeAt(j)) && alnumAt(s, j + 1) > 0) j += 1;
        else break;
      }
      const t = s.slice(i, j);
      out.push({ text: t, norm: normWord(t), start: start + i, end: start + j, word: true });
      i = j;
      continue;
    }
    const next = s.charCodeAt(i + 1);
    len = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    const ch = s.slice(i, i + len);
    if (c === 32 || (c >= 9 && c <= 13) || (c >= 128 && SPACE.test(ch))) {
      i += len;
      continue;
    }
    out.push({ text: ch, norm: normWord(ch), start: start + i, end: start + i + len, word: false });
    i += len;
  }
  return out;
}

/** Lower-cases and strips a possessive so "Ukraine’s" matches the alias "Ukraine". */
export function normWord(t: string): string {
  let lower = t.toLowerCase();
  if (lower.includes('’')) lower = lower.replace(/’/g, "'");
  return lower.length > 3 && lower.endsWith("'s") ? lower.slice(0, -2) : lower;
}
