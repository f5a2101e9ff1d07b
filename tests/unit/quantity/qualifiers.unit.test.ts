import { describe, expect, it } from 'vitest';
import { findQuantities } from '../../../domain/extract/quantity/index.ts';
import type { QuantityMention } from '../../../domain/extract/quantity/index.ts';

/** The single mention in a phrase, with its text checked against the offsets. */
function only(text: string): QuantityMention & { phrase: string; number: string } {
  const found = findQuantities(text);
  expect(found, JSON.stringify(found)).toHaveLength(1);
  const m = found[0] as QuantityMention;
  return { ...m, phrase: text.slice(m.start, m.end), number: text.slice(m.numberStart, m.numberEnd) };
}

const expectQ = (text: string, value: number, qualifier: string, low: number | null, high: number | null): void => {
  const m = only(text);
  expect({ value: m.value, qualifier: m.qualifier, low: m.low, high: m.high }).toEqual({ value, qualifier, low, high });
};

describe('claims.md §3, row 1: exact figures', () => {
  it.each([
    ['70 villages', 70],
    ['seventy villages', 70],
    ['1,000 troops', 1000],
    ['1.6 million people', 1_600_000],
    ['1.6m people', 1_600_000],
    ['five million people', 5_000_000],
    ['12k soldiers', 12_000],
    ['two dozen tanks', 24],
    ['a hundred drones', 100],
    ['one hundred and twenty shells', 120],
    ['a dozen drones', 12],
    ['40 000 refugees', 40_000],
    ['half a million refugees', 500_000],
    ['one and a half million people', 1_500_000],
    ['twenty-six people', 26],
  ])('%s → %d exact', (text, value) => expectQ(text, value, 'exact', value, value));
});

describe('claims.md §3, row 2: approximate', () => {
  it.each(['about', 'around', 'approximately', 'roughly', 'some', 'an estimated', 'close to'])(
    '%s 500 → approx, open both ends',
    (q) => expectQ(`${q} 500 soldiers`, 500, 'approx', null, null),
  );
  it.each(['nearly', 'almost', 'just under'])('%s 500 → approx, high = value', (q) =>
    expectQ(`${q} 500 soldiers`, 500, 'approx', null, 500),
  );
});

describe('claims.md §3, row 3: more than', () => {
  it.each(['more than', 'over', 'above', 'in excess of', 'upwards of'])('%s 70 → more-than', (q) =>
    expectQ(`${q} 70 settlements`, 70, 'more-than', 70, null),
  );
  it('70+ → more-than', () => expectQ('70+ settlements', 70, 'more-than', 70, null));
});

describe('claims.md §3, row 4: at least', () => {
  it.each(['at least', 'no fewer than', 'a minimum of'])('%s 23 → at-least', (q) =>
    expectQ(`${q} 23 people`, 23, 'at-least', 23, null),
  );
  it('23 or more → at-least', () => expectQ('23 or more people', 23, 'at-least', 23, null));
  it('the phrase covers qualifier and figure', () =>
    expect(only('killed at least 23 people').phrase).toBe('at least 23'));
});

describe('claims.md §3, row 5: less than', () => {
  it.each(['less than', 'fewer than', 'under', 'below'])('%s 100 → less-than', (q) =>
    expectQ(`${q} 100 troops`, 100, 'less-than', null, 100),
  );
});

describe('claims.md §3, row 6: up to', () => {
  it.each(['up to', 'as many as', 'at most', 'no more than', 'a maximum of'])('%s 700 → up-to', (q) =>
    expectQ(`${q} 700 troops`, 700, 'up-to', null, 700),
  );
});

describe('claims.md §3, row 7: ranges', () => {
  it.each([
    ['between 10,000 and 12,000 troops', 'between 10,000 and 12,000', '10,000 and 12,000'],
    ['10,000–12,000 troops', '10,000–12,000', '10,000–12,000'],
    ['10,000 to 12,000 troops', '10,000 to 12,000', '10,000 to 12,000'],
    ['10-12 thousand troops', '10-12 thousand', '10-12 thousand'],
  ])('%s → range 10,000..12,000', (text, phrase, number) => {
    const m = only(text);
    expect({ value: m.value, qualifier: m.qualifier, low: m.low, high: m.high }).toEqual({
      value: 10_000,
      qualifier: 'range',
      low: 10_000,
      high: 12_000,
    });
    expect(m.phrase).toBe(phrase);
    expect(m.number).toBe(number);
  });
  it('"rose from 50 to 70" is a change, two figures, not a range', () => {
    expect(findQuantities('rose from 50 to 70 villages').map((m) => m.value)).toEqual([50, 70]);
  });
});

describe('claims.md §3, row 8: vague amounts are at-least', () => {
  it.each([
    ['tens of thousands of people', 10_000],
    ['dozens of people', 12],
    ['hundreds of people', 100],
    ['thousands of people', 1000],
    ['hundreds of thousands of people', 100_000],
    ['millions of people', 1_000_000],
    ['several thousand troops', 1000],
  ])('%s → %d at-least, vague', (text, value) => {
    const m = only(text);
    expect({ value: m.value, qualifier: m.qualifier, low: m.low, high: m.high, vague: m.vague }).toEqual({
      value,
      qualifier: 'at-least',
      low: value,
      high: null,
      vague: true,
    });
  });
  it.each(['a few soldiers', 'several soldiers', 'many soldiers'])('"%s" alone is no figure', (text) =>
    expect(findQuantities(text)).toEqual([]),
  );
});
