import { readFileSync } from 'node:fs';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { defaultTaxonomy, loadTaxonomy } from '../../domain/extract/index.ts';

/**
 * The taxonomy a process runs with: the user's file (config or --taxonomy) or the default.
 * Throws TaxonomyError listing every problem, or an Error naming the file when it is unreadable or not JSON.
 */
export function taxonomyFromFile(file: string | undefined): Taxonomy {
  if (!file) return defaultTaxonomy();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`taxonomy ${file}: ${(err as Error).message}`);
  }
  return loadTaxonomy(json);
}

/** Claim topic ids of a taxonomy: one Kafka claims topic each. */
export function claimTopicIds(taxonomy: Taxonomy): string[] {
  return taxonomy.topics.map((t) => t.id);
}
