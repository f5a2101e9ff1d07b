import { tokenize, type Token } from './tokens.ts';

interface Entry<T> {
  words: string[];
  /** Per word: must the matched token keep this exact case ("US" is not "us")? */
  exact: boolean[];
  /** Per word: must the matched token be capitalised ("Kursk", not "kursk")? */
  capital: boolean[];
  value: T;
}

/** A match of one phrase at token `start` (inclusive) to `end` (exclusive). */
export interface PhraseMatch<T> {
  start: number;
  end: number;
  value: T;
}

const isAllCaps = (w: string) => /^[^a-z]*[A-Z][^a-z]*$/.test(w) && w.replace(/[^A-Z]/g, '').length >= 2;
const isCapital = (w: string) => /^[A-Z]/.test(w);

/**
 * Longest-match lookup of multi-word phrases over tokens, keyed by first word, so matching is a
 * hash lookup per token rather than a giant regex. Built from taxonomy data by compile.ts.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();

  /** Adds a phrase; `caseSensitive` makes proper-noun aliases keep their capitals. */
  add(phrase: string, value: T, caseSensitive = false): void {
    const toks = tokenize(phrase);
    if (toks.length === 0) return;
    const words = toks.map((t) => t.norm);
    const exact = toks.map((t) => caseSensitive && isAllCaps(t.text));
    const capital = toks.map((t) => caseSensitive && isCapital(t.text));
    const key = words[0] as string;
    const list = this.byFirst.get(key) ?? [];
    list.push({ words, exact, capital, value });
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(key, list);
  }

  /** Longest phrase starting at token i, or undefined. */
  matchAt(tokens: readonly Token[], i: number): PhraseMatch<T> | undefined {
    const first = tokens[i];
    if (first === undefined) return undefined;
    const list = this.byFirst.get(first.norm);
    if (list === undefined) return undefined;
    for (const e of list) {
      if (i + e.words.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < e.words.length && ok; k++) {
        const t = tokens[i + k] as Token;
        if (t.norm !== e.words[k]) ok = false;
        else if (e.exact[k] && !isAllCaps(t.text.replace(/['’]s$/, ''))) ok = false;
        else if (e.capital[k] && !isCapital(t.text)) ok = false;
      }
      if (ok) return { start: i, end: i + e.words.length, value: e.value };
    }
    return undefined;
  }

  /** Every non-overlapping longest match in tokens[from, to), left to right. */
  findAll(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = from; i < to; ) {
      const m = this.matchAt(tokens, i);
      if (m !== undefined && m.end <= to) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }
}
