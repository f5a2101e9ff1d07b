import { IZE_ENDINGS, NORMALISE_RULES, WORD_FOLDS, type NormaliseRule, type RuleScope } from './normalise-rules.ts';

// The rules of normalise-rules.ts compiled once: the line rules of each case mode as one alternation, so a
// line costs two regex tests rather than one per rule.
// Patterns without \p{…} or non-ASCII compile without the `u` flag: the same matches on ASCII patterns, and an
// unanchored search (the 'line-end' rules) runs ~6× faster without it (measured in V8).
const compile = (scope: RuleScope, caseSensitive: boolean, anchor: (alt: string) => string): RegExp | null => {
  const rules = NORMALISE_RULES.filter((r) => r.scope === scope && (r.caseSensitive ?? false) === caseSensitive);
  if (rules.length === 0) return null;
  const source = anchor(rules.map((r) => `(?:${r.pattern})`).join('|'));
  const unicode = scope !== 'line-end' || /\\[pPu]|[^\x00-\x7f]/.test(source);
  return new RegExp(source, `${caseSensitive ? '' : 'i'}${unicode ? 'u' : ''}`);
};
const LINE = [
  compile('line', false, (a) => `^(?:${a})$`),
  compile('line', true, (a) => `^(?:${a})$`),
  compile('line-end', false, (a) => `(?:${a})$`),
  compile('line-end', true, (a) => `(?:${a})$`),
].filter((r) => r !== null);
const SENTENCE = [
  compile('first-sentence', false, (a) => `^(?:${a})$`),
  compile('first-sentence', true, (a) => `^(?:${a})$`),
].filter((r) => r !== null);
// The same rules unanchored at the end: a line that does not even start like one is skipped without finding its first sentence.
const SENTENCE_START = [
  compile('first-sentence', false, (a) => `^(?:${a})`),
  compile('first-sentence', true, (a) => `^(?:${a})`),
].filter((r) => r !== null);
/** Furniture lines are short; prose paragraphs are tested only for a run-in editor's note. */
const MAX_FURNITURE_LINE = 300;
const LEAD = [compile('lead', false, (a) => `^(?:${a})`), compile('lead', true, (a) => `^(?:${a})`)].filter(
  (r) => r !== null,
);
// Bullets and rules that furniture lines are often set with.
const BULLET = /^[\s*_#>•·|-]+/;
// The first sentence: up to a full stop, question or exclamation mark followed by a space or the end.
const FIRST_SENTENCE = /^(.*?[.!?:]["')\]]?)(?:\s+|$)/;

/**
 * A typography-folded, single-spaced line without syndication furniture: '' when the whole line is furniture,
 * the rest of the line when only its first sentence is (an editor's note run into the first paragraph; a label such as
 * "Editor's note:" with the sentence after it).
 * Used by `normaliseBody`.
 */
export function dropBoilerplate(line: string): string {
  const l = line.replace(BULLET, '').trim();
  if (l === '' || (l.length <= MAX_FURNITURE_LINE && LINE.some((re) => re.test(l)))) return '';
  if (!SENTENCE_START.some((re) => re.test(l))) return line;
  const first = FIRST_SENTENCE.exec(l);
  if (first === null || !SENTENCE.some((re) => re.test(first[1] as string))) return line;
  let rest = l.slice(first[0].length);
  // A label ("Editor's note:") heads its note: the sentence after it goes too.
  if ((first[1] as string).endsWith(':')) {
    const note = FIRST_SENTENCE.exec(rest);
    rest = note === null ? '' : rest.slice(note[0].length);
  }
  return dropBoilerplate(rest);
}

/** Strips datelines ("KYIV (Reuters) -", "LONDON:") from the start of the body's first line. Used by `normaliseBody`. */
export function stripLead(line: string): string {
  let l = line;
  for (let again = true; again;) {
    again = false;
    for (const re of LEAD) {
      const m = re.exec(l);
      if (m !== null && m[0].length > 0 && m[0].length < l.length) {
        l = l.slice(m[0].length);
        again = true;
      }
    }
  }
  return l;
}

const FOLD_WORD = new RegExp(
  `\\b(?:${Object.keys(WORD_FOLDS).join('|')}|[a-z]{3,}(?:${IZE_ENDINGS.join('|')}))\\b`,
  'g',
);
const FOLDS = new Map(Object.entries(WORD_FOLDS));

/** Folds spelling and wording variants (WORD_FOLDS, -ize → -ise) in lower-cased text. Used by `normaliseBody`. */
export function foldWords(lower: string): string {
  return lower.replace(FOLD_WORD, (w) => FOLDS.get(w) ?? w.replace(/iz(?=e|ing|ation)/, 'is'));
}

/** The rules, for tests that check each against its own examples. */
export const RULES: readonly NormaliseRule[] = NORMALISE_RULES;
