import type { Article } from '../../../schemas/article.ts';
import type { Claim } from '../../../schemas/claim.ts';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';

/** An article around our own fixture text, published on `date` (ISO day). */
export function article(text: string, date = '2024-08-15', id = 'fixture-1'): Article {
  return { id, url: '', source: 'fixture', published_at: `${date}T09:00:00Z`, title: '', text };
}

/** Claims of one fixture text under the default taxonomy. */
export function claimsOf(text: string, date?: string): Claim[] {
  return extractClaims(article(text, date), defaultTaxonomy());
}

/** The only claim of a fixture text; fails the test when there is not exactly one. */
export function onlyClaim(text: string, date?: string): Claim {
  const claims = claimsOf(text, date);
  if (claims.length !== 1)
    throw new Error(
      `expected one claim, got ${claims.length}: ${JSON.stringify(claims.map((c) => [c.topic, c.quantity.value]))}`,
    );
  return claims[0] as Claim;
}

/** Each claim of a fixture text as "topic actor:counterpart:item:place value" (its series key and figure), sorted. */
export function seriesKeys(text: string, title = ''): string[] {
  return extractClaims({ ...article(text), title }, defaultTaxonomy())
    .map(
      (c) =>
        `${c.topic} ${c.actor ?? '-'}:${c.counterpart ?? '-'}:${c.item ?? '-'}:${c.place ?? '-'} ${c.quantity.value}`,
    )
    .sort();
}
