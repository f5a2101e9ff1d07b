import { inflections } from './lemma.ts';
import { tokenize, type Token } from './tokens.ts';

interface Entry<T> {
  /** Per word: the lower-case forms that match it (listed spellings, plus their inflections in lemma modes). */
  forms: Set<string>[];
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

/**
 * How listed words meet tokens: `exact` by lower-case form; `lemma` also by the other number of a noun
 * ("village" ~ "villages"); `verb` also by the past and -ing forms of a verb's lemma ("liberate" →
 * "liberated", "liberating"), never a bare -s form, which is as often a noun ("targets"). Names and
 * demonyms (capitalised words) are never inflected: "Ukrainian" is not "Ukrainians".
 */
export type MatchMode = 'exact' | 'lemma' | 'verb';

const isAllCaps = (w: string) => /^[^a-z]*[A-Z][^a-z]*$/.test(w) && w.replace(/[^A-Z]/g, '').length >= 2;
const isCapital = (w: string) => /^[A-Z]/.test(w);
const isName = (w: string) => /^\p{Lu}/u.test(w);

/**
 * Longest-match lookup of multi-word phrases over tokens, keyed by first word, so matching is a
 * hash lookup per token rather than a giant regex. Inflections are worked out once, when a phrase is
 * added, so articles are matched by plain forms. Built from taxonomy data by compile.ts.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();

  constructor(private readonly mode: MatchMode = 'exact') {}

  /** Adds a phrase; `caseSensitive` makes proper-noun aliases keep their capitals. */
  add(phrase: string, value: T, caseSensitive = false): void {
    this.addForms([phrase], value, caseSensitive);
  }

  /**
   * Adds one entry for several listed spellings of one phrase ("took control of", "taken control of");
   * spellings of another length are added as entries of their own.
   */
  addForms(phrases: readonly string[], value: T, caseSensitive = false): void {
    const [head, ...rest] = phrases.map((p) => tokenize(p)).filter((t) => t.length > 0);
    if (head === undefined) return;
    for (const other of rest.filter((t) => t.length !== head.length)) this.addTokens([other], value, caseSensitive);
    this.addTokens([head, ...rest.filter((t) => t.length === head.length)], value, caseSensitive);
  }

  private addTokens(spellings: Token[][], value: T, caseSensitive: boolean): void {
    const toks = spellings[0] as Token[];
    const forms = toks.map((t, k) => {
      const set = new Set(spellings.map((s) => (s[k] as Token).norm));
      if (this.mode !== 'exact' && !isName(t.text))
        for (const f of [...set]) for (const i of inflections(f, this.mode === 'verb' ? 'verb' : 'noun')) set.add(i);
      return set;
    });
    const exact = toks.map((t) => caseSensitive && isAllCaps(t.text));
    const capital = toks.map((t) => caseSensitive && isCapital(t.text));
    const entry: Entry<T> = { forms, exact, capital, value };
    for (const key of forms[0] as Set<string>) {
      const list = this.byFirst.get(key) ?? [];
      list.push(entry);
      list.sort((a, b) => b.forms.length - a.forms.length);
      this.byFirst.set(key, list);
    }
  }

  /** Longest phrase starting at token i (that `accept` takes, when given), or undefined. */
  matchAt(tokens: readonly Token[], i: number, accept?: (value: T) => boolean): PhraseMatch<T> | undefined {
    const first = tokens[i];
    if (first === undefined) return undefined;
    const list = this.byFirst.get(first.norm);
    if (list === undefined) return undefined;
    for (const e of list) {
      if (i + e.forms.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < e.forms.length && ok; k++) {
        const t = tokens[i + k] as Token;
        if (!(e.forms[k] as Set<string>).has(t.norm)) ok = false;
        else if (e.exact[k] && !isAllCaps(t.text.replace(/['’]s$/, ''))) ok = false;
        else if (e.capital[k] && !isCapital(t.text)) ok = false;
      }
      if (ok && (accept === undefined || accept(e.value))) return { start: i, end: i + e.forms.length, value: e.value };
    }
    return undefined;
  }

  /** The values of the phrases of two words or more whose first word is this token ("losses" → "losses of"). */
  openedBy(token: Token | undefined): T[] {
    if (token === undefined) return [];
    return (this.byFirst.get(token.norm) ?? []).filter((e) => e.forms.length > 1).map((e) => e.value);
  }

  /** Every non-overlapping longest match in tokens[from, to), left to right. */
  findAll(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = from; i < to;) {
      // Most tokens open no phrase: one map lookup, no call.
      if (!this.byFirst.has((tokens[i] as Token).norm)) {
        i++;
        continue;
      }
      const m = this.matchAt(tokens, i);
      if (m !== undefined && m.end <= to) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }
}
