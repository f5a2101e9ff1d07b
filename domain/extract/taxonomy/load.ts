import { TaxonomySchema, type Taxonomy } from '../../../schemas/taxonomy.ts';
import { describeIssues } from '../../../schemas/problems.ts';
import defaultJson from './default.json' with { type: 'json' };

/** Thrown by loadTaxonomy when the data does not fit the schema; `problems` lists every issue at once. */
export class TaxonomyError extends Error {
  override readonly name = 'TaxonomyError';
  constructor(readonly problems: string[]) {
    super(`invalid taxonomy: ${problems.join('; ')}`);
  }
}

/** Validates parsed taxonomy JSON (the CLI's --taxonomy file or the default); throws TaxonomyError listing every problem. */
export function loadTaxonomy(json: unknown): Taxonomy {
  const parsed = TaxonomySchema.safeParse(json);
  if (!parsed.success) throw new TaxonomyError(describeIssues(parsed.error));
  return parsed.data;
}

let cached: Taxonomy | undefined;

/** The taxonomy of claims.md §1, validated once; callers that take no --taxonomy use this. */
export function defaultTaxonomy(): Taxonomy {
  cached ??= loadTaxonomy(defaultJson);
  return cached;
}
