import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims, loadTaxonomy, TaxonomyError } from '../../../domain/extract/index.ts';
import { article } from './helpers.ts';

const fixture = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'extract', 'power-outages.taxonomy.json');

describe('the taxonomy is data', () => {
  it('the default taxonomy holds the eleven topics of claims.md', () => {
    // Their order is the preference among topics a verb serves ("destroyed 30 drones": interceptions before losses).
    expect(
      defaultTaxonomy()
        .topics.map((t) => t.id)
        .sort(),
    ).toEqual([
      'aerial-attacks',
      'aerial-interceptions',
      'arms-transferred',
      'casualties',
      'displaced-people',
      'equipment-losses',
      'military-aid',
      'prisoners',
      'settlements-captured',
      'territory-area',
      'troops-deployed',
    ]);
  });

  it('a user file adds a topic the default lacks, without code changes', () => {
    const tax = loadTaxonomy(JSON.parse(readFileSync(fixture, 'utf8')));
    const claims = extractClaims(
      article('Russian drone strikes left 200,000 households without power in Odesa on Friday.', '2024-03-18'),
      tax,
    );
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({
      topic: 'power-outages',
      actor: 'ukraine',
      counterpart: 'russia',
      place: 'odesa',
      quantity: { value: 200_000, unit: 'count' },
    });
    expect(
      extractClaims(article('Russian drone strikes left 200,000 households without power.'), defaultTaxonomy()),
    ).toEqual([]);
  });

  it('reports every problem of a bad file at once', () => {
    const bad = {
      version: '',
      topics: [
        { id: 'Bad Id', unit: 'count', nouns: ['x'] },
        { id: 'casualties', unit: 'count', verbs: [{ words: ['killed'], item: 'ghost' }] },
      ],
    };
    let err: unknown;
    try {
      loadTaxonomy(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TaxonomyError);
    const problems = (err as TaxonomyError).problems.join('\n');
    expect(problems).toMatch(/^version:/m);
    expect(problems).toMatch(/^topics\.0\.id:.*slug/m);
    expect(problems).toMatch(/^topics\.1\.verbs\.0\.item:.*ghost/m);
  });
});
