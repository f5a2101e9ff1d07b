import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { article } from './helpers.ts';

// Our own sentences: a span ("within a week") is not a rate, and an area "of <place>" is not a partitive.
const one = (text: string) => extractClaims(article(text, '2024-08-15'), defaultTaxonomy());

describe('spans and areas', () => {
  it('"within a week" gives the figure a period instead of dropping it as a rate', () => {
    const [claim, ...rest] = one(
      "Ukrainian troops took more than 70 villages in Russia's Kursk region within a week, officials said.",
    );
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({
      topic: 'settlements-captured',
      actor: 'ukraine',
      quantity: { value: 70, qualifier: 'more-than' },
    });
    expect(claim?.period).toEqual({ start: '2024-08-08', end: '2024-08-15' });
  });

  it('still drops a real rate ("a day")', () => {
    expect(one('Russian guns fire about 10,000 shells a day at Ukrainian positions near Pokrovsk.')).toEqual([]);
  });

  it('reads "1,000 square kilometres of Russia\'s Kursk region" as territory held', () => {
    expect(
      one("Ukrainian forces now control about 1,000 square kilometres of Russia's Kursk region, the army chief said."),
    ).toMatchObject([
      {
        topic: 'territory-area',
        actor: 'ukraine',
        counterpart: 'russia',
        quantity: { value: 1000, unit: 'km2', qualifier: 'approx' },
      },
    ]);
  });
});
