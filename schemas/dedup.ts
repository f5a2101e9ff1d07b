import { z } from 'zod';
import { ArticleSchema } from './article.ts';

/** Why an article was judged a copy (null: first of its group). Mirrors `DedupReason` in domain/dedup. */
export const DedupReasonSchema = z.enum(['url', 'content', 'near-duplicate']).nullable();

/** One output line of `claimwatch dedup`, and the dedup activity's result. */
export const DedupResultSchema = z.object({
  articleId: z.string().min(1),
  duplicateOf: z.string().min(1).nullable(),
  similarity: z.number().min(0).max(1),
  reason: DedupReasonSchema,
});
export type DedupResult = z.infer<typeof DedupResultSchema>;

/**
 * An article as `claimwatch dedup` accepts it: the shared ArticleSchema, but a missing or null URL
 * and a date-only published_at ("2024-01-09", read as UTC midnight) are accepted, because archive
 * dumps such as the eval corpus carry them and dedup needs neither a URL nor a time of day.
 */
export const DedupInputSchema = ArticleSchema.extend({
  url: z
    .string()
    .max(4096)
    .nullish()
    .transform((u) => u ?? ''),
  published_at: z.union([z.iso.datetime({ offset: true }), z.iso.date()]),
});
export type DedupInput = z.infer<typeof DedupInputSchema>;
