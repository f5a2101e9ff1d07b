// Places on the dashboard: a series' region on its page, and a topic's series grouped by region on the overview.
// The gazetteer stays on the server (GET /api/places); the bundle only asks for the places it shows.
import type { PlaceInfo } from '../../../../domain/places/roll-up.ts';
import { getJson } from './api.ts';

/** The gazetteer's facts of these places by id; places it does not know are absent. Never throws (empty map). */
export async function fetchPlaces(ids: readonly (string | null)[]): Promise<Map<string, PlaceInfo>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  try {
    const { places } = await getJson<{ places: PlaceInfo[] }>(
      `/api/places?ids=${encodeURIComponent(wanted.join(','))}`,
    );
    return new Map(places.map((p) => [p.id, p]));
  } catch {
    return new Map();
  }
}

/** One region's series on the overview; `region` null gathers series with no place or an unknown one. */
export interface RegionGroup<T> {
  region: string | null;
  label: string;
  series: T[];
}

/**
 * Groups series by the region of their place: a settlement under its oblast, an oblast or other region under
 * itself, a country or macro-region under itself; groups in order of size, then name; "no region" last. Pure.
 */
export function groupByRegion<T extends { key: { place: string | null } }>(
  series: readonly T[],
  places: ReadonlyMap<string, PlaceInfo>,
): RegionGroup<T>[] {
  const groups = new Map<string | null, RegionGroup<T>>();
  for (const s of series) {
    const info = s.key.place === null ? undefined : places.get(s.key.place);
    const region = info ? (info.region ?? info.id) : null;
    const label = info ? (info.region ? (info.regionName ?? info.region) : info.name) : 'no region';
    const group = groups.get(region) ?? { region, label, series: [] };
    group.series.push(s);
    groups.set(region, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.region === null) - Number(b.region === null) ||
      b.series.length - a.series.length ||
      a.label.localeCompare(b.label),
  );
}

/** "Sloviansk (Donetsk Oblast)" for a series page: the place and its region; the slug when the gazetteer does not know it. */
export function describePlace(place: string, info: PlaceInfo | undefined): string {
  if (!info) return place;
  return info.regionName ? `${info.name} (${info.regionName})` : info.name;
}
