import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { article, seriesKeys } from './helpers.ts';

// Recall mechanisms of issue #13, each shown on sentences written for this test (never eval text).
const got = (text: string) =>
  extractClaims(article(text), defaultTaxonomy())
    .map((c) => `${c.topic} ${c.actor ?? '-'}:${c.counterpart ?? '-'}:${c.item ?? '-'} ${c.quantity.value}`)
    .sort();
// The same with the claim's place, for the tests of places and paragraphs.
const placed = seriesKeys;

describe('one lexicon entry covers every form of its lemma', () => {
  it.each([
    [
      'Ukrainian forces liberate 12 villages near Kharkiv, the army claims.',
      'settlements-captured ukraine:russia:- 12',
    ],
    ['Ukrainian units were liberating 12 villages near Kharkiv.', 'settlements-captured ukraine:russia:- 12'],
    [
      'The army said Ukrainian units had liberated 12 villages near Kharkiv.',
      'settlements-captured ukraine:russia:- 12',
    ],
  ])('%s', (text, claim) => {
    expect(got(text)).toContain(claim);
  });

  it('a noun plural is not a verb: "targets" is no attack', () => {
    expect(
      got('Ukrainian defenders downed 30 targets over Kyiv on Monday.').some((c) => c.startsWith('aerial-attacks')),
    ).toBe(false);
  });

  it('a demonym is not the people: "three Ukrainian missiles" are not Ukrainians', () => {
    expect(got('Russia said it intercepted three Ukrainian missiles over Belgorod.')).toEqual([
      'aerial-interceptions russia:ukraine:missiles 3',
    ]);
  });
});

describe('event nouns carry their figure like verbs', () => {
  it('losses amounted to', () =>
    expect(got('In Ukraine, Russian losses amounted to over 400,000 servicemen, the ministry said.')).toEqual([
      'casualties russia:ukraine:killed-or-wounded 400000',
    ]));
  it('the evacuation of', () =>
    expect(got('The evacuation of 1,200 residents from Pokrovsk went on all week.')[0]).toMatch(
      /^displaced-people .*evacuated 1200$/,
    ));
  it('the deployment of', () =>
    expect(got('Officials confirmed the deployment of 3,000 North Korean troops to Kursk.')).toEqual([
      'troops-deployed north-korea:russia:- 3000',
    ]));
  it('lost servicemen are casualties, not troops sent', () =>
    expect(got('Over the past day Ukraine lost 900 servicemen near Pokrovsk, Moscow claimed.')).toEqual([
      'casualties ukraine:russia:killed-or-wounded 900',
    ]));
});

describe('lists and coordination', () => {
  it('every item of a list is governed by its verb, each with its own noun', () => {
    expect(
      got(
        'Since the invasion began, Russia has lost 9,000 tanks, 18,000 armoured vehicles, 300 aircraft and 320 helicopters, Kyiv says.',
      ),
    ).toEqual([
      'equipment-losses russia:ukraine:aircraft 300',
      'equipment-losses russia:ukraine:armoured-vehicles 18000',
      'equipment-losses russia:ukraine:helicopters 320',
      'equipment-losses russia:ukraine:tanks 9000',
    ]);
  });

  it('a conjunct with its own auxiliary has its own verb', () => {
    expect(got('In the strike on Odesa four people were killed and nine civilians were injured.')).toEqual([
      'casualties civilians:russia:killed 4',
      'casualties civilians:russia:wounded 9',
    ]);
  });

  it('a bare conjunct with a verb of its own is not pulled into the list', () => {
    expect(got('In Moscow 120 soldiers were detained and five have complained to the ombudsman.')).toEqual([
      'prisoners -:-:captured 120',
    ]);
  });

  it('coordinated nouns keep the verb after them', () => {
    expect(got('In Ukraine, thousands of civilians and soldiers alike have died since the invasion.')).toEqual([
      'casualties -:-:killed 1000',
    ]);
  });
});

describe('scope of the filters', () => {
  it('a modal before the reporting verb belongs to the speaker', () => {
    expect(got('We can say the Russian army moved 4,000 troops to Kursk last week.')).toEqual([
      'troops-deployed russia:-:- 4000',
    ]);
  });

  it('a figure that could happen is still no claim', () => {
    expect(got('Russia could send up to 10,000 more troops to Kursk, analysts say.')).toEqual([]);
  });

  it('an announced aid package counts, a price does not', () => {
    expect(got('Canada will send $90m in military aid to Ukraine, the minister said.')).toEqual([
      'military-aid canada:ukraine:- 90000000',
    ]);
    expect(got('Each interceptor missile costs about $1m in Ukraine, the report notes.')).toEqual([]);
  });

  it('scare quotes around a verb do not end the clause', () => {
    expect(got('Moscow says 300 Ukrainian troops have “surrendered” in Kursk.')).toEqual([
      'prisoners russia:ukraine:captured 300',
    ]);
  });
});

describe('noun phrases', () => {
  it('in a compound the last noun is the head', () =>
    expect(got('Kyiv reported 250 civilian deaths in Kharkiv in March.')).toEqual([
      'casualties civilians:russia:killed 250',
    ]));
  it('an alias ending in a counted noun counts it', () =>
    expect(got('About 2,000 Russian troops are stationed in Transnistria.')).toEqual([
      'troops-deployed russia:-:- 2000',
    ]));
  it('people named by their work are people, and civilians like "Ukrainian civilians"', () =>
    expect(got('At least 30 Ukrainian journalists have been killed since the invasion began.')).toEqual([
      'casualties civilians:russia:killed 30',
    ]));
});

describe('figures that are not counts of this war', () => {
  it('a rate stated with "every"', () =>
    expect(got('Ukrainian forces liberate 12 villages near Kharkiv every week, the army claims.')).toEqual([]));
  it('ages', () => expect(got('The veteran general died in Moscow on Monday at 91.')).toEqual([]));
  it('rates per anything', () =>
    expect(got('Russian forces lose about 50 soldiers per square kilometre taken in Donetsk, analysts said.')).toEqual(
      [],
    ));
  it('sentences dated before the war began', () =>
    expect(got('In 1992 about 700 people were killed in the fighting over Transnistria.')).toEqual([]));
});

describe('context', () => {
  it('"the country" is the state last named', () => {
    expect(got('Ukraine said on Monday that the country’s air defences shot down 40 drones.')).toEqual([
      'aerial-interceptions ukraine:russia:drones 40',
    ]);
  });

  it('a cue word picks the topic of a verb that serves several', () => {
    expect(got('Ukraine’s air defences destroyed 25 drones overnight.')).toEqual([
      'aerial-interceptions ukraine:russia:drones 25',
    ]);
  });
});

describe('a count given as a level of a noun that claims alone', () => {
  it('"casualties … reached N"', () =>
    expect(got('After the siege of Izium, casualties among civilians reached 340, the prosecutor said.')).toEqual([
      'casualties civilians:russia:killed-or-wounded 340',
    ]));
  it('"the number of wounded climbed to N"', () =>
    expect(got('Russian shelling went on and the number of wounded climbed to 64 in Nikopol.')).toEqual([
      'casualties civilians:russia:wounded 64',
    ]));
  it('a level verb with no claiming noun before it is no claim', () =>
    expect(got('Russian shelling went on and the temperature climbed to 35 in Nikopol.')).toEqual([]));
});

describe('equipment named by model and shot from the sky', () => {
  it("a model name before the head noun keeps the head's topics", () =>
    expect(got('Moscow says its forces destroyed 6 Leopard tanks near Robotyne.')).toEqual([
      'equipment-losses ukraine:russia:tanks 6',
    ]));
  it('a lower-case compound stays what the taxonomy lists', () =>
    expect(
      got(
        'Russia was seeking hundreds of surveillance drones from Iran, including ones able to carry bombs, for the war in Ukraine.',
      ),
    ).toEqual([]));
  it('jets downed are equipment losses, not interceptions', () =>
    expect(got('Ukrainian air defences downed three Russian Su-34 jets over the weekend.')).toEqual([
      'equipment-losses russia:ukraine:aircraft 3',
    ]));
  it('"such" does not hide the head noun', () =>
    expect(got('Ukraine says Russia has now lost 4 such aircraft in the war.')).toEqual([
      'equipment-losses russia:ukraine:aircraft 4',
    ]));
  it('air-defence systems are losses', () =>
    expect(
      got(
        'The Ukrainian general staff said 9 artillery systems and 2 air defence systems of the Russian army were destroyed.',
      ),
    ).toEqual([
      'equipment-losses russia:ukraine:air-defence-systems 2',
      'equipment-losses russia:ukraine:artillery-systems 9',
    ]));
});

describe('clause structure around the figure', () => {
  it('a participle after a comma opens its own clause: the attack verb before the figure governs it', () =>
    expect(got('Russian forces struck the Mykolaiv region with 16 drones, damaging two warehouses.')).toEqual([
      'aerial-attacks russia:ukraine:drones 16',
    ]));
  it('read backwards, a verb phrase is found whole ("killed or wounded", not "wounded")', () =>
    expect(got('Kyiv says its army has killed or wounded 640,000 Russian soldiers since 2022.')).toEqual([
      'casualties russia:ukraine:killed-or-wounded 640000',
    ]));
  it('"N were shot down" after an attack figure is that attack\'s interception', () =>
    expect(got('The air force said 58 drones were launched from Russia overnight; 49 were shot down.')).toEqual([
      'aerial-attacks russia:ukraine:drones 58',
      'aerial-interceptions ukraine:russia:drones 49',
    ]));
  it('"the number of X … to N" counts X', () =>
    expect(
      got(
        'Russian troops seized the village of Novohrodivka, bringing the number of settlements captured this month to 41.',
      ),
    ).toEqual(['settlements-captured russia:ukraine:- 41']));
  it('a list after "losses amounted to" shares it, equipment included', () =>
    expect(
      got(
        'By June, Russian losses amounted to 520,000 servicemen, 7,600 tanks and 14,300 armoured combat vehicles, Kyiv said.',
      ),
    ).toEqual([
      'casualties russia:ukraine:killed-or-wounded 520000',
      'equipment-losses russia:ukraine:armoured-vehicles 14300',
      'equipment-losses russia:ukraine:tanks 7600',
    ]));
  it('a state right before aid words gives the aid; a bracketed aside does not cut the subject off', () =>
    expect(
      got(
        'Washington said the US would send $250m (£200m) in weapons and had approved $90m in training, bringing total US military aid to Ukraine to $4bn.',
      ),
    ).toEqual([
      'military-aid united-states:ukraine:- 250000000',
      'military-aid united-states:ukraine:- 4000000000',
      'military-aid united-states:ukraine:- 90000000',
    ]));
});

describe('where interceptions and losses meet', () => {
  it('drones destroyed in the sky are interceptions, paired with the attack', () =>
    expect(got('Kyiv said 31 out of 35 drones were destroyed in the skies over the Sumy region.')).toEqual([
      'aerial-attacks russia:ukraine:drones 35',
      'aerial-interceptions ukraine:russia:drones 31',
    ]));
  it('an "including" aside between the figure and its verb does not cut them apart', () =>
    expect(got('Officials in Kharkiv said 420 people, including 95 children, were evacuated from Kupiansk.')).toEqual([
      'displaced-people ukraine:-:evacuated 420',
    ]));
  it('people who crossed into a state are refugees there, not its own', () =>
    expect(got('Since the invasion, over 90,000 people have crossed into Moldova from Ukraine.')).toEqual([
      'displaced-people ukraine:-:refugees 90000',
    ]));
});

describe('what the counted did, said after them', () => {
  it('a relative clause right after the noun carries its verb', () =>
    expect(got('Of the 6 million Ukrainians who fled the war in 2022, many have settled in Germany.')).toEqual([
      'displaced-people ukraine:-:refugees 6000000',
    ]));
  it('"occupiers" are troops', () =>
    expect(got('Ukraine says about 3,000 Russian occupiers are encircled near Kupiansk.')).toEqual([
      'troops-deployed russia:ukraine:- 3000',
    ]));
});

describe('more ways to say it', () => {
  it('driving forces out of settlements is taking them', () =>
    expect(got('Kyiv says Ukraine has driven Russian forces out of 14 settlements in the Kharkiv region.')).toEqual([
      'settlements-captured ukraine:russia:- 14',
    ]));
  it('soldiers taking part in an offensive are deployed', () =>
    expect(got('Around 45,000 Russian soldiers are taking part in the offensive near Kupiansk, Kyiv says.')).toEqual([
      'troops-deployed russia:ukraine:- 45000',
    ]));
});

describe('running totals', () => {
  it('"bringing the total to N" counts what the figure before it counts, in the same series', () => {
    const claims = extractClaims(
      article('Moscow said another 260 Ukrainian soldiers had surrendered in Mariupol, bringing the total to 1,900.'),
      defaultTaxonomy(),
    );
    expect(
      claims
        .map((c) => `${c.topic} ${c.actor}:${c.counterpart}:${c.item}:${c.place} ${c.quantity.value} ${c.kind}`)
        .sort(),
    ).toEqual([
      'prisoners russia:ukraine:captured:mariupol 1900 total',
      'prisoners russia:ukraine:captured:mariupol 260 increment',
    ]);
  });
});

describe('structure around the counted noun (session 7)', () => {
  it('an aside between dashes or commas does not cut the noun from its verb', () => {
    expect(
      got('Since 2022, 3,050 people — troops and civilians alike — have been returned home from Russian captivity.'),
    ).toEqual(['prisoners russia:ukraine:returned 3050']);
    expect(
      got(
        'On Friday another 115 Ukrainian defenders, most of them border guards, were brought back from Russian captivity.',
      ),
    ).toEqual(['prisoners russia:ukraine:returned 115']);
  });

  it('"targeted X and were shot down" is both the attack and the interception', () => {
    expect(got('The governor said 25 drones targeted the Belgorod region overnight and were shot down.')).toEqual([
      'aerial-attacks ukraine:russia:drones 25',
      'aerial-interceptions russia:ukraine:drones 25',
    ]);
  });

  it('a model name and a hyphenated modifier stay inside the noun phrase', () => {
    expect(
      got('Russian air defences intercepted 9 Storm Shadow air-launched cruise missiles, the ministry said.'),
    ).toEqual(['aerial-interceptions russia:ukraine:missiles 9']);
  });

  it('troops "in occupied Ukraine" are present there', () => {
    expect(got('Russia has roughly 580,000 troops in occupied Ukraine, Kyiv estimates.')).toEqual([
      'troops-deployed russia:ukraine:- 580000',
    ]);
  });
});

describe('verbs that need their cue (taxonomy `needs`)', () => {
  it('"returned home" counts prisoners only when the sentence is about captivity', () => {
    expect(got('Nearly 15,000 Ukrainians have returned home from abroad this spring.')).toEqual([]);
    expect(got('On Friday 95 Ukrainian soldiers returned home from Russian captivity.')).toEqual([
      'prisoners russia:ukraine:returned 95',
    ]);
  });

  it('"moved out of" is an evacuation', () => {
    expect(
      got('The governor said 8,500 people had been moved out of the border districts of the Sumy region.')[0],
    ).toMatch(/^displaced-people .*evacuated 8500$/);
  });

  it('a day name before a figure is no model designation', () => {
    expect(got('On Monday 12 people were killed in shelling of Kharkiv.')).toEqual([
      'casualties civilians:russia:killed 12',
    ]);
  });

  it('"the toll climbed to N" and "N bodies were recovered" count the dead', () => {
    expect(got('After the strike on Poltava the toll climbed to 38, officials said.')).toEqual([
      'casualties civilians:russia:killed 38',
    ]);
    expect(got('Rescuers said 6 bodies had been recovered from the ruins in Odesa after the Russian strike.')).toEqual([
      'casualties -:-:killed 6',
    ]);
    expect(
      got('Russian troops recovered 40 Ukrainian drones in the field, Moscow said.').some((c) =>
        c.startsWith('casualties'),
      ),
    ).toBe(false);
  });
});

describe('a side’s losses, in every tense of the verb that reports them', () => {
  it.each([
    ['Russian losses comprise 80 tanks, the report said.', 'equipment-losses russia:ukraine:tanks 80'],
    ['The enemy’s losses rose to 40,000 troops in May.', 'casualties russia:ukraine:killed-or-wounded 40000'],
    ['By the spring, Russian losses topped 2,500 tanks.', 'equipment-losses russia:ukraine:tanks 2500'],
  ])('%s', (text, claim) => {
    expect(got(text)).toContain(claim);
  });

  it('a side’s lost "people" are its own, not civilians', () => {
    expect(got('Russian losses reached 20,000 people over the winter.')).toEqual([
      'casualties russia:ukraine:killed-or-wounded 20000',
    ]);
  });

  it('civilians named as such stay civilians', () => {
    expect(got('A Russian missile killed 12 civilians in Sumy, the mayor said.')).toEqual([
      'casualties civilians:russia:killed 12',
    ]);
  });
});

describe('custody and surrender count prisoners', () => {
  it('sent to a prison colony: prisoners (who holds them is the other side)', () => {
    expect(got('Some 300 Ukrainian marines were sent to a prison colony in Rostov, officials said.')).toEqual([
      'prisoners russia:ukraine:captured 300',
    ]);
  });

  it('sent to the front is no custody', () => {
    expect(
      got('Russia sent 3,000 Russian troops to the front near Pokrovsk.').some((c) => c.startsWith('prisoners')),
    ).toBe(false);
  });

  it('"gave themselves up" is a surrender', () => {
    expect(got('Ukraine said 45 Russian soldiers gave themselves up near Vovchansk.')).toEqual([
      'prisoners ukraine:russia:captured 45',
    ]);
  });

  it('"sustained serious injuries" counts the wounded', () => {
    expect(got('Eight people sustained serious injuries in the strike on Odesa.')).toContain(
      'casualties civilians:russia:wounded 8',
    );
  });
});

describe('equipment losses a side reports are the other side’s', () => {
  it('a party known only from the story is who counts the losses, not who lost them', () => {
    expect(
      got(
        'Moscow’s offensive has been costly, Ukraine’s General Staff says. The reported losses include 40 tanks and 90 armoured vehicles.',
      ),
    ).toEqual(['equipment-losses russia:ukraine:armoured-vehicles 90', 'equipment-losses russia:ukraine:tanks 40']);
  });

  it('a side named in the sentence keeps its role', () => {
    expect(got('Ukraine’s General Staff says Ukraine lost 12 tanks near Avdiivka.')).toEqual([
      'equipment-losses ukraine:russia:tanks 12',
    ]);
  });
});

describe('verbs that govern only the figure right after them (taxonomy `adjacent`)', () => {
  it('"has 50,000 troops" deploys them', () => {
    expect(got('Russia has 50,000 troops near the border, the Ukrainian president said.')).toEqual([
      'troops-deployed russia:-:- 50000',
    ]);
  });

  it('"have" as an auxiliary is no verb of its own: the dead stay casualties', () => {
    expect(got('Five Ukrainian soldiers have been killed near Bakhmut.')).toEqual([
      'casualties ukraine:russia:killed 5',
    ]);
  });

  it('a town that has residents deploys nobody', () => {
    expect(got('Before the war the town had 40,000 residents.')).toEqual([]);
  });
});

describe('more verbs of gains and returns', () => {
  it('"pushed back … from N villages" captures them', () => {
    expect(got('The Ukrainian army pushed back Russian forces from 14 villages near Kupiansk.')).toEqual([
      'settlements-captured ukraine:russia:- 14',
    ]);
  });

  it('"returned N soldiers from captivity" brings prisoners home', () => {
    expect(got('Ukraine says it has returned 1,358 soldiers from captivity this year.')).toEqual([
      'prisoners russia:ukraine:returned 1358',
    ]);
  });
});

describe('a counted noun before an event noun of its topic ("35 tank losses")', () => {
  it('the event noun stands for the verb', () => {
    expect(got('Russia recorded 35 tank losses in the battle for Vuhledar.')).toEqual([
      'equipment-losses russia:ukraine:tanks 35',
    ]);
  });

  it('a noun that opens no event phrase still makes the figure something else', () => {
    expect(got('Russia keeps 5 tank battalions near the border.')).toEqual([]);
  });
});

describe('more ways to say people were displaced', () => {
  it.each([
    [
      'About 600,000 Ukrainians have applied for temporary protection in Germany.',
      'displaced-people ukraine:-:refugees 600000',
    ],
    [
      'Over 1,000 people were forced to leave their homes in Belgorod.',
      'displaced-people russia:-:internally-displaced 1000',
    ],
  ])('%s', (text, claim) => {
    expect(got(text)).toContain(claim);
  });
});

describe('headline verbs in the present -s form', () => {
  it.each([
    ['Russia captures 3 villages near Pokrovsk', 'settlements-captured russia:ukraine:- 3'],
    ['Ukraine downs 50 of 60 Russian drones overnight', 'aerial-interceptions ukraine:russia:drones 50'],
    ['Ukraine downs 50 of 60 Russian drones overnight', 'aerial-attacks russia:ukraine:drones 60'],
    ['Air defence downs 30 drones over the Kyiv region', 'aerial-interceptions ukraine:russia:drones 30'],
  ])('%s', (text, claim) => {
    expect(got(text)).toContain(claim);
  });

  it('a plural noun that is no verb stays a noun: "the targets 12 km away"', () => {
    expect(got('Ukrainian drones hit the targets 12 km away from the border.')).toEqual([]);
  });
});

describe('"claimed/cost N lives" counts the dead', () => {
  it('only with "lives": a claimed village is no death', () => {
    expect(got('The missile attack claimed 23 lives in Vinnytsia.')).toEqual(['casualties -:-:killed 23']);
    expect(got('The strike on the station cost 7 lives.')).toEqual(['casualties -:-:killed 7']);
  });
});

describe('a status noun yields to the outcome its verb gives', () => {
  it('"exchanged 190 prisoners of war" is an exchange, "captured 20 prisoners" a capture', () => {
    expect(got('Ukraine and Russia exchanged 190 prisoners of war on Wednesday.')).toEqual([
      'prisoners russia:ukraine:exchanged 190',
    ]);
    expect(got('Ukrainian troops took 20 Russian prisoners of war near Kursk.')).toEqual([
      'prisoners ukraine:russia:captured 20',
    ]);
  });

  it('a noun that makes a claim alone keeps its item: "killed 45 … deaths" stays killed', () => {
    expect(got('The strikes caused 45 civilian deaths in Kharkiv.')).toEqual(['casualties civilians:russia:killed 45']);
  });
});

describe('"lost control over" is a loss, not a gain', () => {
  it('the side that lost control is the counterpart', () => {
    expect(got('Kyiv lost control over roughly 500 square kilometres in October.')).toEqual([
      'territory-area russia:ukraine:- 500',
    ]);
  });
});

describe('vocabulary of lost equipment', () => {
  it.each([
    ['Ukrainian sea drones sank 2 Russian landing ships off Crimea.', 'equipment-losses russia:ukraine:ships 2'],
    ['Russia lost 3 Su-34 bombers in a single week.', 'equipment-losses russia:ukraine:aircraft 3'],
  ])('%s', (text, claim) => {
    expect(got(text)).toContain(claim);
  });
});

describe('the month May is no modal', () => {
  it.each([
    'As of May 2024, Russian losses amounted to 500,000 servicemen.',
    'By May, Russian losses amounted to 500,000 servicemen.',
  ])('%s', (text) => {
    expect(got(text)).toEqual(['casualties russia:ukraine:killed-or-wounded 500000']);
  });

  it('the modal still drops what may happen', () => {
    expect(got('Russian losses may reach 500,000 servicemen by the summer.')).toEqual([]);
  });
});

describe('a modal inside a relative aside belongs to the aside', () => {
  it('"The army, which needs more shells, lost 12 tanks" reports the loss', () => {
    expect(got('The Russian army, which needs more shells, lost 12 tanks near Pokrovsk.')).toEqual([
      'equipment-losses russia:ukraine:tanks 12',
    ]);
  });

  it('a modal in the clause itself still drops the figure', () => {
    expect(got('The Russian army, short of shells, could lose 12 tanks near Pokrovsk.')).toEqual([]);
  });
});

describe('parts and wholes', () => {
  it('"N of the M noun" says the verb of the part; the whole makes no claim', () => {
    expect(got('About 2,500 of the 3,000 Russian troops in the area were killed or wounded.')).toEqual([
      'casualties russia:ukraine:killed-or-wounded 2500',
    ]);
    expect(got('The Russian army lost 20 of its 30 tanks in the assault.')).toEqual([
      'equipment-losses russia:ukraine:tanks 20',
    ]);
  });

  it('a count "included" in an area is no part of it', () => {
    expect(got('Ukraine has liberated 1,000 square kilometres, including 90 villages, since August.')).toEqual([
      'settlements-captured ukraine:russia:- 90',
      'territory-area ukraine:russia:- 1000',
    ]);
  });

  it('a part of a count is still a part', () => {
    expect(got('At least 18 people were killed, including 4 children, in the strike on Kryvyi Rih.')).toEqual([
      'casualties civilians:russia:killed 18',
    ]);
  });
});

describe('possession of supplied arms', () => {
  it('"Ukraine has 3 US Patriot systems" was a transfer; "Russia has 2,000 tanks in reserve" is its own stock', () => {
    expect(got('Ukraine has 3 US Patriot air defense systems.')).toEqual([
      'arms-transferred united-states:ukraine:air-defence-systems 3',
    ]);
    expect(got('Russia has 2,000 tanks in reserve.')).toEqual([]);
  });
});

describe('session 9: causes found on sentences written for the purpose', () => {
  it.each<[string, string, string[]]>([
    [
      'a preposition ends the counted noun ("14 drones above the Bryansk region")',
      'Moscow said its air defences destroyed 14 Ukrainian drones above the Bryansk region.',
      ['aerial-interceptions russia:ukraine:drones 14'],
    ],
    [
      'the whole of "N of the M drones Russia sent" was launched, not supplied',
      'Kyiv said its air force brought down 38 of the 47 drones Russia sent overnight.',
      ['aerial-attacks russia:ukraine:drones 47', 'aerial-interceptions ukraine:russia:drones 38'],
    ],
    [
      '"N were among the M" is a part of M, not a figure of its own',
      'Three teenagers were among the 21 people injured in the strike on Zaporizhzhia.',
      ['casualties civilians:russia:wounded 21'],
    ],
    [
      '"N were among those killed" is a part of a figure given elsewhere',
      'Four firefighters were among those killed when the second missile struck.',
      [],
    ],
    [
      'the side whose air defence the sentence names is the one attacked',
      "Latvia's air defences tracked 6 Russian drones that entered the country's airspace.",
      ['aerial-attacks russia:latvia:drones 6'],
    ],
    [
      'the entity right before a gerund is its subject, even after a preposition',
      'Western aid has resulted in Russia losing more than 150,000 troops this year.',
      ['casualties russia:ukraine:killed-or-wounded 150000'],
    ],
    [
      'soldiers counted before their verb belong to the party the sentence is about',
      'Kyiv conceded in a rare statement that 7,500 soldiers had died.',
      ['casualties ukraine:russia:killed 7500'],
    ],
    [
      '"N dead Russian soldiers": the state after the item word owns the figure',
      'The adviser posted a tally of 41,000 dead Russian soldiers.',
      ['casualties russia:ukraine:killed 41000'],
    ],
    [
      '"bringing the total since June to N" is a running total of the same series',
      'Kyiv says its forces retook 6 villages this week, bringing the total since June to 31.',
      ['settlements-captured ukraine:russia:- 31', 'settlements-captured ukraine:russia:- 6'],
    ],
    [
      '"Of the M drones, N were shot down": M was launched, N intercepted',
      "Of the 85 drones, 71 were shot down overnight, Ukraine's air force said.",
      ['aerial-attacks russia:ukraine:drones 85', 'aerial-interceptions ukraine:russia:drones 71'],
    ],
    [
      'a figure with no party of its own is part of the transfer the sentence before described',
      'Pyongyang has shipped artillery shells to Russia, officials in Seoul said. Some 3 million shells have been sent so far.',
      ['arms-transferred north-korea:russia:artillery-shells 3000000'],
    ],
    [
      '"a mother of three" is the size of a family, not a count',
      'The volunteer, a mother of three from Bristol, was captured near Bakhmut.',
      [],
    ],
    [
      '"rushed to hospital" counts the wounded',
      'At least 17 people were rushed to hospital after the missile hit the market.',
      ['casualties civilians:russia:wounded 17'],
    ],
    [
      'a side named as the owner of the losses is the actor, not civilians',
      'Russian losses near Vuhledar now stand at 9,000 killed and 14,000 wounded.',
      ['casualties russia:ukraine:killed 9000', 'casualties russia:ukraine:wounded 14000'],
    ],
    [
      "people moved with no place named are the speaking party's own",
      'Moscow says 90,000 people have been moved out of the frontier districts.',
      ['displaced-people russia:-:evacuated 90000'],
    ],
    [
      'a possessive owner of the casualties is the actor too',
      "Ukraine's casualties in the battle reached 700 dead.",
      ['casualties ukraine:russia:killed 700'],
    ],
  ])('%s', (_, text, claims) => {
    expect(got(text)).toEqual(claims);
  });

  it('"out of" ends the counted noun: "downed 10 drones out of 12"', () => {
    expect(got('Ukrainian air defence downed 10 drones out of 12 over the Odesa region.')).toContain(
      'aerial-interceptions ukraine:russia:drones 10',
    );
  });

  it.each([
    [
      'an oblast named with its part of the country is the place ("eastern Ukraine\'s Donetsk region")',
      "Russian troops took 2 villages in eastern Ukraine's Donetsk region, Moscow said.",
      'donetsk-oblast',
    ],
    [
      'a list item\'s own "in X" is its place ("4 people in Kostiantynivka and 2 in Pokrovsk")',
      'Russian shelling killed 4 people in Kostiantynivka and 2 in Pokrovsk.',
      'kostiantynivka,pokrovsk',
    ],
    [
      'a named region is the oblast, not its city',
      'Russian forces struck the Odesa region with 23 drones overnight.',
      'odesa-oblast',
    ],
    [
      'equipment losses with no place of their own take the region the sentence before named',
      'Fighting raged in the Zaporizhzhia region on Tuesday. Russia lost 9 tanks in the assault, Kyiv said.',
      'zaporizhzhia-oblast',
    ],
  ])('%s', (_, text, place) => {
    expect(extractClaims(article(text), defaultTaxonomy()).map((c) => c.place)).toEqual(place.split(','));
  });

  it('"according to Seoul" names a source, not a party', () => {
    const claims = got('Around 8,000 North Korean soldiers are based in the Kursk region, according to Seoul.');
    expect(claims.some((c) => c.includes('south-korea'))).toBe(false);
  });

  it('"handed over N" is a transfer of N, not of more than N', () => {
    const [claim] = extractClaims(
      article('Belgium handed over 12 F-16 fighter jets to Ukraine, its defence minister said.'),
      defaultTaxonomy(),
    );
    expect([claim?.topic, claim?.actor, claim?.counterpart, claim?.quantity.qualifier]).toEqual([
      'arms-transferred',
      'belgium',
      'ukraine',
      'exact',
    ]);
  });
});

describe('session 10: causes found on sentences written for the purpose', () => {
  it.each([
    [
      '"conquered" is a capture verb',
      'Analysts said Russia conquered 380 square kilometres in September.',
      ['territory-area russia:ukraine:- 380'],
    ],
    [
      'the event noun "the deaths of N" carries its figure',
      'An independent count confirmed the deaths of 52,000 Russian soldiers by the spring.',
      ['casualties russia:ukraine:killed 52000'],
    ],
    [
      'a value after a comma belongs to the aid package it values',
      'Norway will send Ukraine its 19th military aid package, worth 150 million euros.',
      ['military-aid norway:ukraine:- 150000000'],
    ],
    [
      'a defence package is military aid',
      'Sweden unveiled a defence package worth 3 billion kronor for Kyiv.',
      ['military-aid sweden:ukraine:- 3000000000'],
    ],
    [
      'the first object of a giving verb is the recipient, not the giver',
      'Denmark sent Ukraine weapons worth 90 million euros last month.',
      ['military-aid denmark:ukraine:- 90000000'],
    ],
    [
      '"valued at" puts a value on its subject; nothing is passive',
      'The British package is valued at 60 million pounds and includes drones for Ukraine.',
      ['military-aid united-kingdom:ukraine:- 60000000'],
    ],
    [
      'a participle right after the noun is a reduced relative; the finite verb after it decides',
      'Seven cruise missiles fired at Lviv were intercepted before dawn, the air force said.',
      ['aerial-interceptions ukraine:russia:missiles 7'],
    ],
    [
      'the reduced relative stops at "and": the next item keeps its own verb',
      'Officials said two people died and six were injured in the strike on Sumy.',
      ['casualties civilians:russia:killed 2', 'casualties civilians:russia:wounded 6'],
    ],
    [
      'a place adverb after the counted noun is not its head ("lost 9,000 fighters there")',
      'The fighting for Soledar went on for weeks. Wagner admitted it had lost 9,000 fighters there.',
      ['casualties wagner:ukraine:killed-or-wounded 9000'],
    ],
    [
      '"overall" and "outright" end the counted noun too',
      'The Russian strike killed 4 people outright, the prosecutor said.',
      ['casualties civilians:russia:killed 4'],
    ],
    [
      '"plus" joins list items like "and"',
      'Russia launched 70 drones plus 4 missiles at Ukraine overnight.',
      ['aerial-attacks russia:ukraine:drones 70', 'aerial-attacks russia:ukraine:missiles 4'],
    ],
    [
      'an item noun before its event noun gives a level its topic ("tank losses reached N")',
      'Russian tank losses near Avdiivka reached 210, Kyiv said.',
      ['equipment-losses russia:ukraine:tanks 210'],
    ],
    [
      'Western models by name are items, supplied or lost',
      'Ukraine received 20 Leopard 2s and 12 Challenger 2s. Moscow said it destroyed 8 Bradleys.',
      [
        'arms-transferred -:ukraine:tanks 12',
        'arms-transferred -:ukraine:tanks 20',
        'equipment-losses ukraine:russia:armoured-vehicles 8',
      ],
    ],
    [
      'who estimates a figure reports it; it did not cause it',
      'French intelligence recently estimated the number of dead Russians at 31,000.',
      ['casualties russia:ukraine:killed 31000'],
    ],
    [
      '"sought shelter" abroad makes refugees',
      'About 3,100 Ukrainians sought shelter in Norway last year.',
      ['displaced-people ukraine:-:refugees 3100'],
    ],
    [
      'an inflected verb after the noun opens no event noun ("sought work" is not "sought medical help")',
      'About 3,100 Ukrainians sought work in Norway last year.',
      [],
    ],
    [
      'children "taken to Russia" were abducted',
      'Kyiv says 19,500 Ukrainian children have been taken to Russia since the invasion.',
      ['prisoners russia:ukraine:abducted 19500'],
    ],
    [
      "an army's size is no deployment: possession needs somewhere",
      'The Ukrainian army had 250,000 soldiers before the war.',
      [],
    ],
    [
      'possession with a location is a deployment',
      'Russia keeps 20,000 soldiers near the border with Finland.',
      ['troops-deployed russia:-:- 20000'],
    ],
    [
      'a direction after the counted noun is not its head ("3 villages west of X")',
      'Russian forces seized 3 villages west of Avdiivka, the ministry said.',
      ['settlements-captured russia:ukraine:- 3'],
    ],
    [
      'a side "suffered" its casualties',
      'Russian forces have suffered 3,000 casualties near the town.',
      ['casualties russia:ukraine:killed-or-wounded 3000'],
    ],
    [
      '"suffered" without a casualty word counts nothing',
      'Russian forces have suffered 30 setbacks near the town.',
      [],
    ],
    [
      'a word the lexicon knows only as a verb or adverb is no head noun ("soldiers remain encircled")',
      'Around 2,000 Ukrainian soldiers remain encircled near Pokrovsk.',
      ['troops-deployed ukraine:-:- 2000'],
    ],
    [
      'people who lost something are not the people lost',
      "The king's army of 40,000 men soon lost half its strength to the cold.",
      [],
    ],
    [
      'a ratio ("one in five of its tanks") is no count',
      'Ukraine has lost 1 in 5 of its tanks since the summer, analysts say.',
      [],
    ],
    [
      'a bare outcome after counted soldiers is said of those soldiers ("and 1,900 wounded")',
      'Some 250 North Korean soldiers have been killed and 1,900 wounded, Seoul said.',
      ['casualties north-korea:ukraine:killed 250', 'casualties north-korea:ukraine:wounded 1900'],
    ],
    [
      'the agent of the launch is not the interceptor when the figure\'s verb comes after ("23 of the 29 drones launched by Russia had been destroyed")',
      'The Ukrainian air force said 23 of the 29 drones launched by Russia had been destroyed.',
      ['aerial-attacks russia:ukraine:drones 29', 'aerial-interceptions ukraine:russia:drones 23'],
    ],
    [
      'a part with no whole figure before it is the figure given ("large amounts …, including 200 tanks")',
      'Ukrainian troops captured large amounts of Russian equipment, including 200 tanks, the ministry said.',
      ['equipment-losses russia:ukraine:tanks 200'],
    ],
    [
      'a part of a whole figure stays out',
      'Russian troops lost 52 tanks, including 20 T-90s, the ministry said.',
      ['equipment-losses russia:ukraine:tanks 52'],
    ],
    [
      'a sentence opening "Of those," gives parts of the figure before it',
      'Russia has lost 3,100 tanks, the group says. Of those, 2,200 were destroyed and 400 were captured.',
      ['equipment-losses russia:ukraine:tanks 3100'],
    ],
    [
      'who receives the bodies is whose dead they are',
      'Ukraine received the bodies of 800 fallen soldiers from Russia on Friday.',
      ['casualties ukraine:russia:killed 800'],
    ],
    [
      'the noun whose level the figure gives may stand a long phrase before its verb',
      "The death toll from Tuesday's Russian missile strike on Dnipro has risen to 29, officials said.",
      ['casualties civilians:russia:killed 29'],
    ],
    [
      'people named by their occupation are civilians',
      'Three paramedics were wounded when a second Russian strike hit the same street in Kharkiv.',
      ['casualties civilians:russia:wounded 3'],
    ],
  ])('%s', (_, text, claims) => {
    expect(got(text)).toEqual(claims);
  });
});

describe('paragraphs of a news story', () => {
  const claims = (text: string) => placed(text, 'Strike on Poltava');

  it("a toll in its own paragraph is read in the light of the paragraph before (the wire's second paragraph)", () => {
    expect(
      claims(
        'Two Russian missiles hit a military academy in Poltava on Tuesday morning.\n\nAt least 14 people were killed and 60 were injured, the regional governor said.',
      ),
    ).toEqual([
      'aerial-attacks russia:ukraine:missiles:poltava 2',
      'casualties civilians:russia:killed:poltava 14',
      'casualties civilians:russia:wounded:poltava 60',
    ]);
  });

  it('a paragraph that names someone else is another story, even after a paragraph about the war', () => {
    expect(
      claims(
        'Two Russian missiles hit a military academy in Poltava on Tuesday morning.\n\nIn Ohio, a gunman killed 6 people at a shopping mall, police said.',
      ).filter((c) => c.endsWith(' 6')),
    ).toEqual([]);
  });
});

describe('session 11: roles, places and references found on sentences written for the purpose', () => {
  it.each([
    [
      'where a speaker spoke is not where the figure happened',
      'Speaking at a news conference in Kyiv, the commander said Russian forces had lost 1,200 soldiers near Bakhmut.',
      ['casualties russia:ukraine:killed-or-wounded:bakhmut 1200'],
    ],
    [
      "a bare outcome as the object of a side's loss is that side's, not civilians'",
      'Moscow has lost some 90,000 killed and 250,000 wounded, a Western official said.',
      ['casualties russia:ukraine:killed:- 90000', 'casualties russia:ukraine:wounded:- 250000'],
    ],
    [
      '"suffered N killed and wounded" belongs to the forces that suffered them',
      'North Korean units suffered roughly 2,000 killed and wounded in the Kursk region.',
      ['casualties north-korea:ukraine:killed-or-wounded:kursk-oblast 2000'],
    ],
    [
      'settlements held are settlements under control, like territory held',
      'At the height of the incursion, Kyiv held about 1,100 square kilometres and 90 settlements.',
      ['settlements-captured ukraine:russia:-:- 90', 'territory-area ukraine:russia:-:- 1100'],
    ],
    [
      '"the two towns" after two named towns refers back to them and counts nothing new',
      'Russian troops now threaten Pokrovsk and Myrnohrad, the two towns still held by Ukraine in the area.',
      [],
    ],
    [
      'a sentence that sums up does not inherit the place of the sentence before',
      'Three drones were shot down over the Odesa region. In total, Russia launched 60 drones at Ukraine overnight.',
      ['aerial-attacks russia:ukraine:drones:- 60', 'aerial-interceptions ukraine:russia:drones:odesa-oblast 3'],
    ],
    [
      '"defenders" are Ukrainian and "occupiers" Russian, in this war\'s reporting',
      'Some 300 defenders of the steel plant surrendered. Ukrainian artillery killed 40 occupiers near Robotyne.',
      ['casualties russia:ukraine:killed:robotyne 40', 'prisoners russia:ukraine:captured:- 300'],
    ],
    [
      '"Among them were N" opens a part of the figure before',
      'The army said it had lost 9,000 soldiers in the spring. Among them were 2,000 killed.',
      ['casualties -:-:killed-or-wounded:- 9000'],
    ],
    [
      '"dead and injured" is one killed-or-wounded figure',
      'Officials put Russian casualties at 40,000 dead and injured.',
      ['casualties russia:ukraine:killed-or-wounded:- 40000'],
    ],
    [
      "a speaker's own men are his side's, an ally's included",
      'Prigozhin said 20,000 of his men had been killed.',
      ['casualties wagner:ukraine:killed:- 20000'],
    ],
    [
      'a paragraph counting civilians reads the paragraph before; a continent is no place to inherit',
      'Some 4 million Ukrainian refugees have fled to Europe since the war began.\n\nThe UN has verified more than 10,000 civilian deaths.',
      ['casualties civilians:russia:killed:- 10000', 'displaced-people ukraine:-:refugees:europe 4000000'],
    ],
    [
      'a year right before the verb is no figure whose noun the verb could be',
      'The missile strike on the Kramatorsk railway station in April 2022 killed 61 civilians who were trying to leave.',
      ['casualties civilians:russia:killed:kramatorsk 61'],
    ],
    [
      'a figure over several regions has no one place, nor the place of the sentence before',
      'Fighting is heaviest near Pokrovsk. Russian troops took 180 square kilometres in the Dnipropetrovsk and Zaporizhzhia regions.',
      ['territory-area russia:ukraine:-:- 180'],
    ],
    [
      'a figure over a country and a region of another one has no one place',
      'Russian forces took control of 3,900 square kilometres in Ukraine and the Kursk area last year.',
      ['territory-area russia:ukraine:-:- 3900'],
    ],
    [
      'a quarter of the country is no one place',
      'Some 40 settlements have been freed in southern Ukraine since August, Kyiv said.',
      ['settlements-captured ukraine:russia:-:- 40'],
    ],
    [
      '… unless the text names a town there without naming it',
      'A Russian missile strike on a town in central Ukraine killed 12 people.',
      ['casualties civilians:russia:killed:central-ukraine 12'],
    ],
    [
      '"the region" is the region of the place the story named',
      'Drones again targeted Lutsk overnight. The governor said 40 drones were detected over the northwestern region.',
      ['aerial-attacks russia:ukraine:drones:volyn-oblast 40'],
    ],
    [
      "the subject of the verb before the figure did not do what the figure's own verb after it says",
      'Ukraine shot down 61 of the 70 drones launched overnight.',
      ['aerial-attacks russia:ukraine:drones:- 70', 'aerial-interceptions ukraine:russia:drones:- 61'],
    ],
    [
      "a party's allies who gave are not the party: it received",
      "Ukraine's Western partners have supplied about 600 tanks so far.",
      ['arms-transferred -:ukraine:tanks:- 600'],
    ],
    [
      'a capital a strike hits is a place, not its government',
      'At least 90 people were injured as Russia struck Kyiv with 30 missiles on Monday.',
      ['aerial-attacks russia:ukraine:missiles:kyiv 30', 'casualties civilians:russia:wounded:kyiv 90'],
    ],
    [
      'in a story of a swap, returns are exchanges; a running total of returns stays returned',
      'The two sides carried out a prisoner swap on Friday. Another 150 Ukrainian soldiers returned home from Russian captivity. In total, 3,900 Ukrainians have returned from captivity since 2022.',
      ['prisoners russia:ukraine:exchanged:- 150', 'prisoners russia:ukraine:returned:- 3900'],
    ],
    [
      '"the enemy" of a sentence with no speaker is the enemy of the side the story last quoted',
      'The Russian Defence Ministry said its forces had improved their positions. In the Kupiansk direction, the enemy lost up to 60 servicemen.',
      ['casualties ukraine:russia:killed-or-wounded:kupiansk 60'],
    ],
    [
      'a country that takes people in hosts refugees; people sheltering in a basement are not refugees',
      'Czechia has taken in more than 380,000 Ukrainians. About 300 civilians are sheltering in the basement of the plant.',
      ['displaced-people ukraine:-:refugees:czech-republic 380000'],
    ],
    [
      'a river named after a town is no place',
      'Ukrainian marines have taken 3 villages on the left bank of the Dnipro River.',
      ['settlements-captured ukraine:russia:-:- 3'],
    ],
    [
      'a list of parts goes on after "of which": every item is a part',
      'Oryx says Russia has lost at least 3,100 tanks, of which more than 2,000 were destroyed, 140 damaged, 90 abandoned and 550 captured.',
      ['equipment-losses russia:ukraine:tanks:- 3100'],
    ],
    [
      '"one of N" with no noun counts what the phrase before names, where the N are',
      'Moscow said it took the village of Novomykhailivka, one of nearly a dozen it claims to have captured in the Donetsk region this month.',
      ['settlements-captured russia:ukraine:-:donetsk-oblast 12'],
    ],
  ])('%s', (_, text, claims) => {
    expect(placed(text)).toEqual(claims);
  });
});

describe('session 12: statuses, captivity, and figures whose noun an earlier figure gives', () => {
  it.each([
    [
      'prisoners of war are a standing count without any verb',
      'The Red Cross said it had registered about 1,800 Ukrainian prisoners of war so far.',
      ['prisoners russia:ukraine:captured:- 1800'],
    ],
    [
      "a verb's outcome still wins over the status noun",
      'Russia released 95 Ukrainian prisoners of war on Friday.',
      ['prisoners russia:ukraine:returned:- 95'],
    ],
    [
      '"in Russian captivity" holds them, the demonym inside the phrase is the holder',
      'Some 1,200 Russian servicemen are in Ukrainian captivity, the ombudsman said.',
      ['prisoners ukraine:russia:captured:- 1200'],
    ],
    [
      'a figure with no noun joined to an earlier one counts what that one counts, day by day',
      'The air force said Russia launched 38 drones on Friday, 61 on Saturday and 47 on Sunday.',
      [
        'aerial-attacks russia:ukraine:drones:- 38',
        'aerial-attacks russia:ukraine:drones:- 47',
        'aerial-attacks russia:ukraine:drones:- 61',
      ],
    ],
    [
      'each gapped figure keeps the place its own "over" names',
      'Air defence units downed 22 drones over the Kharkiv region and another 9 over Chernihiv.',
      [
        'aerial-interceptions ukraine:russia:drones:chernihiv 9',
        'aerial-interceptions ukraine:russia:drones:kharkiv-oblast 22',
      ],
    ],
    [
      'one figure twice in a sentence, in two places, is two figures',
      'Two shop workers died in Kupiansk and two more in Izium after the overnight shelling.',
      ['casualties civilians:russia:killed:izium 2', 'casualties civilians:russia:killed:kupiansk 2'],
    ],
    [
      'a figure with a verb of its own after a list is left to the interception pairing, not to the nearest noun',
      'Overnight Russia fired 40 drones and 2 missiles at the country, and 35 were shot down.',
      [
        'aerial-attacks russia:ukraine:drones:- 40',
        'aerial-attacks russia:ukraine:missiles:- 2',
        'aerial-interceptions ukraine:russia:drones:- 35',
      ],
    ],
    [
      '"of which" a subject then a verb: the part counts the whole\'s noun under its own topic',
      'Russia has fired 640 ballistic missiles since the autumn, of which Patriot crews intercepted 150.',
      ['aerial-attacks russia:ukraine:missiles:- 640', 'aerial-interceptions ukraine:russia:missiles:- 150'],
    ],
    [
      '"Of the N X launched, …, M" with a verb of another topic',
      'Of the 58 drones Russia launched overnight, air defence units destroyed 41.',
      ['aerial-attacks russia:ukraine:drones:- 58', 'aerial-interceptions ukraine:russia:drones:- 41'],
    ],
    [
      '"five of 12 … and three of seven": the second pair takes the first pair\'s noun, part and whole',
      'Ukraine intercepted four of 10 ballistic missiles on Monday and two of six on Thursday.',
      [
        'aerial-attacks russia:ukraine:missiles:- 10',
        'aerial-attacks russia:ukraine:missiles:- 6',
        'aerial-interceptions ukraine:russia:missiles:- 2',
        'aerial-interceptions ukraine:russia:missiles:- 4',
      ],
    ],
    [
      '"N X out of M fired": the part names the noun, the whole after it was launched',
      'Over the winter, Ukrainian air defences intercepted 45 Kalibrs out of 160 fired.',
      ['aerial-attacks russia:ukraine:missiles:- 160', 'aerial-interceptions ukraine:russia:missiles:- 45'],
    ],
    [
      'weapon names count for interceptions as they do for launches',
      "Ukraine's air defences destroyed 31 Geran drones and 3 Iskanders overnight, the air force said.",
      ['aerial-interceptions ukraine:russia:drones:- 31', 'aerial-interceptions ukraine:russia:missiles:- 3'],
    ],
    [
      'forces that "hold" ground control it',
      'Ukrainian units still hold about 350 square kilometres inside the Kursk region, the general staff said.',
      ['territory-area ukraine:russia:-:kursk-oblast 350'],
    ],
    [
      '"they" before a figure whose speaker comes after it is the party named last, not the speaker',
      'Ukrainian forces crossed into the Kursk region in August. At their peak they held around 1,100 square kilometres, according to a British intelligence update.',
      ['territory-area ukraine:russia:-:kursk-oblast 1100'],
    ],
    [
      'a speaker named before "they" is still who "they" are',
      'The Russian defence ministry said they had retaken 60 square kilometres in the Kursk region.',
      ['territory-area russia:ukraine:-:kursk-oblast 60'],
    ],
    [
      'where most of them went is not where all of them are',
      'Pyongyang has sent over 11,000 soldiers to Russia, mainly to the Kursk region, according to Seoul.',
      ['troops-deployed north-korea:russia:-:- 11000'],
    ],
    [
      'engineers already in a country are deployed there, by the party the sentence names, not placed in the story region',
      'Fighting continues in the Kursk region. Seoul says North Korea will send more troops, on top of some 1,500 military engineers already in Russia.',
      ['troops-deployed north-korea:russia:-:- 1500'],
    ],
    [
      'a whole quoted on its own still pairs with its part and counts the noun after the quote',
      'The military administration said air defences over Kyiv had shot down 21 of "around 25" Russian drones.',
      ['aerial-attacks russia:ukraine:drones:kyiv 25', 'aerial-interceptions ukraine:russia:drones:kyiv 21'],
    ],
    [
      'a paragraph naming only months reads the paragraph before; where an advance heads is not the story place',
      "Much of the fighting is in the Zaporizhzhia region, where Moscow's units are pushing towards the city of Orikhiv.\nThey seized about 150 square kilometres there in March and 90 square kilometres in April.",
      [
        'territory-area russia:ukraine:-:zaporizhzhia-oblast 150',
        'territory-area russia:ukraine:-:zaporizhzhia-oblast 90',
      ],
    ],
    [
      'the level an area "was reduced to" is the ground still held',
      'At its largest, Ukraine held 1,200 square kilometres in the Kursk region. By March the area held by Ukraine had shrunk to 300 square kilometres.',
      ['territory-area ukraine:russia:-:kursk-oblast 1200', 'territory-area ukraine:russia:-:kursk-oblast 300'],
    ],
    [
      'one serviceman is a soldier, as servicemen are',
      'A Russian missile strike on the airbase killed at least one serviceman, the air force said.',
      ['casualties ukraine:russia:killed:- 1'],
    ],
    [
      'people who join an evacuation convoy are evacuated where they joined it',
      'Buses left Enerhodar on Monday. A further 45 residents joined the convoy in Vasylivka.',
      ['displaced-people ukraine:-:evacuated:vasylivka 45'],
    ],
    [
      'where evacuees arrived is not the place the next figure inherits',
      'Civilians are being brought out of Mariupol. A first group arrived in Zaporizhzhia on Sunday. The UN said 80 civilians had been evacuated in the operation.',
      ['displaced-people ukraine:-:evacuated:mariupol 80'],
    ],
    [
      'a paragraph counting weapons by name reads the paragraph before it',
      "Ukraine's air force published its monthly figures on Friday.\nOf the 160 Iskanders fired in August, 70 were shot down.",
      ['aerial-attacks russia:ukraine:missiles:- 160', 'aerial-interceptions ukraine:russia:missiles:- 70'],
    ],
    [
      'a figure right after the verb of a clause of its own takes the noun of the figure before the joint',
      'In the first half of the year Russia launched 140 Kinzhals, while Ukrainian crews intercepted only 35.',
      ['aerial-attacks russia:ukraine:missiles:- 140', 'aerial-interceptions ukraine:russia:missiles:- 35'],
    ],
    [
      'an article after a word the taxonomy does not know opens another noun phrase',
      'Russia fired ballistic missiles all summer. In 400 instances the missiles got through to their targets.',
      [],
    ],
    [
      'a whole one party supplied to another stays a transfer; its part was downed by the other side',
      "Ukraine's air force said it had shot down 45 of the 180 Shahed drones Iran delivered to Russia in October.",
      ['aerial-interceptions ukraine:russia:drones:- 45', 'arms-transferred iran:russia:drones:- 180'],
    ],
    [
      'places retaken are settlements',
      'Kyiv says its troops have recaptured 15 places in the Kherson region this week.',
      ['settlements-captured ukraine:russia:-:kherson-oblast 15'],
    ],
    [
      'a figure given for comparison is the same series as the one it is compared with',
      'Moscow says about 500 square kilometres of the Kursk region remain under Ukrainian control, compared with between 900 and 1,000 square kilometres in August.',
      ['territory-area ukraine:russia:-:kursk-oblast 500', 'territory-area ukraine:russia:-:kursk-oblast 900'],
    ],
    [
      'one number two claimants give, each qualified their own way, is two claims',
      'The Pentagon confirmed the White House figure of 800 Russian soldiers killed near Kupiansk. Ukrainian intelligence said on Friday that over 800 Russian soldiers had been killed there.',
      ['casualties russia:ukraine:killed:kupiansk 800', 'casualties russia:ukraine:killed:kupiansk 800'],
    ],
    [
      'a part of a whole that counts nothing the taxonomy knows stays a claim',
      "Moscow says Kyiv's forces have lost 15,000 units of military hardware, including 600 tanks, since June.",
      ['equipment-losses ukraine:russia:tanks:- 600'],
    ],
    [
      'troops sent to a whole country are not placed in the region the story was in',
      'Fighting goes on in the Kursk region. Kyiv says more than 11,000 North Korean soldiers have been sent to Russia.',
      ['troops-deployed north-korea:russia:-:- 11000'],
    ],
    [
      'a part of a whole of its own topic stays no claim',
      'Of the 1,200 armoured vehicles Russia lost, 700 were abandoned.',
      ['equipment-losses russia:ukraine:armoured-vehicles:- 1200'],
    ],
  ])('%s', (_, text, claims) => {
    expect(placed(text)).toEqual(claims);
  });
});

describe('labelled figures: a daily loss report written as "label — figure"', () => {
  const expected = [
    'casualties russia:ukraine:killed-or-wounded 612000',
    'equipment-losses russia:ukraine:artillery-systems 17200',
    'equipment-losses russia:ukraine:tanks 8600',
  ];

  it('in one sentence, each label is the counted noun of the losses the sentence opens with; "(+N)" is no figure', () => {
    expect(
      got(
        'Russian losses in the war so far: personnel — about 612,000 (+1,090), tanks — 8,600 (+9), artillery systems — 17,200 (+31).',
      ),
    ).toEqual(expected);
  });

  it('one item per line under a header ending in a colon', () => {
    expect(
      got(
        'Kyiv published its morning figures.\nThe combat losses of the enemy since the invasion are approximately:\npersonnel ‒ about 612,000 (+1,090) persons\ntanks ‒ 8,600 (+9)\nartillery systems – 17,200 (+31)\n\nThe report could not be verified.',
      ),
    ).toEqual(expected);
  });

  it('a bulleted list under a header ending in a colon is read with its header', () => {
    expect(
      got(
        "Ukraine's losses since the invasion, by the latest US estimate:\n• about 65,000 soldiers killed\n• 90,000 to 110,000 wounded\n\nKyiv did not comment.",
      ),
    ).toEqual(['casualties ukraine:russia:killed 65000', 'casualties ukraine:russia:wounded 90000']);
  });

  it('a counted whole before a dash is no label: the figures after it are its parts', () => {
    expect(
      got(
        'Kyiv said the swap brought home 410 Ukrainians – 300 soldiers and 110 civilians – in exchange for Russian prisoners.',
      ),
    ).toEqual(['prisoners russia:ukraine:exchanged 410']);
  });
});
