import { isBoilerplateLine, stripDateline } from './boilerplate.ts';

// Typographic variants that syndication changes freely: curly vs straight quotes, dash kinds,
// non-breaking and zero-width spaces. NFKC already folds ellipsis and full-width forms.
const FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a]/g, '"'],
  [/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-'],
  [/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' '],
  [/[\u200b-\u200d\u2060\ufeff\u00ad]/g, ''],
];

/** Folds quotes, dashes and odd spaces to ASCII and applies NFKC. Used by `normaliseBody`. */
export function foldTypography(text: string): string {
  let t = text.normalize('NFKC');
  for (const [re, to] of FOLDS) t = t.replace(re, to);
  return t;
}

/**
 * The body with syndication noise removed: typography folded, boilerplate lines dropped, a
 * leading dateline stripped, whitespace collapsed, lower-cased; paragraphs joined by '\n'.
 * Called by `fingerprint`; pure and never throws.
 */
export function normaliseBody(text: string): string {
  const paragraphs: string[] = [];
  for (const rawLine of foldTypography(text).split(/\r?\n/)) {
    let line = rawLine.replace(/\s+/g, ' ').trim();
    if (isBoilerplateLine(line)) continue;
    if (paragraphs.length === 0) line = stripDateline(line).trim();
    if (line !== '') paragraphs.push(line.toLowerCase());
  }
  return paragraphs.join('\n');
}

/** Word tokens (letters and digits) of normalised text, punctuation dropped. Used by the content hash and shingles. */
export function tokens(normalised: string): string[] {
  return normalised.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}
