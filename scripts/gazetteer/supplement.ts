import type { SourcePlace } from './sources.ts';

/**
 * Front-line villages that war reporting names and neither GeoNames extract holds (places of fewer than 500 people,
 * or with no population recorded, are not in cities500): written by hand with their admin1 code, as GeoNames
 * would give them. Keep this list short; a place the dataset has does not belong here.
 */
const VILLAGES: Array<[name: string, country: string, admin1: string]> = [
  ['Robotyne', 'UA', '26'],
  ['Krynky', 'UA', '08'],
  ['Staromaiorske', 'UA', '05'],
  ['Urozhaine', 'UA', '05'],
  ['Novomykhailivka', 'UA', '05'],
  ['Klishchiivka', 'UA', '05'],
  ['Berdychi', 'UA', '05'],
  ['Tonenke', 'UA', '05'],
  ['Nevelske', 'UA', '05'],
  ['Synkivka', 'UA', '07'],
  ['Dovhenke', 'UA', '07'],
  ['Sverdlikovo', 'RU', '41'],
  ['Martynovka', 'RU', '41'],
  ['Plekhovo', 'RU', '41'],
  ['Guyevo', 'RU', '41'],
];

/** The supplement as dataset rows (population 0: they are villages and lose any name they share). */
export function supplementVillages(): SourcePlace[] {
  return VILLAGES.map(([name, country, admin1]) => ({
    geonameId: null,
    name,
    asciiName: name,
    alternateNames: [],
    lat: 0,
    lng: 0,
    featureCode: 'PPL',
    country,
    admin1,
    population: 0,
  }));
}
