import { z } from 'zod';

// Real feeds write `"url": null` and date-only `published_at` ("2022-07-18"); read them as an
// empty URL and midnight UTC rather than rejecting otherwise good articles.
const emptyWhenNull = (v: unknown) => (v === null ? '' : v);
const midnightWhenDateOnly = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v;

/** An article as it enters claimwatch (JSON lines, HTTP push, feeds). Used by ingest, dedup and extract. */
export const ArticleSchema = z.object({
  id: z.string().min(1).max(512),
  url: z.preprocess(emptyWhenNull, z.string().max(4096).default('')),
  source: z.string().min(1).max(256),
  published_at: z.preprocess(midnightWhenDateOnly, z.iso.datetime({ offset: true })),
  title: z.preprocess(emptyWhenNull, z.string().max(4096).default('')),
  // Articles travel inside workflow payloads (2 MB limit): 1 M characters is far above any news article.
  text: z.string().max(1_000_000),
});

export type Article = z.infer<typeof ArticleSchema>;
