import { placeMatches } from '../../../domain/places/roll-up.ts';
import type { TallyListing } from '../../stores/read-model/read-model.ts';
import { seriesKeyFromId } from '../../../domain/tally/series.ts';

/**
 * The listings whose series place is `place` or lies inside it (`?place=donetsk-oblast` keeps Sloviansk's and
 * Kramatorsk's series too). Series keys are unchanged: each place stays its own series. Used by GET /api/tallies
 * and `claimwatch tallies --place`.
 */
export function talliesInPlace(listings: readonly TallyListing[], place: string): TallyListing[] {
  return listings.filter((l) => placeMatches(place, l.summary.key.place));
}

/** True when the series id's place is one of `places` or inside one of them. Used by the SSE place filter. */
export function seriesInPlaces(seriesId: string, places: ReadonlySet<string>): boolean {
  const place = seriesKeyFromId(seriesId)?.place ?? null;
  for (const p of places) if (placeMatches(p, place)) return true;
  return false;
}
