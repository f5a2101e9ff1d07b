import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { compileSides, completeParties } from '../../../domain/extract/sentence/parties.ts';
import type { Topic } from '../../../schemas/taxonomy.ts';
import { article, seriesKeys } from './helpers.ts';

const sides = compileSides(defaultTaxonomy());
const topic = (id: string): Topic => defaultTaxonomy().topics.find((t) => t.id === id) as Topic;

// Role completion from the two sides of the war and the article's running context (issue #14), in our own words.
const keys = seriesKeys;

describe('the two sides of the war fill the role the text leaves open', () => {
  it('a Ukrainian gain is taken from Russia', () => {
    expect(keys('Ukrainian troops have taken 40 villages in the Kursk region, the commander said.')).toEqual([
      'settlements-captured ukraine:russia:-:kursk-oblast 40',
    ]);
  });

  it('civilians killed in a Ukrainian city were killed by Russia, in a Russian one by Ukraine', () => {
    expect(keys('A strike on a market in Kramatorsk killed nine civilians on Tuesday.')).toEqual([
      'casualties civilians:russia:killed:kramatorsk 9',
    ]);
    expect(keys('Shelling of Belgorod killed two residents of the city, the governor said.')[0]).toMatch(
      /^casualties civilians:ukraine:killed:belgorod/,
    );
  });

  it('drones launched at a Ukrainian city have Ukraine as their target and Russia as the attacker', () => {
    expect(keys('Overnight, 35 drones were launched at Odesa, officials said.')).toEqual([
      'aerial-attacks russia:ukraine:drones:odesa 35',
    ]);
  });

  it('an ally supplies the party it backs', () => {
    expect(keys('Iran has shipped 200 ballistic missiles, according to the officials.')).toEqual([
      'arms-transferred iran:russia:ballistic-missiles:- 200',
    ]);
  });

  it('aid whose donor is not named goes to the side the war is fought on, and has no place', () => {
    expect(keys('In Kyiv, officials confirmed that a $250m military aid package was approved.')).toEqual([
      'military-aid -:ukraine:-:- 250000000',
    ]);
  });

  it('a toll whose victims are not said keeps its actor open even when the attacker is named', () => {
    const roles = completeParties({ actor: null, counterpart: 'russia' }, topic('casualties'), sides, {
      placeCountry: null,
    });
    expect(roles).toEqual({ actor: null, counterpart: 'russia' });
  });

  it('never overrides a role the text states', () => {
    const roles = completeParties({ actor: 'ukraine', counterpart: 'wagner' }, topic('territory-area'), sides, {
      placeCountry: 'russia',
    });
    expect(roles).toEqual({ actor: 'ukraine', counterpart: 'wagner' });
  });
});

describe('a figure whose sentence names no place takes the place named before it', () => {
  it('from the title', () => {
    expect(
      keys(
        'Ukrainian forces now control 1,100 square kilometres, the general said.',
        'Fighting goes on in the Kursk region',
      ),
    ).toEqual(['territory-area ukraine:russia:-:kursk-oblast 1100']);
  });

  it('from an earlier sentence of the article', () => {
    expect(
      keys(
        'The offensive into the Kursk region entered its second week.\nUkrainian forces captured 74 settlements so far, the army said.',
      ),
    ).toEqual(['settlements-captured ukraine:russia:-:kursk-oblast 74']);
  });
});

describe('who holds it, said in the text', () => {
  it('"under the control of" names the holder even when a Russian official reports it', () => {
    expect(
      keys(
        'The governor of the Kursk region told Putin that 31 settlements were under the control of Ukrainian forces.',
      ),
    ).toEqual(['settlements-captured ukraine:russia:-:kursk-oblast 31']);
  });

  it('"under X control" too', () => {
    expect(
      keys('Some 600 square kilometres of the Kursk region are under Ukrainian control, the general said.'),
    ).toEqual(['territory-area ukraine:russia:-:kursk-oblast 600']);
  });

  it('a passive with the party only in the sentence: the party did it', () => {
    expect(keys('Syrskyi said another 25 square kilometres had been taken in the Kursk region.')).toEqual([
      'territory-area ukraine:russia:-:kursk-oblast 25',
    ]);
  });

  it('a place outside the two sides gives no counterpart', () => {
    expect(keys('About 1,500 Russian troops are stationed in Transnistria.')).toEqual([
      'troops-deployed russia:-:-:transnistria 1500',
    ]);
  });
});

describe('air war roles from structure (issue #14)', () => {
  it('a passive strike: the struck city is the place and the target, never the attacker', () => {
    expect(keys('Lviv was hit by 12 missiles before dawn, the mayor wrote.')).toEqual([
      'aerial-attacks russia:ukraine:missiles:lviv 12',
    ]);
  });

  it('"launched by" names the attacker of its own figure only, not of the interception', () => {
    expect(keys('Air defence crews downed 41 of 47 drones launched by Russia during the night.')).toEqual([
      'aerial-attacks russia:ukraine:drones:- 47',
      'aerial-interceptions ukraine:russia:drones:- 41',
    ]);
  });

  it('"N out of M" pairs an interception with its attack', () => {
    expect(
      keys('Russia fired ballistic missiles at Dnipro overnight; 6 out of 8 missiles were intercepted.').sort(),
    ).toEqual([
      'aerial-attacks russia:ukraine:missiles:dnipro 8',
      'aerial-interceptions ukraine:russia:missiles:dnipro 6',
    ]);
  });

  it('a launch site after "from" (and its conjuncts) is not where the attack happened', () => {
    expect(keys('Russian forces launched 52 drones from Kursk and Bryansk at Odesa overnight.')).toEqual([
      'aerial-attacks russia:ukraine:drones:odesa 52',
    ]);
  });

  it("an ally fighting for a party faces that party's opponent", () => {
    expect(keys('Around 1,200 North Korean soldiers were killed or wounded in the Kursk region, Seoul said.')).toEqual([
      'casualties north-korea:ukraine:killed-or-wounded:kursk-oblast 1200',
    ]);
  });
});

describe('where displaced people are, and whose prisoners come home', () => {
  it('the host state after "in" is the place of refugees, whose actor is the home side', () => {
    expect(keys('By spring, some 400,000 refugees were living in Czechia, officials in Prague said.')).toEqual([
      'displaced-people ukraine:-:refugees:czech-republic 400000',
    ]);
  });

  it('the subject of a host verb is the place', () => {
    expect(keys('Since the invasion, Lithuania has taken in 75,000 Ukrainian refugees.')).toEqual([
      'displaced-people ukraine:-:refugees:lithuania 75000',
    ]);
  });

  it('people displaced inside their own state: that state is the actor, not a place', () => {
    expect(keys('Around 3.5 million people remain internally displaced inside Ukraine.')).toEqual([
      'displaced-people ukraine:-:internally-displaced:- 3500000',
    ]);
  });

  it('a swap turns a return into an exchange; who brings them home owns them', () => {
    expect(keys('During the exchange on Tuesday, Ukraine brought home 84 of its soldiers.')).toEqual([
      'prisoners russia:ukraine:exchanged:- 84',
    ]);
  });

  it('without a swap, a return stays a return', () => {
    expect(keys('Ukraine brought home 84 of its soldiers from Russian captivity on Tuesday.')).toEqual([
      'prisoners russia:ukraine:returned:- 84',
    ]);
  });
});

describe("the story's place and reporter (issue #14)", () => {
  it('a place named in the previous sentence frames the figure; one named further back does not', () => {
    expect(keys('Shelling hit Nikopol on Monday.\nRussian forces fired 14 missiles overnight.')).toEqual([
      'aerial-attacks russia:ukraine:missiles:nikopol 14',
    ]);
    expect(
      keys(
        'Shelling hit Nikopol on Monday.\nThe mayor asked for calm.\nAid arrived later.\nRussian forces fired 14 missiles overnight.',
      ),
    ).toEqual(['aerial-attacks russia:ukraine:missiles:- 14']);
  });

  it('"the region" names the story\'s place again and keeps it', () => {
    expect(
      keys(
        'Troops crossed into the Bryansk region on Monday.\nThey pushed 9 km into the region.\nThe governor spoke to reporters.\nSome 4,000 residents were evacuated, he said.',
      ),
    ).toEqual(['displaced-people russia:-:evacuated:bryansk-oblast 4000']);
  });

  it('a commander who reports missiles fired and downed is the target and the interceptor', () => {
    expect(
      keys("Ukraine's air force chief said 30 of the 34 cruise missiles fired overnight had been shot down.").sort(),
    ).toEqual(['aerial-attacks russia:ukraine:missiles:- 34', 'aerial-interceptions ukraine:russia:missiles:- 30']);
  });

  it('a longer phrase of another topic does not hide a shorter verb ("moved to" refugees vs "moved" troops)', () => {
    expect(keys('Officials said 2,000 North Korean troops had been moved to Russia by sea.')).toEqual([
      'troops-deployed north-korea:russia:-:- 2000',
    ]);
  });
});

describe('places that are not where it happened', () => {
  it("the speaker's seat is not the place", () => {
    expect(keys('Russian air defences destroyed 27 Ukrainian drones overnight, the ministry in Moscow said.')).toEqual([
      'aerial-interceptions russia:ukraine:drones:- 27',
    ]);
  });
  it('"launched from Russia\'s Kursk region": the launcher is the attacker, the region no place', () => {
    expect(keys("The air force said 33 drones were launched from Russia's Kursk region overnight.")).toEqual([
      'aerial-attacks russia:ukraine:drones:- 33',
    ]);
  });
});

describe('the most specific place is inside the region named, not any city', () => {
  it('a city of the region wins over the region', () => {
    expect(keys('Russian shelling killed 4 civilians in Nikopol in the Dnipropetrovsk region.')).toEqual([
      'casualties civilians:russia:killed:nikopol 4',
    ]);
  });
  it('a city outside the region named does not', () => {
    expect(
      keys(
        "Ukraine said it killed 40 Russian soldiers in fighting in the Kherson region, the focus of Kyiv's counter-offensive.",
      ),
    ).toEqual(['casualties russia:ukraine:killed:kherson-oblast 40']);
  });
});

describe("the story's place named again in the figure's own sentence", () => {
  it('"the region\'s governor put the number … at N" keeps the region', () => {
    expect(
      keys(
        "Ukrainian forces hold ground in the Bryansk region.\nThe figures differ.\nThe army gave no details.\nOn Monday the region's governor put the number of settlements under Ukrainian control at 12.",
      ),
    ).toEqual(['settlements-captured ukraine:russia:-:bryansk-oblast 12']);
  });
});

describe('parties named away from the figure', () => {
  it("soldiers killed by one side are the other side's", () => {
    expect(
      keys(
        "Moscow's defence ministry said its artillery hit positions overnight, claiming it had killed 350 fighters.",
      ),
    ).toEqual(['casualties ukraine:russia:killed:- 350']);
  });

  it('on an allied topic the giver is the ally named before the figure, by name or by its leader', () => {
    expect(keys("Trudeau said the new package brings Canada's total military assistance to Ukraine to C$4bn.")).toEqual(
      ['military-aid canada:ukraine:-:- 4000000000'],
    );
    expect(
      keys('Albanese committed A$110m in military assistance on Friday, including 20 armoured vehicles.'),
    ).toContain('military-aid australia:ukraine:-:- 110000000');
  });

  it('an ally named after the figure is who reports, not the giver', () => {
    expect(keys('The depot shipped arms and ammunition worth $2 billion to Ukraine, US officials said.')).toEqual([
      'military-aid -:ukraine:-:- 2000000000',
    ]);
  });
});

describe('an ally’s troops', () => {
  const key = (text: string) =>
    extractClaims(article(text), defaultTaxonomy()).map(
      (c) => `${c.actor ?? '-'}:${c.counterpart ?? '-'}:${c.place ?? '-'}`,
    );

  it('go to the party it backs when the figure has no place', () => {
    expect(key('North Korea has sent 10,000 troops to fight for Moscow.')).toEqual(['north-korea:russia:-']);
  });

  it('go where the text says when it names a place', () => {
    expect(key('Britain sent 8,000 troops to eastern Europe.')).toEqual(['united-kingdom:-:eastern-europe']);
  });
});
