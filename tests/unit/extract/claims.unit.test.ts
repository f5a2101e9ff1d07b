import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims, EXTRACTOR_NAME, EXTRACTOR_VERSION } from '../../../domain/extract/index.ts';
import { article, claimsOf, onlyClaim } from './helpers.ts';

// Fixture sentences are our own; facts and figures may echo real reporting.

describe('topics, items and roles', () => {
  it('reads a supply with supplier and recipient from "from" and the subject', () => {
    const c = onlyClaim('Officials said Belarus received 300 tanks from Russia last year.');
    expect(c).toMatchObject({ topic: 'arms-transferred', item: 'tanks', actor: 'russia', counterpart: 'belarus' });
  });

  it('maps synonyms to canonical items ("rounds" → artillery-shells, "Gepard" → air-defence-systems)', () => {
    expect(onlyClaim('Germany has delivered 30 Gepard anti-aircraft guns to Ukraine.').item).toBe(
      'air-defence-systems',
    );
    expect(onlyClaim('Iran has sent about 2,000 rounds to Russia.').item).toBe('artillery-shells');
  });

  it('gives civilian victims the actor "civilians" and the state that struck as counterpart', () => {
    const c = onlyClaim('Russian missile strikes killed at least 12 civilians in Dnipro on Friday.', '2024-03-18');
    expect(c).toMatchObject({
      topic: 'casualties',
      item: 'killed',
      actor: 'civilians',
      counterpart: 'russia',
      place: 'dnipro',
    });
    expect(c.quantity).toMatchObject({ qualifier: 'at-least', low: 12, high: null });
  });

  it('reads killed and wounded figures of one sentence as two claims', () => {
    const cs = claimsOf('Two people died and nine were hurt when a drone hit a block of flats in Kharkiv.');
    expect(cs.map((c) => [c.item, c.quantity.value])).toEqual([
      ['killed', 2],
      ['wounded', 9],
    ]);
  });

  it('reads troops present in a place without a verb', () => {
    expect(
      onlyClaim('Around 12,000 North Korean troops in Kursk are now fighting alongside Russian units.'),
    ).toMatchObject({
      topic: 'troops-deployed',
      actor: 'north-korea',
      quantity: { value: 12000, qualifier: 'approx' },
    });
  });

  it('reads interceptions and launches of drones as different topics', () => {
    const cs = claimsOf('Russia launched 90 drones overnight. Air defences shot down 70 drones, the air force said.');
    expect(cs.map((c) => [c.topic, c.item, c.quantity.value])).toEqual([
      ['aerial-attacks', 'drones', 90],
      ['aerial-interceptions', 'drones', 70],
    ]);
  });

  it('reads military aid in the currency of the text', () => {
    const c = onlyClaim('Canada announced an additional C$500m in military aid for Ukraine on Tuesday.', '2024-05-02');
    expect(c).toMatchObject({
      topic: 'military-aid',
      actor: 'canada',
      counterpart: 'ukraine',
      kind: 'increment',
      quantity: { unit: 'CAD', value: 500_000_000 },
    });
  });

  it('reads displaced people with the state they come from', () => {
    expect(onlyClaim('More than 4 million Ukrainians have fled abroad since the invasion began.')).toMatchObject({
      topic: 'displaced-people',
      item: 'refugees',
      actor: 'ukraine',
      period: { start: '2022-02-24', end: '2024-08-15' },
    });
  });
});

describe('kind, hedges, sources and dates', () => {
  it('marks "3 more villages" as an increment', () => {
    expect(onlyClaim('Russian troops have taken 3 more villages near Pokrovsk.')).toMatchObject({
      topic: 'settlements-captured',
      kind: 'increment',
      actor: 'russia',
    });
  });

  it('hedges reported, alleged and feared figures', () => {
    expect(onlyClaim('Dozens are feared dead after a missile struck a station in Kramatorsk.').hedge).toBe('reported');
    expect(onlyClaim('Moscow allegedly fired 40 cruise missiles at Ukraine.').hedge).toBe('reported');
  });

  it('orders the attribution chain from the speaker out to the relaying outlet', () => {
    const c = onlyClaim(
      'Ukraine has lost 20 tanks in the offensive, according to a Pentagon official, as reported by Reuters.',
    );
    expect(c.attribution).toEqual(['a Pentagon official', 'Reuters']);
  });

  it('dates a figure as of the day the claimant spoke', () => {
    const c = onlyClaim(
      'Regional officials said on Monday that 8 people had been killed in the shelling.',
      '2024-08-15',
    );
    expect(c.asOf).toBe('2024-08-12');
  });

  it('reads "in the past 24 hours" as the day before the as-of date', () => {
    const c = onlyClaim('In the past 24 hours air defences intercepted 31 drones over Ukraine.', '2024-08-15');
    expect(c.period).toEqual({ start: '2024-08-14', end: '2024-08-15' });
  });
});

describe('what is not a claim', () => {
  it.each([
    ['years', 'The fighting began in 2022 and intensified in 2023.'],
    ['ages', 'The soldier, aged 45, was killed by a drone.'],
    ['distances', 'Russia holds a 1,000km front line with Ukrainian forces.'],
    ['percentages', 'About 20% of Ukrainian territory is occupied by Russian forces.'],
    ['plans', 'Germany plans to deliver 30 tanks to Ukraine next spring.'],
    ['hypotheticals', 'Pyongyang could send up to 10,000 troops to Russia.'],
    ['future', 'The United States will send 50 howitzers to Ukraine.'],
    ['rates', 'Russia is firing 10,000 shells a day at Ukrainian positions.'],
    ['rates per', 'Iran can build 200 drones per month for Russia.'],
    ['out-of-taxonomy totals', 'Russian strikes damaged 40 houses and 3 schools.'],
    ['questions', 'How many tanks has Russia lost in the war, 3,000?'],
    ['page boilerplate', 'Also Read | Russian forces captured 12 villages in Donetsk'],
  ])('%s', (_kind, text) => {
    expect(claimsOf(text)).toEqual([]);
  });

  it('keeps a subset out ("including three children")', () => {
    const cs = claimsOf('A Russian strike on Vinnytsia killed 23 people, including three children.');
    expect(cs.map((c) => c.quantity.value)).toEqual([23]);
  });

  it('keeps one claim when the same figure is repeated', () => {
    const cs = claimsOf(
      'Russian forces captured 74 settlements in a week. The capture of about 74 settlements was confirmed by Kyiv.',
    );
    expect(cs).toHaveLength(1);
  });
});

describe('the claim record', () => {
  const text = 'Ukrainian forces reportedly captured more than 70 settlements in the Kursk region.';
  it('has deterministic ids, the extractor stamp and exact evidence offsets', () => {
    const [a] = extractClaims(article(`Intro line.\n${text}`), defaultTaxonomy());
    const [b] = extractClaims(article(`Intro line.\n${text}`), defaultTaxonomy());
    expect(a?.id).toBe(b?.id);
    expect(a?.extractor).toEqual({ name: EXTRACTOR_NAME, version: EXTRACTOR_VERSION });
    expect(a?.evidence).toEqual({ quote: text, start: 12, end: 12 + text.length });
    expect(a).toMatchObject({ articleId: 'fixture-1', place: 'kursk-oblast', counterpart: 'russia' });
  });
});
