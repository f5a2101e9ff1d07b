import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaimSchema } from '../../../schemas/claim.ts';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { article } from './helpers.ts';

// The seed article is read at test time from ../shared (never copied); its gold is the first line
// of ../shared/eval/claims-dev.jsonl: four claims, published 2024-08-15.
const seedPath = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'seed',
  '000_4399a0416991ba06.txt',
);
const text = readFileSync(seedPath, 'utf8');
const claims = extractClaims({ ...article(text, '2024-08-15', 'seed-000') }, defaultTaxonomy());
const byValue = (v: number) => claims.find((c) => c.quantity.value === v);

describe('the seed article', () => {
  it('yields exactly its four claims, all valid records', () => {
    expect(claims.map((c) => [c.topic, c.quantity.value]).sort()).toEqual([
      ['arms-transferred', 1_600_000],
      ['arms-transferred', 5_000_000],
      ['settlements-captured', 70],
      ['territory-area', 1000],
    ]);
    for (const c of claims) expect(ClaimSchema.safeParse(c).success).toBe(true);
  });

  it('has no claim for ballistic missiles, which carry no number', () => {
    expect(claims.some((c) => c.item === 'ballistic-missiles')).toBe(false);
  });

  it('reads the week of fighting: Ukraine, more than 70 settlements and 1,000 km², reportedly', () => {
    const s = byValue(70);
    const t = byValue(1000);
    expect(s).toMatchObject({
      actor: 'ukraine',
      quantity: { qualifier: 'more-than', low: 70, high: null },
      hedge: 'reported',
      kind: 'total',
    });
    expect(s?.period).toEqual({ start: '2024-08-08', end: '2024-08-15' });
    expect(t).toMatchObject({ actor: 'ukraine', quantity: { unit: 'km2', qualifier: 'more-than' }, period: s?.period });
  });

  it('reads both shell figures with their sources and directions', () => {
    const a = byValue(1_600_000);
    const b = byValue(5_000_000);
    expect(a).toMatchObject({
      actor: 'north-korea',
      counterpart: 'russia',
      item: 'artillery-shells',
      quantity: { qualifier: 'approx' },
    });
    expect(a?.period).toEqual({ start: '2023-08-01', end: '2024-01-31' });
    expect(a?.attribution.join(' ')).toContain('C4ADS');
    expect(b).toMatchObject({
      actor: 'north-korea',
      counterpart: 'russia',
      item: 'artillery-shells',
      hedge: 'reported',
    });
    expect(b?.quantity).toMatchObject({ qualifier: 'approx', low: null, high: 5_000_000 });
    expect(b?.attribution).toEqual(['South Korean intelligence']);
  });

  it('points every evidence quote at the exact characters of the text', () => {
    for (const c of claims) expect(text.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.quote);
  });
});
