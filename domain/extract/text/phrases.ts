import { tokenize, type Token } from './tokens.ts';

interface Entry<T> {
  /** Per word: its lemma (used only where `byLemma` is true). */
  lemmas: string[];
  /** Per word: the lower-case forms listed in the taxonomy, always accepted. */
  forms: Set<string>[];
  /** Per word: the endings (-ing, -ed, other) of its listed forms: a noun entry "funding" is not "Fund". */
  endings: Set<string>[];
  /** Per word: may an inflection of the lemma match (never for names and demonyms: "Ukrainian" is not "Ukrainians"). */
  byLemma: boolean[];
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
 * How tokens meet listed words: `exact` by lower-case form; `lemma` by dictionary form, so "village" and
 * "villages" are one entry; `verb` by the listed forms plus the past and -ing forms of their lemma
 * ("liberate" → "liberated", "liberating"), never a bare -s form, which is as often a noun ("targets").
 */
export type MatchMode = 'exact' | 'lemma' | 'verb';

const isAllCaps = (w: string) => /^[^a-z]*[A-Z][^a-z]*$/.test(w) && w.replace(/[^A-Z]/g, '').length >= 2;
const isCapital = (w: string) => /^[A-Z]/.test(w);
const isName = (w: string) => /^\p{Lu}/u.test(w);
const ending = (w: string) => (w.endsWith('ing') ? 'ing' : w.endsWith('ed') ? 'ed' : 'other');

/**
 * Longest-match lookup of multi-word phrases over tokens, keyed by first word, so matching is a
 * hash lookup per token rather than a giant regex. Built from taxonomy data by compile.ts.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();

  constructor(private readonly mode: MatchMode = 'exact') {}

  /** Adds a phrase; `caseSensitive` makes proper-noun aliases keep their capitals. */
  add(phrase: string, value: T, caseSensitive = false): void {
    this.addForms([phrase], value, caseSensitive);
  }

  /**
   * Adds one entry for several listed spellings of one phrase (same lemmas, same length: "took control of",
   * "taken control of"); the first gives the lemmas. Phrases of another length are added as entries of their own.
   */
  addForms(phrases: readonly string[], value: T, caseSensitive = false): void {
    const [head, ...rest] = phrases.map((p) => tokenize(p)).filter((t) => t.length > 0);
    if (head === undefined) return;
    const same = rest.filter((t) => t.length === head.length);
    for (const other of rest.filter((t) => t.length !== head.length)) this.addTokens([other], value, caseSensitive);
    this.addTokens([head, ...same], value, caseSensitive);
  }

  private addTokens(spellings: Token[][], value: T, caseSensitive: boolean): void {
    const toks = spellings[0] as Token[];
    const lemmas = toks.map((t) => t.lemma);
    const forms = toks.map((_, k) => new Set(spellings.map((s) => (s[k] as Token).norm)));
    const byLemma = toks.map((t) => this.mode !== 'exact' && !isName(t.text));
    const exact = toks.map((t) => caseSensitive && isAllCaps(t.text));
    const capital = toks.map((t) => caseSensitive && isCapital(t.text));
    const endings = forms.map((f) => new Set([...f].map(ending)));
    const entry: Entry<T> = { lemmas, forms, endings, byLemma, exact, capital, value };
    const keys = new Set(forms[0]);
    if (byLemma[0] === true) keys.add(lemmas[0] as string);
    for (const key of keys) {
      const list = this.byFirst.get(key) ?? [];
      list.push(entry);
      list.sort((a, b) => b.lemmas.length - a.lemmas.length);
      this.byFirst.set(key, list);
    }
  }

  private wordMatches(e: Entry<T>, k: number, t: Token): boolean {
    if ((e.forms[k] as Set<string>).has(t.norm)) return true;
    if (!e.byLemma[k] || t.lemma !== e.lemmas[k]) return false;
    if (this.mode === 'lemma') return (e.endings[k] as Set<string>).has(ending(t.norm));
    return t.norm !== t.lemma && !t.norm.endsWith('s');
  }

  /** Longest phrase starting at token i, or undefined. */
  matchAt(tokens: readonly Token[], i: number): PhraseMatch<T> | undefined {
    const first = tokens[i];
    if (first === undefined) return undefined;
    const byNorm = this.byFirst.get(first.norm);
    const byLemma = this.mode !== 'exact' && first.lemma !== first.norm ? this.byFirst.get(first.lemma) : undefined;
    if (byNorm === undefined && byLemma === undefined) return undefined;
    const list =
      byLemma === undefined ? (byNorm as Entry<T>[]) : byNorm === undefined ? byLemma : [...new Set([...byNorm, ...byLemma])].sort((a, b) => b.lemmas.length - a.lemmas.length);
    for (const e of list) {
      if (i + e.lemmas.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < e.lemmas.length && ok; k++) {
        const t = tokens[i + k] as Token;
        if (!this.wordMatches(e, k, t)) ok = false;
        else if (e.exact[k] && !isAllCaps(t.text.replace(/['’]s$/, ''))) ok = false;
        else if (e.capital[k] && !isCapital(t.text)) ok = false;
      }
      if (ok) return { start: i, end: i + e.lemmas.length, value: e.value };
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
