import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { article } from './helpers.ts';

// Which place a figure is about (issue #14), on sentences written for this test (never eval text).
const places = (text: string, title = '') =>
  extractClaims({ ...article(text), title }, defaultTaxonomy()).map(
    (c) => `${c.topic} ${c.quantity.value} @${c.place ?? '-'}`,
  );

describe('the place of a figure', () => {
  it('a place followed by a passive ("… to Kursk was confirmed") is no speaker’s seat', () => {
    expect(places('The deployment of 9,000 soldiers to Kursk was confirmed on Friday.')).toEqual([
      'troops-deployed 9000 @kursk-oblast',
    ]);
    expect(places('Nine people were killed, the ministry in Kyiv said.')).toEqual(['casualties 9 @-']);
  });

  it('a place inside an "including" part is the part’s, not the whole’s', () => {
    expect(places('Ukraine launched 337 drones at Russia overnight, including 91 at the Moscow region.')).toEqual([
      'aerial-attacks 337 @-',
    ]);
  });

  it('a place before ", said X" is the figure’s, not the speaker’s seat', () => {
    expect(
      places('Some 8,000 North Korean soldiers are fighting in Russia’s Kursk Oblast, said the spy chief.'),
    ).toEqual(['troops-deployed 8000 @kursk-oblast']);
  });

  it('a landmark that locates another place is not the place', () => {
    expect(places('A school in Serhiivka, 40km south of Odesa, was struck on Monday, killing 9 people.')).toEqual([
      'casualties 9 @serhiivka',
    ]);
    expect(
      places('Ukrainian troops retook the village of Ruska Lozova, near Kharkiv, and evacuated 300 residents.'),
    ).toEqual(['displaced-people 300 @ruska-lozova']);
  });

  it('a landmark town still beats a region: "near Lyman in Donetsk Oblast" is at Lyman', () => {
    expect(places('Ukraine liberated 4 settlements near Lyman in Donetsk Oblast, the army said.')).toEqual([
      'settlements-captured 4 @lyman',
    ]);
  });

  it("a city named for its region's body stands for the region", () => {
    expect(places("Two people were killed in shelling, Kharkiv's regional military administration said.")).toEqual([
      'casualties 2 @kharkiv-oblast',
    ]);
    expect(places('Three civilians were wounded, the Sumy regional governor said.')).toEqual([
      'casualties 3 @sumy-oblast',
    ]);
  });

  it('"the city" is the town the story is about, over a region and over a town named in passing', () => {
    const text =
      'Kramatorsk came under fire again after the fall of Bakhmut. Officials said 4 people were killed when a rocket struck a school in the city, one of the largest towns of the Donbas region.';
    expect(places(text, 'Kramatorsk shelled again')).toEqual(['casualties 4 @kramatorsk']);
  });

  it('"the town" right after a sentence naming two towns is the later one on a tie', () => {
    const text =
      'Shelling went on near Sloviansk and in Kramatorsk, officials said. Two rockets hit the town on Sunday morning.';
    expect(places(text)).toEqual(['aerial-attacks 2 @kramatorsk']);
  });
});
