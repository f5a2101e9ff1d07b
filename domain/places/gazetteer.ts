import data from './data/gazetteer.json' with { type: 'json' };
import { MACRO_REGIONS } from './macro-regions.ts';
import type { GazetteerPlace, PlaceKind } from './types.ts';

type Row = [id: string, kind: PlaceKind, region: string | null, country: string, aliases: string[]];

interface Index {
  places: readonly GazetteerPlace[];
  byId: ReadonlyMap<string, GazetteerPlace>;
  /** Every place a bare name may mean: its owner, then the places that keep it only qualified ("Lyman, Kharkiv Oblast"). */
  byName: ReadonlyMap<string, readonly string[]>;
  /** Direct children: a region's settlements, a country's regions and region-less places, a macro-region's members. */
  children: ReadonlyMap<string, readonly string[]>;
}

let index: Index | undefined;

function add(map: Map<string, string[]>, parent: string, child: string): void {
  const list = map.get(parent);
  if (list) list.push(child);
  else map.set(parent, [child]);
}

function load(): Index {
  const places: GazetteerPlace[] = [];
  for (const [id, kind, region, country, aliases] of data.places as Row[])
    places.push({ id, kind, region, country, aliases });
  places.push(...MACRO_REGIONS.map(({ members: _members, ...place }) => place));
  const byId = new Map(places.map((p) => [p.id, p]));
  const children = new Map<string, string[]>();
  for (const p of places) {
    if (p.region !== null) add(children, p.region, p.id);
    else if (p.kind !== 'country' && p.kind !== 'macro-region' && p.country !== null) add(children, p.country, p.id);
  }
  for (const m of MACRO_REGIONS) for (const member of m.members) add(children, m.id, member);
  const byName = new Map<string, string[]>();
  for (const p of places) for (const alias of p.aliases) if (!alias.includes(', ')) add(byName, alias, p.id);
  for (const p of places)
    for (const alias of p.aliases) {
      const comma = alias.indexOf(', ');
      if (comma > 0) add(byName, alias.slice(0, comma), p.id);
    }
  return { places, byId, byName, children };
}

const idx = (): Index => (index ??= load());

/**
 * Every place of the gazetteer (GeoNames settlements of Ukraine, Belarus, Moldova and Russia's front regions and
 * cities; regions; countries; macro-regions), in the shape of the taxonomy's Place plus `region` and `kind`.
 * No alias belongs to two places. Called by the extractor's taxonomy and the read side; the same array every call.
 */
export function gazetteerPlaces(): readonly GazetteerPlace[] {
  return idx().places;
}

/** The place with this id, or undefined. */
export function placeById(id: string): GazetteerPlace | undefined {
  return idx().byId.get(id);
}

/**
 * Every place a name may mean, the place that owns the bare name first: `Lyman` → [`lyman` (Donetsk Oblast),
 * `lyman-kharkiv`, `lyman-odesa`]. For a consumer that knows the text's region and wants the homonym inside it.
 */
export function placesNamed(name: string): string[] {
  return [...(idx().byName.get(name) ?? [])];
}

/** The first-level region a place lies in (`sloviansk` → `donetsk-oblast`); null for regions, countries, unknown ids. */
export function regionOf(id: string): string | null {
  return idx().byId.get(id)?.region ?? null;
}

/**
 * Ids of every place inside `regionId`, however deep: an oblast's settlements, a macro-region's regions and their
 * settlements (`donbas` → `donetsk-oblast`, `sloviansk` …), a country's regions and settlements. Without `regionId`
 * itself; empty for a settlement or an unknown id.
 */
export function placesWithin(regionId: string): string[] {
  const { children } = idx();
  const seen = new Set<string>();
  const stack = [...(children.get(regionId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id) || id === regionId) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...seen].sort();
}

/** True when `placeId` is `regionId` or lies inside it (`kramatorsk` in `donetsk-oblast`, `donbas`, `ukraine`). */
export function isWithin(placeId: string, regionId: string): boolean {
  if (placeId === regionId) return true;
  return placesWithinSet(regionId).has(placeId);
}

const withinCache = new Map<string, ReadonlySet<string>>();

/** placesWithin as a set, memoised per region (the read side asks the same regions again and again). */
export function placesWithinSet(regionId: string): ReadonlySet<string> {
  let set = withinCache.get(regionId);
  if (!set) {
    set = new Set(placesWithin(regionId));
    withinCache.set(regionId, set);
  }
  return set;
}
