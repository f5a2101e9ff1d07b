// The extractor reads English. Anything else is said, not returned as "no claims": a Cyrillic article
// yields nothing, and the reader must know it was never read.

const SAMPLE = 20_000;
const MIN_LETTERS = 40;
const MIN_WORDS = 40;
// Function words make up a large share of any English text (typically 40%+); below this share on a
// text of some length it is another language written in Latin letters.
const MIN_ENGLISH_SHARE = 0.08;
const ENGLISH = new Set(
  'the of and to in a is was that for on with as by at from it are were has have had be this which said not but or an their its his her they he she will been after over more than also'.split(
    ' ',
  ),
);
const SCRIPTS: Array<[string, RegExp]> = [
  ['Cyrillic script', /\p{Script=Cyrillic}/u],
  ['Arabic script', /\p{Script=Arabic}/u],
  ['Han script', /\p{Script=Han}/u],
  ['Hangul script', /\p{Script=Hangul}/u],
  ['Hebrew script', /\p{Script=Hebrew}/u],
  ['Greek script', /\p{Script=Greek}/u],
];

/** Why a text cannot be read (`Cyrillic script`, `not English`), or null when it is English. Pure; looks at the first 20,000 characters. */
export function unsupportedLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE);
  let latin = 0;
  let other = 0;
  const counts = new Map<string, number>();
  for (const ch of sample) {
    if (!/\p{L}/u.test(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) {
      latin++;
      continue;
    }
    other++;
    const script = SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'a non-Latin script';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if (latin + other >= MIN_LETTERS && other > latin)
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'a non-Latin script';
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const english = words.filter((w) => ENGLISH.has(w)).length;
  return english / words.length < MIN_ENGLISH_SHARE ? 'not English' : null;
}
