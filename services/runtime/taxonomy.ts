import { readFileSync } from 'node:fs';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { defaultTaxonomy, loadTaxonomy } from '../../domain/extract/index.ts';

/** The taxonomy a process runs with: the user's file (config or --taxonomy) or the default. Throws TaxonomyError listing every problem. */
export function taxonomyFromFile(file: string | undefined): Taxonomy {
  if (!file) return defaultTaxonomy();
  return loadTaxonomy(JSON.parse(readFileSync(file, 'utf8')));
}

/** Claim topic ids of a taxonomy: one Kafka claims topic each. */
export function claimTopicIds(taxonomy: Taxonomy): string[] {
  return taxonomy.topics.map((t) => t.id);
}
