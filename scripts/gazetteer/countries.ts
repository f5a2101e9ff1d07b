/**
 * Countries of the gazetteer: every ISO 3166 code the dataset has places in, named in English by the runtime's
 * CLDR data (Intl.DisplayNames), with ids that follow the taxonomy's entity slugs.
 */
import { slugOf } from '../../domain/places/spelling.ts';

/** Where CLDR's English name does not give the entity slug the taxonomy uses, or news uses another name. */
const OVERRIDES: Record<string, { id?: string; aliases: string[] }> = {
  CZ: { id: 'czech-republic', aliases: ['Czech Republic', 'Czechia'] },
  TR: { id: 'turkey', aliases: ['Turkey', 'Türkiye', 'Turkiye'] },
  US: { aliases: ['United States', 'United States of America'] },
  GB: { aliases: ['United Kingdom', 'Britain', 'Great Britain'] },
  KP: { aliases: ['North Korea', 'DPRK'] },
  KR: { aliases: ['South Korea', 'Republic of Korea'] },
  MD: { aliases: ['Moldova', 'Republic of Moldova'] },
  CD: { id: 'dr-congo', aliases: ['Democratic Republic of the Congo', 'DR Congo'] },
  CG: { id: 'congo', aliases: ['Republic of the Congo'] },
  CI: { id: 'ivory-coast', aliases: ['Ivory Coast', "Côte d'Ivoire", 'Côte d’Ivoire'] },
  MM: { id: 'myanmar', aliases: ['Myanmar', 'Burma'] },
  PS: { id: 'palestine', aliases: ['Palestine', 'Palestinian Territories'] },
  HK: { id: 'hong-kong', aliases: ['Hong Kong'] },
  MO: { id: 'macao', aliases: ['Macao', 'Macau'] },
};

/** A country as the build writes it. */
export interface CountryEntry {
  code: string;
  id: string;
  aliases: string[];
}

/** The countries of the given ISO codes, sorted by id. */
export function countries(codes: Iterable<string>): CountryEntry[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const out: CountryEntry[] = [];
  for (const code of codes) {
    const name = names.of(code);
    if (name === undefined || name === code) continue;
    const override = OVERRIDES[code];
    const plain = name
      .replace(/\s*\(.*\)$/, '')
      .replace(/ SAR China$/, '')
      .replace(/ & /g, ' and ');
    out.push({ code, id: override?.id ?? slugOf(plain), aliases: [...new Set([plain, ...(override?.aliases ?? [])])] });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
