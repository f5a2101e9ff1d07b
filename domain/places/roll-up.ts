import { placeById, placesWithinSet } from './gazetteer.ts';

/**
 * True when a series of `seriesPlace` belongs under the filter `place`: the same place, or a place inside it
 * (`kramatorsk` under `donetsk-oblast`, `donbas` and `ukraine`). A series with no place matches no place filter;
 * a filter place the gazetteer does not know matches only itself. Called by the read side's place filters.
 */
export function placeMatches(place: string, seriesPlace: string | null): boolean {
  if (seriesPlace === null) return false;
  return seriesPlace === place || placesWithinSet(place).has(seriesPlace);
}

/**
 * The place of a series id (`casualties:civilians:russia:killed:sloviansk` → `sloviansk`; `-` → null), as
 * domain/tally/series.ts writes it; null for an id that is not a series id. Used by the webhook place filter.
 */
export function placeOfSeriesId(seriesId: string): string | null {
  const parts = seriesId.split(':');
  const last = parts[4];
  if (parts.length !== 5 || last === undefined || last === '-') return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return null;
  }
}

/** Where a place sits, for display: its own name and its region's (`sloviansk` → Sloviansk, in Donetsk Oblast). */
export interface PlaceInfo {
  id: string;
  name: string;
  kind: string;
  region: string | null;
  regionName: string | null;
  country: string | null;
}

/** The display facts of a place, or undefined when the gazetteer does not know it. Used by GET /api/places. */
export function placeInfo(id: string): PlaceInfo | undefined {
  const place = placeById(id);
  if (!place) return undefined;
  const region = place.region === null ? undefined : placeById(place.region);
  return {
    id,
    name: place.aliases[0] ?? id,
    kind: place.kind,
    region: place.region,
    regionName: region?.aliases[0] ?? null,
    country: place.country,
  };
}
