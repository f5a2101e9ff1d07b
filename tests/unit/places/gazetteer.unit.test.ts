import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  gazetteerPlaces,
  isWithin,
  MACRO_REGIONS,
  placeById,
  placesNamed,
  placesWithin,
  regionOf,
} from '../../../domain/places/index.ts';
import { PlaceSchema } from '../../../schemas/taxonomy.ts';

const owners = new Map<string, string[]>();
for (const p of gazetteerPlaces()) for (const a of p.aliases) owners.set(a, [...(owners.get(a) ?? []), p.id]);
const ownerOf = (alias: string) => owners.get(alias);

describe('the gazetteer', () => {
  it('has every place slug the eval gold uses', () => {
    const gold =
      `kursk-oblast mariupol sloviansk donetsk-oblast kramatorsk vinnytsia kharkiv-oblast russia mykolaiv kherson-oblast
      kharkiv kremenchuk belgorod kropyvnytskyi kyiv olenivka serhiivka europe lyman odesa avdiivka zaporizhzhia-oblast
      european-union dnipro transnistria bucha sievierodonetsk bakhmut nikopol volyn-oblast moscow-oblast rostov-oblast
      ruska-lozova izium belgorod-oblast chasiv-yar eastern-ukraine poland mangush vuhledar israel taganrog eastern-europe
      central-ukraine donbas black-sea sudzha moscow lipetsk-oblast crimea zaporizhzhia bryansk-oblast`.split(/\s+/);
    expect(gold.filter((id) => placeById(id) === undefined)).toEqual([]);
  });

  it('fits the taxonomy Place schema, with unique ids', () => {
    const places = gazetteerPlaces();
    expect(new Set(places.map((p) => p.id)).size).toBe(places.length);
    const bad = places.filter((p) => !PlaceSchema.safeParse(p).success).map((p) => p.id);
    expect(bad).toEqual([]);
  });

  it('gives no alias to two places', () => {
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });

  it.each([
    ['Kharkov', 'kharkiv'],
    ['Kiev', 'kyiv'],
    ['Nikolaev', 'mykolaiv'],
    ['Avdeevka', 'avdiivka'],
    ['Avdeyevka', 'avdiivka'],
    ['Zaporozhye', 'zaporizhzhia'],
    ['Zaporizhia', 'zaporizhzhia'],
    ['Odessa', 'odesa'],
    ['Dnipropetrovsk', 'dnipro'],
    ['Lugansk', 'luhansk'],
    ['Severodonetsk', 'sievierodonetsk'],
    ['Artemivsk', 'bakhmut'],
    ['Artyomovsk', 'bakhmut'],
    ['Volchansk', 'vovchansk'],
    ['Kupyansk', 'kupiansk'],
    ['Sudzha', 'sudzha'],
    ['Mangush', 'mangush'],
    ['Slavyansk', 'sloviansk'],
    ['Kirovograd', 'kropyvnytskyi'],
    ['Donetsk Oblast', 'donetsk-oblast'],
    ['Donetsk region', 'donetsk-oblast'],
    ['Kharkov region', 'kharkiv-oblast'],
    ['Zaporozhye region', 'zaporizhzhia-oblast'],
    ['Dnipro region', 'dnipropetrovsk-oblast'],
    ['Kursk region', 'kursk-oblast'],
    ['Krasnodar Krai', 'krasnodar-krai'],
    ['Crimean peninsula', 'crimea'],
    ['Donbass', 'donbas'],
    ['Transnistria', 'transnistria'],
    ['Czech Republic', 'czech-republic'],
    ['Israel', 'israel'],
  ])('resolves %s to %s', (alias, id) => {
    expect(ownerOf(alias)).toEqual([id]);
  });

  it('keeps the original capitalisation of names', () => {
    expect(placeById('chasiv-yar')?.aliases).toContain('Chasiv Yar');
    expect(ownerOf('chasiv yar')).toBeUndefined();
  });

  it('gives each place its region and country', () => {
    expect(placeById('sudzha')).toMatchObject({ region: 'kursk-oblast', country: 'russia', kind: 'town' });
    expect(placeById('sloviansk')).toMatchObject({ region: 'donetsk-oblast', country: 'ukraine', kind: 'city' });
    expect(placeById('ruska-lozova')).toMatchObject({ region: 'kharkiv-oblast', country: 'ukraine' });
    expect(placeById('olenivka')).toMatchObject({ region: 'donetsk-oblast' });
    expect(placeById('sevastopol')).toMatchObject({ region: 'crimea' });
    expect(placeById('tiraspol')).toMatchObject({ region: 'transnistria', country: 'moldova' });
    expect(placeById('kursk-oblast')).toMatchObject({ kind: 'region', region: null, country: 'russia' });
    expect(placeById('poland')).toMatchObject({ kind: 'country', country: 'poland' });
    // Front-line villages the dataset lacks come from the build's short supplement.
    expect(placeById('robotyne')).toMatchObject({ region: 'zaporizhzhia-oblast', country: 'ukraine', kind: 'village' });
    expect(placeById('guyevo')).toMatchObject({ region: 'kursk-oblast', country: 'russia' });
    expect(regionOf('sudzha')).toBe('kursk-oblast');
    expect(regionOf('kramatorsk')).toBe('donetsk-oblast');
    expect(regionOf('donetsk-oblast')).toBeNull();
    expect(regionOf('no-such-place')).toBeNull();
  });

  it('has the Russian regions at region level, settlements only for the front regions and cities elsewhere', () => {
    const russianRegions = gazetteerPlaces().filter((p) => p.country === 'russia' && p.kind === 'region');
    expect(russianRegions.length).toBeGreaterThanOrEqual(80);
    expect(placesWithin('kursk-oblast').length).toBeGreaterThan(20);
    expect(placesWithin('tatarstan').every((id) => placeById(id)?.kind === 'city')).toBe(true);
  });
});

describe('placesWithin', () => {
  it('lists the settlements of an oblast', () => {
    const inside = placesWithin('donetsk-oblast');
    expect(inside).toEqual(
      expect.arrayContaining(['sloviansk', 'kramatorsk', 'bakhmut', 'avdiivka', 'mariupol', 'vuhledar']),
    );
    expect(inside).not.toContain('kharkiv');
    expect(inside).not.toContain('donetsk-oblast');
  });

  it('lists oblasts and their settlements inside a macro-region', () => {
    const donbas = placesWithin('donbas');
    expect(donbas).toEqual(
      expect.arrayContaining(['donetsk-oblast', 'luhansk-oblast', 'sloviansk', 'sievierodonetsk']),
    );
    expect(donbas).not.toContain('kharkiv-oblast');
    expect(placesWithin('eastern-ukraine')).toEqual(expect.arrayContaining(['donbas', 'kharkiv-oblast', 'izium']));
  });

  it('lists regions and settlements inside a country, and countries inside Europe', () => {
    expect(placesWithin('ukraine')).toEqual(expect.arrayContaining(['crimea', 'donetsk-oblast', 'kyiv', 'sloviansk']));
    expect(placesWithin('ukraine')).not.toContain('sudzha');
    expect(placesWithin('russia')).toContain('sudzha');
    expect(placesWithin('eastern-europe')).toEqual(expect.arrayContaining(['poland', 'ukraine', 'sloviansk']));
  });

  it('is empty for a settlement or an unknown id, and isWithin agrees', () => {
    expect(placesWithin('sloviansk')).toEqual([]);
    expect(placesWithin('atlantis')).toEqual([]);
    expect(isWithin('kramatorsk', 'donetsk-oblast')).toBe(true);
    expect(isWithin('kramatorsk', 'donbas')).toBe(true);
    expect(isWithin('donetsk-oblast', 'donetsk-oblast')).toBe(true);
    expect(isWithin('kharkiv', 'donbas')).toBe(false);
  });

  it('names only places that exist as macro-region members', () => {
    const missing = MACRO_REGIONS.flatMap((m) => m.members.filter((id) => placeById(id) === undefined));
    expect(missing).toEqual([]);
  });
});

describe('the ambiguity guard', () => {
  it('gives a name shared by several places to the most populous, the others keep a qualified name', () => {
    expect(ownerOf('Lyman')).toEqual(['lyman']);
    expect(placeById('lyman')?.region).toBe('donetsk-oblast');
    expect(ownerOf('Lyman, Kharkiv Oblast')).toEqual(['lyman-kharkiv']);
    expect(ownerOf('Olenivka')).toEqual(['olenivka']);
    expect(ownerOf('Serhiivka')).toEqual(['serhiivka']);
    expect(placeById('serhiivka')?.region).toBe('odesa-oblast');
  });

  it('lists every place a name may mean, its owner first, for a consumer that knows the region', () => {
    const lyman = placesNamed('Lyman');
    expect(lyman[0]).toBe('lyman');
    expect(lyman).toEqual(expect.arrayContaining(['lyman-kharkiv', 'lyman-odesa']));
    const inDonetsk = placesNamed('Andriivka').filter((id) => regionOf(id) === 'donetsk-oblast');
    expect(inDonetsk.length).toBeGreaterThan(0);
    expect(placesNamed('Vladimir')).toEqual(['vladimir']);
    expect(placesNamed('Atlantis')).toEqual([]);
  });

  it('does not match given names or common English words alone', () => {
    for (const word of [
      'Vladimir',
      'Volodymyr',
      'Artem',
      'Anna',
      'Bar',
      'Chop',
      'Human',
      'Paris',
      'Stalin',
      'Maidan',
    ]) {
      expect(ownerOf(word), word).toBeUndefined();
    }
    expect(ownerOf('Vladimir, Vladimir Oblast')).toEqual(['vladimir']);
    expect(ownerOf('Wladimir')).toBeUndefined();
  });

  it('does not let a city take another place’s own name (Belgorod and Bilhorod-Dnistrovskyi)', () => {
    expect(ownerOf('Bilhorod-Dnistrovskyi')).toEqual(['bilhorod-dnistrovskyi']);
    expect(ownerOf('Belgorod')).toEqual(['belgorod']);
  });

  it('has no alias shorter than three letters', () => {
    expect([...owners.keys()].filter((a) => a.length < 3)).toEqual([]);
  });
});

describe('size', () => {
  it('stays small: the data file under 1 MB and under 8,000 places', () => {
    const file = new URL('../../../domain/places/data/gazetteer.json', import.meta.url);
    expect(statSync(file).size).toBeLessThan(1024 * 1024);
    expect(gazetteerPlaces().length).toBeLessThan(8000);
    expect(readFileSync(file, 'utf8')).toContain('CC BY 4.0');
  });
});
