import { z } from 'zod';

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

