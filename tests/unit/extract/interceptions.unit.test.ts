import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { article } from './helpers.ts';

// Air-defence reports in our own words: the first of two figures is intercepted, the second launched.
const summary = (text: string) =>
  extractClaims(article(text), defaultTaxonomy())
    .map((c) => `${c.topic} ${c.actor ?? '-'}->${c.counterpart ?? '-'} ${c.item} ${c.quantity.value}`)
    .sort();

describe('paired air-defence figures', () => {
  it('"N of them were shot down" is an interception of the drones launched before it', () => {
    expect(summary('Russia launched 75 drones at Ukraine during the night, and 51 of them were shot down, the air force said.')).toEqual([
      'aerial-attacks russia->ukraine drones 75',
      'aerial-interceptions ukraine->russia drones 51',
    ]);
  });

  it('"shot down N of the M drones" splits into an interception and an attack', () => {
    expect(summary("Ukraine's air defences shot down 40 of the 44 drones overnight, the military said.")).toEqual([
      'aerial-attacks russia->ukraine drones 44',
      'aerial-interceptions ukraine->russia drones 40',
    ]);
  });

  it('keeps two launched figures as attacks when nothing was intercepted', () => {
    expect(summary('Russia fired 60 missiles and 80 drones at Ukraine on Sunday, officials said.')).toEqual([
      'aerial-attacks russia->ukraine drones 80',
      'aerial-attacks russia->ukraine missiles 60',
    ]);
  });
});
