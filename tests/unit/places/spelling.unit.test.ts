import { describe, expect, it } from 'vitest';
import { officialUkrainian, plainSpelling, slugOf, ukrainianVariants } from '../../../domain/places/spelling.ts';

describe('officialUkrainian', () => {
  it.each([
    ['Kropyvnytskyy', 'Kropyvnytskyi'],
    ['Vinnytsya', 'Vinnytsia'],
    ['Zaporizhzhya', 'Zaporizhzhia'],
    ['Hulyaypole', 'Huliaipole'],
    ['Serhiyivka', 'Serhiivka'],
    ['Mykolayiv', 'Mykolaiv'],
    ["Kup'yans'k", 'Kupiansk'],
    ['Izyum', 'Izium'],
    ['Yevpatoriya', 'Yevpatoriia'],
    ["Khmel'nyts'kyy", 'Khmelnytskyi'],
  ])('turns the older romanisation %s into %s', (given, official) => {
    expect(officialUkrainian(given)).toBe(official);
  });

  it.each(['Kyiv', 'Sievierodonetsk', 'Yasynuvata', 'Chasiv Yar', 'Kramatorsk', 'Avdiivka', 'Bila Tserkva'])(
    'leaves the official %s alone',
    (name) => {
      expect(officialUkrainian(name)).toBe(name);
    },
  );
});

describe('ukrainianVariants', () => {
  it.each([
    ['Kharkiv', ['Kharkov']],
    ['Kyiv', ['Kiev']],
    ['Luhansk', ['Lugansk']],
    ['Kupiansk', ['Kupyansk']],
    ['Avdiivka', ['Avdiyivka']],
    ['Zaporizhzhia', ['Zaporizhia', 'Zaporizhzhya']],
    ['Sievierodonetsk', ['Severodonetsk']],
    ['Chernihiv', ['Chernigov']],
    ['Kropyvnytskyi', ['Kropyvnytskyy']],
    ['Kherson', ['Herson']],
  ])('spells %s also as %j', (official, variants) => {
    expect(ukrainianVariants(official)).toEqual(expect.arrayContaining(variants));
    expect(ukrainianVariants(official)).not.toContain(official);
  });

  it('keeps the parts of zh, kh, ch and sh (no "Zgytomyr")', () => {
    expect(ukrainianVariants('Zhytomyr').join(' ')).not.toMatch(/Zg|Cg|Sg/);
  });
});

describe('slugOf and plainSpelling', () => {
  it('drops diacritics and apostrophes', () => {
    expect(slugOf("Kramators'k")).toBe('kramatorsk');
    expect(slugOf('Chasiv Yar')).toBe('chasiv-yar');
    expect(slugOf('Chișinău')).toBe('chisinau');
    expect(plainSpelling('Chișinău')).toBe('Chisinau');
    expect(plainSpelling('Kramators’k')).toBe('Kramatorsk');
  });
});
