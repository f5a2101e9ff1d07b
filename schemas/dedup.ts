import { z } from 'zod';

/**
 * Why an article was judged a copy (null: first of its group). Mirrors `DedupReason` in domain/dedup. Output written
 * before issue 16 said `url` for a re-delivery of a known canonical URL: still read, as `same-url`.
 */
export const DedupReasonSchema = z.preprocess(
  (v) => (v === 'url' ? 'same-url' : v),
  z.enum(['same-url', 'content', 'near-duplicate']).nullable(),
);

/** One output line of `claimwatch dedup`, and the dedup activity's result. */
export const DedupResultSchema = z.object({
  articleId: z.string().min(1),
  duplicateOf: z.string().min(1).nullable(),
  similarity: z.number().min(0).max(1),
  reason: DedupReasonSchema,
  /** The group's former original when this article, published earlier but arriving later, takes its place. */
  supersedes: z.string().min(1).optional(),
  /** With `supersedes`: the former original's outlet and URL as the index kept them. */
  supersedesRef: z.object({ source: z.string(), url: z.string() }).optional(),
});
export type DedupResult = z.infer<typeof DedupResultSchema>;
