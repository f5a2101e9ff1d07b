import { refuseUnknown } from '../../schemas/known.ts';
import { gazetteerPlaces, placeById } from './gazetteer.ts';

/**
 * The sentence refusing a place slug the gazetteer does not know (`unknown place "donetsk"; … (did you mean
 * "donetsk-oblast"?)`), or undefined for a known one. Used by GET /api/tallies?place=, `tallies --place` and
 * subscription conditions.
 */
export function refuseUnknownPlace(place: string): string | undefined {
  if (placeById(place)) return undefined;
  return refuseUnknown(
    'place',
    [place],
    gazetteerPlaces().map((p) => p.id),
  );
}
