import { z } from 'zod';

/** An article as it enters claimwatch (JSON lines, HTTP push, feeds). Used by ingest, dedup and extract. */
export const ArticleSchema = z.object({
  id: z.string().min(1).max(512),
  url: z.string().max(4096).default(''),
  source: z.string().min(1).max(256),
  published_at: z.iso.datetime({ offset: true }),
  title: z.string().max(4096).default(''),
  text: z.string().max(5_000_000),
});

export type Article = z.infer<typeof ArticleSchema>;
