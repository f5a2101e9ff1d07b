/** The gazetteer: places from GeoNames with their names, region and country, and the roll-ups between them. */
export {
  gazetteerPlaces,
  isWithin,
  placeById,
  placesNamed,
  placesWithin,
  placesWithinSet,
  regionOf,
} from './gazetteer.ts';
export { placeInfo, placeMatches, placeOfSeriesId, type PlaceInfo } from './roll-up.ts';
export { MACRO_REGIONS, type MacroRegion } from './macro-regions.ts';
export type { GazetteerPlace, PlaceKind } from './types.ts';
