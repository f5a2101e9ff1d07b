import { describe, expect, it } from 'vitest';
import { findQuantities } from '../../../domain/extract/quantity/index.ts';

const one = (text: string): { value: number; unit: string; phrase: string; bareDollar?: boolean } => {
  const found = findQuantities(text);
  expect(found, JSON.stringify(found)).toHaveLength(1);
  const m = found[0]!;
  return {
    value: m.value,
    unit: m.unit,
    phrase: text.slice(m.start, m.end),
    ...(m.bareDollar ? { bareDollar: true } : {}),
  };
};

describe('areas are converted to km2 (claims.md §3, Areas)', () => {
  it.each([
    ['1,000 km² of land', 1000, '1,000 km²'],
    ['1,000 km2 of land', 1000, '1,000 km2'],
    ['1,000 sq km of land', 1000, '1,000 sq km'],
    ['1,000 square kilometres', 1000, '1,000 square kilometres'],
    ['1,000 square kilometers', 1000, '1,000 square kilometers'],
    ['1,000 square km', 1000, '1,000 square km'],
    ['100 square miles', 258.999, '100 square miles'],
    ['500 hectares', 5, '500 hectares'],
    ['a 45-acre plot', 0.1821087, '45-acre'],
  ])('%s → %d km2', (text, value, phrase) => {
    const m = one(text);
    expect(m.unit).toBe('km2');
    expect(m.value).toBeCloseTo(value, 6);
    expect(m.phrase).toBe(phrase);
  });
  it('keeps the qualifier in the phrase', () =>
    expect(one('more than 1,000 square kilometers').phrase).toBe('more than 1,000 square kilometers'));
});

describe('money is in whole units with an ISO code (claims.md §3, Money)', () => {
  it.each([
    ['$40bn in aid', 40e9, 'USD'],
    ['€1.5 billion', 1.5e9, 'EUR'],
    ['£2.3bn', 2.3e9, 'GBP'],
    ['C$50m', 50e6, 'CAD'],
    ['5bn euros', 5e9, 'EUR'],
    ['20 million pounds', 20e6, 'GBP'],
    ['US$ 150 million', 150e6, 'USD'],
    ['USD 200', 200, 'USD'],
    ['billions of dollars', 1e9, 'USD'],
    ['1.5bn hryvnias', 1.5e9, 'UAH'],
  ])('%s → %d %s', (text, value, unit) => expect(one(text)).toMatchObject({ value, unit }));
  it('flags a bare "$" so the extractor may apply the text\'s currency ("Canada\'s $50m")', () =>
    expect(one("Canada's additional $50m")).toMatchObject({ value: 50e6, unit: 'USD', bareDollar: true }));
});

describe('non-claim units are marked so the extractor can skip them', () => {
  it.each([
    ['15%', 'percent'],
    ['15 percent', 'percent'],
    ['15 per cent', 'percent'],
    ['a 1,000km front line', 'km'],
    ['30 kilometres away', 'km'],
    ['20 miles away', 'mi'],
    ['in 1991', 'year'],
    ['2023 was hard', 'year'],
    ['the 1990s', 'year'],
    ['aged 45', 'age'],
    ['a 45-year-old man', 'age'],
    ['at 10:30', 'time'],
    ['at 7am', 'time'],
    ['on 24 February', 'date'],
    ['on Feb. 24', 'date'],
    ['for three months', 'duration'],
    ['26,000 tonnes of grain', 'weight'],
    ['155mm shells', 'mm'],
    ['T-72 tanks', 'model'],
    ['F-16s', 'model'],
    ['Updated at 23.36 BST', 'time'],
    ['5/17/2018', 'date'],
  ])('%s → %s', (text, unit) => expect(one(text).unit).toBe(unit));
  it.each(['the 3rd brigade', 'the first day', 'the twenty-first century', 'two thirds of the land', 'three quarters'])(
    'ordinals and fractions are skipped entirely: %s',
    (text) => expect(findQuantities(text)).toEqual([]),
  );
  it('calibres are not thousands groups: "600 155 mm howitzers"', () => {
    expect(findQuantities('600 155 mm howitzers').map((m) => [m.value, m.unit])).toEqual([
      [600, 'count'],
      [155, 'mm'],
    ]);
  });
  it('"one" as a pronoun is no figure', () =>
    expect(findQuantities('one of the soldiers, the one who left')).toEqual([]));
});

describe('decimals spelled out in words take their scale', () => {
  it.each([
    ['one point five million shells', 1_500_000],
    ['one-point-five million shells', 1_500_000],
    ['two-point-five thousand drones', 2_500],
    ['three point two billion euros', 3_200_000_000],
  ])('%s', (text, value) => {
    expect(findQuantities(text)[0]?.value).toBe(value);
  });
});

describe('fractions of a scale', () => {
  it.each([
    ['a quarter of a million shells', 250_000],
    ['three quarters of a million people', 750_000],
    ['a third of a million troops', 1_000_000 / 3],
  ])('%s', (text, value) => {
    expect(findQuantities(text)[0]?.value).toBeCloseTo(value);
  });
  it('a fraction of no scale is no figure of its own', () =>
    expect(findQuantities('a quarter of the shells').map((q) => q.value)).toEqual([]));
});

describe('a scale word hyphenated to its number', () => {
  it.each([
    ['roughly 27-hundred wounded', 2_700],
    ['a 2.5-million population', 2_500_000],
    ['a $1.2-billion package', 1_200_000_000],
    ['some three-thousand soldiers', 3_000],
    ['twenty-seven-hundred troops', 2_700],
  ])('%s', (text, value) => {
    expect(findQuantities(text)[0]?.value).toBe(value);
  });
  it('a hyphen before any other word joins no scale', () =>
    expect(findQuantities('the 155-mm shells and a seven-year-old boy').map((q) => [q.value, q.unit])).toEqual([
      [155, 'mm'],
      [7, 'age'],
    ]));
});

describe('European and shorthand writing of figures', () => {
  it.each([
    ['2,5 thousand square kilometres', 2_500],
    ['1,2 billion euros', 1_200_000_000],
  ])('a decimal comma before a scale word: %s', (text, value) => {
    expect(findQuantities(text)[0]?.value).toBe(value);
  });

  it('a comma between small numbers without a scale stays a list', () => {
    expect(findQuantities('shelters 2,5 and 7').map((m) => m.value)).toEqual([2, 5, 7]);
  });

  it.each([
    ['~100 drones', 'approx'],
    ['≈ 100 drones', 'approx'],
    ['>100 drones', 'more-than'],
    ['<50 tanks', 'less-than'],
  ])('a symbol qualifies the figure: %s', (text, qualifier) => {
    expect(findQuantities(text)[0]?.qualifier).toBe(qualifier);
  });
});
