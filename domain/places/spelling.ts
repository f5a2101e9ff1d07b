/**
 * Spelling rules for romanised Ukrainian and Russian place names. Pure; used by the gazetteer build
 * (scripts/build-gazetteer.ts) to turn the dataset's names into official spellings and aliases.
 */

const VOWEL = 'aeiouy';

/** Lower-case ASCII slug of a name: diacritics and apostrophes dropped, other runs of non-letters become `-`. */
export function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’ʼ`ʹ]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The name without diacritics and apostrophes ("Kramators’k" → "Kramatorsk", "Chișinău" → "Chisinau"). */
export function plainSpelling(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’ʼ`ʹ]/g, '')
    .normalize('NFC');
}

const mapWords = (name: string, f: (word: string) => string): string => name.replace(/[A-Za-z]+/g, (w) => f(w));

/**
 * A Ukrainian name in the dataset's older (BGN/PCGN-like) romanisation turned into the official 2010 one
 * (Kropyvnytskyy → Kropyvnytskyi, Vinnytsya → Vinnytsia, Hulyaypole → Huliaipole, Serhiyivka → Serhiivka,
 * Kup'yans'k → Kupiansk). Names already official come back unchanged (Kyiv, Sievierodonetsk).
 */
export function officialUkrainian(name: string): string {
  return mapWords(plainSpelling(name), (word) => {
    let w = word
      .replace(/yyi/g, 'yi')
      .replace(/yy$/, 'yi')
      .replace(/([^aeiouy])iy$/, '$1yi');
    // ї after a vowel is "i" inside a word (Mykolayiv → Mykolaiv).
    w = w.replace(/([aeiou])yi/g, '$1i');
    // я, ю, є inside a word are ia, iu, ie (not at the start: Yasynuvata, Yevpatoriia).
    w = w.replace(/(?<=.)y([aue])/g, 'i$1');
    // й after a vowel before a consonant or at the end is "i" (Novoaydar → Novoaidar).
    w = w.replace(new RegExp(`([aeiou])y(?=[^${VOWEL}]|$)`, 'g'), '$1i');
    return w;
  });
}

/** One spelling rule that makes a common variant of an official Ukrainian name. */
interface VariantRule {
  name: string;
  apply: (word: string) => string;
}

const RULES: VariantRule[] = [
  // Kupiansk → Kupyansk, Zaporizhzhia → Zaporizhzhya (inside a word only).
  { name: 'ia/ya', apply: (w) => w.replace(/(?<=.)i([aue])/g, 'y$1') },
  // Avdiivka → Avdiyivka, Kropyvnytskyi → Kropyvnytskyy.
  { name: 'ii/iyi', apply: (w) => w.replace(/ii(?=[^aeiouy])/g, 'iyi').replace(/yi$/, 'yy') },
  // Sievierodonetsk → Severodonetsk.
  { name: 'ie/e', apply: (w) => w.replace(/(?<=.)ie/g, 'e') },
  // Ukrainian h is Russian g: Luhansk → Lugansk, Chernihiv → Chernigiv (not the h of kh, zh, ch, sh).
  { name: 'h/g', apply: (w) => w.replace(/(?<![kzcsKZCS])h/g, 'g').replace(/^H/, 'G') },
  // Kharkiv → Kharkov, Kyiv → Kiev, Mykolaiv → Mykolaev.
  {
    name: 'iv/ov',
    apply: (w) =>
      w
        .replace(/^(K)yiv$/, '$1iev')
        .replace(/([aoe])iv$/, '$1ev')
        .replace(/([^aeiouy])iv$/, '$1ov'),
  },
  // Zaporizhzhia → Zaporizhia.
  { name: 'zhzh/zh', apply: (w) => w.replace(/zhzh/g, 'zh') },
  // Kherson → Herson, Kharkiv → Harkiv (spellings of x without the k).
  { name: 'kh/h', apply: (w) => w.replace(/^Kh/, 'H').replace(/(?<=.)kh/g, 'h') },
];

/** Rules that make together the Russian-style spelling (Chernihiv → Chernigov, Sievierodonetsk → Severodonetsk). */
const RUSSIAN_STYLE = new Set(['ia/ya', 'ie/e', 'h/g', 'iv/ov', 'zhzh/zh']);

/**
 * Transliteration variants of an official Ukrainian name, each rule alone and the Russian-style ones together,
 * without the name itself; e.g. Luhansk → [Lugansk], Kharkiv → [Kharkov, Harkiv]. Called by the gazetteer build.
 */
export function ukrainianVariants(official: string): string[] {
  const out = new Set<string>();
  for (const rule of RULES) out.add(mapWords(official, rule.apply));
  out.add(
    mapWords(official, (w) => RULES.filter((r) => RUSSIAN_STYLE.has(r.name)).reduce((acc, r) => r.apply(acc), w)),
  );
  out.delete(official);
  return [...out];
}
