import { z } from 'zod';
import { ArticleSchema } from '../../schemas/article.ts';

// Real exports write `"url": null` and date-only `published_at` ("2022-07-18"); read them as an
// empty URL and midnight UTC rather than dead-lettering otherwise good articles. Same leniency
// as `claimwatch extract`, so a file that extracts also ingests.
function lenient(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const a = { ...(raw as Record<string, unknown>) };
  if (a.url === null) a.url = '';
  if (a.title === null) a.title = '';
  if (typeof a.published_at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(a.published_at)) a.published_at += 'T00:00:00Z';
  return a;
}

/** An article as every ingest channel (JSON lines, HTTP push) accepts it: ArticleSchema after lenient clean-up. */
export const IngestArticleSchema = z.preprocess(lenient, ArticleSchema);
