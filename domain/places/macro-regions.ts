import type { GazetteerPlace } from './types.ts';

/** A region that reporting names but no administration draws: its members are regions, countries or other macros. */
export interface MacroRegion extends GazetteerPlace {
  kind: 'macro-region';
  /** Places wholly inside it; their own places are inside it too (placesWithin follows them). */
  members: string[];
}

const macro = (id: string, country: string | null, aliases: string[], members: string[]): MacroRegion => ({
  id,
  kind: 'macro-region',
  region: null,
  country,
  aliases,
  members,
});

const EUROPE_UN = `albania andorra austria belarus belgium bosnia-and-herzegovina bulgaria croatia czech-republic denmark estonia
  finland france germany greece hungary iceland ireland italy latvia liechtenstein lithuania luxembourg malta moldova
  monaco montenegro netherlands north-macedonia norway poland portugal romania russia san-marino serbia slovakia
  slovenia spain sweden switzerland ukraine united-kingdom vatican-city kosovo`;
const EUROPEAN_UNION = `austria belgium bulgaria croatia cyprus czech-republic denmark estonia finland france germany greece hungary
  ireland italy latvia lithuania luxembourg malta netherlands poland portugal romania slovakia slovenia spain sweden`;
const EASTERN_EUROPE_UN = 'belarus bulgaria czech-republic hungary moldova poland romania russia slovakia ukraine';
const words = (s: string) => s.split(/\s+/).filter((w) => w !== '');

/**
 * The macro-regions reporting uses, written by hand: the parts of Ukraine as its reporting divides it, Donbas
 * (Donetsk and Luhansk oblasts), and Europe, Eastern Europe (both as the UN geoscheme counts them) and the EU.
 */
export const MACRO_REGIONS: readonly MacroRegion[] = [
  macro('donbas', 'ukraine', ['Donbas', 'Donbass', 'the Donbas', 'Donets Basin'], ['donetsk-oblast', 'luhansk-oblast']),
  macro(
    'eastern-ukraine',
    'ukraine',
    ['eastern Ukraine', 'Eastern Ukraine', 'east of Ukraine', "Ukraine's east"],
    ['donbas', 'donetsk-oblast', 'luhansk-oblast', 'kharkiv-oblast'],
  ),
  macro(
    'southern-ukraine',
    'ukraine',
    ['southern Ukraine', 'Southern Ukraine', 'south of Ukraine', "Ukraine's south"],
    ['odesa-oblast', 'mykolaiv-oblast', 'kherson-oblast', 'zaporizhzhia-oblast', 'crimea'],
  ),
  macro(
    'central-ukraine',
    'ukraine',
    ['central Ukraine', 'Central Ukraine'],
    ['vinnytsia-oblast', 'kirovohrad-oblast', 'cherkasy-oblast', 'poltava-oblast', 'dnipropetrovsk-oblast'],
  ),
  macro('black-sea', null, ['Black Sea', 'the Black Sea'], []),
  macro('europe', null, ['Europe'], words(EUROPE_UN)),
  macro('eastern-europe', null, ['Eastern Europe', 'eastern Europe'], words(EASTERN_EUROPE_UN)),
  macro('european-union', null, ['European Union', 'the EU'], words(EUROPEAN_UNION)),
];
